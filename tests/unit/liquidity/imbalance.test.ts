import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { depthWithin, IMBALANCE_POINTS, ImbalanceHistory, imbalanceOf } from '../../../src/liquidity/imbalance';
import type { DepthPair } from '../../../src/liquidity/types';
import { quotedBook, type QuotedBook } from '../../../src/market/quoted-book';
import { book, documentedOkxBook, quotedBooks as booksArb } from './test-books';

/** Every level of the book, converted, summed where its price lies within the band. */
function naiveDepth(b: QuotedBook, mid: number, bps: number): DepthPair {
  const sum = (side: 'bid' | 'ask'): number => {
    const q = side === 'bid' ? b.bids : b.asks;
    const inBand = (p: number): boolean => (side === 'bid' ? p >= mid * (1 - bps / 1e4) : p <= mid * (1 + bps / 1e4));
    return q.side.top(Infinity).reduce((s, [p, size]) => (inBand(p * q.rate) ? s + size * q.contractSize : s), 0);
  };
  return { bid: sum('bid'), ask: sum('ask') };
}

describe('depth within a band of mid', () => {
  it("sums OKX's documented books snapshot within 10 bps of its mid: 458 bid, 508 ask", () => {
    const okx = documentedOkxBook();
    // Within 8468.50..8485.45: bids 256 + 101 + 100 + 1, asks 415 + 7 + 85 + 1; the rest lie near 8447 and 8506.
    const pair = depthWithin(quotedBook('okx', okx), (8476.97 + 8476.98) / 2, 10);
    expect(pair).toEqual({ bid: 458, ask: 508 });
    expect(imbalanceOf(pair)).toBeCloseTo(-50 / 966, 12);
  });

  it('equals summing every level whose converted price is in the band, for any books and band', () => {
    fc.assert(
      fc.property(booksArb, fc.integer({ min: 1, max: 400 }), (books, bps) => {
        for (const b of books) {
          const got = depthWithin(b, 100, bps);
          const want = naiveDepth(b, 100, bps);
          expect(got.bid).toBeCloseTo(want.bid, 9);
          expect(got.ask).toBeCloseTo(want.ask, 9);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('ImbalanceHistory', () => {
  it("gives each feed's depth around its own mid and the consolidated depth around the consolidated mid", () => {
    fc.assert(
      fc.property(booksArb, fc.integer({ min: 1, max: 400 }), fc.double({ min: 99.5, max: 100.5, noNaN: true }), (books, bps, mid) => {
        const view = new ImbalanceHistory().update(books, mid, bps, 0);
        let bid = 0;
        let ask = 0;
        for (const b of books) {
          const whole = naiveDepth(b, mid, bps);
          bid += whole.bid;
          ask += whole.ask;
          const best = [b.bids.priceAt(0), b.asks.priceAt(0)];
          if (best[0] === undefined || best[1] === undefined) {
            expect(view.feeds[b.feed]).toBeUndefined();
            continue;
          }
          const own = naiveDepth(b, (best[0] + best[1]) / 2, bps);
          expect(view.feeds[b.feed]!.bid).toBeCloseTo(own.bid, 9);
          expect(view.feeds[b.feed]!.ask).toBeCloseTo(own.ask, 9);
        }
        expect(view.consolidated!.bid).toBeCloseTo(bid, 9);
        expect(view.consolidated!.ask).toBeCloseTo(ask, 9);
        expect(view.history).toHaveLength(bid + ask > 0 ? 1 : 0);
        if (bid + ask > 0) expect(view.history[0]![1]).toBeCloseTo((bid - ask) / (bid + ask), 9);
      }),
      { numRuns: 200 },
    );
  });

  it('keeps the first point of each second, oldest first, for the last hour', () => {
    const history = new ImbalanceHistory();
    const bidHeavy = [quotedBook('kraken', book([[99.99, 3]], [[100.01, 1]]))];
    const askHeavy = [quotedBook('kraken', book([[99.99, 1]], [[100.01, 3]]))];
    history.update(bidHeavy, 100, 10, 1_000);
    history.update(askHeavy, 100, 10, 1_900);
    expect(history.update(askHeavy, 100, 10, 2_000).history).toEqual([
      [1_000, 0.5],
      [2_000, -0.5],
    ]);
    let view = history.update(bidHeavy, 100, 10, 2_000);
    for (let s = 3; s <= IMBALANCE_POINTS + 2; s++) view = history.update(bidHeavy, 100, 10, s * 1_000);
    expect(view.history).toHaveLength(IMBALANCE_POINTS);
    expect(view.history[0]).toEqual([3_000, 0.5]);
    expect(view.history.at(-1)).toEqual([(IMBALANCE_POINTS + 2) * 1_000, 0.5]);
  });

  it('starts again when the band changes or time goes back, and adds nothing without a mid or depth', () => {
    const history = new ImbalanceHistory();
    const books = [quotedBook('kraken', book([[99.99, 3]], [[100.01, 1]]))];
    history.update(books, 100, 10, 1_000);
    expect(history.update(books, 100, 20, 2_000).history).toEqual([[2_000, 0.5]]);
    expect(history.update(books, 100, 20, 1_500).history).toEqual([[1_500, 0.5]]);
    expect(history.update(books, undefined, 20, 3_000)).toEqual({ bps: 20, consolidated: undefined, feeds: { kraken: { bid: 3, ask: 1 } }, history: [[1_500, 0.5]] });
    expect(history.update([quotedBook('kraken', book([], []))], 100, 20, 4_000).history).toEqual([[1_500, 0.5]]);
  });
});
