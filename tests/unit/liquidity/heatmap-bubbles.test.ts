import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HeatmapHistory } from '../../../src/liquidity/heatmap-history';
import { HEATMAP_THEMES } from '../../../src/liquidity/heatmap-palette';
import { HeatmapRenderer, pointAt, type HeatmapFrame } from '../../../src/liquidity/heatmap-render';
import { BUBBLE_RADIUS, type HeatmapTrade } from '../../../src/liquidity/heatmap-trades';
import type { HeatmapViewport } from '../../../src/liquidity/types';
import { RecordingContext, type DrawnCircle } from './heatmap-canvas';
import type { TradeSide } from '../../../src/trades/types';
import { FEED_IDS, type FeedId } from '../../../src/venues/types';
import { SMALL, momentsArb, quoted, rowOf, type FeedBook, type Moment } from './heatmap-books';

const steady: FeedBook = { feed: 'kraken', bids: [[99.95, 2], [99.7, 40]], asks: [[100.05, 3]] };
const view: HeatmapViewport = { width: 472, height: 220, dpr: 2, spanMs: 4000, priceSpan: 1, theme: 'dark' };

/** Views of the tests' books, small enough to draw fast: any span, zoom and centre, showing every market or some. */
const viewportArb = fc.record({
  width: fc.integer({ min: 90, max: 180 }),
  height: fc.integer({ min: 30, max: 90 }),
  dpr: fc.constantFrom(1, 1.5, 2),
  spanMs: fc.integer({ min: 1000, max: 50_000 }),
  priceSpan: fc.double({ min: 0.02, max: 6, noNaN: true }),
  centre: fc.option(fc.double({ min: 98, max: 102, noNaN: true }), { nil: undefined }),
  feeds: fc.option(fc.subarray([...FEED_IDS]), { nil: undefined }),
  theme: fc.constantFrom('dark' as const, 'light' as const),
});

/** The same, at price spans spread evenly (doubles crowd near the smallest, where few trades show). */
const widerViewportArb = fc.tuple(viewportArb, fc.integer({ min: 2, max: 600 })).map(([v, cents]) => ({ ...v, priceSpan: cents / 100 }));

/** Trades within ±1.5 % of 100, mostly on three markets (so markets share cells) and now and then on any. */
const tradesArb = (minLength = 0) => fc.array(
  fc.record({
    dt: fc.integer({ min: -2000, max: 2000 }),
    bps: fc.integer({ min: -150, max: 150 }),
    size: fc.double({ min: 1e-3, max: 100, noNaN: true }),
    side: fc.constantFrom('buy' as const, 'sell' as const),
    feed: fc.oneof({ weight: 4, arbitrary: fc.constantFrom<FeedId>('binance', 'okx-swap', 'bybit') }, { weight: 1, arbitrary: fc.constantFrom(...FEED_IDS) }),
  }),
  { minLength, maxLength: 300 },
);

/** The history of `moments`, and trades spread over their time (and 2 s either side), told after them. */
function tradedHistory(moments: readonly Moment[], raw: readonly { dt: number; bps: number; size: number; side: TradeSide; feed: FeedId }[]) {
  const history = new HeatmapHistory(SMALL);
  const first = moments[0]!.t;
  const span = moments.at(-1)!.t - first;
  const trades = raw.map((x): HeatmapTrade => ({ feed: x.feed, t: first + x.dt + Math.round(((x.dt + 2000) / 4000) * span), price: 100 * (1 + x.bps / 1e4), size: x.size, side: x.side }));
  for (const m of moments) history.sample(m.t, m.books.map(quoted));
  history.addTrades(trades);
  return { history, trades, first, span };
}

/** One bin's side as the naive reference sums it: its trades' volume, and their volume-weighted middle (device px). */
interface NaiveBin {
  readonly side: TradeSide;
  readonly volume: number;
  readonly x: number;
  readonly y: number;
}

/**
 * The bubbles `frame` should show, from the plain list of trades: those of the markets in `feeds` (all when
 * undefined), each in the column of its time at the resolution the heat is drawn from (the coarsest no wider than a
 * CSS pixel) or, before where that holds trades, the next coarser one; placed at its column's middle time and its
 * row's middle price, and summed by side in bins of a dot's radius square.
 */
