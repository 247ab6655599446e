import type { FeedId } from '../venues/types';
import { walkMerged } from './merge';
import type { QuotedBook } from './quoted-book';

export interface Fill {
  /** Base quantity filled; below the order size when the books run out. */
  readonly filled: number;
  readonly complete: boolean;
  /** Quote spent (buy) or received (sell). */
  readonly notional: number;
  readonly averagePrice?: number;
  readonly worstPrice?: number;
  /** How much worse the average is than mid, in basis points. */
  readonly slippageBps?: number;
  /** Each feed's part of the fill. */
  readonly venues: Partial<Record<FeedId, { readonly size: number; readonly notional: number }>>;
}

export interface ExecutionEstimate {
  readonly side: 'buy' | 'sell';
  readonly size: number;
  readonly mid?: number;
  /** The order routed across every venue, best prices first. */
  readonly routed: Fill;
  /** The same order on each feed alone. */
  readonly single: Partial<Record<FeedId, Fill>>;
  /** The single feed that fills the most, at the best average price. */
  readonly bestSingle?: FeedId;
  /** What routing saves against the best single feed, in the display currency (positive: routing is better). */
  readonly saving?: number;
}

/** Fills tiny residues of float subtraction as complete rather than reporting a 1e-12 shortfall. */
const EPSILON = 1e-9;

function fill(books: readonly QuotedBook[], side: 'buy' | 'sell', size: number, mid: number | undefined): Fill {
  let filled = 0;
  let notional = 0;
  let worstPrice: number | undefined;
  const venues: Partial<Record<FeedId, { size: number; notional: number }>> = {};
  if (size > 0) {
    walkMerged(books, side === 'buy' ? 'ask' : 'bid', (price, levelSize, venue) => {
      const take = Math.min(levelSize, size - filled);
      filled += take;
      notional += take * price;
      worstPrice = price;
      const v = (venues[venue] ??= { size: 0, notional: 0 });
      v.size += take;
      v.notional += take * price;
      return filled < size - EPSILON;
    });
  }
  const averagePrice = filled > 0 ? notional / filled : undefined;
  const slippageBps =
    averagePrice !== undefined && mid !== undefined ? ((side === 'buy' ? averagePrice - mid : mid - averagePrice) / mid) * 1e4 : undefined;
  return { filled, complete: filled >= size - EPSILON, notional, averagePrice, worstPrice, slippageBps, venues };
}

/** Better for the trader: fills more, then pays less (buy) or receives more (sell) on average. */
function better(side: 'buy' | 'sell', a: Fill, b: Fill): boolean {
  if (a.filled !== b.filled) return a.filled > b.filled;
  return side === 'buy' ? a.notional < b.notional : a.notional > b.notional;
}

/** What it costs to buy or sell `size` across all venues, next to the same order on each venue alone. */
export function estimateExecution(books: readonly QuotedBook[], side: 'buy' | 'sell', size: number, mid?: number): ExecutionEstimate {
  const routed = fill(books, side, size, mid);
  const single: Partial<Record<FeedId, Fill>> = {};
  let bestSingle: FeedId | undefined;
  for (const b of books) {
    const f = fill([b], side, size, mid);
    single[b.feed] = f;
    if (f.filled > 0 && (bestSingle === undefined || better(side, f, single[bestSingle]!))) bestSingle = b.feed;
  }
  const best = bestSingle ? single[bestSingle] : undefined;
  // Savings compare like with like: only when both fill the whole order.
  const saving =
    best && best.complete && routed.complete ? (side === 'buy' ? best.notional - routed.notional : routed.notional - best.notional) : undefined;
  return { side, size, mid, routed, single, bestSingle, saving };
}
