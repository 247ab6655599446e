import { describe, expect, it } from 'vitest';
import { marketIn, marketOf } from '../../../src/catalog/types';
import { SimExchange } from '../../../src/sim/exchange';
import { simHostOf } from '../../../src/sim/hosts';
import { simCatalog } from '../../../src/sim/listings';
import type { SimMarket } from '../../../src/sim/market';
import { SIM_VENUES } from '../../../src/sim/venues';
import { FEED_IDS, type FeedId } from '../../../src/venues/types';

type Json = Record<string, unknown>;

/** A market as an instrument endpoint describes it: price tick, size step, and base units per size unit. */
interface Described {
  readonly tick: number;
  readonly lot: number;
  readonly contractSize: number;
}

const T0 = 1_764_000_000_000;
const exchange = new SimExchange(SIM_VENUES, 2);
for (let k = 1; k <= 30; k++) exchange.tick(T0 + k * 100);

function get(feed: FeedId, path: string, query = ''): Json {
  const answer = exchange.rest(simHostOf(feed), path, new URLSearchParams(query));
  expect(answer.status, `${feed} ${path}`).toBe(200);
  return JSON.parse(answer.body) as Json;
}

const filter = (s: Json, type: string): Json => (s.filters as Json[]).find((f) => f.filterType === type)!;
const binanceStyle = (body: Json): Map<string, Described> =>
  new Map((body.symbols as Json[]).map((s) => [String(s.symbol), { tick: Number(filter(s, 'PRICE_FILTER').tickSize), lot: Number(filter(s, 'LOT_SIZE').stepSize), contractSize: 1 }]));

/** Kraken's REST names for Bitcoin and Dogecoin; WebSocket v2 (and the catalog) call them BTC and DOGE. */
const KRAKEN_V2: Record<string, string> = { XBT: 'BTC', XDG: 'DOGE' };

/**
 * Each feed's instrument list as its venue documents the fields (read here from the documented field names, not by
 * the app's catalog readers): what it says of every market, by the market's name on the venue's socket.
 */
const DESCRIBE: Record<FeedId, () => Map<string, Described>> = {
  binance: () => binanceStyle(get('binance', '/api/v3/exchangeInfo')),
  'binance-usdm': () => binanceStyle(get('binance-usdm', '/fapi/v1/exchangeInfo')),
  asterdex: () => binanceStyle(get('asterdex', '/fapi/v1/exchangeInfo')),
  kraken: () =>
    new Map(
      Object.values(get('kraken', '/0/public/AssetPairs').result as Record<string, Json>).map((p) => {
        const [base, quote] = String(p.wsname).split('/') as [string, string];
        return [`${KRAKEN_V2[base] ?? base}/${quote}`, { tick: Number(p.tick_size), lot: decimalsStep(p.lot_decimals), contractSize: 1 }];
      }),
    ),
  coinbase: () => new Map((get('coinbase', '/api/v3/brokerage/market/products').products as Json[]).map((p) => [String(p.product_id), { tick: Number(p.quote_increment), lot: Number(p.base_increment), contractSize: 1 }])),
  okx: () => new Map((get('okx', '/api/v5/public/instruments', 'instType=SPOT').data as Json[]).map((i) => [String(i.instId), { tick: Number(i.tickSz), lot: Number(i.lotSz), contractSize: 1 }])),
  'okx-swap': () => new Map((get('okx-swap', '/api/v5/public/instruments', 'instType=SWAP').data as Json[]).map((i) => [String(i.instId), { tick: Number(i.tickSz), lot: Number(i.lotSz), contractSize: Number(i.ctVal) }])),
  bybit: () =>
    new Map((((get('bybit', '/v5/market/instruments-info', 'category=spot').result as Json).list as Json[]).map((i) => [String(i.symbol), { tick: Number((i.priceFilter as Json).tickSize), lot: Number((i.lotSizeFilter as Json).basePrecision), contractSize: 1 }]))),
  'bybit-linear': () =>
    new Map((((get('bybit-linear', '/v5/market/instruments-info', 'category=linear').result as Json).list as Json[]).map((i) => [String(i.symbol), { tick: Number((i.priceFilter as Json).tickSize), lot: Number((i.lotSizeFilter as Json).qtyStep), contractSize: 1 }]))),
  bingx: () => new Map((((get('bingx', '/openApi/spot/v1/common/symbols').data as Json).symbols as Json[]).map((s) => [String(s.symbol), { tick: Number(s.tickSize), lot: Number(s.stepSize), contractSize: 1 }]))),
  'bingx-swap': () => new Map((get('bingx-swap', '/openApi/swap/v2/quote/contracts').data as Json[]).map((c) => [String(c.symbol), { tick: decimalsStep(c.pricePrecision), lot: decimalsStep(c.quantityPrecision), contractSize: 1 }])),
};

