import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CODE_PRECISION, CODE_SIZES, sizeCode } from '../../../src/liquidity/heatmap-grid';
import { HEATMAP_HISTORY, HeatmapHistory, type HeatmapHistoryOptions } from '../../../src/liquidity/heatmap-history';
import type { FeedId } from '../../../src/venues/types';
import { SMALL, busyBooks, momentsArb, NaiveHeatmap, quoted, type FeedBook, type Moment } from './heatmap-books';

function feed(history: HeatmapHistory, moments: readonly Moment[]): void {
  for (const m of moments) history.sample(m.t, m.books.map(quoted));
}

function expectSizes(got: Partial<Record<FeedId, number>> | undefined, want: Partial<Record<FeedId, number>> | undefined, where: string): void {
  if (want === undefined) {
    expect(got, where).toBeUndefined();
    return;
  }
  expect(got, where).toBeDefined();
  expect(Object.keys(got!).sort(), where).toEqual(Object.keys(want).sort());
  for (const [f, size] of Object.entries(want)) {
    const has = got![f as FeedId]!;
    if (size === 0) expect(has, `${where} ${f}`).toBe(0);
    else expect(Math.abs(has - size) / size, `${where} ${f}: ${has} for ${size}`).toBeLessThanOrEqual(CODE_PRECISION * 1.001);
  }
}

/** Times worth asking about: every sample, every column edge of every resolution, each keep limit and a step either side. */
function probeTimes(options: HeatmapHistoryOptions, moments: readonly Moment[]): number[] {
  const newest = moments.at(-1)!.t;
  const times = new Set<number>();
  for (const m of moments) {
    times.add(m.t);
    for (const { columnMs } of options.tiers) {
      const start = Math.floor(m.t / columnMs) * columnMs;
      for (const t of [start - 1, start, start + columnMs - 1, start + 10 * columnMs - 1, start + 10 * columnMs]) times.add(t);
    }
  }
  for (const { keepMs } of options.tiers) for (const d of [-1, 0, 1]) times.add(newest - keepMs + d);
  return [...times];
}

