import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TapeTrade } from '../../src/trades/types';
import { ALL_TRADES, TAPE_CAPACITY, TradeTape, type TapeFilter } from '../../src/ui/trade-tape';
import { FEED_IDS, type FeedId } from '../../src/venues/types';

const FEEDS: readonly FeedId[] = ['binance', 'okx-swap', 'kraken', 'coinbase'];

let ids = 0;
function trade(feed: FeedId, side: TapeTrade['side'], price: number, size: number): TapeTrade {
  ids++;
  return { feed, id: String(ids), time: 1_764_000_000_000 + ids, price, rawPrice: price, quote: 'USD', size, side };
}

const tradeArb = fc
  .record({
    feed: fc.constantFrom(...FEEDS),
    side: fc.constantFrom('buy' as const, 'sell' as const),
    price: fc.constantFrom(90_000, 91_234.5, 2.5),
    size: fc.constantFrom(0.001, 0.5, 2, 40),
  })
  .map((t) => trade(t.feed, t.side, t.price, t.size));

const filterArb: fc.Arbitrary<TapeFilter> = fc.record({
  hidden: fc.subarray([...FEEDS]).map((f) => new Set(f)),
  side: fc.constantFrom('both' as const, 'buy' as const, 'sell' as const),
  minValue: fc.constantFrom(0, 100, 45_000, 100_000),
});

type Op =
  | { kind: 'push'; newest: TapeTrade[]; skipped: number }
  | { kind: 'read'; which: number; start: number; count: number }
  | { kind: 'clear' };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('push' as const), newest: fc.array(tradeArb, { maxLength: 12 }), skipped: fc.nat(5) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('read' as const), which: fc.nat(), start: fc.nat(30), count: fc.nat(15) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'clear' as const }) },
);

/** The naive tape: every trade ever pushed since the last clear, the last `capacity` of them held. */
class Model {
  all: TapeTrade[] = [];
  skipped = 0;
  constructor(readonly capacity: number) {}
  listed(filter: TapeFilter): TapeTrade[] {
    return this.all
      .slice(-this.capacity)
      .reverse()
      .filter((t) => !filter.hidden.has(t.feed) && (filter.side === 'both' || t.side === filter.side) && t.price * t.size >= filter.minValue);
  }
}

describe('the trade tape', () => {
  it('lists what a plain list of every trade would, newest first, filtered, for any pushes, filters and wrap past capacity', () => {
    fc.assert(
      // A few filters a run, read again and again between pushes: the view of each is extended, not only rebuilt.
      fc.property(fc.integer({ min: 1, max: 40 }), fc.array(filterArb, { minLength: 1, maxLength: 3 }), fc.array(opArb, { maxLength: 60 }), (capacity, filters, ops) => {
        const tape = new TradeTape(capacity);
        const model = new Model(capacity);
        for (const op of ops) {
          const before = tape.version;
          if (op.kind === 'push') {
            tape.push({ newest: op.newest, skipped: op.skipped });
            model.all.push(...op.newest);
            model.skipped += op.skipped;
            expect(tape.version > before).toBe(op.newest.length > 0 || op.skipped > 0);
          } else if (op.kind === 'clear') {
            tape.clear();
            model.all = [];
            model.skipped = 0;
            expect(tape.version).toBeGreaterThan(before);
          } else {
            const filter = filters[op.which % filters.length]!;
            const listed = model.listed(filter);
            const rows = tape.rows(filter, op.start, op.count);
            expect(rows.map((r) => r.trade)).toEqual(listed.slice(op.start, op.start + op.count));
            expect(tape.length(filter)).toBe(listed.length);
            // Each row's number finds it again: as many listed rows are newer than it as stand above it.
            rows.forEach((r, i) => expect(tape.newerThan(filter, r.seq)).toBe(op.start + i));
            expect(tape.version).toBe(before);
          }
          expect(tape.size).toBe(Math.min(capacity, model.all.length));
          expect(tape.skipped).toBe(model.skipped);
          const held = new Set(model.all.slice(-capacity).map((t) => t.feed));
          expect(tape.feeds()).toEqual(FEED_IDS.filter((f) => held.has(f)));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('stays right over a long run read every frame, its list of matches cut as the oldest go', () => {
    fc.assert(
      fc.property(filterArb, fc.array(tradeArb, { minLength: 3000, maxLength: 3000 }), (filter, trades) => {
        const tape = new TradeTape(100);
        const model = new Model(100);
        for (let i = 0; i < trades.length; i += 2) {
          tape.push({ newest: trades.slice(i, i + 2), skipped: 0 });
          model.all.push(...trades.slice(i, i + 2));
          expect(tape.rows(filter, 0, 3).map((r) => r.trade)).toEqual(model.listed(filter).slice(0, 3));
        }
        expect(tape.rows(filter, 0, 100).map((r) => r.trade)).toEqual(model.listed(filter));
      }),
      { numRuns: 10 },
    );
  });

  it('keeps a row where it was as trades come in above it, even while the oldest go', () => {
    const tape = new TradeTape(10);
    const buys: TapeFilter = { ...ALL_TRADES, side: 'buy' };
    tape.push({ newest: [trade('binance', 'buy', 100, 1), trade('okx-swap', 'sell', 100, 1), trade('binance', 'buy', 100, 2)], skipped: 0 });
    const [, second] = tape.rows(buys, 0, 2);
    expect(second!.trade.size).toBe(1);
    expect(tape.newerThan(buys, second!.seq)).toBe(1);
    tape.push({ newest: Array.from({ length: 5 }, () => trade('binance', 'buy', 100, 3)), skipped: 0 });
    expect(tape.newerThan(buys, second!.seq)).toBe(6);
    expect(tape.rows(buys, 6, 1)[0]).toEqual(second);
    // Pushed out of the tape: nothing listed is older, so it would stand below the last row.
    tape.push({ newest: Array.from({ length: 8 }, () => trade('kraken', 'buy', 100, 4)), skipped: 0 });
    expect(tape.newerThan(buys, second!.seq)).toBe(tape.length(buys));
  });

  it('holds 20,000 trades, and a new trade in a frame costs the list nothing like a pass over them', () => {
    const tape = new TradeTape();
    expect(tape.capacity).toBe(TAPE_CAPACITY);
    const burst = Array.from({ length: 25_000 }, (_, i) => trade(FEEDS[i % FEEDS.length]!, i % 3 ? 'buy' : 'sell', 90_000, (i % 7) / 10));
    tape.push({ newest: burst, skipped: 120 });
    const large: TapeFilter = { ...ALL_TRADES, minValue: 45_000 };
    expect(tape.size).toBe(20_000);
    expect(tape.length(ALL_TRADES)).toBe(20_000);
    expect(tape.rows(ALL_TRADES, 0, 1)[0]!.trade).toBe(burst[24_999]);
    expect(tape.rows(ALL_TRADES, 19_999, 5).map((r) => r.trade)).toEqual([burst[5_000]]);
    const big = burst.slice(-20_000).filter((t) => t.price * t.size >= 45_000).length;
    expect(tape.length(large)).toBe(big);
    const next = trade('binance', 'buy', 90_000, 1);
    tape.push({ newest: [next], skipped: 0 });
    const t0 = performance.now();
    // Ten thousand frames' reads: a pass over 20,000 trades each would take seconds.
    for (let i = 0; i < 10_000; i++) tape.rows(large, i % 100, 40);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(tape.rows(large, 0, 1)[0]!.trade).toBe(next);
    expect(tape.skipped).toBe(120);
  });
});
