import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HeatmapHistory } from '../../../src/liquidity/heatmap-history';
import { HEATMAP_THEMES, RAMP_STEPS } from '../../../src/liquidity/heatmap-palette';
import { HeatmapRenderer, pixelTime, pointAt, resolveFrame, type HeatmapFrame, type HeatmapScale } from '../../../src/liquidity/heatmap-render';
import type { HeatmapViewport } from '../../../src/liquidity/types';
import type { FeedId } from '../../../src/venues/types';
import { RecordingContext } from './heatmap-canvas';
import { SMALL, momentsArb, NaiveHeatmap, quoted, rowOf, type FeedBook, type Moment } from './heatmap-books';

function historyOf(moments: readonly Moment[]): HeatmapHistory {
  const history = new HeatmapHistory(SMALL);
  for (const m of moments) history.sample(m.t, m.books.map(quoted));
  return history;
}

const viewportArb = (moments: readonly Moment[]): fc.Arbitrary<HeatmapViewport> =>
  fc.record({
    width: fc.integer({ min: 90, max: 180 }),
    height: fc.integer({ min: 30, max: 90 }),
    dpr: fc.constantFrom(1, 1.5, 2),
    spanMs: fc.integer({ min: 1000, max: 50_000 }),
    end: fc.option(fc.integer({ min: moments[0]!.t, max: moments.at(-1)!.t + 2000 }), { nil: undefined }),
    priceSpan: fc.double({ min: 0.02, max: 6, noNaN: true }),
    centre: fc.option(fc.double({ min: 98, max: 102, noNaN: true }), { nil: undefined }),
    feeds: fc.option(fc.subarray<FeedId>(['binance', 'okx', 'okx-swap'], { minLength: 1 }), { nil: undefined }),
    theme: fc.constantFrom('dark' as const, 'light' as const),
  });

/** The time and price the renderer samples device pixel (x, y) of the heat at: its middle. */
function middleOf(frame: HeatmapFrame, x: number, y: number): { t: number; price: number } {
  return { t: pixelTime(frame, x), price: frame.high - ((y + 0.5) / frame.plot.h) * (frame.high - frame.low) };
}

/**
 * Checks every pixel of the heat `ctx` holds against the naive history: the largest, over the rows the pixel
 * shows, of the sizes summed over the feeds drawn, coloured on `scale`.
 */
function expectHeat(ctx: RecordingContext, frame: HeatmapFrame, scale: HeatmapScale | undefined, viewport: HeatmapViewport, naive: NaiveHeatmap): void {
    const theme = HEATMAP_THEMES[viewport.theme];
    const { w, h } = frame.plot;
    expect(ctx.image).toMatchObject({ width: w, height: h, x: frame.plot.x, y: frame.plot.y });
    // The renderer's order: the coarsest resolution no wider than a CSS pixel, then coarser, then finer.
    const perCss = ((frame.t1 - frame.t0) / w) * frame.dpr;
    const preferred = SMALL.tiers.findLastIndex((t) => t.columnMs <= perCss);
    const first = Math.max(0, preferred);
    const order = [0, 1, 2].filter((i) => i >= first).concat([0, 1, 2].filter((i) => i < first).reverse());
    const drawn = new Set(viewport.feeds ?? ['binance', 'okx', 'okx-swap']);
    const want: (number | undefined)[] = [];
    let max = 0;
    const rowMiddle = (r: number) => Math.exp((r + 0.5) * Math.log1p(SMALL.rowBps / 1e4));
    for (let y = 0; y < h; y++) {
      // The rows from the one at this pixel's middle price down to, not including, the one at the next's.
      const top = rowOf(middleOf(frame, 0, y).price, SMALL.rowBps);
      const next = rowOf(middleOf(frame, 0, y + 1).price, SMALL.rowBps);
      const rows = next < top ? Array.from({ length: top - next }, (_, i) => next + 1 + i) : [top];
      for (let x = 0; x < w; x++) {
        const { t } = middleOf(frame, x, y);
        let value: number | undefined;
        for (const r of rows) {
          const feeds = Object.entries(naive.readout(t, rowMiddle(r), order) ?? {}).filter(([f]) => drawn.has(f as FeedId));
          if (feeds.length) value = Math.max(value ?? 0, feeds.reduce((s, [, q]) => s + q!, 0));
        }
        want.push(value);
        if (value !== undefined && value > max) max = value;
      }
    }
    // The scale holds while the largest size stays within its top half.
    if (max === 0) expect(scale).toBeUndefined();
    else {
      expect(scale!.high / max).toBeGreaterThan(1 - 1e-3);
      expect(scale!.high / max).toBeLessThan(2 + 1e-3);
    }
    want.forEach((sum, k) => {
      const [x, y] = [k % w, Math.floor(k / w)];
      const got = ctx.pixel(x, y);
      if (sum === undefined) expect(got, `(${x}, ${y}) holds nothing`).toBe(theme.noData);
      else if (sum === 0) expect(got, `(${x}, ${y}) is empty`).toBe(theme.empty);
      else {
        const step = Math.floor(((Math.log(sum) - Math.log(scale!.low)) / Math.log(scale!.high / scale!.low)) * (RAMP_STEPS - 1));
        // Sizes are held to four figures: a size on a step's edge may take the step beside it.
        const near = [step - 1, step, step + 1].map((s) => theme.ramp[Math.max(0, Math.min(RAMP_STEPS - 1, s))]);
        expect(near, `(${x}, ${y}) holds ${sum}`).toContain(got);
      }
    });
}

