import { describe, expect, it } from 'vitest';
import { binanceExchangeInfoRequest } from '../../../src/catalog/binance';
import { hyperliquidInfoPost } from '../../../src/catalog/hyperliquid';
import { writeBuildTimeCatalog } from '../../../src/catalog/build-time';
import { BUILD_TIME_TIMEOUT_MS, LIVE_TIMEOUT_MS, loadCatalog, type CatalogDeps } from '../../../src/catalog/load';
import type { Catalog } from '../../../src/catalog/types';
import { FEED_IDS, type FeedId, type Market } from '../../../src/venues/types';
import type { HttpAnswer } from '../../../src/worker/transport';
import { documented } from '../../helpers/documented';
import { infoAnswer, repairedInfo } from '../venues/hyperliquid-documented';
import { FakeClock } from '../worker/fakes';
import { ok, ScriptedNetwork, type ScriptedAnswer, type ScriptedSocket } from './scripted-network';

type Json = Record<string, unknown>;
const doc = (venue: Parameters<typeof documented>[0], file: string): Json => JSON.parse(documented(venue, file)) as Json;

/** Binance's documented WebSocket API answer, as the answer to the catalog's request, its BNBBTC quoted in USDT. */
function binanceAnswer(): string {
  const answer = doc('binance', 'ws-api-exchange-info.json');
  const result = answer.result as Json;
  const [symbol] = result.symbols as Json[];
  const id = (JSON.parse(binanceExchangeInfoRequest()) as Json).id;
  return JSON.stringify({ ...answer, id, result: { ...result, symbols: [{ ...symbol, symbol: 'BNBUSDT', quoteAsset: 'USDT' }] } });
}

/** Coinbase's documented product with its placeholders filled as a live spot product's, on the list's last page. */
function coinbaseAnswer(): string {
  const answer = doc('coinbase', 'public-products.json');
  const [product] = answer.products as Json[];
  return JSON.stringify({ ...answer, products: [{ ...product, status: 'online', product_type: 'SPOT', cancel_only: false, alias: '' }], pagination: { has_next: false } });
}

/**
 * Deribit documents no spot instrument: its documented BTC-PERPETUAL made the spot pair BTC_USDC, with the fields
 * the get_instruments schema says spot leaves out ("Optional (not added for spot)") left out.
 */
function deribitSpotAnswer(): string {
  const answer = doc('deribit', 'instruments-future.json');
  const { settlement_period: _period, settlement_currency: _currency, instrument_type: _type, ...perpetual } = (answer.result as Json[])[1]!;
  const pair = { ...perpetual, kind: 'spot', instrument_name: 'BTC_USDC', quote_currency: 'USDC', counter_currency: 'USDC', tick_size: 1, min_trade_amount: 0.0001 };
  return JSON.stringify({ ...answer, result: [pair] });
}

/**
 * Crypto.com documents one instrument, the perpetual BTCUSD-PERP: beside it in the one list, the spot pair BTC_USDT
 * made from it (inst_type CCY_PAIR, as the field's description names spot pairs).
 */
function cryptocomAnswer(): string {
  const answer = doc('cryptocom', 'instruments.json');
  const [perpetual] = (answer.result as Json).data as Json[];
  const pair = { ...perpetual, symbol: 'BTC_USDT', inst_type: 'CCY_PAIR', display_name: 'BTC/USDT', quote_ccy: 'USDT', price_tick_size: '0.01', expiry_timestamp_ms: 0 };
  return JSON.stringify({ ...answer, result: { data: [perpetual, pair] } });
}

