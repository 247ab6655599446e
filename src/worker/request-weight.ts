import type { FeedId } from '../venues/types';
import type { HttpAnswer } from './transport';

/**
 * Venues that report the request weight used in the current minute: when most of it is gone, the next snapshot
 * request waits for the next minute instead of tipping the venue into 429 and a ban (418).
 */
export const REQUEST_WEIGHT_LIMITS: Partial<Record<FeedId, { readonly header: string; readonly perMinute: number }>> = {
  binance: { header: 'x-mbx-used-weight-1m', perMinute: 6000 },
  // USD-M futures' own host and limit ("REQUEST_WEIGHT ... 2400" a minute in its exchangeInfo rateLimits).
  'binance-usdm': { header: 'x-mbx-used-weight-1m', perMinute: 2400 },
  asterdex: { header: 'x-mbx-used-weight-1m', perMinute: 2400 },
};
/** Share of the minute's weight after which snapshot requests wait for the next minute. */
const WEIGHT_HEADROOM = 0.8;

/** When the venue says its weight is nearly used up: the next minute, when requests may go again, and a note why. */
export function weightWait(feed: FeedId, answer: HttpAnswer, now: number): { readonly until: number; readonly note: string } | undefined {
  const limit = REQUEST_WEIGHT_LIMITS[feed];
  const used = limit && Number(answer.headers[limit.header]);
  if (!limit || !used || used < limit.perMinute * WEIGHT_HEADROOM) return undefined;
  return {
    until: Math.floor(now / 60_000 + 1) * 60_000,
    note: `request weight ${used} of ${limit.perMinute} used this minute: snapshots wait for the next minute`,
  };
}