function naiveBins(frame: HeatmapFrame, trades: readonly HeatmapTrade[], history: HeatmapHistory, feeds: readonly FeedId[] | undefined): NaiveBin[] {
  const { plot, dpr, t0, t1, step, low, high } = frame;
  const bin = BUBBLE_RADIUS.min * dpr;
  const sums = new Map<string, { side: TradeSide; volume: number; x: number; y: number }>();
  let preferred = 0;
  SMALL.tiers.forEach((tier, i) => {
    if (tier.columnMs <= step * dpr) preferred = i;
  });
  for (let i = preferred, until = t1; i < SMALL.tiers.length && until > t0; i++) {
    const { columnMs } = SMALL.tiers[i]!;
    const held = history.trades[i]!.from;
    for (const trade of trades) {
      if (feeds && !feeds.includes(trade.feed)) continue;
      if (!(trade.size > 0)) continue;
      const start = Math.floor(trade.t / columnMs) * columnMs;
      const middle = start + columnMs / 2;
      if (start < held || middle < t0 || middle >= until) continue;
      const price = Math.exp((rowOf(trade.price, SMALL.rowBps) + 0.5) * Math.log1p(SMALL.rowBps / 1e4));
      const y = ((high - price) / (high - low)) * plot.h;
      if (!(y >= 0 && y < plot.h)) continue;
      const x = (middle - t0) / step;
      const key = `${Math.floor(x / bin)} ${Math.floor(y / bin)} ${trade.side}`;
      const sum = sums.get(key) ?? { side: trade.side, volume: 0, x: 0, y: 0 };
      sum.volume += trade.size;
      sum.x += x * trade.size;
      sum.y += y * trade.size;
      sums.set(key, sum);
    }
    until = Math.min(until, held);
  }
  return [...sums.values()].map((s) => ({ side: s.side, volume: s.volume, x: plot.x + s.x / s.volume, y: plot.y + s.y / s.volume }));
}

function steadyHistory(): HeatmapHistory {
  const history = new HeatmapHistory(SMALL);
  for (let t = 10_000; t <= 20_000; t += 100) history.sample(t, [quoted(steady)]);
  return history;
}

/** The time and price at a circle's centre. */
function whereIs(frame: HeatmapFrame, c: DrawnCircle): { t: number; price: number } {
  return pointAt(frame, c.x / frame.dpr, c.y / frame.dpr)!;
}

