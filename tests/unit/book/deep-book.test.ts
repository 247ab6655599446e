import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OrderBook } from '../../../src/book/orderbook';
import type { BookSide } from '../../../src/book/book-side';
import type { RawLevel } from '../../../src/book/levels';

/**
 * Books thousands of levels deep, so that changes land in every part of a side and its storage is cut, joined,
 * grown, shrunk and truncated, against the simplest model there is: a Map of price to the venue's text.
 */
type Model = Map<number, RawLevel>;

function applyModel(model: Model, levels: readonly RawLevel[]): void {
  for (const level of levels) {
    if (Number(level[1]) === 0) model.delete(Number(level[0]));
    else model.set(Number(level[0]), level);
  }
}

/** The model's side best first, cut at `depth`, as [price, size, price text, size text]. */
function modelSide(model: Model, bid: boolean, depth: number): [number, number, string, string][] {
  const out = [...model.entries()].sort(([a], [b]) => (bid ? b - a : a - b)).slice(0, depth);
  return out.map(([p, [pt, st]]) => [p, Number(st), pt, st]);
}

function bookSide(side: BookSide): [number, number, string, string][] {
  return Array.from({ length: side.length }, (_, k) => [side.priceAt(k)!, side.sizeAt(k)!, side.priceTextAt(k)!, side.sizeTextAt(k)!]);
}

/** Every level from the `from`-th best outward, read by a walk. */
function walked(side: BookSide, from: number): [number, number][] {
  const out: [number, number][] = [];
  for (const walk = side.walk(from); walk.next(); ) out.push([walk.price, walk.size]);
  return out;
}

/** Keeps the model at the book's depth, as the venue would have: levels below it are gone for good. */
function cut(model: Model, bid: boolean, depth: number): void {
  for (const [p] of modelSide(model, bid, Infinity).slice(depth)) model.delete(p);
}

const TICKS = 20_000;
/** Price texts as venues write them, among them the rare ones toFixed does not print back (a leading zero). */
const priceTextOf = (tick: number, form: number): string => {
  const value = tick / 100;
  return form === 0 ? value.toFixed(2) : form === 1 ? value.toFixed(8) : form === 2 ? `0${value.toFixed(2)}` : String(value);
};
const sizeText = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 1, max: 10_000_000 }).map((l) => (l / 1e4).toFixed(8)) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 10_000 }).map(String) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 99 }).map((l) => `0${l}.5`) },
  { weight: 1, arbitrary: fc.bigInt({ min: 10n ** 15n, max: 10n ** 16n }).map((l) => `1.${l}`) },
  { weight: 2, arbitrary: fc.constantFrom('0', '0.00000000') },
);
const change = fc.oneof(
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('scatter' as const), levels: fc.array(fc.tuple(fc.integer({ min: 1, max: TICKS }), sizeText), { maxLength: 300, size: 'max' }) }) },
    {
      weight: 1,
      arbitrary: fc.record({ kind: fc.constant('clear-range' as const), from: fc.integer({ min: 1, max: TICKS }), width: fc.integer({ min: 1, max: 4000 }) }),
    },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('clear' as const) }) },
    {
      weight: 1,
      arbitrary: fc.record({ kind: fc.constant('fill-range' as const), from: fc.integer({ min: 1, max: TICKS }), width: fc.integer({ min: 1, max: 2000 }) }),
    },
  );

type Change =
  | { kind: 'scatter'; levels: [number, string][] }
  | { kind: 'clear-range' | 'fill-range'; from: number; width: number }
  | { kind: 'clear' };

/** A change's levels; a price's text form is fixed per run (by its tick), so one price is never named two ways at once. */
function levelsOf(c: Exclude<Change, { kind: 'clear' }>, form: number): RawLevel[] {
  if (c.kind === 'scatter') return c.levels.map(([tick, size]) => [priceTextOf(tick, tick % 17 === 0 ? form : 0), size]);
  const out: RawLevel[] = [];
  for (let t = c.from; t < Math.min(TICKS, c.from + c.width); t++) out.push([priceTextOf(t, t % 17 === 0 ? form : 0), c.kind === 'clear-range' ? '0' : `${t % 97}.25`]);
  return out;
}

/** A snapshot of distinct prices, in venue order (best first), reversed, or shuffled. */
function snapshotOf(levels: readonly RawLevel[], bid: boolean, order: 'venue' | 'reversed' | 'shuffled', seed: number): RawLevel[] {
  const distinct = [...new Map(levels.map((l) => [Number(l[0]), l])).values()];
  distinct.sort((a, b) => (bid ? Number(b[0]) - Number(a[0]) : Number(a[0]) - Number(b[0])));
  if (order === 'reversed') distinct.reverse();
  if (order === 'shuffled') {
    let s = seed || 1;
    for (let i = distinct.length - 1; i > 0; i--) {
      s = (s * 16807) % 2147483647;
      const j = s % (i + 1);
      [distinct[i], distinct[j]] = [distinct[j]!, distinct[i]!];
    }
  }
  return distinct;
}

