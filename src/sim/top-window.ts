import type { RawLevel } from '../book/levels';
import type { SimMarket } from './market';

/** The top `depth` levels a side of a market as a subscriber to that depth was last sent them, by price text. */
export interface TopWindow {
  readonly bids: Map<string, string>;
  readonly asks: Map<string, string>;
}

/** A market's top `depth` levels a side now. */
export function topWindow(market: SimMarket, depth: number): TopWindow {
  const { bids, asks } = market.snapshot(depth);
  return { bids: new Map(bids), asks: new Map(asks) };
}

/**
 * Levels whose size differs between two views of the top of a side; a level that left the view goes to "0": what a
 * venue that keeps its subscribers' top levels exact (Bybit's depths, Gate's order book V2, Crypto.com's deltas)
 * pushes.
 */
export function windowChanges(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>): RawLevel[] {
  const out: RawLevel[] = [];
  for (const [p, q] of after) if (before.get(p) !== q) out.push([p, q]);
  for (const p of before.keys()) if (!after.has(p)) out.push([p, '0']);
  return out;
}
