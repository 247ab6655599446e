import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OrderBook } from '../../../src/book/orderbook';
import { DEFAULT_WALL_RULE, type WallRule } from '../../../src/liquidity/types';
import { ENDED_KEEP_MS, findWalls, WallTracker, type WallLevel } from '../../../src/liquidity/walls';
import { quotedBook, type QuotedBook } from '../../../src/market/quoted-book';
import type { FeedId } from '../../../src/venues/types';
import { book, documentedOkxBook } from './test-books';

/** The rule read the slow way: every level of every side, its clipped window of neighbours sorted, the median. */
function naiveWalls(books: readonly QuotedBook[], mid: number, rule: WallRule): WallLevel[] {
  const out: WallLevel[] = [];
  for (const b of books) {
    for (const side of ['bid', 'ask'] as const) {
      const quoted = side === 'bid' ? b.bids : b.asks;
      const levels = quoted.side.top(Infinity).map(([p, q]) => ({ raw: p, price: p * quoted.rate, size: q * quoted.contractSize }));
      levels.forEach((level, k) => {
        const inBand = side === 'bid' ? level.price >= mid * (1 - rule.bandBps / 1e4) : level.price <= mid * (1 + rule.bandBps / 1e4);
        if (!inBand) return;
        const around = levels.filter((_, j) => j !== k && Math.abs(j - k) <= rule.neighbours).map((l) => l.size);
        if (around.length === 0) return;
        around.sort((x, y) => x - y);
        const h = around.length >> 1;
        const median = around.length % 2 === 1 ? around[h]! : (around[h - 1]! + around[h]!) / 2;
        if (level.size >= rule.factor * median) out.push({ feed: b.feed, side, rawPrice: level.raw, price: level.price, size: level.size, ratio: level.size / median });
      });
    }
  }
  return out;
}

/** Ten bids a tick apart below 100 and ten asks above it, sizes 1, with `extra` levels replacing or added. */
function ladder(extra: { bids?: [number, number][]; asks?: [number, number][] } = {}): OrderBook {
  const side = (dir: number, own: [number, number][] = []): [number, number][] => {
    const levels = new Map<number, number>();
    for (let k = 0; k < 60; k++) levels.set(Math.round((100 + dir * (0.05 + k * 0.1)) * 100) / 100, 1);
    for (const [p, q] of own) if (q === 0) levels.delete(p);
    else levels.set(p, q);
    return [...levels].sort(([a], [b]) => dir * (a - b));
  };
  return book(side(-1, extra.bids), side(1, extra.asks));
}

const RULE: WallRule = { factor: 8, neighbours: 5, bandBps: 200 };

