import type { SimMarkets } from '../types';

/** How a Binance-style venue answers depth requests: spot, or futures (Binance USD-M, AsterDEX). */
export interface DepthRules {
  /** Futures stamp a snapshot with its output time E and transaction time T. */
  readonly futures: boolean;
  /** Levels a side when the request names no limit. */
  readonly defaultLimit: number;
  /** The request weight of a depth request for `limit` levels. */
  weight(limit: number): number;
  /** Request weight a minute before requests are refused. */
  readonly weightLimit: number;
}

/** Binance spot: REST `/api/v3/depth` and the WebSocket API's `depth` (limits up to 5000, default 100). */
export const SPOT_DEPTH: DepthRules = {
  futures: false,
  defaultLimit: 100,
  weight: (limit) => (limit <= 100 ? 5 : limit <= 500 ? 25 : limit <= 1000 ? 50 : 250),
  weightLimit: 6000,
};

/** Binance USD-M and AsterDEX: `/fapi/v1/depth` and USD-M's WebSocket API `depth` (limits 5 to 1000, default 500). */
export const FUTURES_DEPTH: DepthRules = {
  futures: true,
  defaultLimit: 500,
  weight: (limit) => (limit <= 50 ? 2 : limit <= 100 ? 5 : limit <= 500 ? 10 : 20),
  weightLimit: 2400,
};

/** A depth snapshot body as Binance-style venues answer it, or their invalid-symbol error. */
export function depthBody(rules: DepthRules, markets: SimMarkets, symbol: string | null, limit: number, now: number): { status: number; body: object } {
  const market = symbol ? markets.get(symbol) : undefined;
  if (!market) return { status: 400, body: { code: -1121, msg: 'Invalid symbol.' } };
  const { bids, asks } = market.snapshot(limit);
  const clock = rules.futures ? { E: now, T: now } : {};
  return { status: 200, body: { lastUpdateId: market.lastUpdateId, ...clock, bids, asks } };
}

/** The WebSocket API's `rateLimits` after a request of `weight`: the request weight used this minute. */
export function rateLimits(rules: DepthRules, weight: number): object[] {
  return [{ rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: rules.weightLimit, count: weight }];
}
