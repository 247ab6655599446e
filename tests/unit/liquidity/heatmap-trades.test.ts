import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HEATMAP_HISTORY, HeatmapHistory, type HeatmapHistoryOptions } from '../../../src/liquidity/heatmap-history';
import { TRADE_CELL_BYTES, type HeatmapTrade } from '../../../src/liquidity/heatmap-trades';
import { FEED_IDS, type FeedId } from '../../../src/venues/types';
import { SMALL, quoted, rowOf } from './heatmap-books';

/** What the history is told, in order: trades arriving together, or a sample of the books at a time. */
type Event = { readonly trades: readonly HeatmapTrade[] } | { readonly sample: number };

/** A column's row, feed and side, in one resolution: "tier start row feed side". */
type Key = string;

/**
 * The volumes the history should hold, from every event kept: in each resolution, a trade counts in the column of
 * its time when, as it arrives, that column is no older than keepMs behind the newest time told (trades and
 * samples alike, this trade's own included) and it has that row already or fewer than `maxCells` rows; a column is
 * held while no older than keepMs behind the newest time of all.
 */
function naiveVolumes(options: HeatmapHistoryOptions, events: readonly Event[], maxCells: number): Map<Key, number> {
  const out = new Map<Key, number>();
  options.tiers.forEach(({ columnMs, keepMs }, tier) => {
    let newest = -Infinity;
    const rows = new Map<number, Set<number>>();
    const sums = new Map<Key, { start: number; size: number }>();
    for (const e of events) {
      if ('sample' in e) {
        newest = Math.max(newest, e.sample);
        continue;
      }
      for (const { feed, t, price, size, side } of e.trades) {
        if (!(price > 0 && price < Infinity && size > 0 && size < Infinity && Number.isFinite(t))) continue;
        newest = Math.max(newest, t);
        const start = Math.floor(t / columnMs) * columnMs;
        if (start < newest - keepMs) continue;
        const row = rowOf(price, options.rowBps);
        const held = rows.get(start) ?? new Set<number>();
        if (!held.has(row) && held.size >= maxCells) continue;
        held.add(row);
        rows.set(start, held);
        const key = `${tier} ${start} ${row} ${feed} ${side}`;
        const sum = sums.get(key) ?? { start, size: 0 };
        sum.size += size;
        sums.set(key, sum);
      }
    }
    for (const [key, { start, size }] of sums) if (start >= newest - keepMs) out.set(key, size);
  });
  return out;
}

/** Every volume the history holds, as the naive reference keys them, each cell once. */
function heldVolumes(history: HeatmapHistory): Map<Key, number> {
  const out = new Map<Key, number>();
  history.trades.forEach((tier, i) =>
    tier.each(-Infinity, Infinity, (start, row, feed, side, volume) => {
      const key = `${i} ${start} ${row} ${feed} ${side}`;
      expect(volume > 0, `${key} with no volume`).toBe(true);
      expect(out.has(key), `${key} twice`).toBe(false);
      out.set(key, volume);
    }),
  );
  return out;
}

function tell(history: HeatmapHistory, events: readonly Event[]): void {
  const book = quoted({ feed: 'binance', bids: [[99.9, 1]], asks: [[100.1, 1]] });
  for (const e of events) {
    if ('sample' in e) history.sample(e.sample, [book]);
    else history.addTrades(e.trades);
  }
}

/**
 * Trades over a minute or so around 100: most in time order, some late by up to 3 s, prices within ±6 % (beyond
 * a column's cap of rows at SMALL's 10 bp rows, now and then), sizes from dust to blocks, mostly on three markets
 * (so they share cells) and now and then on any; now and then a sample of the books, a trade no one could draw
 * (no price, no size), or a spray of trades over ±5 % at one time.
 */
const feedArb: fc.Arbitrary<FeedId> = fc.oneof({ weight: 4, arbitrary: fc.constantFrom<FeedId>('binance', 'okx-swap', 'bybit') }, { weight: 1, arbitrary: fc.constantFrom(...FEED_IDS) });