describe('a book thousands of levels deep', () => {
  for (const [depth, keepText] of [
    [Infinity, true],
    [Infinity, false],
    [1500, true],
  ] as const) {
    it(`matches a Map after any snapshot order and changes at any depth (depth ${depth}, text ${keepText ? 'kept' : 'not kept'})`, () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: 3 }),
          fc.array(fc.tuple(fc.integer({ min: 1, max: TICKS }), sizeText), { minLength: 500, maxLength: 4000, size: 'max' }),
          fc.constantFrom('venue' as const, 'reversed' as const, 'shuffled' as const),
          fc.integer({ min: 1, max: 1e9 }),
          fc.array(fc.record({ bid: fc.boolean(), c: change }), { minLength: 5, maxLength: 15, size: 'max' }),
          (form, seedLevels, order, seed, changes) => {
            const book = new OrderBook(depth, keepText);
            const models: Record<'bid' | 'ask', Model> = { bid: new Map(), ask: new Map() };
            const seeded = seedLevels.map(([tick, size]): RawLevel => [priceTextOf(tick, tick % 17 === 0 ? form : 0), size]);
            const bids = snapshotOf(seeded, true, order, seed);
            const asks = snapshotOf(seeded, false, order, seed + 1);
            book.snapshot(bids, asks);
            applyModel(models.bid, bids);
            applyModel(models.ask, asks);
            cut(models.bid, true, depth);
            cut(models.ask, false, depth);
            const check = (): void => {
              const shown = (side: BookSide, bid: boolean): unknown[] => {
                const rows = bookSide(side);
                return keepText ? rows : rows.map(([p, s]) => [p, s]);
              };
              const wanted = (model: Model, bid: boolean): unknown[] => {
                const rows = modelSide(model, bid, depth);
                return keepText ? rows : rows.map(([p, s]) => [p, s]);
              };
              expect(shown(book.bids, true)).toEqual(wanted(models.bid, true));
              expect(shown(book.asks, false)).toEqual(wanted(models.ask, false));
              for (const [side, model, bid] of [
                [book.bids, models.bid, true],
                [book.asks, models.ask, false],
              ] as const) {
                const rows = modelSide(model, bid, depth).map(([p, s]) => [p, s]);
                for (const from of [0, rows.length >> 1, rows.length - 1, rows.length, rows.length + 3]) {
                  expect(walked(side, from)).toEqual(rows.slice(Math.max(0, from)));
                }
              }
            };
            check();
            for (const { bid, c } of changes as { bid: boolean; c: Change }[]) {
              if (c.kind === 'clear') {
                book.clear();
                models.bid.clear();
                models.ask.clear();
                check();
                continue;
              }
              const levels = levelsOf(c, form);
              if (bid) {
                book.update(levels, []);
                applyModel(models.bid, levels);
                cut(models.bid, true, depth);
              } else {
                book.update([], levels);
                applyModel(models.ask, levels);
                cut(models.ask, false, depth);
              }
              check();
            }
          },
        ),
        // Shrinking thousands of levels takes minutes; the first failing case is shown as found.
        { numRuns: 12, endOnFailure: true },
      );
    }, 60_000);
  }

  it('loads a snapshot in any order to the same book, and refuses a price named twice however far apart', () => {
    const bids: RawLevel[] = Array.from({ length: 5000 }, (_, i) => [(50_000 - i / 10).toFixed(1), `${(i % 9) + 1}.000`]);
    const asks: RawLevel[] = Array.from({ length: 5000 }, (_, i) => [(50_001 + i / 10).toFixed(1), `${(i % 5) + 1}.50`]);
    const venueOrder = new OrderBook();
    venueOrder.snapshot(bids, asks);
    const reversed = new OrderBook();
    reversed.snapshot([...bids].reverse(), [...asks].reverse());
    const shuffled = new OrderBook();
    shuffled.snapshot(snapshotOf(bids, true, 'shuffled', 7), snapshotOf(asks, false, 'shuffled', 9));
    for (const book of [reversed, shuffled]) {
      expect(bookSide(book.bids)).toEqual(bookSide(venueOrder.bids));
      expect(bookSide(book.asks)).toEqual(bookSide(venueOrder.asks));
    }
    expect(venueOrder.bids.level(4999)).toEqual({ price: 49_500.1, size: 5, priceText: '49500.1', sizeText: '5.000' });
    expect(() => venueOrder.snapshot([...bids, ['50000.0', '0']], asks)).toThrow(/bid 50000.0 listed twice/);
    expect(() => venueOrder.snapshot(bids, [['50001.0', '1'], ...asks.slice(1, 4000), ['50001.00', '2']])).toThrow(/ask 50001.00 listed twice/);
  });

  it('reads depth to a price across the whole side, from any level', () => {
    const book = new OrderBook(Infinity, false);
    book.snapshot(
      Array.from({ length: 3000 }, (_, i) => [String(10_000 - i), '2'] as RawLevel),
      [],
    );
    expect(book.bids.depthTo(7001)).toEqual({ levels: 3000, size: 6000, notional: 2 * ((10_000 + 7001) * 3000) / 2 });
    expect(book.bids.depthTo(9000, 600)).toEqual({ levels: 401, size: 802, notional: 2 * ((9400 + 9000) * 401) / 2 });
    expect(book.bids.depthTo(9000, 3000).levels).toBe(0);
    expect(book.bids.priceAt(2999)).toBe(7001);
    expect(book.bids.priceAt(3000)).toBeUndefined();
  });

  it('shows nothing after it is cleared, at the top or below', () => {
    const book = new OrderBook();
    book.snapshot([['100.5', '1']], Array.from({ length: 2000 }, (_, i) => [String(101 + i), '1'] as RawLevel));
    book.clear();
    expect([book.bids.length, book.bids.priceAt(0), book.bids.sizeAt(0), book.bids.best()]).toEqual([0, undefined, undefined, undefined]);
    expect([book.asks.length, book.asks.priceAt(0), book.asks.priceAt(1999), book.asks.top(5)]).toEqual([0, undefined, undefined, []]);
    book.update([['99', '2']], []);
    expect(book.bids.top(5)).toEqual([[99, 2]]);
  });
});
