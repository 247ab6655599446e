import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VolumeTracker } from '../../../src/trades/volume';
import { TRADE_WINDOWS, TRADE_WINDOW_MS, type TradeSide, type VolumeFigures } from '../../../src/trades/types';
import type { FeedId } from '../../../src/venues/types';

const T0 = Date.UTC(2024, 0, 2, 10, 0, 0);
const HOUR = 3_600_000;

describe('VolumeTracker: a trader working the figures out by hand', () => {
  it('sums buys and sells per feed and for all, with VWAP and the delta, in each window', () => {
    const v = new VolumeTracker();
    const now = T0 + 30_000; // 10:00:30
    v.add('binance', T0 + 10_000, 100_000, 0.5, 'buy'); // 10:00:10: 0.5 BTC lifted at 100,000
    v.add('binance', T0 + 20_000, 100_100, 0.2, 'sell'); // 10:00:20: 0.2 BTC hit at 100,100
    v.add('kraken', T0 - 150_000, 99_900, 1, 'buy'); // 09:57:30, 3 minutes before: in 5m, not in 1m
    v.add('kraken', T0 - 2 * HOUR, 90_000, 7, 'sell'); // two hours before: in no window
    const f = v.figures(now);

    expect(f['1m'].feeds).toEqual({
      binance: { buy: 0.5, sell: 0.2, buyQuote: 50_000, sellQuote: 20_020, trades: 2, vwap: expect.closeTo(70_020 / 0.7, 6), cvd: expect.closeTo(0.3, 12) },
      kraken: { buy: 0, sell: 0, buyQuote: 0, sellQuote: 0, trades: 0, vwap: undefined, cvd: 0 },
    });
    expect(f['1m'].feeds.binance!.vwap).toBeCloseTo(100_028.571428, 5);
    expect(f['1m'].all).toMatchObject({ buy: 0.5, sell: 0.2, trades: 2 });

    // 5m: Kraken's buy joins. VWAP = (50,000 + 20,020 + 99,900) / 1.7 = 99,952.94; delta 1.5 − 0.2 = 1.3.
    const all5 = f['5m'].all;
    expect(all5).toMatchObject({ buy: 1.5, sell: 0.2, buyQuote: 149_900, sellQuote: 20_020, trades: 3 });
    expect(all5.vwap).toBeCloseTo(99_952.941176, 5);
    expect(all5.cvd).toBeCloseTo(1.3, 12);
    expect(f['5m'].feeds.kraken).toMatchObject({ buy: 1, sell: 0, vwap: 99_900, cvd: 1 });
    expect(f['1h'].all).toEqual(all5);
    // The trade of two hours before is older than the hour behind the newest: left out, and counted.
    expect(v.dropped).toBe(1);
  });

  it('counts the last W/1000 whole seconds, the current one included', () => {
    const v = new VolumeTracker();
    v.add('okx', T0 + 999, 10, 1, 'buy'); // second 10:00:00
    v.add('okx', T0 + 1_000, 10, 2, 'sell'); // second 10:00:01
    // At 10:01:00.400 the 1m window is the seconds 10:00:01 to 10:01:00.
    const f = v.figures(T0 + 60_400);
    expect(f['1m'].all).toMatchObject({ buy: 0, sell: 2, trades: 1, cvd: -2, vwap: 10 });
    expect(f['5m'].all).toMatchObject({ buy: 1, sell: 2, trades: 2, cvd: -1, vwap: 10 });
  });

  it('takes a late trade into its own second, and drops one a whole hour older than the newest', () => {
    const v = new VolumeTracker();
    v.add('bybit', T0 + HOUR, 50, 1, 'buy');
    v.add('bybit', T0 + 1_000, 40, 1, 'sell'); // 3,599 seconds before the newest: kept
    v.add('bybit', T0, 30, 1, 'sell'); // 3,600 seconds before: its slot is the newest's
    expect(v.dropped).toBe(1);
    expect(v.figures(T0 + HOUR)['1m'].all).toMatchObject({ buy: 1, sell: 0, trades: 1 });
    expect(v.figures(T0 + HOUR)['1h'].all).toMatchObject({ buy: 1, sell: 1, trades: 2, vwap: 45, cvd: 0 });
    v.reset();
    expect(v.dropped).toBe(0);
    v.add('bybit', T0, 30, 1, 'sell');
    expect(v.figures(T0)['1m'].feeds).toEqual({ bybit: { buy: 0, sell: 1, buyQuote: 0, sellQuote: 30, trades: 1, vwap: 30, cvd: -1 } });
  });
});

interface Traded {
  readonly feed: FeedId;
  readonly at: number;
  readonly price: number;
  readonly size: number;
  readonly side: TradeSide;
}

type Step =
  | { readonly kind: 'trade'; readonly feed: FeedId; readonly lateness: number; readonly price: number; readonly size: number; readonly side: TradeSide }
  | { readonly kind: 'advance'; readonly ms: number }
  | { readonly kind: 'figures' }
  | { readonly kind: 'reset' };

