import type { OrderBook } from '../../src/book/orderbook';

/** The best `depth` levels of both sides as [price, size] pairs, for comparing a client's book with the truth. */
export function topOf(book: OrderBook, depth: number): { bids: [number, number][]; asks: [number, number][] } {
  return { bids: book.bids.top(depth), asks: book.asks.top(depth) };
}
