import { marketUnits } from '../market/contract-units';
import type { FeedId, Market, Quote } from '../venues/types';
import type { SimMarketSpec } from './market';

/** The base assets the simulator lists, where the venue lists them: five large ones and a small cap. */
export const SIM_BASES = ['BTC', 'ETH', 'SOL', 'XRP', 'DOGE', 'PEPE'] as const;
export type SimBase = (typeof SIM_BASES)[number];

/** A base asset's dollar price to start from, and the size of a typical level on a large venue, in base units. */
export const SIM_ASSETS: Readonly<Record<SimBase | Exclude<Quote, 'USD'>, { readonly usd: number; readonly size: number }>> = {
  BTC: { usd: 91_000, size: 0.4 },
  ETH: { usd: 3_050, size: 6 },
  SOL: { usd: 142, size: 120 },
  XRP: { usd: 2.2, size: 8_000 },
  DOGE: { usd: 0.16, size: 60_000 },
  PEPE: { usd: 0.0000105, size: 600_000_000 },
  USDT: { usd: 1.0002, size: 40_000 },
  USDC: { usd: 0.99995, size: 40_000 },
};

/** What a perpetual starts at above its spot: the mean of the basis walk (src/sim/fair-value.ts). */
const START_BASIS = 3e-4;

/**
 * How a feed's books look next to a large venue's: levels a side, level sizes as a share of a large venue's, the
 * spread in ticks its makers quote, how far its quotes stray from fair value as a share of the usual noise
 * (src/sim/exchange.ts), and the trades a second each of its markets prints at the normal rate: the deepest books
 * lead, stray least and trade most, small venues follow, stray most and trade least.
 */
interface FeedProfile {
  readonly levels: number;
  readonly size: number;
  readonly spread: number;
  readonly noise: number;
  readonly trades: number;
}

const FEED_PROFILES: Readonly<Record<FeedId, FeedProfile>> = {
  binance: { levels: 400, size: 1, spread: 1, noise: 0.3, trades: 4 },
  'binance-usdm': { levels: 400, size: 2, spread: 1, noise: 0.3, trades: 6 },
  kraken: { levels: 300, size: 0.4, spread: 1, noise: 1, trades: 1.5 },
  coinbase: { levels: 300, size: 0.6, spread: 1, noise: 0.7, trades: 3 },
  bingx: { levels: 200, size: 0.3, spread: 2, noise: 1.2, trades: 1 },
  'bingx-swap': { levels: 200, size: 0.5, spread: 1, noise: 1.2, trades: 2 },
  okx: { levels: 300, size: 0.8, spread: 1, noise: 0.5, trades: 2 },
  'okx-swap': { levels: 300, size: 1.2, spread: 1, noise: 0.5, trades: 4 },
  bybit: { levels: 250, size: 0.7, spread: 1, noise: 0.5, trades: 2 },
  'bybit-linear': { levels: 300, size: 1.5, spread: 1, noise: 0.5, trades: 5 },
  asterdex: { levels: 200, size: 0.4, spread: 2, noise: 1.2, trades: 1.5 },
  bitget: { levels: 250, size: 0.6, spread: 1, noise: 0.6, trades: 2 },
  'bitget-futures': { levels: 300, size: 1.2, spread: 1, noise: 0.5, trades: 4 },
  gate: { levels: 250, size: 0.4, spread: 1, noise: 0.8, trades: 1.5 },
  'gate-futures': { levels: 300, size: 1, spread: 1, noise: 0.6, trades: 3 },
  bitfinex: { levels: 200, size: 0.5, spread: 1, noise: 0.8, trades: 1 },
  'bitfinex-perp': { levels: 200, size: 0.5, spread: 2, noise: 1, trades: 1 },
  deribit: { levels: 300, size: 1, spread: 1, noise: 0.5, trades: 3 },
  'deribit-spot': { levels: 150, size: 0.2, spread: 2, noise: 1.2, trades: 0.5 },
  cryptocom: { levels: 250, size: 0.5, spread: 1, noise: 0.7, trades: 2 },
  'cryptocom-perp': { levels: 250, size: 0.8, spread: 1, noise: 0.6, trades: 2 },
  hyperliquid: { levels: 200, size: 1.5, spread: 1, noise: 0.5, trades: 4 },
  'hyperliquid-spot': { levels: 150, size: 0.3, spread: 2, noise: 1, trades: 0.5 },
};

/** How far a feed's quotes stray from fair value, as a share of the usual noise. */
export function noiseOf(feed: FeedId): number {
  return FEED_PROFILES[feed].noise;
}

/** The trades a second each of a feed's markets prints at the normal rate. */
export function tradesOf(feed: FeedId): number {
  return FEED_PROFILES[feed].trades;
}

/** A book spans at most this share of its price each side: coarse ticks (PEPE's are 10 bps) make fewer levels. */
const MAX_SPAN = 0.05;

/**
 * The simulated book behind a listed market: its start mid in the market's own quote (a perpetual at its basis),
 * its venue's depth and spread, and level sizes in the book's own unit (contracts where the market counts them).
 */
export function specOf(market: Market, tick: number, lot: number): SimMarketSpec {
  const asset = SIM_ASSETS[market.base as keyof typeof SIM_ASSETS];
  const quoteUsd = market.quote === 'USD' ? 1 : SIM_ASSETS[market.quote].usd;
  const mid = (asset.usd / quoteUsd) * (market.kind === 'perpetual' ? 1 + START_BASIS : 1);
  const profile = FEED_PROFILES[market.feed];
  return {
    mid,
    tick,
    lot,
    depth: Math.max(20, Math.min(profile.levels, Math.floor((MAX_SPAN * mid) / tick))),
    typicalSize: marketUnits(market, asset.size * profile.size, mid),
    spread: profile.spread,
  };
}