/** Whether `value` is a whole number of `step`s, to the precision of a double. */
const onGrid = (value: number, step: number): boolean => Math.abs(Math.round(value / step) * step - value) <= 1e-9 * Math.max(1, value);

/** The step of a count of decimals, as the venues' own "0.0001" parses: 4 → 0.0001. */
const decimalsStep = (decimals: unknown): number => Number(`1e-${Number(decimals)}`);

function levels(book: SimMarket): [number, number][] {
  return [...book.book.bids.top(Infinity), ...book.book.asks.top(Infinity)];
}

describe("the simulator's listings", () => {
  it('every feed lists the large bases, PEPE where the venue lists it by that name, and the stablecoin rate books', () => {
    const catalog = simCatalog();
    for (const feed of FEED_IDS) for (const base of ['BTC', 'ETH', 'SOL', 'XRP', 'DOGE']) expect(marketOf(catalog, feed, base), `${feed} ${base}`).toBeDefined();
    expect(FEED_IDS.filter((feed) => marketOf(catalog, feed, 'PEPE')).sort()).toEqual(['binance', 'bingx', 'bybit', 'kraken', 'okx', 'okx-swap']);
    expect(marketIn(catalog, 'kraken', 'USDT', 'USD')?.symbol).toBe('USDT/USD');
    expect(marketIn(catalog, 'kraken', 'USDC', 'USD')?.symbol).toBe('USDC/USD');
    expect(marketIn(catalog, 'coinbase', 'USDT', 'USD')?.symbol).toBe('USDT-USD');
    expect(marketIn(catalog, 'binance', 'USDC', 'USDT')?.symbol).toBe('USDCUSDT');
    expect(marketIn(catalog, 'okx', 'USDC', 'USDT')?.symbol).toBe('USDC-USDT');
    expect(marketOf(catalog, 'okx-swap', 'BTC')).toMatchObject({ symbol: 'BTC-USDT-SWAP', kind: 'perpetual', contractSize: 0.01 });
    expect(marketOf(catalog, 'kraken', 'BTC')).toMatchObject({ symbol: 'BTC/USD', quote: 'USD', tick: 0.1 });
    expect(marketOf(catalog, 'binance', 'BTC')).toMatchObject({ symbol: 'BTCUSDT', quote: 'USDT', tick: 0.01 });
  });

  for (const feed of FEED_IDS) {
    it(`${feed}: its instrument endpoint lists exactly its markets, with the tick, step and contract size its books keep to`, () => {
      const described = DESCRIBE[feed]();
      const listed = exchange.listings(feed).map((l) => l.market);
      expect([...described.keys()].sort()).toEqual(listed.map((m) => m.symbol).sort());
      for (const market of listed) {
        const d = described.get(market.symbol)!;
        expect(d, market.symbol).toEqual({ tick: market.tick, lot: market.lot, contractSize: market.contractSize });
        const book = exchange.market(feed, market.symbol)!;
        for (const [price, size] of levels(book)) {
          expect(onGrid(price, d.tick), `${market.symbol} price ${price}`).toBe(true);
          expect(onGrid(size, d.lot), `${market.symbol} size ${size}`).toBe(true);
        }
      }
    });
  }

  it('OKX SWAP books count contracts of ctVal, like sized in base units to the spot books', () => {
    const median = (xs: number[]): number => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const sizes = (feed: FeedId, symbol: string): number[] => levels(exchange.market(feed, symbol)!).map(([, size]) => size);
    const contracts = median(sizes('okx-swap', 'BTC-USDT-SWAP'));
    const spotBtc = median(sizes('okx', 'BTC-USDT'));
    // Contracts of 0.01 BTC: a level of a few tenths of a bitcoin is tens of contracts.
    expect(contracts).toBeGreaterThan(5);
    expect(spotBtc).toBeLessThan(1);
    const inBase = contracts * DESCRIBE['okx-swap']().get('BTC-USDT-SWAP')!.contractSize;
    expect(inBase / spotBtc).toBeGreaterThan(0.3);
    expect(inBase / spotBtc).toBeLessThan(10);
  });
});
