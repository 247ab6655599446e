import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { moveCosts, sizeToMove } from '../../../src/liquidity/size-to-move';
import { MOVE_PCTS, type MoveCost } from '../../../src/liquidity/types';
import { quotedBook, type QuotedBook } from '../../../src/market/quoted-book';
import { book, documentedOkxBook, quotedBooks as booksArb } from './test-books';

/**
 * Every level of every book on one side, converted, in one list sorted best first; then everything at or better
 * than best × (1 ± pct/100), complete when some level of each book lies beyond that price.
 */
function naiveLeg(books: readonly QuotedBook[], side: 'bid' | 'ask', pct: number): MoveCost['up'] {
  const perBook = books.map((b) => {
    const q = side === 'bid' ? b.bids : b.asks;
    return q.side.top(Infinity).map(([p, size]) => ({ price: p * q.rate, size: size * q.contractSize }));
  });
  const all = perBook.flat().sort((x, y) => (side === 'ask' ? x.price - y.price : y.price - x.price));
  if (all.length === 0) return { base: 0, quote: 0, complete: false };
  // A level within binary rounding of the target (1e-12 of it) is at it.
  const target = all[0]!.price * (side === 'ask' ? (1 + pct / 100) * (1 + 1e-12) : (1 - pct / 100) * (1 - 1e-12));
  const within = (p: number): boolean => (side === 'ask' ? p <= target : p >= target);
  const taken = all.filter((l) => within(l.price));
  return {
    base: taken.reduce((s, l) => s + l.size, 0),
    quote: taken.reduce((s, l) => s + l.size * l.price, 0),
    complete: perBook.every((levels) => levels.some((l) => !within(l.price))),
  };
}

function expectLeg(got: MoveCost['up'], want: MoveCost['up']): void {
  expect(got.base).toBeCloseTo(want.base, 9);
  expect(got.quote).toBeCloseTo(want.quote, 6);
  expect(got.complete).toBe(want.complete);
}

describe('size to move the price', () => {
  it("reads OKX's documented books snapshot: 0.1 % takes the four levels near the touch, 0.5 % runs off the book", () => {
    const okx = documentedOkxBook();
    const [p01, p05] = moveCosts([quotedBook('okx', okx)]);
    // Up 0.1 % from 8476.98 is 8485.46: the asks at 8476.98, 8477, 8477.34 and 8477.56; 8505.84 lies beyond.
    expect(p01!.up.base).toBe(415 + 7 + 85 + 1);
    expect(p01!.up.quote).toBeCloseTo(8476.98 * 415 + 8477 * 7 + 8477.34 * 85 + 8477.56, 6);
    expect(p01!.up.complete).toBe(true);
    // Down 0.1 % from 8476.97 is 8468.49: the bids at 8476.97, 8475.55, 8475.54 and 8475.3; 8447.32 lies beyond.
    expect(p01!.down).toMatchObject({ base: 256 + 101 + 100 + 1, complete: true });
    // 0.5 % is past the eight levels the example holds a side: all of them, and not known to be enough.
    expect(p05!.up).toMatchObject({ base: 415 + 7 + 85 + 1 + 8 + 85 + 2 + 100, complete: false });
    expect(p05!.down).toMatchObject({ base: 256 + 101 + 100 + 1 + 6 + 246 + 24 + 95, complete: false });
    // As a swap of 0.01 contracts: base units.
    expect(moveCosts([quotedBook('okx-swap', okx, 1, 0.01)])[0]!.up.base).toBeCloseTo(5.08, 12);
  });

  it('takes less of a feed merged than alone when the feed quotes away from the best price', () => {
    const cheap = quotedBook('kraken', book([[99, 1]], [[100, 1], [100.05, 1], [102, 1]]));
    const dear = quotedBook('okx', book([[99, 1]], [[100.5, 50], [100.6, 50], [102, 1]]));
    const view = sizeToMove([cheap, dear]);
    // Merged, 0.5 % up from 100 is 100.5: okx's 50 at 100.5 and kraken's two; okx alone goes to 101.0025.
    expect(view.consolidated[1]!.up.base).toBe(52);
    expect(view.feeds.okx![1]!.up.base).toBe(100);
  });

  it('equals taking every level up to the price, merged and per feed, for any books', () => {
    fc.assert(
      fc.property(booksArb, (books) => {
        const view = sizeToMove(books);
        MOVE_PCTS.forEach((pct, k) => {
          expect(view.consolidated[k]!.pct).toBe(pct);
          expectLeg(view.consolidated[k]!.up, naiveLeg(books, 'ask', pct));
          expectLeg(view.consolidated[k]!.down, naiveLeg(books, 'bid', pct));
          for (const b of books) {
            expectLeg(view.feeds[b.feed]![k]!.up, naiveLeg([b], 'ask', pct));
            expectLeg(view.feeds[b.feed]![k]!.down, naiveLeg([b], 'bid', pct));
          }
        });
      }),
      { numRuns: 300 },
    );
  });

  it('grows with the move, and merged needs at least what any feed at the best price needs alone', () => {
    fc.assert(
      fc.property(booksArb, (books) => {
        const view = sizeToMove(books);
        for (const dir of ['up', 'down'] as const) {
          const best = dir === 'up' ? Math.min(...books.map((b) => b.asks.priceAt(0) ?? Infinity)) : Math.max(...books.map((b) => b.bids.priceAt(0) ?? -Infinity));
          for (let k = 1; k < MOVE_PCTS.length; k++) {
            expect(view.consolidated[k]![dir].base).toBeGreaterThanOrEqual(view.consolidated[k - 1]![dir].base);
            expect(view.consolidated[k]![dir].quote).toBeGreaterThanOrEqual(view.consolidated[k - 1]![dir].quote);
            if (!view.consolidated[k - 1]![dir].complete) expect(view.consolidated[k]![dir].complete).toBe(false);
          }
          for (const b of books) {
            const own = (dir === 'up' ? b.asks : b.bids).priceAt(0);
            if (own !== best) continue;
            MOVE_PCTS.forEach((_, k) => expect(view.consolidated[k]![dir].base).toBeGreaterThanOrEqual(view.feeds[b.feed]![k]![dir].base - 1e-9));
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('says nothing is known on a side with no levels', () => {
    expect(moveCosts([quotedBook('kraken', book([[99, 1]], []))]).map((c) => c.up)).toEqual(MOVE_PCTS.map(() => ({ base: 0, quote: 0, complete: false })));
  });
});
