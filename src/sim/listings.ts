import type { Catalog } from '../catalog/types';
import { FEEDS, FEED_IDS, type FeedId, type Market, type Quote } from '../venues/types';
import type { SimMarketSpec } from './market';
import { specOf } from './profiles';
import type { SimFeedMarkets } from './types';

/** One market a simulated feed lists: what the venue's instrument endpoint says of it, and the book behind it. */
export interface SimListing {
  readonly market: Market;
  readonly spec: SimMarketSpec;
}

/**
 * A listed market as the tables below give it: base, quote, price tick, size step (in contracts where counted), and
 * 'inverse' where sizes count the quote.
 */
type Row = readonly [base: string, quote: Quote, tick: number, lot: number, contractSize?: number, inverse?: 'inverse'];

/** How each feed spells a market: BTCUSDT, BTC/USD, BTC-USD, BTC-USDT, BTC-USDT-SWAP. */
const SYMBOLS: Readonly<Record<FeedId, (base: string, quote: Quote) => string>> = {
  binance: (b, q) => `${b}${q}`,
  'binance-usdm': (b, q) => `${b}${q}`,
  kraken: (b, q) => `${b}/${q}`,
  coinbase: (b, q) => `${b}-${q}`,
  bingx: (b, q) => `${b}-${q}`,
  'bingx-swap': (b, q) => `${b}-${q}`,
  okx: (b, q) => `${b}-${q}`,
  'okx-swap': (b, q) => `${b}-${q}-SWAP`,
  bybit: (b, q) => `${b}${q}`,
  'bybit-linear': (b, q) => `${b}${q}`,
  asterdex: (b, q) => `${b}${q}`,
  bitget: (b, q) => `${b}${q}`,
  'bitget-futures': (b, q) => `${b}${q}`,
  gate: (b, q) => `${b}_${q}`,
  'gate-futures': (b, q) => `${b}_${q}`,
  // Bitfinex puts a colon between codes longer than three letters (tDOGE:USD) and calls USDt UST.
  bitfinex: (b, q) => `t${b}${b.length > 3 ? ':' : ''}${q === 'USDT' ? 'UST' : q}`,
  'bitfinex-perp': (b) => `t${b}F0:USTF0`,
  deribit: (b, q) => (q === 'USD' ? `${b}-PERPETUAL` : `${b}_${q}-PERPETUAL`),
  'deribit-spot': (b, q) => `${b}_${q}`,
  cryptocom: (b, q) => `${b}_${q}`,
  'cryptocom-perp': (b, q) => `${b}${q}-PERP`,
  hyperliquid: (b) => b,
  // A spot pair's socket name is its index: Unit's bridged UBTC/USDC is @142, UETH/USDC @151.
  'hyperliquid-spot': (b) => ({ BTC: '@142', ETH: '@151' })[b] ?? `@${b}`,
};

/**
 * What each simulated feed lists, with the venues' own ticks and steps as their instrument endpoints give them
 * (Kraken BTC/USD 0.1, Binance BTCUSDT 0.01, Bybit's and OKX's BTCUSDT 0.1; OKX SWAP sizes in contracts of ctVal:
 * 0.01 BTC, 0.1 ETH, 1 SOL, 100 XRP, 1000 DOGE, 10M PEPE), and the stablecoin books the rates are read from:
 * Kraken USDT/USD and USDC/USD, Coinbase USDT-USD, Binance USDCUSDT, OKX USDC-USDT. The small cap (PEPE) is listed
 * where the venue lists it under that name; the perpetual venues list it as 1000PEPE, a base of its own, left out.
 */