describe('heatmap history', () => {
  it('answers every time and price as the naive time-average of every sample kept, at each resolution', () => {
    fc.assert(
      fc.property(momentsArb(), fc.array(fc.integer({ min: -250, max: 250 }), { minLength: 4, maxLength: 8 }), (moments, offsets) => {
        const history = new HeatmapHistory(SMALL);
        feed(history, moments);
        const naive = new NaiveHeatmap(SMALL, moments);
        for (const t of probeTimes(SMALL, moments)) {
          const m = moments.findLast((x) => x.t <= t) ?? moments[0]!;
          const mid = m.books[0]?.bids[0]?.[0] ?? 100;
          for (const price of [...offsets.map((d) => mid * (1 + d / 1e4)), ...m.books.flatMap((b) => [...b.bids, ...b.asks].map(([p]) => p * (b.rate ?? 1)))]) {
            expectSizes(history.readout(t, price)?.sizes, naive.readout(t, price), `t=${t} price=${price}`);
          }
        }
      }),
      { numRuns: 100 },
    );
  }, 60_000);

  it('keeps a downsampled column as the time-average of its samples, not their maximum', () => {
    const history = new HeatmapHistory(SMALL);
    const book = (wall: number): FeedBook => ({ feed: 'binance', bids: [[99.9, 1], [99, wall]], asks: [[100.1, 1]] });
    // A wall of 50 shown for 200 ms of one second, 1 otherwise; then time moves on past the finest keep limit.
    for (let k = 0; k < 10; k++) history.sample(10_000 + k * 100, [quoted(book(k === 3 || k === 4 ? 50 : 1))]);
    for (let k = 0; k < 10; k++) history.sample(11_000 + k * 100, [quoted(book(1))]);
    expect(history.readout(10_350, 99)?.sizes.binance).toBeCloseTo(50, 1);
    history.sample(13_500, [quoted(book(1))]);
    // 10.35 s is now more than 2 s behind the newest sample: the 1 s column answers, (2 × 50 + 8 × 1) / 10.
    expect(history.readout(10_350, 99)?.sizes.binance).toBeCloseTo(10.8, 2);
  });

  it('stays within each resolution’s byte budget, its oldest columns going first and the next resolution covering them', () => {
    const budget: HeatmapHistoryOptions = {
      ...SMALL,
      tiers: [
        { columnMs: 100, keepMs: 60_000, maxBytes: 30_000, tradeBytes: Infinity },
        { columnMs: 1000, keepMs: 120_000, maxBytes: 200_000, tradeBytes: Infinity },
      ],
      chunkColumns: 5,
    };
    fc.assert(
      fc.property(momentsArb(200), (moments) => {
        const history = new HeatmapHistory(budget);
        feed(history, moments);
        const naive = new NaiveHeatmap(budget, moments);
        const [fine, coarse] = history.tiers;
        // Over budget only while its one chunk, still filling, is all it holds.
        if (fine!.bytes > 30_000) expect(fine!.chunks).toHaveLength(1);
        const memory = history.memory();
        expect(memory.bytes).toBe(fine!.bytes + coarse!.bytes);
        expect(memory.columns).toBe(fine!.columns + coarse!.columns);
        // Only whole chunks go, so what is left answers as the naive history does from that point on.
        const since = fine!.since;
        for (const m of moments) {
          const price = m.books[0]?.bids[0]?.[0];
          if (price === undefined) continue;
          const want = naive.readout(m.t, price, since !== undefined && m.t >= since ? [0, 1] : [1]);
          expectSizes(history.readout(m.t, price)?.sizes, want, `t=${m.t}`);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('drops a whole 100 ms column once time has moved past its keep limit, and forgets all on reset', () => {
    const history = new HeatmapHistory(SMALL);
    const book = quoted({ feed: 'kraken', bids: [[99, 2]], asks: [[101, 3]] });
    for (let t = 0; t <= 60_000; t += 100) history.sample(1_000_000 + t, [book]);
    const memory = history.memory();
    // The coarsest resolution holds 40 s; the finest 2 s, plus the rest of its oldest chunk.
    expect(memory.since).toBe(1_000_000 + 60_000 - 40_000);
    expect(history.tiers[0]!.columns).toBeLessThanOrEqual(2000 / 100 + SMALL.chunkColumns);
    expect(history.readout(1_059_000, 99)?.sizes).toEqual({ kraken: CODE_SIZES[sizeCode(2)] });
    history.reset();
    expect(history.memory()).toEqual({ columns: 0, bytes: history.memory().bytes, since: undefined, tradeCells: 0, tradeBytes: 0 });
    expect(history.readout(1_059_000, 99)).toBeUndefined();
    expect(history.latest()).toBeUndefined();
  });

  it('leaves out a sample older than the open column, and books with no level at all', () => {
    const history = new HeatmapHistory(SMALL);
    const at = (size: number) => [quoted({ feed: 'bybit', bids: [[99, size]], asks: [[101, 1]] })];
    expect(history.sample(5000, at(1))).toBe(false);
    expect(history.sample(5100, at(2))).toBe(true);
    expect(history.sample(5050, at(9))).toBe(false);
    expect(history.sample(5200, [quoted({ feed: 'bybit', bids: [], asks: [] })])).toBe(false);
    expect(history.sample(5300, at(3))).toBe(true);
    expect(history.readout(5150, 99)?.sizes.bybit).toBeCloseTo(2, 3);
    expect(history.latest()).toEqual({ t: 5100, mid: 100 });
  });

  it('fits 30 minutes of 100 ms columns for eleven feeds of 200 levels a side, 20 of them changing every 100 ms, in its budget', () => {
    const history = new HeatmapHistory();
    const { books, tick } = busyBooks(7);
    const start = 1_700_000_000_000;
    // Five minutes: a column's cost does not grow with the history's length, so thirty cost six times as much.
    for (let k = 0; k <= (5 * 60_000) / 100; k++) {
      tick();
      history.sample(start + k * 100, books);
    }
    const fine = history.tiers[0]!;
    expect(fine.since).toBe(start);
    expect(fine.columns).toBe(3000);
    expect(fine.bytes * 6).toBeLessThan(HEATMAP_HISTORY.tiers[0]!.maxBytes);
  }, 60_000);
});