/** Each feed's list as its venue documents it, by the path (and query) the catalog asks at. */
const LISTS: Readonly<Record<string, () => string>> = {
  '/api/v3/exchangeInfo': () => JSON.stringify((JSON.parse(binanceAnswer()) as Json).result),
  '/fapi/v1/exchangeInfo': () => documented('binance', 'usdm-exchange-info.json'),
  '/0/public/AssetPairs': () => documented('kraken', 'instruments-asset-pairs-xbtusd.json'),
  '/api/v3/brokerage/market/products': coinbaseAnswer,
  '/openApi/spot/v1/common/symbols': () => documented('bingx', 'spot-symbols.json'),
  '/openApi/swap/v2/quote/contracts': () => documented('bingx', 'swap-contracts.json'),
  '/api/v5/public/instruments?instType=SPOT': () => documented('okx', 'rest-instruments.json'),
  '/api/v5/public/instruments?instType=SWAP': () => documented('okx', 'instruments-swap-shape.json'),
  '/v5/market/instruments-info?category=spot': () => documented('bybit', 'instruments-spot.json'),
  '/v5/market/instruments-info?category=linear': () => documented('bybit', 'instruments-linear.json'),
  '/api/v2/spot/public/symbols': () => documented('bitget', 'rest-spot-symbols.json'),
  '/api/v2/mix/market/contracts': () => documented('bitget', 'rest-contracts.json'),
  '/api/v4/spot/currency_pairs': () => documented('gate', 'currency-pairs.json'),
  '/api/v4/futures/usdt/contracts': () => documented('gate', 'futures-contracts.json'),
  '/exchange/v1/public/get-instruments': cryptocomAnswer,
  '/v2/conf/pub:list:pair:exchange': () => documented('bitfinex', 'pairs-exchange-shape.json'),
  '/v2/conf/pub:list:pair:futures': () => documented('bitfinex', 'pairs-futures-shape.json'),
  '/api/v2/public/get_instruments?currency=any&kind=future': () => documented('deribit', 'instruments-future.json'),
  '/api/v2/public/get_instruments?currency=any&kind=spot': deribitSpotAnswer,
};

/** Hyperliquid's documented info answers, to the catalog's posts on its socket (its lists are asked for nowhere else). */
function hyperliquidAnswer(url: string, text: string): ScriptedSocket | undefined {
  if (url !== 'wss://api.hyperliquid.xyz/ws') return undefined;
  if (text === hyperliquidInfoPost('hyperliquid')) return { frames: [infoAnswer(1, 'metaAndAssetCtxs', JSON.parse(documented('hyperliquid', 'info-meta-and-asset-ctxs.json')))] };
  const spot = JSON.parse(hyperliquidInfoPost('hyperliquid-spot')) as { id: number };
  if (text === hyperliquidInfoPost('hyperliquid-spot')) return { frames: [infoAnswer(spot.id, 'spotMetaAndAssetCtxs', repairedInfo('info-spot-meta-and-asset-ctxs.txt'))] };
  return undefined;
}

/** Every venue answering with its documented list, AsterDEX's from fapi.asterdex.com; `override` scripts some URLs otherwise. */
function venues(override: (url: string) => ScriptedAnswer | undefined = () => undefined, socket?: (url: string, text: string) => ScriptedSocket | undefined): ScriptedNetwork {
  return new ScriptedNetwork(
    (url) => {
      const scripted = override(url);
      if (scripted) return scripted;
      const u = new URL(url);
      if (u.host === 'fapi.asterdex.com') return ok(documented('asterdex', 'exchange-info.json'));
      const list = LISTS[u.pathname] ?? Object.entries(LISTS).find(([key]) => `${u.pathname}${u.search}`.startsWith(key))?.[1];
      return list && ok(list());
    },
    socket ?? ((url, text) => (url === 'wss://ws-api.binance.com:443/ws-api/v3' && text === binanceExchangeInfoRequest() ? { frames: [binanceAnswer()] } : hyperliquidAnswer(url, text))),
  );
}

const BUILT_AT = 1_763_900_000_000;
const FILE_URL = 'https://example.github.io/app/catalog.json';

/** The site's catalog.json holding `feeds`' lists, fetched by a scripted page fetch that counts its calls. */
function siteFile(feeds: Partial<Record<FeedId, { fetchedAt: number; markets: readonly Market[] }>>, answer?: HttpAnswer | 'refused'): CatalogDeps['buildTime'] & { calls: number } {
  const file = { url: FILE_URL, calls: 0, fetch: async (url: string): Promise<HttpAnswer> => {
    file.calls++;
    expect(url).toBe(FILE_URL);
    if (answer === 'refused') throw new TypeError('Failed to fetch');
    return answer ?? { status: 200, body: writeBuildTimeCatalog({ builtAt: BUILT_AT, feeds }), headers: {} };
  } };
  return file;
}

const KRAKEN_FILE_MARKET: Market = { venue: 'kraken', feed: 'kraken', base: 'ETH', quote: 'USD', symbol: 'ETH/USD', kind: 'spot', tick: 0.01, lot: 0.00000001, contractSize: 1 };

function deps(transport: ScriptedNetwork, more: Omit<Partial<CatalogDeps>, 'clock'> = {}): CatalogDeps & { clock: FakeClock } {
  return { transport, clock: new FakeClock(), ...more };
}

