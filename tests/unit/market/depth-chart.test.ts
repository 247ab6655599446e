import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OrderBook } from '../../../src/book/orderbook';
import { depthSteps, type DepthSteps } from '../../../src/market/depth-chart';
import { quotedBook, type QuotedBook } from '../../../src/market/quoted-book';
import { parseOkxFrame } from '../../../src/venues/okx';
import type { FeedId } from '../../../src/venues/types';
import { documented } from '../../helpers/documented';

/** The steps as rows: price, total, and each feed's part by feed id (zeros left out). */
function rows(steps: DepthSteps): { price: number; total: number; parts: Partial<Record<FeedId, number>> }[] {
  return Array.from(steps.prices, (price, k) => {
    const parts: Partial<Record<FeedId, number>> = {};
    steps.feeds.forEach((f, j) => {
      const v = steps.parts[k * steps.feeds.length + j]!;
      if (v !== 0) parts[f] = v;
    });
    return { price, total: steps.totals[k]!, parts };
  });
}

/** Every level of every book in the band, converted, sorted best first and summed price by price. */
function naiveSteps(books: readonly QuotedBook[], side: 'bid' | 'ask', mid: number, band: number): ReturnType<typeof rows> {
  const levels = books.flatMap((b) => {
    const q = side === 'bid' ? b.bids : b.asks;
    return q.side.top(Infinity).map(([p, size]) => ({ feed: b.feed, price: p * q.rate, size: size * q.contractSize }));
  });
  const inBand = (p: number): boolean => (side === 'bid' ? p >= mid * (1 - band) : p <= mid * (1 + band));
  const sorted = levels.filter((l) => inBand(l.price)).sort((x, y) => (side === 'bid' ? y.price - x.price : x.price - y.price));
  const out: ReturnType<typeof rows> = [];
  const parts: Partial<Record<FeedId, number>> = {};
  let total = 0;
  for (const l of sorted) {
    parts[l.feed] = (parts[l.feed] ?? 0) + l.size;
    total += l.size;
    if (out.at(-1)?.price === l.price) out[out.length - 1] = { price: l.price, total, parts: { ...parts } };
    else out.push({ price: l.price, total, parts: { ...parts } });
  }
  return out;
}

function expectRows(got: ReturnType<typeof rows>, want: ReturnType<typeof rows>): void {
  expect(got.map((r) => r.price)).toEqual(want.map((r) => r.price));
  got.forEach((r, k) => {
    expect(r.total).toBeCloseTo(want[k]!.total, 9);
    expect(Object.keys(r.parts).sort()).toEqual(Object.keys(want[k]!.parts).sort());
    for (const [f, v] of Object.entries(want[k]!.parts)) expect(r.parts[f as FeedId]).toBeCloseTo(v, 9);
  });
}

