import type { FeedId } from '../venues/types';
import type { QuotedBook, QuotedSide } from './quoted-book';

/**
 * Visits the levels of one side across venues from the best price outward, in price order, as a k-way merge
 * (no copy of the books). Stops when `visit` returns false.
 */
export function walkMerged(
  books: readonly QuotedBook[],
  side: 'bid' | 'ask',
  visit: (price: number, size: number, feed: FeedId) => boolean,
): void {
  const sides: QuotedSide[] = books.map((b) => (side === 'bid' ? b.bids : b.asks));
  const next = sides.map(() => 0);
  // Each venue's current price, read once per level it moves past rather than once per comparison.
  const current = sides.map((s) => s.priceAt(0));
  const bid = side === 'bid';
  for (;;) {
    let pick = -1;
    let bestPrice = 0;
    for (let i = 0; i < current.length; i++) {
      const p = current[i];
      if (p === undefined) continue;
      if (pick < 0 || (bid ? p > bestPrice : p < bestPrice)) {
        pick = i;
        bestPrice = p;
      }
    }
    if (pick < 0) return;
    const k = next[pick]!;
    const size = sides[pick]!.sizeAt(k)!;
    next[pick] = k + 1;
    current[pick] = sides[pick]!.priceAt(k + 1);
    if (!visit(bestPrice, size, books[pick]!.feed)) return;
  }
}
