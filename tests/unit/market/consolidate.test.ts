import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OrderBook } from '../../../src/book/orderbook';
import type { RawLevel } from '../../../src/book/levels';
import { consolidate, stepDecimals } from '../../../src/market/consolidate';
import { quotedBook, type QuotedBook } from '../../../src/market/quoted-book';
import type { FeedId } from '../../../src/venues/types';

function book(bids: [number, number][], asks: [number, number][]): OrderBook {
  const b = new OrderBook();
  const raw = (ls: [number, number][]): RawLevel[] => ls.map(([p, q]) => [String(p), String(q)]);
  b.snapshot(raw(bids), raw(asks));
  return b;
}

describe('consolidated ladder', () => {
  const books: QuotedBook[] = [
    quotedBook('binance', book([[100.03, 1], [100.01, 2], [99.97, 5]], [[100.05, 1], [100.12, 3]])),
    quotedBook('kraken', book([[100.04, 0.5], [100.0, 4]], [[100.06, 2], [100.07, 1]])),
  ];

  it('merges levels by price with each venue share and cumulative size', () => {
    const c = consolidate(books, 0, 3);
    expect(c.bids).toEqual([
      { price: 100.04, size: 0.5, cumulative: 0.5, venues: { kraken: 0.5 }, rawPrices: { kraken: 100.04 } },
      { price: 100.03, size: 1, cumulative: 1.5, venues: { binance: 1 }, rawPrices: { binance: 100.03 } },
      { price: 100.01, size: 2, cumulative: 3.5, venues: { binance: 2 }, rawPrices: { binance: 100.01 } },
    ]);
    expect(c.asks.map((r) => r.price)).toEqual([100.05, 100.06, 100.07]);
    expect(c.bestBid).toEqual({ price: 100.04, venues: ['kraken'] });
    expect(c.bestAsk).toEqual({ price: 100.05, venues: ['binance'] });
    expect(c.mid).toBeCloseTo(100.045, 10);
    expect(c.spread).toBeCloseTo(0.01, 10);
    expect(c.spreadBps).toBeCloseTo((0.01 / 100.045) * 1e4, 8);
    expect(c.crossed).toBeUndefined();
  });

  it('groups bids down and asks up by the price step', () => {
    const c = consolidate(books, 0.1, 5);
    expect(c.bids).toEqual([
      { price: 100.0, size: 7.5, cumulative: 7.5, venues: { kraken: 4.5, binance: 3 }, rawPrices: { kraken: 100.04, binance: 100.03 } },
      { price: 99.9, size: 5, cumulative: 12.5, venues: { binance: 5 }, rawPrices: { binance: 99.97 } },
    ]);
    expect(c.asks).toEqual([
      { price: 100.1, size: 4, cumulative: 4, venues: { binance: 1, kraken: 3 }, rawPrices: { binance: 100.05, kraken: 100.06 } },
      { price: 100.2, size: 3, cumulative: 7, venues: { binance: 3 }, rawPrices: { binance: 100.12 } },
    ]);
  });

  it('flags a crossed market with its edge', () => {
    const crossed: QuotedBook[] = [
      quotedBook('okx', book([[101, 1]], [[102, 1]])),
      quotedBook('bybit', book([[99, 1]], [[100, 1]])),
    ];
    const c = consolidate(crossed, 0, 5);
    expect(c.crossed).toEqual({ bidFeed: 'okx', askFeed: 'bybit', edgeBps: (1 / 100.5) * 1e4 });
  });

  it('flags a crossed market when venues tie at the best bid or the best ask', () => {
    // Two venues tie at the best bid 101; the first of them also asks 100.5 (a book its session would resync,
    // but the merge must not rely on that): bybit's 101 bid still crosses okx's 100.5 ask.
    const bidTie: QuotedBook[] = [
      quotedBook('okx', book([[101, 1]], [[100.5, 1]])),
      quotedBook('bybit', book([[101, 2]], [[102, 1]])),
    ];
    expect(consolidate(bidTie, 0, 5).crossed).toMatchObject({ bidFeed: 'bybit', askFeed: 'okx' });
    const askTie: QuotedBook[] = [
      quotedBook('okx', book([[101, 1]], [[100.5, 1]])),
      quotedBook('kraken', book([[99, 1]], [[100.5, 1]])),
    ];
    expect(consolidate(askTie, 0, 5).crossed).toMatchObject({ bidFeed: 'okx', askFeed: 'kraken' });
  });

  it('names every venue at the best price', () => {
    const tie: QuotedBook[] = [
      quotedBook('okx', book([[100, 1]], [[101, 1]])),
      quotedBook('bybit', book([[100, 2]], [[102, 1]])),
    ];
    expect(consolidate(tie, 0, 1).bestBid).toEqual({ price: 100, venues: ['okx', 'bybit'] });
  });

  it('knows how many decimals a step prints with', () => {
    expect([stepDecimals(0.01), stepDecimals(1), stepDecimals(10), stepDecimals(0.00001), stepDecimals(0.5)]).toEqual([2, 0, 0, 5, 1]);
  });

  it('equals a naive merge for any books and step', () => {
    const venues: FeedId[] = ['binance', 'okx', 'bybit'];
    const side = fc.uniqueArray(fc.tuple(fc.integer({ min: 1, max: 2000 }), fc.integer({ min: 1, max: 500 })), { selector: ([p]) => p, maxLength: 30 });
    fc.assert(
      fc.property(fc.array(side, { minLength: 3, maxLength: 3 }), fc.constantFrom(0, 0.01, 0.05, 1, 2.5), fc.integer({ min: 1, max: 20 }), (sides, step, rows) => {
        const books = sides.map((levels, i) => quotedBook(venues[i]!, book(levels.map(([p, q]) => [p / 100, q / 10]), [])));
        const c = consolidate(books, step, rows);
        const buckets = new Map<number, Map<FeedId, number>>();
        for (const { feed: venue, bids } of books) {
          for (const [p, q] of bids.side.top(Infinity)) {
            const k = step === 0 ? p : Math.floor(Math.round((p / step) * 1e6) / 1e6);
            const m = buckets.get(k) ?? new Map<FeedId, number>();
            m.set(venue, (m.get(venue) ?? 0) + q);
            buckets.set(k, m);
          }
        }
        const expected = [...buckets.entries()].sort(([a], [b]) => b - a).slice(0, rows);
        expect(c.bids.length).toBe(expected.length);
        c.bids.forEach((row, i) => {
          const [k, m] = expected[i]!;
          expect(row.price).toBeCloseTo(step === 0 ? k : k * step, 9);
          for (const v of venues) expect(row.venues[v] ?? 0).toBeCloseTo(m.get(v) ?? 0, 9);
        });
      }),
      { numRuns: 200 },
    );
  });
});
