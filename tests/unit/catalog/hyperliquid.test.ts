import { describe, expect, it } from 'vitest';
import { fetchFeedMarkets } from '../../../src/catalog/fetch-feed';
import { hyperliquidCatalogSource, hyperliquidInfoPost, hyperliquidTick, parseHyperliquidPerpetuals, parseHyperliquidSpot, readHyperliquidInfoAnswer } from '../../../src/catalog/hyperliquid';
import { CATALOG_SOURCES } from '../../../src/catalog/sources';
import { SimExchange } from '../../../src/sim/exchange';
import { SIM_LISTINGS } from '../../../src/sim/listings';
import { SIM_VENUES } from '../../../src/sim/venues';
import { documented } from '../../helpers/documented';
import { FakeClock, FakeTransport } from '../worker/fakes';
import { infoAnswer, repairedInfo } from '../venues/hyperliquid-documented';

/** Hyperliquid's instrument lists: info requests posted on its socket (tests/fixtures/hyperliquid/docs, SOURCE.md). */

const metaAndAssetCtxs = (): unknown => JSON.parse(documented('hyperliquid', 'info-meta-and-asset-ctxs.json'));

/** Whether `price` is a whole number of `tick`s. */
const onGrid = (price: number, tick: number): boolean => Math.abs(price / tick - Math.round(price / tick)) < 1e-6;

describe('Hyperliquid tick: five significant figures, at most MAX_DECIMALS - szDecimals decimals, integers always', () => {
  // API / Tick and lot size: every example it gives, valid and not.
  it.each([
    ['1234.5 is valid but 1234.56 is not (too many significant figures)', 1234.5, 1234.56, 6],
    ['0.001234 is valid, but 0.0012345 is not (more than 6 decimal places)', 0.001234, 0.0012345, 6],
    ['if szDecimals = 1, 0.01234 is valid but 0.012345 is not', 0.01234, 0.012345, 6 - 1],
    ['spot: 0.0001234 is valid if szDecimals is 0 or 1', 0.0001234, 0.00012345, 8 - 1],
    ['123456 is a valid price even though 12345.6 is not', 123456, 123456.5, 6],
  ])('%s', (_said, valid, invalid, maxDecimals) => {
    const tick = hyperliquidTick(valid, maxDecimals)!;
    expect(onGrid(valid, tick)).toBe(true);
    expect(onGrid(invalid, hyperliquidTick(invalid, maxDecimals)!)).toBe(false);
  });

  it('is not fixed: it follows the price', () => {
    expect([97_123, 3_456.7, 142.35, 2.1234, 0.15678].map((p) => hyperliquidTick(p, 6))).toEqual([1, 0.1, 0.01, 0.0001, 0.00001]);
    expect(hyperliquidTick(12345.6, 6)).toBe(1);
    expect(hyperliquidTick(0.0001234, 8 - 3)).toBe(0.00001);
    expect(hyperliquidTick(0, 6)).toBeUndefined();
    expect(hyperliquidTick(Number.NaN, 6)).toBeUndefined();
  });
});

describe('Hyperliquid perpetuals: metaAndAssetCtxs', () => {
  it('reads the documented answer: each coin in USDC, the lot from szDecimals, the tick at its mark price', () => {
    expect(parseHyperliquidPerpetuals(metaAndAssetCtxs())).toEqual([
      // markPx 14.3161: 5 figures would allow 0.001, but 6 - szDecimals 5 leaves one decimal.
      { venue: 'hyperliquid', feed: 'hyperliquid', base: 'BTC', quote: 'USDC', symbol: 'BTC', kind: 'perpetual', tick: 0.1, lot: 0.00001, contractSize: 1 },
      { venue: 'hyperliquid', feed: 'hyperliquid', base: 'ETH', quote: 'USDC', symbol: 'ETH', kind: 'perpetual', tick: 0.01, lot: 0.0001, contractSize: 1 },
      { venue: 'hyperliquid', feed: 'hyperliquid', base: 'HPOS', quote: 'USDC', symbol: 'HPOS', kind: 'perpetual', tick: 0.0001, lot: 1, contractSize: 1 },
    ]);
  });

  it('leaves a delisted coin out (the meta example’s LOOM), and reads a coin with no context without a tick', () => {
    const meta = JSON.parse(documented('hyperliquid', 'info-meta.json')) as Record<string, unknown>;
    const markets = parseHyperliquidPerpetuals([meta, []]);
    expect(markets.map((m) => m.symbol)).toEqual(['BTC', 'ETH', 'HPOS']);
    expect(markets.every((m) => m.tick === undefined)).toBe(true);
  });

  it('refuses an answer that is not [meta, contexts]', () => {
    expect(() => parseHyperliquidPerpetuals({ universe: [] })).toThrow(/\[meta, contexts\]/);
    expect(() => parseHyperliquidPerpetuals([{ universe: [{ name: 'BTC', szDecimals: '5' }] }, []])).toThrow(/szDecimals/);
  });
});