describe('loadCatalog: live, else the site build, else built in', () => {
  it('takes every feed live from its documented list, without fetching the site file', async () => {
    const file = siteFile({});
    const d = deps(venues(), { buildTime: file });
    const catalog = await loadCatalog(d);
    expect(Object.keys(catalog).sort()).toEqual([...FEED_IDS].sort());
    for (const feed of FEED_IDS) {
      expect(catalog[feed]).toMatchObject({ feed, source: 'live', fetchedAt: d.clock.now() });
      expect(catalog[feed]?.note).toBeUndefined();
    }
    expect(catalog.kraken?.markets).toEqual([{ venue: 'kraken', feed: 'kraken', base: 'BTC', quote: 'USD', symbol: 'BTC/USD', kind: 'spot', tick: 0.1, lot: 0.00000001, contractSize: 1 }]);
    expect(catalog['okx-swap']?.markets).toMatchObject([{ symbol: 'BTC-USDT-SWAP', contractSize: 0.01 }]);
    expect(file.calls).toBe(0);
  });

  it("asks Binance spot over its WebSocket API (no CORS), not REST", async () => {
    const network = venues();
    const catalog = await loadCatalog(deps(network, { feeds: ['binance'] }));
    expect(network.sent).toEqual([{ url: 'wss://ws-api.binance.com:443/ws-api/v3', text: binanceExchangeInfoRequest() }]);
    expect(network.fetched).toEqual([]);
    expect(catalog.binance).toMatchObject({ source: 'live', markets: [{ symbol: 'BNBUSDT', tick: 0.000001, lot: 0.001 }] });
  });

  it('falls back to Binance REST when the WebSocket API drops', async () => {
    const network = venues(undefined, () => 'drops');
    const catalog = await loadCatalog(deps(network, { feeds: ['binance'] }));
    expect(network.fetched).toEqual(['https://api.binance.com/api/v3/exchangeInfo?permissions=SPOT&showPermissionSets=false']);
    expect(catalog.binance).toMatchObject({ source: 'live', markets: [{ symbol: 'BNBUSDT' }] });
  });

  it('uses the site build when the live list is refused, dated when the build fetched it, saying why', async () => {
    const network = venues((url) => (url.includes('api.kraken.com') ? 'refused' : undefined));
    const catalog = await loadCatalog(deps(network, { buildTime: siteFile({ kraken: { fetchedAt: BUILT_AT - 60_000, markets: [KRAKEN_FILE_MARKET] } }) }));
    expect(catalog.kraken).toEqual({
      feed: 'kraken',
      source: 'build',
      fetchedAt: BUILT_AT - 60_000,
      markets: [KRAKEN_FILE_MARKET],
      note: 'live list: api.kraken.com: unreachable or refused (CORS): Failed to fetch',
    });
    expect(catalog.coinbase?.source).toBe('live');
  });

  it('uses the built-in list when the live list and the site file both fail, with both reasons', async () => {
    const network = venues((url) => (url.includes('api.kraken.com') ? 'refused' : undefined));
    const catalog = await loadCatalog(deps(network, { feeds: ['kraken'], buildTime: siteFile({}, { status: 404, body: 'Not Found', headers: {} }) }));
    expect(catalog.kraken?.fetchedAt).toBeUndefined();
    expect(catalog.kraken).toMatchObject({
      source: 'built-in',
      note: "live list: api.kraken.com: unreachable or refused (CORS): Failed to fetch; site's catalog: HTTP 404 (not found)",
    });
    expect(catalog.kraken?.markets.map((m) => m.symbol)).toContain('BTC/USD');
  });

  it('never passes on a live answer it cannot read: an HTML page, a 429, a refusal in JSON, a list of nothing it converts', async () => {
    const answers: Partial<Record<FeedId, [ScriptedAnswer, RegExp]>> = {
      kraken: [ok('<!DOCTYPE html><html><title>Just a moment...</title></html>'), /an HTML page, not JSON/],
      coinbase: [{ status: 429, body: '{"error":"RATE_LIMIT_EXCEEDED"}' }, /HTTP 429 \(rate-limited\)/],
      okx: [ok('{"code":"50011","msg":"Too Many Requests","data":[]}'), /50011 Too Many Requests/],
      'bingx-swap': [ok('{"code":0,"msg":"","data":[]}'), /holds no market in USD, USDT or USDC/],
      'binance-usdm': [ok('{"symbols": [{"symbol": "BTCUSDT"'), /not a JSON object/],
    };
    const hosts: Partial<Record<FeedId, string>> = { kraken: 'api.kraken.com', coinbase: 'api.coinbase.com', okx: 'instType=SPOT', 'bingx-swap': 'swap/v2', 'binance-usdm': 'fapi.binance.com' };
    const network = venues((url) => (Object.keys(answers) as FeedId[]).map((f) => (url.includes(hosts[f]!) ? answers[f]![0] : undefined)).find(Boolean));
    const catalog = await loadCatalog(deps(network, { buildTime: siteFile({ kraken: { fetchedAt: BUILT_AT, markets: [KRAKEN_FILE_MARKET] } }) }));
    for (const [feed, [, reason]] of Object.entries(answers) as [FeedId, [ScriptedAnswer, RegExp]][]) {
      expect(catalog[feed]?.source).toBe(feed === 'kraken' ? 'build' : 'built-in');
      expect(catalog[feed]?.note).toMatch(reason);
    }
    expect(catalog.bybit?.source).toBe('live');
  });

  it('fetches the site file once for every feed that needs it, and says when it lacks a feed or holds a bad list', async () => {
    const file = siteFile({ kraken: { fetchedAt: BUILT_AT, markets: [{ ...KRAKEN_FILE_MARKET, feed: 'coinbase' as FeedId }] } });
    const catalog = await loadCatalog(deps(venues(() => 'refused', () => 'drops'), { buildTime: file }));
    expect(file.calls).toBe(1);
    expect(catalog.kraken).toMatchObject({ source: 'built-in', note: expect.stringContaining("site's catalog: feeds.kraken.markets[0] is not a market of kraken") });
    expect(catalog.okx).toMatchObject({ source: 'built-in', note: expect.stringContaining("site's catalog: the build could not fetch this feed") });
    expect(catalog.binance?.note).toMatch(/^live list: ws-api\.binance\.com: socket closed before the answer \(1006\); api\.binance\.com: unreachable or refused/);
  });

  it('gives up on a venue, then a site file, that never answer, each at its deadline; the others loaded live meanwhile', async () => {
    const network = venues((url) => (url.includes('api.coinbase.com') ? 'hangs' : undefined));
    const d = deps(network, { feeds: ['coinbase', 'kraken'], buildTime: { url: FILE_URL, fetch: () => new Promise(() => {}) } });
    let catalog: Catalog | undefined;
    const loading = loadCatalog(d).then((c) => (catalog = c));
    const settle = async (): Promise<void> => {
      for (let i = 0; i < 50; i++) await Promise.resolve();
    };
    await settle();
    d.clock.advance(LIVE_TIMEOUT_MS - 1);
    await settle();
    expect(catalog).toBeUndefined();
    d.clock.advance(1);
    await settle();
    d.clock.advance(BUILD_TIME_TIMEOUT_MS - 1);
    await settle();
    expect(catalog).toBeUndefined();
    d.clock.advance(1);
    await loading;
    expect(catalog?.kraken?.source).toBe('live');
    expect(catalog?.coinbase).toMatchObject({ source: 'built-in', note: "live list: no full list in 10 s; site's catalog: no answer in 5 s" });
  });

  it("reads Bybit linear's every page through its cursor", async () => {
    const page = (symbol: string, cursor: string): string => {
      const answer = doc('bybit', 'instruments-linear.json');
      const result = answer.result as Json;
      const [instrument] = result.list as Json[];
      return JSON.stringify({ ...answer, result: { ...result, list: [{ ...instrument, symbol, baseCoin: symbol.replace('USDT', '') }], nextPageCursor: cursor } });
    };
    const network = venues((url) => (url.endsWith('&cursor=p2') ? ok(page('ETHUSDT', '')) : url.includes('category=linear') ? ok(page('BTCUSDT', 'p2')) : undefined));
    const catalog = await loadCatalog(deps(network, { feeds: ['bybit-linear'] }));
    expect(network.fetched).toEqual(['https://api.bybit.com/v5/market/instruments-info?category=linear&limit=1000', 'https://api.bybit.com/v5/market/instruments-info?category=linear&limit=1000&cursor=p2']);
    expect(catalog['bybit-linear']?.markets.map((m) => m.symbol)).toEqual(['BTCUSDT', 'ETHUSDT']);
  });

  it("asks at the endpoints it is given in place of the venue's (the loopback simulator)", async () => {
    const network = venues((url) => (url.startsWith('http://127.0.0.1:8790/kraken/') ? ok(documented('kraken', 'instruments-asset-pairs-xbtusd.json')) : undefined));
    const catalog = await loadCatalog(deps(network, { feeds: ['kraken'], endpoints: { kraken: { rest: 'http://127.0.0.1:8790/kraken' } } }));
    expect(network.fetched).toEqual(['http://127.0.0.1:8790/kraken/0/public/AssetPairs']);
    expect(catalog.kraken?.source).toBe('live');
  });
});