const FEEDS: readonly FeedId[] = ['binance', 'kraken', 'okx-swap'];

/**
 * A span of time that lands often on a window's edge and on the same slot of a ring an hour on: whole seconds about
 * each window's length, or any up to a bit over an hour, plus milliseconds (often none, keeping the second's place).
 */
const span: fc.Arbitrary<number> = fc
  .tuple(
    fc.oneof(fc.constantFrom(0, 1, 59, 60, 61, 299, 300, 301, 899, 900, 901, 3599, 3600, 3601), fc.integer({ min: 0, max: 4_000 })),
    fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 999 })),
  )
  .map(([seconds, ms]) => seconds * 1000 + ms);

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constant('trade' as const),
      feed: fc.constantFrom(...FEEDS),
      // Mostly on time; late ones arrived before trades of other feeds already added (their batch taken first).
      lateness: fc.oneof({ weight: 2, arbitrary: fc.constant(0) }, span),
      price: fc.integer({ min: 1, max: 10_000_000 }).map((cents) => cents / 100),
      size: fc.integer({ min: 0, max: 10_000_000_000 }).map((units) => units / 1e8),
      side: fc.constantFrom<TradeSide>('buy', 'sell'),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('advance' as const), ms: span }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'figures' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'reset' as const }) },
);

/** The rule in plain words: a window of W ms at `now` holds the trades that arrived in its last W/1000 whole seconds. */
function inWindow(at: number, now: number, windowMs: number): boolean {
  const second = Math.floor(at / 1000);
  const current = Math.floor(now / 1000);
  return second <= current && second > current - windowMs / 1000;
}

function sum(trades: readonly Traded[]) {
  const buys = trades.filter((t) => t.side === 'buy');
  const sells = trades.filter((t) => t.side === 'sell');
  const total = (list: readonly Traded[], of: (t: Traded) => number) => list.reduce((s, t) => s + of(t), 0);
  return {
    buy: total(buys, (t) => t.size),
    sell: total(sells, (t) => t.size),
    buyQuote: total(buys, (t) => t.price * t.size),
    sellQuote: total(sells, (t) => t.price * t.size),
    trades: trades.length,
  };
}

function expectFigures(actual: VolumeFigures | undefined, trades: readonly Traded[]): void {
  const want = sum(trades);
  expect(actual).toBeDefined();
  const got = actual!;
  expect(got.trades).toBe(want.trades);
  const volume = want.buy + want.sell;
  const near = (a: number, b: number, scale: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-9 * Math.max(1, scale));
  near(got.buy, want.buy, want.buy);
  near(got.sell, want.sell, want.sell);
  near(got.buyQuote, want.buyQuote, want.buyQuote);
  near(got.sellQuote, want.sellQuote, want.sellQuote);
  near(got.cvd, want.buy - want.sell, volume);
  if (volume === 0) expect(got.vwap).toBeUndefined();
  else expect(got.vwap).toBeCloseTo((want.buyQuote + want.sellQuote) / volume, 6);
}

describe('VolumeTracker against every trade kept in a list', () => {
  it('sums each window per feed and for all, whatever the order trades arrive in', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1_600_000_000_000, max: 1_800_000_000_000 }), fc.array(step, { maxLength: 150 }), (start, steps) => {
        const v = new VolumeTracker();
        let clock = start;
        let kept: Traded[] = [];
        let newest = Number.NEGATIVE_INFINITY;
        let dropped = 0;
        const check = () => {
          const f = v.figures(clock);
          expect(v.dropped).toBe(dropped);
          const lastHour = kept.filter((t) => inWindow(t.at, clock, TRADE_WINDOW_MS['1h']));
          const shown: FeedId[] = [...new Set(lastHour.map((t) => t.feed))].sort();
          for (const window of TRADE_WINDOWS) {
            const inside = kept.filter((t) => inWindow(t.at, clock, TRADE_WINDOW_MS[window]));
            expectFigures(f[window].all, inside);
            expect(Object.keys(f[window].feeds).sort()).toEqual(shown);
            for (const feed of shown) expectFigures(f[window].feeds[feed], inside.filter((t) => t.feed === feed));
          }
        };
        for (const s of steps) {
          if (s.kind === 'advance') clock += s.ms;
          else if (s.kind === 'figures') check();
          else if (s.kind === 'reset') {
            v.reset();
            kept = [];
            newest = Number.NEGATIVE_INFINITY;
            dropped = 0;
          } else {
            const trade: Traded = { feed: s.feed, at: clock - s.lateness, price: s.price, size: s.size, side: s.side };
            v.add(trade.feed, trade.at, trade.price, trade.size, trade.side);
            // Older than the longest window behind the newest trade: dropped, and counted.
            newest = Math.max(newest, Math.floor(trade.at / 1000));
            if (Math.floor(trade.at / 1000) <= newest - TRADE_WINDOW_MS['1h'] / 1000) dropped++;
            else kept.push(trade);
          }
        }
        check();
      }),
      { numRuns: 300 },
    );
  });
});