describe('heatmap render', () => {
  it('colours every pixel by the naive history’s largest size in its rows, summed over the feeds drawn, on a log scale topped by the largest of all, drawn afresh or moved on from the frame before', () => {
    fc.assert(
      fc.property(
        momentsArb(40).chain((moments) => fc.tuple(fc.constant(moments), viewportArb(moments), fc.integer({ min: 0, max: moments.length }), fc.integer({ min: -3000, max: 3000 }))),
        ([moments, viewport, cut, pan]) => {
          const renderer = new HeatmapRenderer();
          const history = historyOf(moments.slice(0, cut));
          // A frame drawn first, then more samples, and the view panned where it is pinned: the frame moves on.
          renderer.draw(new RecordingContext(), viewport, history);
          for (const m of moments.slice(cut)) history.sample(m.t, m.books.map(quoted));
          const later = viewport.end === undefined ? viewport : { ...viewport, end: viewport.end + pan };
          const ctx = new RecordingContext();
          const scale = renderer.draw(ctx, later, history);
          const frame = renderer.frame;
          if (!frame) {
            expect(ctx.image).toBeUndefined();
            expect(ctx.texts.map((t) => t.text)).toEqual(['Waiting for books…']);
            return;
          }
          expectHeat(ctx, frame, scale, later, new NaiveHeatmap(SMALL, moments));
        },
      ),
      { numRuns: 60 },
    );
  }, 60_000);

  it('moves the heat on by whole pixels, drawing again only what a new column may change, and ends as a fresh drawing would', () => {
    fc.assert(
      fc.property(
        momentsArb(50),
        // A pinned centre keeps the price axis, so every frame after the first moves on from the one before.
        fc.record({
          width: fc.integer({ min: 90, max: 160 }),
          height: fc.integer({ min: 30, max: 60 }),
          spanMs: fc.integer({ min: 2000, max: 40_000 }),
          priceSpan: fc.double({ min: 2, max: 6, noNaN: true }),
          centre: fc.option(fc.constant(100), { nil: undefined }),
        }),
        (moments, size) => {
          const viewport: HeatmapViewport = { ...size, dpr: 1, theme: 'dark' };
          const renderer = new HeatmapRenderer();
          const history = new HeatmapHistory(SMALL);
          let ctx = new RecordingContext();
          let scale: HeatmapScale | undefined;
          for (const m of moments) {
            history.sample(m.t, m.books.map(quoted));
            ctx = new RecordingContext();
            scale = renderer.draw(ctx, viewport, history);
          }
          if (renderer.frame) expectHeat(ctx, renderer.frame, scale, viewport, new NaiveHeatmap(SMALL, moments));
        },
      ),
      { numRuns: 40 },
    );
  }, 60_000);

  const steady: FeedBook = { feed: 'kraken', bids: [[99.95, 2], [99.7, 40]], asks: [[100.05, 3]] };
  const view: HeatmapViewport = { width: 472, height: 220, dpr: 2, spanMs: 4000, priceSpan: 1, theme: 'dark' };

  it('follows the newest column and its mid until the viewport pins an end and a centre', () => {
    const history = new HeatmapHistory(SMALL);
    for (let t = 10_000; t <= 20_000; t += 100) history.sample(t, [quoted(steady)]);
    expect(resolveFrame(view, history)).toMatchObject({ t1: 20_000, t0: 16_000, low: 99.5, high: 100.5 });
    history.sample(20_100, [quoted({ ...steady, bids: [[100.95, 2]], asks: [[101.05, 1]] })]);
    history.sample(20_200, [quoted(steady)]);
    expect(resolveFrame(view, history)).toMatchObject({ t1: 20_200, low: 100.5, high: 101.5 });
    expect(resolveFrame({ ...view, end: 15_000, centre: 99 }, history)).toMatchObject({ t1: 15_000, t0: 11_000, low: 98.5, high: 99.5 });
  });

  it('maps a pixel to the time and price its axis labels name, and draws the best bid and ask where they were', () => {
    const history = new HeatmapHistory(SMALL);
    for (let t = 10_000; t <= 20_000; t += 100) history.sample(t, [quoted(steady)]);
    const ctx = new RecordingContext();
    new HeatmapRenderer().draw(ctx, view, history);
    const frame = resolveFrame(view, history)!;
    expect(pointAt(frame, 0, 0)).toEqual({ t: frame.t0, price: frame.high });
    expect(pointAt(frame, 400, 0)).toBeUndefined();
    expect(pointAt(frame, 0, 200)).toBeUndefined();
    const prices = ctx.texts.filter((t) => t.align === 'left' && /^\d/.test(t.text) && t.x > frame.plot.w);
    expect(prices.length).toBeGreaterThanOrEqual(3);
    for (const label of prices) expect(pointAt(frame, 0, label.y / frame.dpr)!.price).toBeCloseTo(Number(label.text.replace(/,/g, '')), 6);
    const times = ctx.texts.filter((t) => t.y > frame.plot.h);
    expect(times.length).toBeGreaterThanOrEqual(2);
    for (const label of times) expect(pointAt(frame, label.x / frame.dpr, 0)!.t % 1000).toBeCloseTo(0, 3);
    for (const [colour, price] of [
      [HEATMAP_THEMES.dark.bid, 99.95],
      [HEATMAP_THEMES.dark.ask, 100.05],
    ] as const) {
      const line = ctx.paths.find((p) => p.style === colour)!;
      expect(line.points).toHaveLength(1);
      expect(line.points[0]!.length).toBe(frame.plot.w);
      for (const [x, y] of line.points[0]!) expect(pointAt(frame, x / frame.dpr, y / frame.dpr)!.price).toBeCloseTo(price, 9);
    }
  });

  it('draws the ramp of its theme: the wall brightest on dark, darkest on light, an empty row in the background', () => {
    const history = new HeatmapHistory(SMALL);
    for (let t = 10_000; t <= 20_000; t += 100) history.sample(t, [quoted(steady)]);
    for (const theme of ['dark', 'light'] as const) {
      const ctx = new RecordingContext();
      const scale = new HeatmapRenderer().draw(ctx, { ...view, theme }, history)!;
      const frame = resolveFrame(view, history)!;
      const yOf = (price: number) => [...Array(frame.plot.h).keys()].find((y) => rowOf(middleOf(frame, 0, y).price, SMALL.rowBps) === rowOf(price, SMALL.rowBps))!;
      const colours = HEATMAP_THEMES[theme];
      // The scale spans three decades and tops out a quarter above the wall, the largest size drawn.
      expect(scale.high).toBeCloseTo(50, 1);
      expect(scale.low).toBeCloseTo(0.05, 4);
      const ramp = [...colours.ramp];
      const steps = Array.from({ length: frame.plot.h }, (_, y) => ramp.indexOf(ctx.pixel(frame.plot.w - 1, y)));
      expect(steps[yOf(99.7)]).toBe(Math.max(...steps));
      expect(steps[yOf(99.7)]).toBe(Math.floor((Math.log(40 / scale.low) / Math.log(scale.high / scale.low)) * (RAMP_STEPS - 1)));
      expect(ctx.pixel(frame.plot.w - 1, yOf(100.3))).toBe(colours.empty);
    }
  });
});
