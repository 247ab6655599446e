import type { BookSide } from '../book/book-side';
import type { OrderBook } from '../book/orderbook';
import type { VenueId } from '../venues/types';

/** A venue's book as an input to the consolidated view. */
export interface VenueBook {
  readonly venue: VenueId;
  readonly book: OrderBook;
}

/**
 * Visits the levels of one side across venues from the best price outward, in price order, as a k-way merge
 * (no copy of the books). Stops when `visit` returns false.
 */
export function walkMerged(
  books: readonly VenueBook[],
  side: 'bid' | 'ask',
  visit: (price: number, size: number, venue: VenueId) => boolean,
): void {
  const sides: BookSide[] = books.map((b) => (side === 'bid' ? b.book.bids : b.book.asks));
  const next = sides.map(() => 0);
  const bid = side === 'bid';
  for (;;) {
    let pick = -1;
    let bestPrice = 0;
    for (let i = 0; i < sides.length; i++) {
      const p = sides[i]!.priceAt(next[i]!);
      if (p === undefined) continue;
      if (pick < 0 || (bid ? p > bestPrice : p < bestPrice)) {
        pick = i;
        bestPrice = p;
      }
    }
    if (pick < 0) return;
    const size = sides[pick]!.sizeAt(next[pick]!)!;
    next[pick]!++;
    if (!visit(bestPrice, size, books[pick]!.venue)) return;
  }
}