describe('heatmap trade bubbles', () => {
  it('draws a buy and a sell in their colours, ringed, at their time column and price row, the area as the volume', () => {
    for (const theme of ['dark', 'light'] as const) {
      const history = steadyHistory();
      const trades: HeatmapTrade[] = [
        { feed: 'kraken', t: 18_150, price: 100.2, size: 1, side: 'buy' },
        { feed: 'kraken', t: 18_720, price: 99.8, size: 4, side: 'sell' },
        { feed: 'kraken', t: 19_410, price: 100.2, size: 10, side: 'buy' },
        { feed: 'kraken', t: 19_490, price: 100.2, size: 6, side: 'buy' },
      ];
      history.addTrades(trades);
      const ctx = new RecordingContext();
      const renderer = new HeatmapRenderer();
      renderer.draw(ctx, { ...view, theme }, history);
      const frame = renderer.frame!;
      const colours = HEATMAP_THEMES[theme];
      expect(ctx.circles).toHaveLength(3);
      for (const c of ctx.circles) expect(c.edge).toBe(colours.bubbleEdge);
      const at = (t: number) => ctx.circles.find((c) => Math.floor(whereIs(frame, c).t / 100) === t / 100)!;
      // Columns of 100 ms (the last 2 s are held at that), 20 device pixels wide: each bubble at the middle of its
      // trades' column.
      for (const [t, price, fill, size] of [
        [18_100, 100.2, colours.buy, 1],
        [18_700, 99.8, colours.sell, 4],
        [19_400, 100.2, colours.buy, 16],
      ] as const) {
        const c = at(t);
        expect(c.fill).toBe(fill);
        expect(whereIs(frame, c).t).toBeCloseTo(t + 50, 6);
        expect(rowOf(whereIs(frame, c).price, SMALL.rowBps)).toBe(rowOf(price, SMALL.rowBps));
        // The largest (16) at the largest radius, the others by the square root of their share of it.
        expect(c.r).toBeCloseTo(BUBBLE_RADIUS.max * view.dpr * Math.sqrt(size / 16), 0);
        expect(renderer.tradesAt(c.x / view.dpr, c.y / view.dpr)).toEqual(fill === colours.buy ? { buy: size, sell: 0 } : { buy: 0, sell: size });
      }
      expect(at(18_100).r).toBeLessThan(at(18_700).r);
      expect(at(18_700).r).toBeLessThan(at(19_400).r);
      // The larger drawn first, so a small one on it shows.
      expect(ctx.circles.map((c) => c.r)).toEqual(ctx.circles.map((c) => c.r).sort((a, b) => b - a));
      expect(renderer.tradesAt(1, 1)).toBeUndefined();
    }
  });

  it('shows a trade too small for the scale as a dot, and a block trade no larger than the largest radius', () => {
    const history = steadyHistory();
    history.addTrades([
      { feed: 'kraken', t: 18_050, price: 100.2, size: 0.001, side: 'buy' },
      { feed: 'kraken', t: 19_050, price: 100.2, size: 5000, side: 'sell' },
    ]);
    const ctx = new RecordingContext();
    new HeatmapRenderer().draw(ctx, view, history);
    expect(ctx.circles.map((c) => c.r).sort((a, b) => a - b)).toEqual([BUBBLE_RADIUS.min * view.dpr, BUBBLE_RADIUS.max * view.dpr]);
  });

  it('merges the columns a bubble’s bin shows (a dot’s radius square) into one bubble a side, at their volume-weighted middle', () => {
    const history = steadyHistory();
    // A buy every 100 ms of the last 2 s (all held at 100 ms), a sell of twice its size in the same row.
    const trades = Array.from({ length: 20 }, (_, k): HeatmapTrade[] => [
      { feed: 'kraken', t: 18_000 + k * 100 + 10, price: 100.2, size: 1 + (k % 4), side: 'buy' },
      { feed: 'kraken', t: 18_000 + k * 100 + 20, price: 100.2, size: 2 + 2 * (k % 4), side: 'sell' },
    ]).flat();
    history.addTrades(trades);
    // 100 device pixels of 400 ms: four columns to a pixel, and bins of two pixels from the view's left edge (-20 s).
    const wide: HeatmapViewport = { ...view, width: 172, dpr: 1, spanMs: 40_000 };
    const ctx = new RecordingContext();
    const renderer = new HeatmapRenderer();
    renderer.draw(ctx, wide, history);
    const frame = renderer.frame!;
    expect(frame.step).toBe(400);
    for (const [fill, volume] of [
      [HEATMAP_THEMES.dark.buy, 10],
      [HEATMAP_THEMES.dark.sell, 20],
    ] as const) {
      const circles = ctx.circles.filter((c) => c.fill === fill).sort((a, b) => a.x - b.x);
      expect(circles).toHaveLength(3);
      // 18 to 18.4 s, 18.4 to 19.2 s and 19.2 to 20 s: sizes 1, 2, 3, 4 (twice that sold) in each 400 ms.
      [[18_000, 1], [18_400, 2], [19_200, 2]].forEach(([from, fours], k) => {
        const c = circles[k]!;
        expect(renderer.tradesAt(c.x, c.y)?.[fill === HEATMAP_THEMES.dark.buy ? 'buy' : 'sell']).toBe(volume * fours!);
        const middles = Array.from({ length: 4 * fours! }, (_, j) => [from! + j * 100 + 50, 1 + (j % 4)] as const);
        const middle = middles.reduce((sum, [t, size]) => sum + t * size, 0) / middles.reduce((sum, [, size]) => sum + size, 0);
        expect(whereIs(frame, c).t).toBeCloseTo(middle, 6);
      });
    }
  });

  it('draws, for any market filter, per bin and side the volume of the trades of the markets shown, and reads out under any point what those bubbles hold', () => {
    fc.assert(
      fc.property(momentsArb(40), widerViewportArb, tradesArb(100), fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })), { maxLength: 20 }), (moments, viewport, raw, probes) => {
        const { history, trades } = tradedHistory(moments, raw);
        const ctx = new RecordingContext();
        const renderer = new HeatmapRenderer();
        renderer.draw(ctx, viewport, history);
        const frame = renderer.frame;
        if (!frame) return;
        const want = naiveBins(frame, trades, history, viewport.feeds);
        const { dpr } = frame;
        const buyFill = HEATMAP_THEMES[viewport.theme].buy;
        // Each bubble is one bin of the reference (at its volume-weighted middle), each bin one bubble.
        const matched = new Set<NaiveBin>();
        const bubbles = ctx.circles.map((c) => {
          const side = c.fill === buyFill ? 'buy' : 'sell';
          const bin = want.filter((b) => b.side === side).sort((a, b) => Math.hypot(a.x - c.x, a.y - c.y) - Math.hypot(b.x - c.x, b.y - c.y))[0];
          expect(bin, `a ${side} bubble at (${c.x}, ${c.y}) with no trades of the markets shown`).toBeDefined();
          expect(Math.hypot(bin!.x - c.x, bin!.y - c.y)).toBeLessThan(1e-6);
          expect(matched.has(bin!)).toBe(false);
          matched.add(bin!);
          return { ...c, side, volume: bin!.volume };
        });
        expect(matched.size).toBe(want.length);
        // The crosshair: of each side, the volume of the bubble holding the point whose centre is nearest (any of
        // those equally near: columns either side of a point are).
        const points = [...bubbles.map((b) => [b.x / dpr, b.y / dpr] as const), ...probes.map(([x, y]) => [(x * frame.plot.w) / dpr, (y * frame.plot.h) / dpr] as const)];
        for (const [x, y] of points) {
          const got = renderer.tradesAt(x, y);
          const nearest = (['buy', 'sell'] as const).map((side) => {
            const away = (b: (typeof bubbles)[number]) => Math.hypot(b.x - x * dpr, b.y - y * dpr);
            const holding = bubbles.filter((b) => b.side === side && away(b) <= b.r);
            const least = Math.min(...holding.map(away));
            return { side, volumes: holding.filter((b) => away(b) <= least + 1e-9).map((b) => b.volume) };
          });
          if (nearest.every((n) => n.volumes.length === 0)) expect(got).toBeUndefined();
          else
            for (const { side, volumes } of nearest) {
              const read = got![side];
              if (volumes.length === 0) expect(read).toBe(0);
              else expect(volumes.some((v) => Math.abs(v - read) <= 1e-9 * v), `${side} ${read} of ${volumes.join()}`).toBe(true);
            }
        }
      }),
      { numRuns: 200 },
    );
  }, 60_000);

  it('draws only what the view shows: a bubble a side per bin at most, the volumes of the trades whose column middle and row it shows, larger for more', () => {
    fc.assert(
      fc.property(momentsArb(40), viewportArb, tradesArb(), fc.double({ min: 0, max: 1, noNaN: true }), (moments, viewport, raw, at) => {
        const { history, trades, first, span } = tradedHistory(moments, raw);
        const pinned: HeatmapViewport = { ...viewport, end: first + Math.round(at * (span + 2000)) };
        for (const v of [viewport, pinned]) {
          const ctx = new RecordingContext();
          const renderer = new HeatmapRenderer();
          renderer.draw(ctx, v, history);
          const frame = renderer.frame;
          if (!frame) {
            expect(ctx.circles).toHaveLength(0);
            continue;
          }
          const { plot, dpr } = frame;
          const seen = new Set<string>();
          const bin = BUBBLE_RADIUS.min * dpr;
          const drawn = { buy: 0, sell: 0 };
          const bubbles = ctx.circles.map((c) => {
            expect(c.x >= plot.x && c.x < plot.x + plot.w && c.y >= plot.y && c.y < plot.y + plot.h, `(${c.x}, ${c.y}) in the view`).toBe(true);
            const side = c.fill === HEATMAP_THEMES[v.theme].buy ? 'buy' : 'sell';
            const key = `${Math.floor((c.x - plot.x) / bin)} ${Math.floor((c.y - plot.y) / bin)} ${side}`;
            expect(seen.has(key), key).toBe(false);
            seen.add(key);
            expect(c.r).toBeGreaterThanOrEqual(BUBBLE_RADIUS.min * dpr - 0.25);
            expect(c.r).toBeLessThanOrEqual(BUBBLE_RADIUS.max * dpr + 0.25);
            const volume = renderer.tradesAt(c.x / dpr, c.y / dpr)![side];
            drawn[side] += volume;
            return { r: c.r, volume };
          });
          for (const a of bubbles) for (const b of bubbles) if (a.volume > b.volume) expect(a.r).toBeGreaterThanOrEqual(b.r);
          if (bubbles.length) expect(Math.max(...bubbles.map((b) => b.r))).toBeCloseTo(BUBBLE_RADIUS.max * dpr, 0);
          // The naive count: in the heat's resolution and, before where each finer one holds, the coarser ones,
          // every trade whose column's middle time and row's middle price the view shows.
          const want = { buy: 0, sell: 0 };
          let preferred = 0;
          SMALL.tiers.forEach((tier, i) => {
            if (tier.columnMs <= frame.step * dpr) preferred = i;
          });
          for (let i = preferred, until = frame.t1; i < SMALL.tiers.length && until > frame.t0; i++) {
            const { columnMs } = SMALL.tiers[i]!;
            const held = history.trades[i]!.from;
            for (const trade of trades) {
              if (v.feeds && !v.feeds.includes(trade.feed)) continue;
              const start = Math.floor(trade.t / columnMs) * columnMs;
              if (start < held || start + columnMs / 2 < frame.t0 || start + columnMs / 2 >= until) continue;
              const row = rowOf(trade.price, SMALL.rowBps);
              const price = Math.exp((row + 0.5) * Math.log1p(SMALL.rowBps / 1e4));
              const y = ((frame.high - price) / (frame.high - frame.low)) * plot.h;
              if (y >= 0 && y < plot.h) want[trade.side] += trade.size;
            }
            until = Math.min(until, held);
          }
          for (const side of ['buy', 'sell'] as const) expect(drawn[side]).toBeCloseTo(want[side], 6);
        }
      }),
      { numRuns: 150 },
    );
  }, 60_000);
});
