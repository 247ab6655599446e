import { describe, expect, it } from 'vitest';
import { OrderBook } from '../../../src/book/orderbook';
import { depthCurve } from '../../../src/market/depth-chart';

describe('depth curve', () => {
  const a = new OrderBook();
  a.snapshot([['99.5', '1'], ['98.5', '2'], ['90', '50']], [['100.5', '3'], ['101.5', '1']]);
  const b = new OrderBook();
  b.snapshot([['99.2', '4']], [['100.2', '1'], ['150', '9']]);
  const books = [
    { venue: 'binance' as const, book: a },
    { venue: 'okx' as const, book: b },
  ];

  it('accumulates bids per venue outward from mid, within the band', () => {
    const curve = depthCurve(books, 'bid', 100, 0.02, 4);
    expect(curve.map((p) => p.price)).toEqual([99.5, 99, 98.5, 98]);
    expect(curve.map((p) => p.total)).toEqual([1, 5, 7, 7]);
    expect(curve[3]!.venues).toEqual({ binance: 3, okx: 4 });
  });

  it('accumulates asks outward and ignores levels past the band', () => {
    const curve = depthCurve(books, 'ask', 100, 0.02, 2);
    expect(curve).toEqual([
      { price: 101, total: 4, venues: { okx: 1, binance: 3 } },
      { price: 102, total: 5, venues: { okx: 1, binance: 4 } },
    ]);
  });
});