const eventsArb = (minLength = 0): fc.Arbitrary<Event[]> =>
  fc
    .array(
      fc.oneof(
        {
          weight: 6,
          arbitrary: fc.record({
            dt: fc.integer({ min: 0, max: 700 }),
            trades: fc.array(
              fc.record({
                late: fc.oneof({ weight: 5, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 3000 }) }),
                bps: fc.oneof({ weight: 4, arbitrary: fc.integer({ min: -30, max: 30 }) }, { weight: 1, arbitrary: fc.integer({ min: -600, max: 600 }) }),
                size: fc.oneof(fc.double({ min: 1e-6, max: 1e4, noNaN: true }), fc.constantFrom(0, -1, Number.NaN, Infinity)),
                side: fc.constantFrom('buy' as const, 'sell' as const),
                feed: feedArb,
              }),
              { minLength: 1, maxLength: 12 },
            ),
          }),
        },
        { weight: 1, arbitrary: fc.record({ dt: fc.integer({ min: 0, max: 700 }), sample: fc.constant(true) }) },
        { weight: 1, arbitrary: fc.record({ dt: fc.integer({ min: 0, max: 700 }), spray: fc.integer({ min: 20, max: 80 }), feed: feedArb }) },
      ),
      { minLength, maxLength: 120 },
    )
    .map((steps) => {
      let t = 1_700_000_000_000;
      return steps.map((s): Event => {
        t += s.dt;
        if ('sample' in s) return { sample: t };
        if ('spray' in s) return { trades: Array.from({ length: s.spray }, (_, k) => ({ feed: s.feed, t, price: 100 * (1 + (-500 + (k * 1000) / s.spray) / 1e4), size: 1, side: 'sell' as const })) };
        return { trades: s.trades.map((x) => ({ feed: x.feed, t: t - x.late, price: x.bps === 600 ? 0 : 100 * (1 + x.bps / 1e4), size: x.size, side: x.side })) };
      });
    });

