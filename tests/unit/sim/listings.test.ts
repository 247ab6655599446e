import { describe, expect, it } from 'vitest';
import { marketIn, marketOf } from '../../../src/catalog/types';
import { SimExchange } from '../../../src/sim/exchange';
import { simHostOf } from '../../../src/sim/hosts';
import { simCatalog } from '../../../src/sim/listings';
import type { SimMarket } from '../../../src/sim/market';
import { SIM_VENUES } from '../../../src/sim/venues';
import { FEED_IDS, type FeedId } from '../../../src/venues/types';

type Json = Record<string, unknown>;

/**
 * A market as an instrument endpoint describes it: price tick, size step, and base units per size unit. Undefined
 * steps where the list states none (Bitfinex's lists name the pairs alone; its prices keep five significant digits).
 */
interface Described {
  readonly tick: number | undefined;
  readonly lot: number | undefined;
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

/**
 * Deribit's get_instruments: `tick_size`; amounts in steps of `contract_size` on an inverse ("reversed") perpetual,
 * whose amounts count USD, one dollar a unit ("For perpetual and inverse futures the amount is in USD units"), else
 * in steps of `min_trade_amount` of the base coin.
 */
const deribitStyle = (feed: FeedId, kind: string): Map<string, Described> =>
  new Map(
    (get(feed, '/api/v2/public/get_instruments', `currency=any&kind=${kind}`).result as Json[]).map((i) => [
      String(i.instrument_name),
      { tick: Number(i.tick_size), lot: Number(i.instrument_type === 'reversed' ? i.contract_size : i.min_trade_amount), contractSize: 1 },
    ]),
  );

/** Crypto.com's one list of every instrument: each feed's `inst_type` alone, `price_tick_size` and `qty_tick_size` (base units). */
const cryptocomStyle = (feed: FeedId, instType: string): Map<string, Described> =>
  new Map(
    ((get(feed, '/exchange/v1/public/get-instruments').result as Json).data as Json[])
      .filter((i) => i.inst_type === instType)
      .map((i) => [String(i.symbol), { tick: Number(i.price_tick_size), lot: Number(i.qty_tick_size), contractSize: 1 }]),
  );

/** Kraken's REST names for Bitcoin and Dogecoin; WebSocket v2 (and the catalog) call them BTC and DOGE. */
const KRAKEN_V2: Record<string, string> = { XBT: 'BTC', XDG: 'DOGE' };

/**
 * Each feed's instrument list as its venue documents the fields (read here from the documented field names, not by
 * the app's catalog readers): what it says of every market, by the market's name on the venue's socket.
 */
/** Hyperliquid's lists are info requests posted on its socket (API / Websocket / Post requests): the answer's data. */
function hyperliquidInfo(type: string): unknown {
  const sent: string[] = [];
  const conn = exchange.connect('hyperliquid', '/ws', (text) => sent.push(text))!;
  conn.receive(JSON.stringify({ method: 'post', id: 1, request: { type: 'info', payload: { type } } }), T0);
  return (JSON.parse(sent[0]!) as { data: { response: { payload: { data: unknown } } } }).data.response.payload.data;
}

/** Hyperliquid's price step at `price` (API / Tick and lot size): 5 significant figures, at most `maxDecimals` decimals, integers always. */
const fiveFigures = (price: number, maxDecimals: number): number => Number(`1e${Math.min(0, Math.max(Math.floor(Math.log10(price)) - 4, -maxDecimals))}`);

/** Bitfinex's pair lists, `[["BTCUSD", ...]]`: the trading symbol is the pair with a "t"; amounts in the base. */
const bitfinexStyle = (feed: FeedId, list: string): Map<string, Described> =>
  new Map((get(feed, `/v2/conf/pub:list:pair:${list}`) as unknown as string[][])[0]!.map((pair) => [`t${pair}`, { tick: undefined, lot: undefined, contractSize: 1 }]));

const DESCRIBE: Record<FeedId, () => Map<string, Described>> = {
  bitfinex: () => bitfinexStyle('bitfinex', 'exchange'),
  'bitfinex-perp': () => bitfinexStyle('bitfinex-perp', 'futures'),
  binance: () => binanceStyle(get('binance', '/api/v3/exchangeInfo')),
  'binance-usdm': () => binanceStyle(get('binance-usdm', '/fapi/v1/exchangeInfo')),
  asterdex: () => binanceStyle(get('asterdex', '/fapi/v1/exchangeInfo')),
  // Gate answers a list at the top level; futures sizes are contracts of quanto_multiplier, whole ones (order_size_min 1).
  gate: () => new Map((get('gate', '/api/v4/spot/currency_pairs') as unknown as Json[]).map((p) => [String(p.id), { tick: decimalsStep(p.precision), lot: decimalsStep(p.amount_precision), contractSize: 1 }])),
  'gate-futures': () =>
    new Map((get('gate-futures', '/api/v4/futures/usdt/contracts') as unknown as Json[]).map((c) => [String(c.name), { tick: Number(c.order_price_round), lot: Number(c.order_size_min), contractSize: Number(c.quanto_multiplier) }])),
  deribit: () => deribitStyle('deribit', 'future'),
  'deribit-spot': () => deribitStyle('deribit-spot', 'spot'),
  cryptocom: () => cryptocomStyle('cryptocom', 'CCY_PAIR'),
  'cryptocom-perp': () => cryptocomStyle('cryptocom-perp', 'PERPETUAL_SWAP'),
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
  bitget: () => new Map((get('bitget', '/api/v2/spot/public/symbols').data as Json[]).map((s) => [String(s.symbol), { tick: decimalsStep(s.pricePrecision), lot: decimalsStep(s.quantityPrecision), contractSize: 1 }])),
  'bitget-futures': () =>
    new Map((get('bitget-futures', '/api/v2/mix/market/contracts', 'productType=USDT-FUTURES').data as Json[]).map((c) => [String(c.symbol), { tick: Number(c.priceEndStep) * decimalsStep(c.pricePlace), lot: Number(c.sizeMultiplier), contractSize: 1 }])),
  hyperliquid: () => {
    const [meta, contexts] = hyperliquidInfo('metaAndAssetCtxs') as [{ universe: Json[] }, Json[]];
    return new Map(meta.universe.map((a, k) => [String(a.name), { tick: fiveFigures(Number(contexts[k]!.markPx), 6 - Number(a.szDecimals)), lot: decimalsStep(a.szDecimals), contractSize: 1 }]));
  },
  'hyperliquid-spot': () => {
    const [meta, contexts] = hyperliquidInfo('spotMetaAndAssetCtxs') as [{ tokens: Json[]; universe: Json[] }, Json[]];
    const szDecimals = (pair: Json): number => Number(meta.tokens.find((t) => t.index === (pair.tokens as unknown[])[0])!.szDecimals);
    return new Map(meta.universe.map((p, k) => [String(p.name), { tick: fiveFigures(Number(contexts[k]!.markPx), 8 - szDecimals(p)), lot: decimalsStep(szDecimals(p)), contractSize: 1 }]));
  },
};

/** Whether `value` is a whole number of `step`s, to the precision of a double. */
const onGrid = (value: number, step: number): boolean => Math.abs(Math.round(value / step) * step - value) <= 1e-9 * Math.max(1, value);

/** Significant digits of a price as JavaScript prints it: 91234 has 5, 0.00012345 has 5. */
const significantDigits = (value: number): number => String(value).replace('.', '').replace(/^0+/, '').replace(/0+$/, '').length;

/** The step of a count of decimals, as the venues' own "0.0001" parses: 4 → 0.0001. */
const decimalsStep = (decimals: unknown): number => Number(`1e-${Number(decimals)}`);

function levels(book: SimMarket): [number, number][] {
  return [...book.book.bids.top(Infinity), ...book.book.asks.top(Infinity)];
}

describe("the simulator's listings", () => {
  it('every feed lists the large bases, PEPE where the venue lists it by that name, and the stablecoin rate books', () => {
    const catalog = simCatalog();
    // Deribit's and Hyperliquid's spot sides list BTC and ETH of the large bases only.
    for (const feed of FEED_IDS) {
      const bases = feed === 'deribit-spot' || feed === 'hyperliquid-spot' ? ['BTC', 'ETH'] : ['BTC', 'ETH', 'SOL', 'XRP', 'DOGE'];
      for (const base of bases) expect(marketOf(catalog, feed, base), `${feed} ${base}`).toBeDefined();
    }
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
          expect(d.tick === undefined ? significantDigits(price) <= 5 : onGrid(price, d.tick), `${market.symbol} price ${price}`).toBe(true);
          if (d.lot !== undefined) expect(onGrid(size, d.lot), `${market.symbol} size ${size}`).toBe(true);
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
