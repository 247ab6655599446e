import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OrderBook } from '../../../src/book/orderbook';
import { depthCurve } from '../../../src/market/depth-chart';
import { quotedBook } from '../../../src/market/quoted-book';
import type { FeedId } from '../../../src/venues/types';

describe('depth curve', () => {
  const a = new OrderBook();
  a.snapshot([['99.5', '1'], ['98.5', '2'], ['90', '50']], [['100.5', '3'], ['101.5', '1']]);
  const b = new OrderBook();
  b.snapshot([['99.2', '4']], [['100.2', '1'], ['150', '9']]);
  const books = [
    quotedBook('binance', a),
    quotedBook('okx', b),
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

  it('equals summing every level up to each sample, for any books, side and band', () => {
    const venues: FeedId[] = ['binance', 'okx', 'bybit'];
    const levels = fc.uniqueArray(fc.tuple(fc.integer({ min: 1, max: 400 }), fc.integer({ min: 1, max: 500 })), { selector: ([p]) => p, maxLength: 40 });
    fc.assert(
      fc.property(fc.array(fc.tuple(levels, levels), { minLength: 3, maxLength: 3 }), fc.constantFrom('bid' as const, 'ask' as const), fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 25 }), (sides, side, bandPct, points) => {
        const books = sides.map(([bids, asks], i) => {
          const b = new OrderBook();
          // Bids at or below 100, asks at or above it: crossed books are allowed too (a bid at 100 is on the mid).
          b.snapshot(bids.map(([p, q]) => [String(100 - p / 20), String(q / 10)]), asks.map(([p, q]) => [String(100 + p / 20), String(q / 10)]));
          return quotedBook(venues[i]!, b);
        });
        const curve = depthCurve(books, side, 100, bandPct / 100, points);
        expect(curve).toHaveLength(points);
        curve.forEach((point, k) => {
          const edge = side === 'bid' ? 100 - ((k + 1) * bandPct) / points : 100 + ((k + 1) * bandPct) / points;
          expect(point.price).toBeCloseTo(edge, 9);
          let total = 0;
          for (const { feed: venue, bids, asks } of books) {
            const own = (side === 'bid' ? bids : asks).side.top(Infinity).filter(([p]) => (side === 'bid' ? p >= point.price : p <= point.price));
            const size = own.reduce((s, [, q]) => s + q, 0);
            expect(point.venues[venue] ?? 0).toBeCloseTo(size, 9);
            total += size;
          }
          expect(point.total).toBeCloseTo(total, 9);
        });
      }),
      { numRuns: 300 },
    );
  });
});