describe('heatmap trades', () => {
  it('holds per column, row, market and side the naive sums of the trades, at each resolution', () => {
    fc.assert(
      fc.property(eventsArb(), (events) => {
        const history = new HeatmapHistory(SMALL);
        tell(history, events);
        const want = naiveVolumes(SMALL, events, 2 * history.grid.rows);
        const got = heldVolumes(history);
        expect([...got.keys()].sort()).toEqual([...want.keys()].sort());
        for (const [key, size] of want) expect(got.get(key), key).toBe(size);
        // Cells of columns past keepMs stay in memory until their whole chunk is.
        expect(history.memory().tradeCells).toBeGreaterThanOrEqual(got.size);
      }),
      { numRuns: 300 },
    );
  });

  it('stays within each resolution’s trade budget under a flood, its oldest columns going first', () => {
    const budget: HeatmapHistoryOptions = {
      ...SMALL,
      tiers: [
        { columnMs: 100, keepMs: 600_000, maxBytes: Infinity, tradeBytes: 8000 },
        { columnMs: 1000, keepMs: 600_000, maxBytes: Infinity, tradeBytes: 6000 },
        { columnMs: 5000, keepMs: 600_000, maxBytes: Infinity, tradeBytes: 4000 },
      ],
    };
    let evicted = 0;
    fc.assert(
      fc.property(eventsArb(40), fc.integer({ min: 1, max: 20 }), (events, repeat) => {
        const history = new HeatmapHistory(budget);
        // The same minute told again and again, a minute later each time: a flood of trades at every price.
        const flood: Event[] = [];
        for (let k = 0; k < repeat; k++) {
          const later = events.map((e): Event => ('sample' in e ? { sample: e.sample + k * 60_000 } : { trades: e.trades.map((x) => ({ ...x, t: x.t + k * 60_000 })) }));
          tell(history, later);
          flood.push(...later);
          history.trades.forEach((tier, i) => {
            expect(tier.bytes).toBeLessThanOrEqual(budget.tiers[i]!.tradeBytes);
            // What is counted is at least what is held: a key and a volume a cell, a start and an end a column.
            let columns = 0;
            tier.columns(-Infinity, Infinity, () => columns++);
            expect(tier.bytes).toBeGreaterThanOrEqual(tier.cells * TRADE_CELL_BYTES + columns * (8 + 4));
          });
          const memory = history.memory();
          expect(memory.tradeBytes).toBe(history.trades.reduce((sum, tier) => sum + tier.bytes, 0));
          expect(memory.bytes).toBe(memory.tradeBytes + history.tiers.reduce((sum, tier) => sum + tier.bytes, 0));
        }
        // Only whole columns go, oldest first: what is left holds what the naive sums do from where it holds on.
        const from = history.trades.map((tier) => tier.from);
        // Nothing is older than keepMs here: a column held no longer went for the budget.
        if (from.some((t, i) => t > flood.reduce((m, e) => Math.max(m, 'sample' in e ? e.sample : Math.max(m, ...e.trades.map((x) => x.t))), -Infinity) - budget.tiers[i]!.keepMs)) evicted++;
        const want = [...naiveVolumes(budget, flood, 2 * history.grid.rows)].filter(([key]) => {
          const [tier, start] = key.split(' ').map(Number);
          return start! >= from[tier!]!;
        });
        const got = heldVolumes(history);
        expect([...got.keys()].sort()).toEqual(want.map(([key]) => key).sort());
        for (const [key, size] of want) expect(got.get(key), key).toBe(size);
      }),
      { numRuns: 20 },
    );
    expect(evicted).toBeGreaterThan(4);
  }, 60_000);

  it('stays within each resolution’s trade budget when every market trades at every row, late trades too, and holds the naive sums from where it holds on', () => {
    const budget: HeatmapHistoryOptions = {
      ...SMALL,
      tiers: [
        { columnMs: 100, keepMs: 600_000, maxBytes: Infinity, tradeBytes: 60_000 },
        { columnMs: 1000, keepMs: 600_000, maxBytes: Infinity, tradeBytes: 30_000 },
        { columnMs: 5000, keepMs: 600_000, maxBytes: Infinity, tradeBytes: 20_000 },
      ],
      chunkColumns: 100,
    };
    fc.assert(
      fc.property(fc.integer({ min: 5, max: 40 }), fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 1, max: 10 }), (columns, late, every) => {
        const history = new HeatmapHistory(budget);
        const told: Event[] = [];
        for (let k = 0; k < columns; k++) {
          const t = 1_700_000_000_000 + k * 100;
          // Every market buys and sells at 50 prices over ±6 %; every `every` columns, again `late` ms back.
          const trades = FEED_IDS.flatMap((feed) =>
            Array.from({ length: 50 }, (_, j): HeatmapTrade[] => [
              { feed, t: t - (k % every === 0 ? late : 0), price: 100 * (1 + (-600 + j * 24) / 1e4), size: 1 + j, side: 'buy' },
              { feed, t, price: 100 * (1 + (-600 + j * 24 + 12) / 1e4), size: 2 + j, side: 'sell' },
            ]).flat(),
          );
          told.push({ trades });
          history.addTrades(trades);
          history.trades.forEach((tier, i) => expect(tier.bytes).toBeLessThanOrEqual(budget.tiers[i]!.tradeBytes));
        }
        const from = history.trades.map((tier) => tier.from);
        const want = [...naiveVolumes(budget, told, 2 * history.grid.rows)].filter(([key]) => {
          const [tier, start] = key.split(' ').map(Number);
          return start! >= from[tier!]!;
        });
        const got = heldVolumes(history);
        expect([...got.keys()].sort()).toEqual(want.map(([key]) => key).sort());
        for (const [key, size] of want) expect(got.get(key), key).toBe(size);
        // The newest trades are held: each budget holds more than a column's worst.
        history.trades.forEach((tier) => expect(tier.from).toBeLessThanOrEqual(1_700_000_000_000 + (columns - 1) * 100));
      }),
      { numRuns: 15 },
    );
  }, 60_000);

  it('stays within its budget when late trades fill the columns of its newest chunk, their oldest going first', () => {
    const spec = { columnMs: 100, keepMs: 600_000, maxBytes: Infinity, tradeBytes: 50_000 };
    const budget: HeatmapHistoryOptions = { ...SMALL, tiers: [spec], chunkColumns: 100 };
    fc.assert(
      fc.property(fc.integer({ min: 10, max: 60 }), fc.integer({ min: 1, max: 5 }), (columns, markets) => {
        const history = new HeatmapHistory(budget);
        const start = 1_700_000_000_000;
        // One trade a column, all in one chunk; then every column's time again, late, on every row of `markets` markets.
        const sparse: HeatmapTrade[] = Array.from({ length: columns }, (_, k) => ({ feed: 'okx', t: start + k * 100, price: 100, size: 1, side: 'buy' }));
        const flood = Array.from({ length: columns }, (_, k): HeatmapTrade[] =>
          FEED_IDS.slice(0, markets).flatMap((feed) => Array.from({ length: 50 }, (_, j): HeatmapTrade => ({ feed, t: start + k * 100 + 50, price: 100 * (1 + (-600 + j * 24) / 1e4), size: 1 + j, side: j % 2 ? 'buy' : 'sell' }))),
        );
        const told: Event[] = [{ trades: sparse }];
        history.addTrades(sparse);
        for (const trades of flood) {
          told.push({ trades });
          history.addTrades(trades);
          expect(history.trades[0]!.bytes).toBeLessThanOrEqual(spec.tradeBytes);
        }
        const from = history.trades[0]!.from;
        const want = [...naiveVolumes(budget, told, 2 * history.grid.rows)].filter(([key]) => Number(key.split(' ')[1]) >= from);
        const got = heldVolumes(history);
        expect([...got.keys()].sort()).toEqual(want.map(([key]) => key).sort());
        for (const [key, size] of want) expect(got.get(key), key).toBe(size);
      }),
      { numRuns: 20 },
    );
  });

  it('fits 30 minutes of ten times a busy market’s trades in its budget: 3,000 a second on its spot and perpetual markets, over a few rows either side of the mid', () => {
    const history = new HeatmapHistory();
    let s = 11;
    const random = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const start = 1_700_000_000_000;
    let mid = 100_000;
    // Two minutes: a column's cost does not grow with the history's length, so thirty cost fifteen times as much.
    for (let k = 0; k < (2 * 60_000) / 100; k++) {
      mid *= 1 + (random() - 0.5) / 1e4;
      const trades = Array.from({ length: 300 }, (_, j): HeatmapTrade => {
        const side = random() < 0.5 ? ('buy' as const) : ('sell' as const);
        const away = Math.floor(random() * random() * 8);
        const feed = random() < 0.6 ? ('binance-usdm' as const) : ('binance' as const);
        return { feed, t: start + k * 100 + j / 3, price: mid * (1 + ((side === 'buy' ? 1 : -1) * away) / 1e4), size: random() * random() * 2, side };
      });
      history.addTrades(trades);
    }
    const fine = history.trades[0]!;
    expect(fine.from).toBeLessThan(start);
    const cells = fine.cells;
    expect(cells / 1200).toBeGreaterThan(8);
    expect(fine.bytes / cells).toBeLessThan(TRADE_CELL_BYTES * 1.5);
    expect(fine.bytes * 15).toBeLessThan(HEATMAP_HISTORY.tiers[0]!.tradeBytes);
  }, 60_000);

  it('keeps a trade at any positive price in its own row, market and side: a cell’s key holds every row of 1 bp', () => {
    fc.assert(
      fc.property(fc.double({ min: Number.MIN_VALUE, max: Number.MAX_VALUE, noNaN: true }), fc.constantFrom(...FEED_IDS), fc.constantFrom('buy' as const, 'sell' as const), (price, feed, side) => {
        const history = new HeatmapHistory();
        history.addTrades([{ feed, t: 1000, price, size: 1, side }]);
        const held: unknown[] = [];
        history.trades[0]!.each(-Infinity, Infinity, (start, row, f, s, volume) => held.push({ start, row, feed: f, side: s, volume }));
        expect(held).toEqual([{ start: 1000, row: history.grid.rowOf(price), feed, side, volume: 1 }]);
      }),
    );
    // Rows finer than that reach rows past what a key holds: refused rather than mixed up.
    expect(() => new HeatmapHistory({ ...SMALL, rowBps: 0.05, bandPct: 0.01 })).toThrow(RangeError);
  });

  it('forgets the trades on reset, with the heat', () => {
    const history = new HeatmapHistory(SMALL);
    history.addTrades([
      { feed: 'coinbase', t: 1000, price: 100, size: 2, side: 'buy' },
      { feed: 'kraken', t: 1000, price: 100, size: 1, side: 'buy' },
    ]);
    // A cell for each market, in each of the three resolutions.
    expect(history.memory().tradeCells).toBe(6);
    history.reset();
    expect(history.memory()).toMatchObject({ tradeCells: 0, tradeBytes: 0 });
    expect(heldVolumes(history).size).toBe(0);
  });
});
