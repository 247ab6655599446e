import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OrderBook } from '../../../src/book/orderbook';
import { consolidate } from '../../../src/market/consolidate';
import { quotedBook } from '../../../src/market/quoted-book';
import type { FeedId } from '../../../src/venues/types';

/** A book from integer ticks: prices in cents around 91 000, sizes in lots of 0.001. */
function book(bids: readonly [number, number][], asks: readonly [number, number][]): OrderBook {
  const b = new OrderBook();
  const text = (ls: readonly [number, number][], sign: number): [string, string][] => ls.map(([t, q]) => [((9_100_000 + sign * t) / 100).toFixed(2), (q / 1000).toFixed(3)]);
  b.snapshot(text(bids, -1), text(asks, 1));
  return b;
}

const side = fc.uniqueArray(fc.tuple(fc.integer({ min: 1, max: 3000 }), fc.integer({ min: 1, max: 9000 })), { selector: ([t]) => t, maxLength: 40 });
/** Stablecoin rates as they are: within a few hundred bps of 1, never exactly round. */
const rate = fc.double({ min: 0.97, max: 1.03, noNaN: true });
/** Sizes in base units, or contracts of a tenth, a hundredth or a thousandth. */
const contract = fc.constantFrom(1, 0.1, 0.01, 0.001);

describe('a book read in the display currency and base units', () => {
  it('converts every level, and a depth limit keeps exactly the levels whose converted price is at or better than it', () => {
    fc.assert(
      fc.property(side, side, rate, contract, fc.double({ min: 0, max: 1, noNaN: true }), fc.nat(10), (bids, asks, r, cs, at, from) => {
        const q = quotedBook('okx-swap', book(bids, asks), r, cs);
        for (const s of [q.bids, q.asks]) {
          const raw = s.side.top(Infinity);
          raw.forEach(([p, size], k) => {
            expect(s.priceAt(k)).toBe(p * r);
            expect(s.rawPriceAt(k)).toBe(p);
            expect(s.sizeAt(k)).toBe(size * cs);
          });
          const walked: [number, number][] = [];
          for (const walk = s.walk(from); walk.next(); ) walked.push([walk.price, walk.size]);
          expect(walked).toEqual(raw.slice(from).map(([p, size]) => [p * r, size * cs]));
          // Limits right on converted prices are the hard case: p × r / r need not give p back.
          const converted = raw.map(([p]) => p * r);
          const limit = converted.length ? converted[Math.floor(at * (converted.length - 1))]! : 91_000;
          const better = (p: number): boolean => (s === q.bids ? p >= limit : p <= limit);
          const expected = raw.slice(from).filter(([p]) => better(p * r));
          const got = s.depthTo(limit, from);
          expect(got.levels).toBe(expected.length);
          expect(got.size).toBeCloseTo(expected.reduce((t, [, size]) => t + size, 0) * cs, 9);
          expect(got.notional).toBeCloseTo(expected.reduce((t, [p, size]) => t + p * size, 0) * r * cs, 6);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('merges books of different quotes and units into one ladder of converted prices, each row keeping the venues\' own prices', () => {
    const feeds: FeedId[] = ['kraken', 'binance', 'okx-swap'];
    fc.assert(
      fc.property(fc.array(fc.tuple(side, rate, contract), { minLength: 3, maxLength: 3 }), fc.integer({ min: 1, max: 30 }), (books, rows) => {
        const quoted = books.map(([bids, r, cs], i) => quotedBook(feeds[i]!, book(bids, []), r, cs));
        const levels = quoted.flatMap((q) => q.bids.side.top(Infinity).map(([p, s]) => ({ feed: q.feed, raw: p, price: p * q.bids.rate, size: s * q.bids.contractSize })));
        const byPrice = new Map<number, typeof levels>();
        for (const l of levels) byPrice.set(l.price, [...(byPrice.get(l.price) ?? []), l]);
        const expected = [...byPrice].sort(([a], [b]) => b - a).slice(0, rows);
        const c = consolidate(quoted, 0, rows);
        expect(c.bids.map((row) => row.price)).toEqual(expected.map(([p]) => p));
        c.bids.forEach((row, i) => {
          for (const l of expected[i]![1]) {
            expect(row.venues[l.feed]).toBeCloseTo(l.size, 12);
            expect(row.rawPrices[l.feed]).toBe(l.raw);
          }
        });
      }),
      { numRuns: 200 },
    );
  });

  it('flags a cross only when the converted prices cross', () => {
    // Kraken bids 91 000.00 USD; Binance asks 90 995.00 USDT. In raw numbers they cross; with USDT at 1.0001 USD the
    // ask is 91 004.10 USD, above the bid: no cross. With USDT at 0.9999 USD the ask is 90 985.90 USD: a cross.
    const kraken = new OrderBook();
    kraken.snapshot([['91000.00', '1']], [['91010.00', '1']]);
    const binance = new OrderBook();
    binance.snapshot([['90990.00', '1']], [['90995.00', '1']]);
    expect(consolidate([quotedBook('kraken', kraken), quotedBook('binance', binance, 1.0001)], 0, 5).crossed).toBeUndefined();
    const crossed = consolidate([quotedBook('kraken', kraken), quotedBook('binance', binance, 0.9999)], 0, 5).crossed;
    expect(crossed).toMatchObject({ bidFeed: 'kraken', askFeed: 'binance' });
    expect(crossed!.edgeBps).toBeCloseTo(((91000 - 90995 * 0.9999) / ((91000 + 90995 * 0.9999) / 2)) * 1e4, 9);
  });

  it('reads a perpetual bid above a spot ask as the basis, not a cross; two perpetuals crossing still are one', () => {
    const spot = new OrderBook();
    spot.snapshot([['91000.00', '1']], [['91001.00', '1']]);
    const perp = new OrderBook();
    perp.snapshot([['91020.00', '1']], [['91021.00', '1']]);
    const mixed = consolidate([quotedBook('kraken', spot), quotedBook('bybit-linear', perp)], 0, 5);
    expect(mixed.spread).toBeLessThan(0);
    expect(mixed.crossed).toBeUndefined();
    const other = new OrderBook();
    other.snapshot([['91010.00', '1']], [['91015.00', '1']]);
    expect(consolidate([quotedBook('kraken', spot), quotedBook('bybit-linear', perp), quotedBook('okx-swap', other)], 0, 5).crossed).toMatchObject({
      bidFeed: 'bybit-linear',
      askFeed: 'okx-swap',
    });
  });
});