describe('Hyperliquid spot: spotMetaAndAssetCtxs', () => {
  it('reads the documented answer: PURR/USDC named as the socket names it, sized in PURR', () => {
    expect(parseHyperliquidSpot(repairedInfo('info-spot-meta-and-asset-ctxs.txt'))).toEqual([
      // markPx 0.14: 5 figures allow 0.00001, and 8 - szDecimals 0 decimals do too.
      { venue: 'hyperliquid', feed: 'hyperliquid-spot', base: 'PURR', quote: 'USDC', symbol: 'PURR/USDC', kind: 'spot', tick: 0.00001, lot: 1, contractSize: 1 },
    ]);
  });

  it('names a pair by its @ index, its base by the pair’s base token (the spotMeta example’s @1, HFUN/USDC)', () => {
    const markets = parseHyperliquidSpot([repairedInfo('info-spot-meta.txt'), []]);
    expect(markets.map((m) => [m.symbol, m.base, m.quote, m.lot])).toEqual([
      ['PURR/USDC', 'PURR', 'USDC', 1],
      ['@1', 'HFUN', 'USDC', 0.01],
    ]);
  });

  it('reads Unit’s bridged coins as the coins they stand for, no other token as one of them, and no quote but USD, USDT, USDC', () => {
    const token = (name: string, index: number) => ({ name, szDecimals: 5, weiDecimals: 10, index });
    const meta = {
      tokens: [token('USDC', 0), token('UBTC', 197), token('BTC', 300), token('USDT0', 268)],
      universe: [
        { name: '@142', tokens: [197, 0], index: 142 },
        { name: '@400', tokens: [300, 0], index: 400 },
        { name: '@166', tokens: [197, 268], index: 166 },
      ],
    };
    // Contexts found by the pair they name, whatever their order.
    const contexts = [{ coin: '@166', markPx: '97100.0' }, { coin: '@400', markPx: '3.5' }, { coin: '@142', markPx: '97123.0' }];
    expect(parseHyperliquidSpot([meta, contexts])).toEqual([
      { venue: 'hyperliquid', feed: 'hyperliquid-spot', base: 'BTC', quote: 'USDC', symbol: '@142', kind: 'spot', tick: 1, lot: 0.00001, contractSize: 1 },
    ]);
  });
});

describe('Hyperliquid lists over the socket', () => {
  it('posts an info request as documented and reads only its own answer', () => {
    expect(JSON.parse(hyperliquidInfoPost('hyperliquid'))).toEqual({ method: 'post', id: 1, request: { type: 'info', payload: { type: 'metaAndAssetCtxs' } } });
    expect(JSON.parse(hyperliquidInfoPost('hyperliquid-spot'))).toMatchObject({ method: 'post', request: { type: 'info', payload: { type: 'spotMetaAndAssetCtxs' } } });
    expect(readHyperliquidInfoAnswer('{"channel":"pong"}', 'hyperliquid')).toBeUndefined();
    expect(readHyperliquidInfoAnswer(infoAnswer(2, 'spotMetaAndAssetCtxs', []), 'hyperliquid')).toBeUndefined();
    expect(readHyperliquidInfoAnswer(infoAnswer(1, 'metaAndAssetCtxs', metaAndAssetCtxs()), 'hyperliquid')).toHaveLength(3);
    const refused = JSON.stringify({ channel: 'post', data: { id: 1, response: { type: 'error', payload: '429 Too Many Requests' } } });
    expect(() => readHyperliquidInfoAnswer(refused, 'hyperliquid')).toThrow(/429 Too Many Requests/);
  });

  it('asks on the socket only: a list built without sockets has no way to ask', () => {
    const source = CATALOG_SOURCES.hyperliquid;
    expect(source.requests(source.endpoint)).toEqual([{ via: 'socket', url: 'wss://api.hyperliquid.xyz/ws', text: hyperliquidInfoPost('hyperliquid') }]);
    expect(CATALOG_SOURCES['hyperliquid-spot'].requests(source.endpoint)).toEqual([{ via: 'socket', url: 'wss://api.hyperliquid.xyz/ws', text: hyperliquidInfoPost('hyperliquid-spot') }]);
    expect(hyperliquidCatalogSource('hyperliquid').requests({ rest: 'https://api.hyperliquid.xyz' })).toEqual([]);
  });

  it.each(['hyperliquid', 'hyperliquid-spot'] as const)('%s: the simulator’s list read through the catalog fetch is its listing', async (feed) => {
    const clock = new FakeClock();
    const exchange = new SimExchange(SIM_VENUES, 1);
    exchange.tick(clock.now() + 100);
    const transport = new FakeTransport(clock, exchange, 'hyperliquid');
    const asked = fetchFeedMarkets(CATALOG_SOURCES[feed], { rest: 'http://sim', api: 'ws://sim/ws' }, { transport, clock, sockets: true, timeoutMs: 5000 });
    await transport.settle();
    expect(await asked).toEqual(SIM_LISTINGS[feed].map((l) => l.market));
  });
});
