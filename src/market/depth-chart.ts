import type { FeedId } from '../venues/types';
import { walkMerged } from './merge';
import type { QuotedBook } from './quoted-book';

export interface DepthStep {
  readonly price: number;
  /** Cumulative size from the best price out to `price`. */
  readonly total: number;
  /** Each feed's part of `total`. */
  readonly venues: Partial<Record<FeedId, number>>;
}

/**
 * The cumulative depth of one side across venues, from the best price out to `band` (a fraction of mid,
 * e.g. 0.01 for ±1 %), sampled at `points` evenly spaced prices so the chart stays the same size
 * whatever the books' depth. Each venue gives up its levels up to the next sample in one pass over its own
 * arrays: a view is built every frame, and a merged walk over every level in the band cost 50x more.
 */
export function depthCurve(books: readonly QuotedBook[], side: 'bid' | 'ask', mid: number, band: number, points: number): DepthStep[] {
  const dir = side === 'bid' ? -1 : 1;
  const stepSize = (mid * band) / points;
  const sides = books.map((b) => (side === 'bid' ? b.bids : b.asks));
  const from = books.map(() => 0);
  const out: DepthStep[] = [];
  const venues: Partial<Record<FeedId, number>> = {};
  let total = 0;
  for (let k = 1; k <= points; k++) {
    const edge = mid + dir * k * stepSize;
    for (let i = 0; i < books.length; i++) {
      const taken = sides[i]!.depthTo(edge, from[i]);
      if (taken.levels === 0) continue;
      from[i]! += taken.levels;
      const feed = books[i]!.feed;
      venues[feed] = (venues[feed] ?? 0) + taken.size;
      total += taken.size;
    }
    out.push({ price: edge, total, venues: { ...venues } });
  }
  return out;
}

/**
 * One side of the depth chart at full resolution, as typed arrays (they cross to the main thread every few frames:
 * a structured clone of three arrays, or a transfer). Step k is the k-th price from the best outward: at `prices[k]`
 * the cumulative size reaches `totals[k]`, of which feed `feeds[j]` holds `parts[k * feeds.length + j]`.
 */
export interface DepthSteps {
  readonly feeds: readonly FeedId[];
  readonly prices: Float64Array;
  readonly totals: Float64Array;
  readonly parts: Float64Array;
  /**
   * How many steps from the best are one price each: all of them, unless the band held more prices than allowed;
   * past it each step is the outermost level of a price bucket (see `depthSteps`).
   */
  readonly exact: number;
}

/** Steps a side at most: more than a chart has pixels across. */
export const MAX_DEPTH_STEPS = 2000;

/**
 * The cumulative depth of one side across feeds, from the best price out to `band` (a fraction of mid, e.g. 0.01
 * for ±1 %), one step per price any feed quotes (feeds at one price share the step). When the band holds more than
 * `maxSteps` prices, the first half of them stay one price each (near mid, where the detail is), and the rest of the
 * band, from there to the outermost level, is cut into as many equal price buckets as steps remain: each bucket
 * with levels in it becomes one step at its outermost level, with the exact cumulative sizes there. Every step is
 * then a point of the exact curve, a level's size shows less than one bucket further out than it is (at most
 * 2 × band / maxSteps of mid: 0.1 bps for ±1 % and 2,000 steps), and the depth at the band's edge is exact.
 * `maxSteps` is at least 2.
 */
export function depthSteps(books: readonly QuotedBook[], side: 'bid' | 'ask', mid: number, band: number, maxSteps = MAX_DEPTH_STEPS): DepthSteps {
  const feeds = books.map((b) => b.feed);
  const column = new Map(feeds.map((f, j) => [f, j]));
  const edge = side === 'bid' ? mid * (1 - band) : mid * (1 + band);
  const inBand = side === 'bid' ? (p: number) => p >= edge : (p: number) => p <= edge;
  // Every level in the band, merged best first; `stepEnds` the index of each price's last level.
  const prices: number[] = [];
  const sizes: number[] = [];
  const owners: number[] = [];
  const stepEnds: number[] = [];
  walkMerged(books, side, (price, size, feed) => {
    if (!inBand(price)) return false;
    if (prices.length > 0 && prices[prices.length - 1] !== price) stepEnds.push(prices.length - 1);
    prices.push(price);
    sizes.push(size);
    owners.push(column.get(feed)!);
    return true;
  });
  if (prices.length > 0) stepEnds.push(prices.length - 1);
  const kept = keptSteps(stepEnds, prices, maxSteps);
  const n = kept.length;
  const out = { feeds, prices: new Float64Array(n), totals: new Float64Array(n), parts: new Float64Array(n * feeds.length) };
  const cumulative = new Float64Array(feeds.length);
  let total = 0;
  let level = 0;
  kept.forEach((end, k) => {
    for (; level <= end; level++) {
      cumulative[owners[level]!]! += sizes[level]!;
      total += sizes[level]!;
    }
    out.prices[k] = prices[end]!;
    out.totals[k] = total;
    out.parts.set(cumulative, k * feeds.length);
  });
  return { ...out, exact: stepEnds.length <= maxSteps ? n : Math.floor(maxSteps / 2) };
}

/** The last level index of each step drawn: every step when they fit, else the head exact and the tail bucketed. */
function keptSteps(stepEnds: readonly number[], prices: readonly number[], maxSteps: number): readonly number[] {
  if (stepEnds.length <= maxSteps) return stepEnds;
  const head = Math.floor(maxSteps / 2);
  const buckets = maxSteps - head;
  const from = prices[stepEnds[head]!]!;
  const width = Math.abs(prices[prices.length - 1]! - from) / buckets;
  const bucketOf = (end: number): number => Math.min(buckets - 1, Math.floor(Math.abs(prices[end]! - from) / width));
  const kept = stepEnds.slice(0, head);
  for (let s = head; s < stepEnds.length; s++) {
    const last = s === stepEnds.length - 1;
    if (last || bucketOf(stepEnds[s]!) !== bucketOf(stepEnds[s + 1]!)) kept.push(stepEnds[s]!);
  }
  return kept;
}