const ROWS: Readonly<Record<FeedId, readonly Row[]>> = {
  binance: [
    ['BTC', 'USDT', 0.01, 0.00001],
    ['ETH', 'USDT', 0.01, 0.0001],
    ['SOL', 'USDT', 0.01, 0.001],
    ['XRP', 'USDT', 0.0001, 0.1],
    ['DOGE', 'USDT', 0.00001, 1],
    ['PEPE', 'USDT', 0.00000001, 1],
    ['USDC', 'USDT', 0.0001, 1],
  ],
  'binance-usdm': [
    ['BTC', 'USDT', 0.1, 0.001],
    ['ETH', 'USDT', 0.01, 0.001],
    ['SOL', 'USDT', 0.01, 0.01],
    ['XRP', 'USDT', 0.0001, 0.1],
    ['DOGE', 'USDT', 0.00001, 1],
  ],
  kraken: [
    ['BTC', 'USD', 0.1, 0.00000001],
    ['ETH', 'USD', 0.01, 0.00000001],
    ['SOL', 'USD', 0.01, 0.00000001],
    ['XRP', 'USD', 0.00001, 0.00000001],
    ['DOGE', 'USD', 0.0000001, 0.00000001],
    ['PEPE', 'USD', 0.000000001, 1],
    ['USDT', 'USD', 0.00001, 0.00000001],
    ['USDC', 'USD', 0.0001, 0.00000001],
  ],
  coinbase: [
    ['BTC', 'USD', 0.01, 0.00000001],
    ['ETH', 'USD', 0.01, 0.00000001],
    ['SOL', 'USD', 0.01, 0.00000001],
    ['XRP', 'USD', 0.0001, 0.000001],
    ['DOGE', 'USD', 0.00001, 0.1],
    ['USDT', 'USD', 0.00001, 0.01],
  ],
  bingx: [
    ['BTC', 'USDT', 0.01, 0.00001],
    ['ETH', 'USDT', 0.01, 0.0001],
    ['SOL', 'USDT', 0.01, 0.001],
    ['XRP', 'USDT', 0.0001, 0.1],
    ['DOGE', 'USDT', 0.00001, 1],
    ['PEPE', 'USDT', 0.00000001, 1],
  ],
  'bingx-swap': [
    ['BTC', 'USDT', 0.1, 0.0001],
    ['ETH', 'USDT', 0.01, 0.01],
    ['SOL', 'USDT', 0.01, 0.1],
    ['XRP', 'USDT', 0.0001, 1],
    ['DOGE', 'USDT', 0.00001, 1],
  ],
  okx: [
    ['BTC', 'USDT', 0.1, 0.00000001],
    ['ETH', 'USDT', 0.01, 0.000001],
    ['SOL', 'USDT', 0.01, 0.000001],
    ['XRP', 'USDT', 0.0001, 0.000001],
    ['DOGE', 'USDT', 0.00001, 0.000001],
    ['PEPE', 'USDT', 0.000000001, 1],
    ['USDC', 'USDT', 0.0001, 0.000001],
  ],
  'okx-swap': [
    ['BTC', 'USDT', 0.1, 0.01, 0.01],
    ['ETH', 'USDT', 0.01, 0.01, 0.1],
    ['SOL', 'USDT', 0.01, 0.01, 1],
    ['XRP', 'USDT', 0.0001, 0.01, 100],
    ['DOGE', 'USDT', 0.00001, 0.01, 1000],
    ['PEPE', 'USDT', 0.000000001, 0.1, 10_000_000],
  ],
  bybit: [
    ['BTC', 'USDT', 0.1, 0.000001],
    ['ETH', 'USDT', 0.01, 0.00001],
    ['SOL', 'USDT', 0.01, 0.001],
    ['XRP', 'USDT', 0.0001, 0.01],
    ['DOGE', 'USDT', 0.00001, 0.1],
    ['PEPE', 'USDT', 0.00000001, 1],
  ],
  'bybit-linear': [
    ['BTC', 'USDT', 0.1, 0.001],
    ['ETH', 'USDT', 0.01, 0.01],
    ['SOL', 'USDT', 0.01, 0.1],
    ['XRP', 'USDT', 0.0001, 1],
    ['DOGE', 'USDT', 0.00001, 1],
  ],
  asterdex: [
    ['BTC', 'USDT', 0.1, 0.001],
    ['ETH', 'USDT', 0.01, 0.001],
    ['SOL', 'USDT', 0.01, 0.01],
    ['XRP', 'USDT', 0.0001, 0.1],
    ['DOGE', 'USDT', 0.00001, 1],
  ],
  bitget: [
    ['BTC', 'USDT', 0.01, 0.000001],
    ['ETH', 'USDT', 0.01, 0.0001],
    ['SOL', 'USDT', 0.001, 0.001],
    ['XRP', 'USDT', 0.0001, 0.01],
    ['DOGE', 'USDT', 0.00001, 0.1],
  ],
  'bitget-futures': [
    ['BTC', 'USDT', 0.1, 0.0001],
    ['ETH', 'USDT', 0.01, 0.01],
    ['SOL', 'USDT', 0.001, 0.1],
    ['XRP', 'USDT', 0.0001, 1],
    ['DOGE', 'USDT', 0.00001, 1],
  ],
  gate: [
    ['BTC', 'USDT', 0.1, 0.000001],
    ['ETH', 'USDT', 0.01, 0.0001],
    ['SOL', 'USDT', 0.01, 0.001],
    ['XRP', 'USDT', 0.0001, 0.01],
    ['DOGE', 'USDT', 0.00001, 1],
  ],
  'gate-futures': [
    ['BTC', 'USDT', 0.1, 1, 0.0001],
    ['ETH', 'USDT', 0.01, 1, 0.01],
    ['SOL', 'USDT', 0.001, 1, 1],
    ['XRP', 'USDT', 0.0001, 1, 10],
    ['DOGE', 'USDT', 0.00001, 1, 10],
  ],
  bitfinex: [
    ['BTC', 'USD', 1, 0.00001],
    ['ETH', 'USD', 0.1, 0.0001],
    ['SOL', 'USD', 0.01, 0.001],
    ['XRP', 'USD', 0.0001, 1],
    ['DOGE', 'USD', 0.00001, 1],
  ],
  'bitfinex-perp': [
    ['BTC', 'USDT', 1, 0.00001],
    ['ETH', 'USDT', 0.1, 0.0001],
    ['SOL', 'USDT', 0.01, 0.001],
    ['XRP', 'USDT', 0.0001, 1],
    ['DOGE', 'USDT', 0.00001, 1],
  ],
  // Inverse: amounts in USD, in contracts of 10 USD (BTC-PERPETUAL, Deribit's instruments example) and 1 USD (ETH);
  // the other bases as linear USDC perpetuals (SOL_USDC-PERPETUAL, ...), amounts in the base coin.
  deribit: [
    ['BTC', 'USD', 0.5, 10, 1, 'inverse'],
    ['ETH', 'USD', 0.05, 1, 1, 'inverse'],
    ['SOL', 'USDC', 0.01, 0.1],
    ['XRP', 'USDC', 0.0001, 1],
    ['DOGE', 'USDC', 0.00001, 10],
  ],
  'deribit-spot': [
    ['BTC', 'USDC', 1, 0.0001],
    ['ETH', 'USDC', 0.1, 0.001],
  ],
  cryptocom: [
    ['BTC', 'USDT', 0.01, 0.00001],
    ['ETH', 'USDT', 0.01, 0.0001],
    ['SOL', 'USDT', 0.001, 0.001],
    ['XRP', 'USDT', 0.0001, 0.1],
    ['DOGE', 'USDT', 0.00001, 1],
  ],
  'cryptocom-perp': [
    ['BTC', 'USD', 0.1, 0.0001],
    ['ETH', 'USD', 0.01, 0.001],
    ['SOL', 'USD', 0.001, 0.01],
    ['XRP', 'USD', 0.0001, 1],
    ['DOGE', 'USD', 0.00001, 1],
  ],
  hyperliquid: [
    ['BTC', 'USDC', 1, 0.00001],
    ['ETH', 'USDC', 0.1, 0.0001],
    ['SOL', 'USDC', 0.01, 0.01],
    ['XRP', 'USDC', 0.0001, 1],
    ['DOGE', 'USDC', 0.00001, 1],
  ],
  'hyperliquid-spot': [
    ['BTC', 'USDC', 1, 0.00001],
    ['ETH', 'USDC', 0.1, 0.0001],
  ],
};

