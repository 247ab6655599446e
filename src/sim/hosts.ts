import type { FeedId } from '../venues/types';

/**
 * The hosts the simulator serves, each once, named by the first feed it carries: feeds on one real host share
 * it (OKX spot and SWAP on ws.okx.com, Bybit spot and linear on stream.bybit.com), feeds on hosts of their own
 * (Binance USD-M on fstream.binance.com, BingX swap on open-api-swap.bingx.com) get one of their own.
 */
export const SIM_HOSTS = [
  'binance',
  'binance-usdm',
  'kraken',
  'coinbase',
  'bingx',
  'bingx-swap',
  'okx',
  'bybit',
  'asterdex',
  'bitget',
  'gate',
  'gate-futures',
  'bitfinex',
  'deribit',
  'cryptocom',
  'hyperliquid',
] as const satisfies readonly FeedId[];
export type SimHostId = (typeof SIM_HOSTS)[number];

const HOST_OF: Readonly<Record<FeedId, SimHostId>> = {
  binance: 'binance',
  'binance-usdm': 'binance-usdm',
  kraken: 'kraken',
  coinbase: 'coinbase',
  bingx: 'bingx',
  'bingx-swap': 'bingx-swap',
  okx: 'okx',
  'okx-swap': 'okx',
  bybit: 'bybit',
  'bybit-linear': 'bybit',
  asterdex: 'asterdex',
  bitget: 'bitget',
  'bitget-futures': 'bitget',
  gate: 'gate',
  'gate-futures': 'gate-futures',
  bitfinex: 'bitfinex',
  'bitfinex-perp': 'bitfinex',
  deribit: 'deribit',
  'deribit-spot': 'deribit',
  cryptocom: 'cryptocom',
  'cryptocom-perp': 'cryptocom',
  hyperliquid: 'hyperliquid',
  'hyperliquid-spot': 'hyperliquid',
};

/** The simulated host a feed is served on. */
export function simHostOf(feed: FeedId): SimHostId {
  return HOST_OF[feed];
}

/** The feeds a simulated host carries. */
export function feedsOf(host: SimHostId): FeedId[] {
  return (Object.keys(HOST_OF) as FeedId[]).filter((feed) => HOST_OF[feed] === host);
}

export function isSimHost(value: string): value is SimHostId {
  return (SIM_HOSTS as readonly string[]).includes(value);
}
