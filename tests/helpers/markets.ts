import type { Replayer } from '../../src/feed/replay';
import type { FeedSession } from '../../src/feed/session';
import { FEEDS, type FeedId, type Market, type Quote } from '../../src/venues/types';

/** How each feed spells its market for a base, and what it is quoted in. */
const SPELLING: Record<FeedId, { readonly quote: Quote; readonly symbol: (base: string) => string }> = {
  binance: { quote: 'USDT', symbol: (base) => `${base}USDT` },
  'binance-usdm': { quote: 'USDT', symbol: (base) => `${base}USDT` },
  kraken: { quote: 'USD', symbol: (base) => `${base}/USD` },
  coinbase: { quote: 'USD', symbol: (base) => `${base}-USD` },
  bingx: { quote: 'USDT', symbol: (base) => `${base}-USDT` },
  'bingx-swap': { quote: 'USDT', symbol: (base) => `${base}-USDT` },
  okx: { quote: 'USDT', symbol: (base) => `${base}-USDT` },
  'okx-swap': { quote: 'USDT', symbol: (base) => `${base}-USDT-SWAP` },
  bybit: { quote: 'USDT', symbol: (base) => `${base}USDT` },
  'bybit-linear': { quote: 'USDT', symbol: (base) => `${base}USDT` },
  cryptocom: { quote: 'USDT', symbol: (base) => `${base}_USDT` },
  'cryptocom-perp': { quote: 'USD', symbol: (base) => `${base}USD-PERP` },
  asterdex: { quote: 'USDT', symbol: (base) => `${base}USDT` },
  bitget: { quote: 'USDT', symbol: (base) => `${base}USDT` },
  'bitget-futures': { quote: 'USDT', symbol: (base) => `${base}USDT` },
  gate: { quote: 'USDT', symbol: (base) => `${base}_USDT` },
  'gate-futures': { quote: 'USDT', symbol: (base) => `${base}_USDT` },
  deribit: { quote: 'USD', symbol: (base) => `${base}-PERPETUAL` },
  'deribit-spot': { quote: 'USDC', symbol: (base) => `${base}_USDC` },
  bitfinex: { quote: 'USD', symbol: (base) => `t${base}${base.length > 3 ? ':' : ''}USD` },
  'bitfinex-perp': { quote: 'USDT', symbol: (base) => `t${base}F0:USTF0` },
  hyperliquid: { quote: 'USDC', symbol: (base) => base },
  // Unit's bridged coins' pairs, by their index (UBTC/USDC is @142, UETH/USDC @151).
  'hyperliquid-spot': { quote: 'USDC', symbol: (base) => HYPERLIQUID_SPOT_PAIRS[base] ?? `${base}/USDC` },
};

const HYPERLIQUID_SPOT_PAIRS: Readonly<Record<string, string>> = { BTC: '@142', ETH: '@151' };

/**
 * OKX SWAP sizes are contracts; `ctVal` is what one stands for (BTC-USDT-SWAP: 0.01 BTC in OKX's instruments list).
 * Only the value known from OKX is here: a test of another base's SWAP says its contract size itself.
 */
const OKX_SWAP_CONTRACT_SIZES: Readonly<Record<string, number>> = { BTC: 0.01 };

function contractSize(feed: FeedId, base: string): number {
  if (feed !== 'okx-swap') return 1;
  const size = OKX_SWAP_CONTRACT_SIZES[base];
  if (size === undefined) throw new Error(`no known OKX ctVal for ${base}-USDT-SWAP: pass contractSize`);
  return size;
}

/** Feeds whose sizes count the quote (inverse contracts): Deribit's perpetuals count USD, one dollar a unit. */
const INVERSE: ReadonlySet<FeedId> = new Set(['deribit']);

/** The market a feed would use for `base`, spelled as the venue spells it; `overrides` change any field. */
export function testMarket(feed: FeedId, base = 'BTC', overrides: Partial<Market> = {}): Market {
  const { venue, kind } = FEEDS[feed];
  const { quote, symbol } = SPELLING[feed];
  const size = overrides.contractSize ?? contractSize(feed, base);
  return { venue, feed, base, quote, symbol: symbol(base), kind, ...(INVERSE.has(feed) ? { inverse: true as const } : {}), ...overrides, contractSize: size };
}

/** The session of a replay's one market of `feed` (a recording of a single market of the feed). */
export function replayedSession(replayer: Replayer, feed: FeedId): FeedSession {
  const markets = [...replayer.markets.values()].filter((m) => m.feed === feed);
  if (markets.length !== 1) throw new Error(`the replay has ${markets.length} markets of ${feed}, not one`);
  return markets[0]!.session;
}