/**
 * Feeds whose instrument list states no price tick or size step (Bitfinex lists pair names alone; its prices keep
 * five significant digits): their markets carry neither, as the catalog reads them, while their books keep the row's.
 */
const UNSTATED_STEPS: ReadonlySet<FeedId> = new Set(['bitfinex', 'bitfinex-perp']);

function listing(feed: FeedId, [base, quote, tick, lot, contractSize = 1, inverse]: Row): SimListing {
  const { venue, kind } = FEEDS[feed];
  const steps = UNSTATED_STEPS.has(feed) ? { tick: undefined, lot: undefined } : { tick, lot };
  const market: Market = { venue, feed, base, quote, symbol: SYMBOLS[feed](base, quote), kind, ...steps, contractSize, ...(inverse ? { inverse: true as const } : {}) };
  return { market, spec: specOf(market, tick, lot) };
}

/** Every simulated feed's markets, in the order of the tables above. */
export const SIM_LISTINGS: Readonly<Record<FeedId, readonly SimListing[]>> = Object.fromEntries(
  FEED_IDS.map((feed) => [feed, ROWS[feed].map((row) => listing(feed, row))]),
) as Record<string, readonly SimListing[]> as Record<FeedId, readonly SimListing[]>;

/** A feed's listing of one market by the venue's own name for it. */
export function simListing(feed: FeedId, symbol: string): SimListing | undefined {
  return SIM_LISTINGS[feed].find((l) => l.market.symbol === symbol);
}

/**
 * The simulator's markets as a catalog, as its instrument endpoints list them: what a test (or a caller with no
 * endpoint to ask) picks a simulated market from, with `marketOf`/`marketIn` (src/catalog/types.ts).
 */
export function simCatalog(): Catalog {
  return Object.fromEntries(FEED_IDS.map((feed) => [feed, { feed, source: 'built-in', markets: SIM_LISTINGS[feed].map((l) => l.market) }]));
}

/** The markets of `feed` a simulated host has books for, as its instrument endpoint lists them. */
export function listedMarkets(feed: FeedId, markets: SimFeedMarkets): Market[] {
  const books = markets.get(feed);
  return SIM_LISTINGS[feed].filter((l) => books?.has(l.market.symbol)).map((l) => l.market);
}