describe('findWalls', () => {
  it("finds the ask walls of OKX's documented books snapshot, where half the levels hold 1 to 8 and half 85 to 415", () => {
    const okx = documentedOkxBook();
    const mid = (8476.97 + 8476.98) / 2;
    // Asks 415, 7, 85, 1, 8, 85, 2, 100: with ten neighbours a side every other level is a neighbour, and the
    // median of the others is 8 for each large one. The bids (256, 101, 100, 1, 6, 246, 24, 95) have a median of
    // 95 or 100 around each: none is 8x.
    expect(findWalls([quotedBook('okx', okx)], mid, DEFAULT_WALL_RULE)).toEqual([
      { feed: 'okx', side: 'ask', rawPrice: 8476.98, price: 8476.98, size: 415, ratio: 415 / 8 },
      { feed: 'okx', side: 'ask', rawPrice: 8477.34, price: 8477.34, size: 85, ratio: 85 / 8 },
      { feed: 'okx', side: 'ask', rawPrice: 8506.37, price: 8506.37, size: 85, ratio: 85 / 8 },
      { feed: 'okx', side: 'ask', rawPrice: 8506.96, price: 8506.96, size: 100, ratio: 100 / 8 },
    ]);
    // The same book as a swap's contracts of 0.01 in a quote worth 0.999: a wall in base units and display prices.
    expect(findWalls([quotedBook('okx-swap', okx, 0.999, 0.01)], mid * 0.999, { ...DEFAULT_WALL_RULE, factor: 20 })).toEqual([
      { feed: 'okx-swap', side: 'ask', rawPrice: 8476.98, price: 8476.98 * 0.999, size: 415 * 0.01, ratio: (415 * 0.01) / (8 * 0.01) },
    ]);
  });

  it('compares the best level with the levels behind it alone, and needs a neighbour', () => {
    const b = quotedBook('kraken', book([[99, 10], [98, 1], [97, 1]], [[101, 1]]));
    expect(findWalls([b], 100, { factor: 8, neighbours: 1, bandBps: 500 })).toEqual([{ feed: 'kraken', side: 'bid', rawPrice: 99, price: 99, size: 10, ratio: 10 }]);
  });

  it('looks for walls within the band only, but reads their neighbours beyond it', () => {
    const b = quotedBook('binance', ladder({ bids: [[98.95, 20]] }));
    expect(findWalls([b], 100, { ...RULE, bandBps: 100 })).toEqual([]);
    expect(findWalls([b], 100, { ...RULE, bandBps: 110 }).map((w) => w.rawPrice)).toEqual([98.95]);
  });

  it('equals the rule read level by level, for any books, rates, contract sizes and rule', () => {
    const feeds: FeedId[] = ['binance', 'okx-swap', 'kraken'];
    const sizes = fc.oneof(fc.constantFrom(1, 2, 3), fc.integer({ min: 1, max: 400 }));
    const levels = fc.uniqueArray(fc.tuple(fc.integer({ min: 1, max: 300 }), sizes), { selector: ([p]) => p, maxLength: 60 });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(levels, levels, fc.constantFrom(1, 0.9997, 1.0004), fc.constantFrom(1, 0.01)), { minLength: 1, maxLength: 3 }),
        fc.record({ factor: fc.constantFrom(1, 2, 2.5, 4, 8), neighbours: fc.integer({ min: 0, max: 12 }), bandBps: fc.integer({ min: 1, max: 400 }) }),
        (specs, rule) => {
          const books = specs.map(([bids, asks, rate, contract], i) =>
            quotedBook(feeds[i]!, book(bids.map(([p, q]) => [(5000 - p) / 50, q]), asks.map(([p, q]) => [(5000 + p) / 50, q])), rate, contract),
          );
          expect(findWalls(books, 100, rule)).toEqual(naiveWalls(books, 100, rule));
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe('WallTracker', () => {
  const at = (wall: number, size: number): OrderBook => ladder({ bids: [[wall, size]] });

  it('keeps a wall as one through small changes of its size, from when it was first seen', () => {
    const tracker = new WallTracker();
    expect(tracker.update([quotedBook('okx', at(99.05, 20))], 100, 1_000, RULE)).toMatchObject([{ feed: 'okx', side: 'bid', rawPrice: 99.05, size: 20, since: 1_000, state: 'standing' }]);
    expect(tracker.update([quotedBook('okx', at(99.05, 19.5))], 100, 2_000, RULE)).toMatchObject([{ rawPrice: 99.05, size: 19.5, since: 1_000, state: 'standing' }]);
    // Below 8x its neighbours (6 against 1) but above half of it: still the same wall.
    expect(tracker.update([quotedBook('okx', at(99.05, 6))], 100, 3_000, RULE)).toMatchObject([{ rawPrice: 99.05, size: 6, since: 1_000, state: 'standing' }]);
    // A new level becoming a wall at 6x is not one: it must pass the rule to start.
    expect(tracker.update([quotedBook('okx', ladder({ bids: [[99.05, 6], [98.95, 6]] }))], 100, 4_000, RULE).map((w) => w.rawPrice)).toEqual([99.05]);
  });

  it('marks a wall pulled when it goes while the price is away from it', () => {
    const tracker = new WallTracker();
    tracker.update([quotedBook('okx', at(99.05, 20))], 100, 1_000, RULE);
    expect(tracker.update([quotedBook('okx', at(99.05, 0))], 100, 2_000, RULE)).toEqual([
      { feed: 'okx', side: 'bid', rawPrice: 99.05, price: 99.05, size: 20, ratio: 20, since: 1_000, state: 'pulled', endedAt: 2_000 },
    ]);
  });

  it('marks a wall pulled when it shrinks below half the rule while the price is away', () => {
    const tracker = new WallTracker();
    tracker.update([quotedBook('okx', at(99.05, 20))], 100, 1_000, RULE);
    expect(tracker.update([quotedBook('okx', at(99.05, 3))], 100, 2_000, RULE)).toMatchObject([{ rawPrice: 99.05, size: 20, state: 'pulled', endedAt: 2_000 }]);
  });

  it('marks a wall filled when the price trades down to it and through it', () => {
    const tracker = new WallTracker();
    tracker.update([quotedBook('okx', at(99.05, 20))], 100, 1_000, RULE);
    // The bids above the wall are sold into: the wall is the best bid, being traded into.
    const above = Array.from({ length: 9 }, (_, k): [number, number] => [Math.round((99.95 - k * 0.1) * 100) / 100, 0]);
    expect(tracker.update([quotedBook('okx', ladder({ bids: [...above, [99.05, 12]] }))], 99.5, 2_000, RULE)).toMatchObject([{ rawPrice: 99.05, size: 12, state: 'standing' }]);
    expect(tracker.update([quotedBook('okx', ladder({ bids: [...above, [99.05, 0]] }))], 99.45, 3_000, RULE)).toMatchObject([
      { rawPrice: 99.05, size: 12, since: 1_000, state: 'filled', endedAt: 3_000 },
    ]);
  });

  it('marks a wall filled when it goes while the price sits within 5 bps of it, and pulled beyond', () => {
    // The okx book's mid is 100; a bid wall 4 bps under it goes: filled. One 6 bps under it: pulled.
    for (const [wall, state] of [
      [99.96, 'filled'],
      [99.94, 'pulled'],
    ] as const) {
      const tracker = new WallTracker();
      const tight = (size: number): OrderBook => ladder({ bids: [[99.95, 0], [99.98, 1], [99.99, 1], [wall, size]], asks: [[100.05, 0], [100.01, 1]] });
      tracker.update([quotedBook('okx', tight(20))], 100, 1_000, RULE);
      expect(tracker.update([quotedBook('okx', tight(0))], 100, 2_000, RULE)).toMatchObject([{ rawPrice: wall, state }]);
    }
  });

  it('marks a wall filled when the price swept it and bounced away between two updates', () => {
    const tracker = new WallTracker();
    tracker.update([quotedBook('okx', at(99.05, 20))], 100, 1_000, RULE);
    const above = Array.from({ length: 9 }, (_, k): [number, number] => [Math.round((99.95 - k * 0.1) * 100) / 100, 0]);
    tracker.update([quotedBook('okx', ladder({ bids: [...above, [99.05, 20]] }))], 99.5, 2_000, RULE);
    expect(tracker.update([quotedBook('okx', at(99.05, 0))], 100, 3_000, RULE)).toMatchObject([{ rawPrice: 99.05, state: 'filled' }]);
  });

  it("judges distance by the feed's own prices: a perpetual's wall at its premium", () => {
    // The perpetual quotes 1 % above the spot book; its bid wall 4 bps under its own mid goes while the
    // consolidated mid is 50 bps away from it: filled, not pulled.
    const tracker = new WallTracker();
    const perp = (size: number): QuotedBook => quotedBook('bybit-linear', ladder({ bids: [[99.95, 0], [99.98, 1], [99.99, 1], [99.96, size]], asks: [[100.05, 0], [100.01, 1]] }), 1.01);
    const spot = quotedBook('bybit', ladder());
    tracker.update([spot, perp(20)], 100.5, 1_000, RULE);
    expect(tracker.update([spot, perp(0)], 100.5, 2_000, RULE)).toMatchObject([{ feed: 'bybit-linear', state: 'filled' }]);
  });

  it('lists standing walls newest first, then ended ones, and forgets ended ones after five minutes', () => {
    const tracker = new WallTracker();
    tracker.update([quotedBook('okx', ladder({ bids: [[99.05, 20]] }))], 100, 1_000, RULE);
    tracker.update([quotedBook('okx', ladder({ bids: [[99.05, 20], [99.25, 20]] }))], 100, 2_000, RULE);
    const walls = tracker.update([quotedBook('okx', ladder({ bids: [[99.25, 20]], asks: [[100.45, 30]] }))], 100, 3_000, RULE);
    expect(walls.map((w) => [w.rawPrice, w.state])).toEqual([
      [100.45, 'standing'],
      [99.25, 'standing'],
      [99.05, 'pulled'],
    ]);
    expect(tracker.update([quotedBook('okx', ladder({ bids: [[99.25, 20]] }))], 100, 3_000 + ENDED_KEEP_MS, RULE).map((w) => [w.rawPrice, w.state])).toEqual([
      [99.25, 'standing'],
      [100.45, 'pulled'],
    ]);
  });

  it('forgets, neither pulled nor filled, the walls of a feed that left, outside the band, or under a changed rule', () => {
    const tracker = new WallTracker();
    const kraken = quotedBook('kraken', ladder({ bids: [[99.05, 20]] }));
    tracker.update([quotedBook('okx', ladder({ bids: [[99.05, 20]] })), kraken], 100, 1_000, RULE);
    // okx is no longer live; kraken's wall is 150 bps from a mid that moved up, outside a 100 bps band.
    expect(tracker.update([kraken], 100.5, 2_000, { ...RULE, bandBps: 100 })).toEqual([]);
    tracker.update([kraken], 100, 3_000, RULE);
    expect(tracker.update([kraken], 100, 4_000, { ...RULE, factor: 50 })).toEqual([]);
  });

  it('starts again when time goes back (a replay seeking backwards)', () => {
    const tracker = new WallTracker();
    tracker.update([quotedBook('okx', at(99.05, 20))], 100, 5_000, RULE);
    tracker.update([quotedBook('okx', at(99.05, 0))], 100, 6_000, RULE);
    expect(tracker.update([quotedBook('okx', at(99.05, 20))], 100, 1_000, RULE)).toMatchObject([{ since: 1_000, state: 'standing' }]);
  });

  it('follows every wall the rule finds and ends exactly those it stops finding, over random sequences', () => {
    const step = fc.record({ wall: fc.integer({ min: 1, max: 50 }), size: fc.constantFrom(0, 1, 3, 5, 9, 20) });
    fc.assert(
      fc.property(fc.array(fc.array(step, { maxLength: 4 }), { minLength: 1, maxLength: 12 }), (steps) => {
        const tracker = new WallTracker();
        const sizes = new Map<number, number>();
        let standing = new Set<number>();
        steps.forEach((changes, t) => {
          for (const { wall, size } of changes) sizes.set(Math.round((99.95 - wall * 0.1) * 100) / 100, size);
          const b = quotedBook('okx', ladder({ bids: [...sizes] }));
          const walls = tracker.update([b], 100, t * 1000, RULE);
          const found = new Set(findWalls([b], 100, { ...RULE, factor: RULE.factor / 2 }).map((w) => w.rawPrice));
          const strict = new Set(findWalls([b], 100, RULE).map((w) => w.rawPrice));
          const now = new Set(walls.filter((w) => w.state === 'standing').map((w) => w.rawPrice));
          // Standing: every level at 8x, and those that stood before and still hold 4x.
          expect(now).toEqual(new Set([...found].filter((p) => strict.has(p) || standing.has(p))));
          const ended = walls.filter((w) => w.endedAt === t * 1000).map((w) => w.rawPrice);
          expect(new Set(ended)).toEqual(new Set([...standing].filter((p) => !now.has(p))));
          standing = now;
        });
      }),
      { numRuns: 200 },
    );
  });
});
