import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OrderBook } from '../../../src/book/orderbook';
import type { RawLevel } from '../../../src/book/levels';

/** The naive reference: a Map per side, sorted on read. */
class ReferenceBook {
  bids = new Map<number, [string, string]>();
  asks = new Map<number, [string, string]>();
  constructor(private readonly maxDepth = Infinity) {}
  snapshot(bids: RawLevel[], asks: RawLevel[]): void {
    this.bids.clear();
    this.asks.clear();
    this.update(bids, asks);
  }
  update(bids: RawLevel[], asks: RawLevel[]): void {
    for (const [side, levels] of [
      [this.bids, bids],
      [this.asks, asks],
    ] as const) {
      for (const [p, q] of levels) {
        if (Number(q) === 0) side.delete(Number(p));
        else side.set(Number(p), [p, q]);
      }
    }
    const keep = (side: Map<number, [string, string]>, desc: boolean): void => {
      const sorted = [...side.keys()].sort((a, b) => (desc ? b - a : a - b));
      for (const p of sorted.slice(this.maxDepth)) side.delete(p);
    };
    keep(this.bids, true);
    keep(this.asks, false);
  }
  texts(side: 'bid' | 'ask'): string[] {
    const m = side === 'bid' ? this.bids : this.asks;
    return [...m.entries()].sort(([a], [b]) => (side === 'bid' ? b - a : a - b)).map(([, [, q]]) => q);
  }
  sorted(side: 'bid' | 'ask'): [number, number][] {
    const m = side === 'bid' ? this.bids : this.asks;
    return [...m.entries()].sort(([a], [b]) => (side === 'bid' ? b - a : a - b)).map(([p, [, q]]) => [p, Number(q)]);
  }
}

const price = fc.integer({ min: 1, max: 400 }).map((t) => (t / 100).toFixed(2));
const size = fc.oneof(fc.constant('0'), fc.constant('0.000'), fc.integer({ min: 1, max: 1_000_000 }).map((l) => (l / 1000).toFixed(3)));
const levels = fc.array(fc.tuple(price, size) as fc.Arbitrary<RawLevel>, { maxLength: 40 });
const op = fc.oneof(
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('snapshot' as const), bids: levels, asks: levels }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('update' as const), bids: levels, asks: levels }) },
);

describe('OrderBook against a naive reference model', () => {
  for (const [maxDepth, keepText] of [
    [Infinity, true],
    [10, true],
    [Infinity, false],
  ] as const) {
    it(`any sequence of snapshots and changes gives the same book (depth ${maxDepth}, text ${keepText ? 'kept' : 'not kept'})`, () => {
      fc.assert(
        fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
          const book = new OrderBook(maxDepth, keepText);
          const ref = new ReferenceBook(maxDepth);
          for (const o of ops) {
            if (o.kind === 'snapshot') {
              // A snapshot carries each price once, as venues send it.
              const dedupe = (ls: RawLevel[]): RawLevel[] => [...new Map(ls.map((l) => [Number(l[0]), l])).values()];
              book.snapshot(dedupe(o.bids), dedupe(o.asks));
              ref.snapshot(dedupe(o.bids), dedupe(o.asks));
            } else {
              book.update(o.bids, o.asks);
              ref.update(o.bids, o.asks);
            }
            expect(book.bids.top(Infinity)).toEqual(ref.sorted('bid'));
            expect(book.asks.top(Infinity)).toEqual(ref.sorted('ask'));
            if (keepText) {
              const texts = (side: typeof book.bids): string[] => Array.from({ length: side.length }, (_, k) => side.sizeTextAt(k)!);
              expect(texts(book.bids)).toEqual(ref.texts('bid'));
              expect(texts(book.asks)).toEqual(ref.texts('ask'));
            }
          }
        }),
        { numRuns: 300 },
      );
    });
  }

  it('keeps the venue text of the latest change for checksums', () => {
    const book = new OrderBook();
    book.snapshot([['100.10', '1.500']], [['100.20', '2.000']]);
    book.update([['100.1', '1.50000000']], []);
    expect(book.bids.level(0)).toEqual({ price: 100.1, size: 1.5, priceText: '100.1', sizeText: '1.50000000' });
    expect(book.asks.level(0)?.sizeText).toBe('2.000');
  });

  it('refuses levels that are not numbers instead of storing garbage', () => {
    const book = new OrderBook();
    expect(() => book.update([['abc', '1']], [])).toThrow(/unreadable level/);
    expect(() => book.update([['1', '-2']], [])).toThrow(/unreadable level/);
  });

  it('answers best, top N, depth to a price and mid', () => {
    const book = new OrderBook();
    book.snapshot(
      [
        ['99', '1'],
        ['98', '2'],
        ['97', '3'],
      ],
      [
        ['101', '1'],
        ['102', '4'],
      ],
    );
    expect(book.bids.best()?.price).toBe(99);
    expect(book.asks.top(5)).toEqual([
      [101, 1],
      [102, 4],
    ]);
    expect(book.bids.depthTo(98)).toEqual({ levels: 2, size: 3, notional: 99 + 196 });
    expect(book.bids.depthTo(97, 1)).toEqual({ levels: 2, size: 5, notional: 196 + 291 });
    expect(book.asks.depthTo(101.5)).toEqual({ levels: 1, size: 1, notional: 101 });
    expect(book.mid()).toBe(100);
  });
});
