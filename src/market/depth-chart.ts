import type { FeedId } from '../venues/types';
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
