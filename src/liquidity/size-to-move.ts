import type { QuotedBook, QuotedSide } from '../market/quoted-book';
import { MOVE_PCTS, type MoveCost, type SizeToMoveView } from './types';

type Leg = MoveCost['up'];

/**
 * How far past the target a level may lie and still be at it: 100 × 1.005 is 100.49999999999999 in binary, and a
 * level at 100.5 is at the 0.5 % move. Far below any tick.
 */
const ROUNDING = 1e-12;

/**
 * What must trade on `sides` (one side of each book, read as one merged book) to move its best price by each of
 * `pcts` (ascending): every level from the best price across them up to and including best × (1 ± pct/100), so that
 * once they traded the best price lies beyond it. Complete when every book has a level beyond that price (a book
 * that ends before it may hold more there, unseen). Each book is walked once, outward, across all the pcts.
 */
function legs(sides: readonly QuotedSide[], dir: 1 | -1, pcts: readonly number[]): Leg[] {
  let best: number | undefined;
  for (const s of sides) {
    const p = s.priceAt(0);
    if (p !== undefined && (best === undefined || dir * p < dir * best)) best = p;
  }
  if (best === undefined) return pcts.map(() => ({ base: 0, quote: 0, complete: false }));
  const from = sides.map(() => 0);
  let base = 0;
  let quote = 0;
  return pcts.map((pct) => {
    const target = best * (1 + (dir * pct) / 100) * (1 + dir * ROUNDING);
    let complete = true;
    sides.forEach((s, i) => {
      const taken = s.depthTo(target, from[i]);
      from[i]! += taken.levels;
      base += taken.size;
      quote += taken.notional;
      if (s.priceAt(from[i]!) === undefined) complete = false;
    });
    return { base, quote, complete };
  });
}

/** The cost of moving the price of `books`, merged, by each of MOVE_PCTS: up by buying asks, down by selling bids. */
export function moveCosts(books: readonly QuotedBook[]): MoveCost[] {
  const up = legs(books.map((b) => b.asks), 1, MOVE_PCTS);
  const down = legs(books.map((b) => b.bids), -1, MOVE_PCTS);
  return MOVE_PCTS.map((pct, k) => ({ pct, up: up[k]!, down: down[k]! }));
}

/**
 * Size to move the price, each feed alone and all of them merged. The merged book moves from its own best price, so
 * it can take less of a feed than that feed alone would need: a feed quoting above the best ask is reached only
 * past it. Sizes in base units, notionals in the display currency.
 */
export function sizeToMove(books: readonly QuotedBook[]): SizeToMoveView {
  const feeds: SizeToMoveView['feeds'] = {};
  for (const b of books) feeds[b.feed] = moveCosts([b]);
  return { consolidated: moveCosts(books), feeds };
}
