import type { FeedId } from '../venues/types';
import type { QuotedBook } from './quoted-book';

/**
 * Visits the levels of one side across venues from the best price outward, in price order, as a k-way merge
 * (no copy of the books). Stops when `visit` returns false.
 */
export function walkMerged(
  books: readonly QuotedBook[],
  side: 'bid' | 'ask',
  visit: (price: number, size: number, feed: FeedId) => boolean,
): void {
  const walks = books.map((b) => (side === 'bid' ? b.bids : b.asks).walk());
  // Each venue's current price, read once per level it moves past rather than once per comparison.
  const current = walks.map((w) => (w.next() ? w.price : undefined));
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
    const walk = walks[pick]!;
    const size = walk.size;
    current[pick] = walk.next() ? walk.price : undefined;
    if (!visit(bestPrice, size, books[pick]!.feed)) return;
  }
}
