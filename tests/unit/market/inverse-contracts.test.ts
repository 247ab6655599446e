import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OrderBook } from '../../../src/book/orderbook';
import { consolidate } from '../../../src/market/consolidate';
import { baseUnits, marketUnits } from '../../../src/market/contract-units';
import { quotedBook } from '../../../src/market/quoted-book';
import { tradeOf } from '../../../src/trades/normalize';

/**
 * Inverse contracts (`Market.inverse`): sizes count quote units of `contractSize` each (Deribit BTC-PERPETUAL: USD),
 * so a level of size s at price p holds s × contractSize / p base units, and its notional is s × contractSize quote
 * units whatever its price. Hand-computed values, then a property over random books.
 */

/** A book in USD of whole dollars: bids 80 000 × 2000 and 79 990 × 500, asks 80 010 × 1000 and 80 020 × 30. */
function usdBook(): OrderBook {
  const b = new OrderBook();
  b.snapshot(
    [
      ['80000', '2000'],
      ['79990', '500'],
    ],
    [
      ['80010', '1000'],
      ['80020', '30'],
    ],
  );
  return b;
}

describe('inverse contract units', () => {
  it('turns a size into base units at its price, and back', () => {
    expect(baseUnits({ contractSize: 1, inverse: true }, 2000, 80000)).toBe(0.025);
    expect(baseUnits({ contractSize: 10, inverse: true }, 200, 80000)).toBe(0.025);
    expect(baseUnits({ contractSize: 0.01 }, 3, 80000)).toBe(0.03);
    expect(marketUnits({ contractSize: 1, inverse: true }, 0.025, 80000)).toBe(2000);
    expect(marketUnits({ contractSize: 0.01 }, 0.03, 80000)).toBeCloseTo(3, 12);
  });

  it('reads each level of a USD book in BTC, at its own price', () => {
    const q = quotedBook('deribit', usdBook(), 1, 1, true);
    expect(q.bids.sizeAt(0)).toBe(0.025);
    expect(q.bids.sizeAt(1)).toBe(0.006250781347668459);
    expect(q.asks.sizeAt(0)).toBe(0.012498437695288089);
    expect(q.asks.sizeAt(1)).toBe(0.00037490627343164207);
    const walked: [number, number][] = [];
    for (const w = q.bids.walk(); w.next(); ) walked.push([w.price, w.size]);
    expect(walked).toEqual([
      [80000, 0.025],
      [79990, 0.006250781347668459],
    ]);
  });

  it('sums depth in BTC level by level, the notional being the USD sizes at the rate', () => {
    const q = quotedBook('deribit', usdBook(), 1.0002, 1, true);
    const depth = q.bids.depthTo(79990 * 1.0002);
    expect(depth.levels).toBe(2);
    expect(depth.size).toBeCloseTo(0.03125078134766846, 15);
    expect(depth.notional).toBeCloseTo(2500.5, 9);
    expect(q.asks.depthTo(80015 * 1.0002)).toMatchObject({ levels: 1, size: 0.012498437695288089 });
  });

  it('puts an inverse book on the ladder in base units beside a linear one', () => {
    const linear = new OrderBook();
    linear.snapshot([['80000', '0.5']], [['80010', '0.2']]);
    const ladder = consolidate([quotedBook('deribit', usdBook(), 1, 1, true), quotedBook('bybit-linear', linear)], 0, 5);
    expect(ladder.bids[0]!.price).toBe(80000);
    expect(ladder.bids[0]!.venues.deribit).toBeCloseTo(0.025, 15);
    expect(ladder.bids[0]!.venues['bybit-linear']).toBe(0.5);
  });

  it('takes a trade of 2000 USD at 80 000 as 0.025 BTC', () => {
    const trade = tradeOf('deribit', { quote: 'USD', contractSize: 1, inverse: true }, { id: '1', time: 1, receivedAt: 1, price: 80000, size: 2000, side: 'buy' });
    expect(trade.size).toBe(0.025);
  });

  it('converts every level, walk and depth of any book as size × contractSize / price', () => {
    const side = fc.uniqueArray(fc.tuple(fc.integer({ min: 1, max: 3000 }), fc.integer({ min: 1, max: 9000 })), { selector: ([t]) => t, maxLength: 40 });
    fc.assert(
      fc.property(side, side, fc.double({ min: 0.97, max: 1.03, noNaN: true }), fc.constantFrom(1, 10, 100), fc.double({ min: 0, max: 1, noNaN: true }), fc.nat(10), (bids, asks, r, cs, at, from) => {
        const b = new OrderBook();
        const text = (ls: readonly [number, number][], sign: number): [string, string][] => ls.map(([t, q]) => [((8_000_000 + sign * t) / 100).toFixed(2), String(q * 10)]);
        b.snapshot(text(bids, -1), text(asks, 1));
        const q = quotedBook('deribit', b, r, cs, true);
        for (const s of [q.bids, q.asks]) {
          const raw = s.side.top(Infinity);
          raw.forEach(([p, size], k) => expect(s.sizeAt(k)).toBe((size * cs) / p));
          const walked: [number, number][] = [];
          for (const w = s.walk(from); w.next(); ) walked.push([w.price, w.size]);
          expect(walked).toEqual(raw.slice(from).map(([p, size]) => [p * r, (size * cs) / p]));
          const converted = raw.map(([p]) => p * r);
          const limit = converted.length ? converted[Math.floor(at * (converted.length - 1))]! : 80_000;
          const better = (p: number): boolean => (s === q.bids ? p >= limit : p <= limit);
          const expected = raw.slice(from).filter(([p]) => better(p * r));
          const got = s.depthTo(limit, from);
          expect(got.levels).toBe(expected.length);
          expect(got.size).toBeCloseTo(expected.reduce((t, [p, size]) => t + (size * cs) / p, 0), 12);
          expect(got.notional).toBeCloseTo(expected.reduce((t, [, size]) => t + size * cs, 0) * r, 6);
        }
      }),
      { numRuns: 300 },
    );
  });
});