describe('depth steps at full resolution', () => {
  const a = new OrderBook();
  a.snapshot([['99.5', '1'], ['98.5', '2'], ['90', '50']], [['100.5', '3'], ['101.5', '1']]);
  const b = new OrderBook();
  b.snapshot([['99.5', '4'], ['98.9', '1']], [['100.2', '1'], ['150', '9']]);
  const books = [quotedBook('binance', a), quotedBook('okx', b)];

  it("steps at every level's price, feeds at one price sharing a step, out to the band", () => {
    const bids = depthSteps(books, 'bid', 100, 0.02);
    expect(bids.feeds).toEqual(['binance', 'okx']);
    expect(bids.exact).toBe(3);
    expect(rows(bids)).toEqual([
      { price: 99.5, total: 5, parts: { binance: 1, okx: 4 } },
      { price: 98.9, total: 6, parts: { binance: 1, okx: 5 } },
      { price: 98.5, total: 8, parts: { binance: 3, okx: 5 } },
    ]);
    expect(rows(depthSteps(books, 'ask', 100, 0.02))).toEqual([
      { price: 100.2, total: 1, parts: { okx: 1 } },
      { price: 100.5, total: 4, parts: { binance: 3, okx: 1 } },
      { price: 101.5, total: 5, parts: { binance: 4, okx: 1 } },
    ]);
    expect(Array.from(depthSteps(books, 'ask', 100, 0.02).parts)).toEqual([0, 1, 3, 1, 4, 1]);
  });

  it("draws OKX's documented books snapshot level by level", () => {
    const [snapshot] = parseOkxFrame(documented('okx', 'ws-books-snapshot.json'));
    if (snapshot?.type !== 'snapshot') throw new Error('the documented push is a snapshot');
    const okx = new OrderBook();
    okx.snapshot(snapshot.bids, snapshot.asks);
    const asks = depthSteps([quotedBook('okx', okx)], 'ask', (8476.97 + 8476.98) / 2, 0.01);
    expect(Array.from(asks.prices)).toEqual([8476.98, 8477, 8477.34, 8477.56, 8505.84, 8506.37, 8506.49, 8506.96]);
    expect(Array.from(asks.totals)).toEqual([415, 422, 507, 508, 516, 601, 603, 703]);
  });

  it('equals summing every level price by price, for any books, side and band', () => {
    const venues: FeedId[] = ['binance', 'okx', 'bybit'];
    const levels = fc.uniqueArray(fc.tuple(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 1, max: 500 })), { selector: ([p]) => p, maxLength: 40 });
    fc.assert(
      fc.property(fc.array(fc.tuple(levels, levels, fc.constantFrom(1, 1.0004)), { minLength: 1, maxLength: 3 }), fc.constantFrom('bid' as const, 'ask' as const), fc.integer({ min: 1, max: 30 }), (sides, side, bandPct) => {
        const books = sides.map(([bids, asks, rate], i) => {
          const b = new OrderBook();
          // Prices on a shared grid, so feeds meet at one price; one feed in a quote 4 bps off.
          b.snapshot(bids.map(([p, q]) => [String((2000 - p) / 20), String(q / 10)]), asks.map(([p, q]) => [String((2000 + p) / 20), String(q / 10)]));
          return quotedBook(venues[i]!, b, rate);
        });
        const steps = depthSteps(books, side, 100, bandPct / 100);
        expectRows(rows(steps), naiveSteps(books, side, 100, bandPct / 100));
        expect(steps.exact).toBe(steps.prices.length);
      }),
      { numRuns: 300 },
    );
  });

  it('bounds a band of more prices to maxSteps: the best half exact, the rest one step per price bucket, all on the exact curve', () => {
    const venues: FeedId[] = ['binance', 'okx', 'bybit'];
    const levels = fc.uniqueArray(fc.tuple(fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 1, max: 500 })), { selector: ([p]) => p, minLength: 1, maxLength: 200 });
    fc.assert(
      fc.property(fc.array(levels, { minLength: 1, maxLength: 3 }), fc.constantFrom('bid' as const, 'ask' as const), fc.integer({ min: 2, max: 60 }), (sides, side, maxSteps) => {
        const books = sides.map((own, i) => {
          const b = new OrderBook();
          const at = (p: number): string => String(side === 'bid' ? (100000 - p) / 1000 : (100000 + p) / 1000);
          b.snapshot(side === 'bid' ? own.map(([p, q]) => [at(p), String(q)]) : [], side === 'ask' ? own.map(([p, q]) => [at(p), String(q)]) : []);
          return quotedBook(venues[i]!, b);
        });
        const exact = naiveSteps(books, side, 100, 0.02);
        const got = rows(depthSteps(books, side, 100, 0.02, maxSteps));
        if (exact.length <= maxSteps) {
          expectRows(got, exact);
          return;
        }
        const head = Math.floor(maxSteps / 2);
        expect(got.length).toBeLessThanOrEqual(maxSteps);
        expectRows(got.slice(0, head), exact.slice(0, head));
        // Each step is the exact curve at its price, the last the whole band's depth.
        const byPrice = new Map(exact.map((r) => [r.price, r]));
        for (const r of got) expectRows([r], [byPrice.get(r.price)!]);
        expectRows(got.slice(-1), exact.slice(-1));
        // No exact step lies further than one bucket from the next step drawn at or beyond it.
        const width = Math.abs(exact.at(-1)!.price - exact[head]!.price) / (maxSteps - head);
        const drawn = got.map((r) => r.price);
        for (const r of exact) {
          const next = drawn.find((p) => (side === 'bid' ? p <= r.price : p >= r.price))!;
          expect(Math.abs(next - r.price)).toBeLessThanOrEqual(width + 1e-9);
        }
      }),
      { numRuns: 300 },
    );
  });
});
