import type { VenueId } from '../venues/types';
import { walkMerged, type VenueBook } from './merge';

export interface DepthStep {
  readonly price: number;
  /** Cumulative size from the best price out to `price`. */
  readonly total: number;
  /** Each venue's part of `total`. */
  readonly venues: Partial<Record<VenueId, number>>;
}

/**
 * The cumulative depth of one side across venues, from the best price out to `band` (a fraction of mid,
 * e.g. 0.01 for ±1 %), sampled at `points` evenly spaced prices so the chart stays the same size
 * whatever the books' depth.
 */
export function depthCurve(books: readonly VenueBook[], side: 'bid' | 'ask', mid: number, band: number, points: number): DepthStep[] {
  const dir = side === 'bid' ? -1 : 1;
  const limit = mid * (1 + dir * band);
  const stepSize = (mid * band) / points;
  const out: DepthStep[] = [];
  const venues: Partial<Record<VenueId, number>> = {};
  let total = 0;
  let edge = mid + dir * stepSize;
  const beyond = (price: number, bound: number): boolean => (side === 'bid' ? price < bound : price > bound);
  walkMerged(books, side, (price, size, venue) => {
    if (beyond(price, limit)) return false;
    while (beyond(price, edge) && out.length < points) {
      out.push({ price: edge, total, venues: { ...venues } });
      edge += dir * stepSize;
    }
    total += size;
    venues[venue] = (venues[venue] ?? 0) + size;
    return true;
  });
  while (out.length < points) {
    out.push({ price: edge, total, venues: { ...venues } });
    edge += dir * stepSize;
  }
  return out;
}
