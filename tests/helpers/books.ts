import type { RawLevel } from '../../src/book/levels';
import type { OrderBook } from '../../src/book/orderbook';

/** The best `depth` levels of both sides as [price, size] pairs, for comparing a client's book with the truth. */
export function topOf(book: OrderBook, depth: number): { bids: [number, number][]; asks: [number, number][] } {
  return { bids: book.bids.top(depth), asks: book.asks.top(depth) };
}

/**
 * Where a client's whole book first differs from the levels it should hold (best first, as a venue sends them),
 * or undefined when it holds exactly those. Walks the book in place: it runs after every frame of a property.
 */
export function bookDifference(book: OrderBook, expected: { readonly bids: readonly RawLevel[]; readonly asks: readonly RawLevel[] }): string | undefined {
  for (const [side, levels] of [
    [book.bids, expected.bids],
    [book.asks, expected.asks],
  ] as const) {
    const n = Math.max(side.length, levels.length);
    for (let k = 0; k < n; k++) {
      const want = levels[k];
      if (want !== undefined && side.priceAt(k) === Number(want[0]) && side.sizeAt(k) === Number(want[1])) continue;
      const has = side.level(k);
      return `${side.side} level ${k}: the book has ${has ? `${has.priceText} × ${has.sizeText}` : 'none'}, the valid messages say ${want ? `${want[0]} × ${want[1]}` : 'none'}`;
    }
  }
  return undefined;
}
