import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { HeatmapFrame } from '../../../src/liquidity/heatmap-render';
import { MAX_WALL_LABELS, labelled, wallLabel, wallMarks } from '../../../src/liquidity/heatmap-walls';
import type { Wall } from '../../../src/liquidity/types';

/** A heat 600 device pixels wide and 300 high at (40, 10), a minute up to t = 60 000 ms, prices 90 900 to 91 100. */
const frame: HeatmapFrame = {
  width: 700,
  height: 340,
  dpr: 1,
  plot: { x: 40, y: 10, w: 600, h: 300 },
  t0: 0,
  t1: 60_000,
  step: 100,
  first: 0,
  low: 90_900,
  high: 91_100,
  followsMid: true,
};

const wall = (over: Partial<Wall>): Wall => ({ feed: 'okx', side: 'bid', rawPrice: 90_950, price: 90_950, size: 47, ratio: 264, since: 30_000, state: 'standing', ...over });

describe('walls on the heatmap', () => {
  it('labels a wall with its venue and size, and says how it ended', () => {
    expect(wallLabel(wall({}))).toBe('OKX 47');
    expect(wallLabel(wall({ feed: 'okx-swap', size: 12.3456, state: 'pulled', endedAt: 40_000 }))).toBe('OKX SWAP 12.3 pulled');
    expect(wallLabel(wall({ feed: 'binance', size: 0.5, state: 'filled', endedAt: 40_000 }))).toBe('Binance 0.5 filled');
  });

  it('places a wall at its price from when it was seen to when it ended (or now), and leaves out what the frame does not show', () => {
    const [standing] = wallMarks(frame, [wall({})]);
    // 50 of 200 price units above the bottom of 300 px: 75 px up from the heat's bottom edge at 310.
    expect(standing).toMatchObject({ y: 235, x0: 340, x1: 640, label: 'OKX 47' });
    const [pulled] = wallMarks(frame, [wall({ state: 'pulled', since: -10_000, endedAt: 45_000 })]);
    expect(pulled).toMatchObject({ x0: 40, x1: 490 });
    expect(wallMarks(frame, [wall({ price: 91_200 }), wall({ since: 1_000, state: 'pulled', endedAt: -1 }), wall({ since: 70_000 })])).toEqual([]);
  });

  it('keeps every mark inside the heat for any wall it shows', () => {
    fc.assert(
      fc.property(fc.double({ min: 90_800, max: 91_200, noNaN: true }), fc.integer({ min: -100_000, max: 100_000 }), fc.integer({ min: 0, max: 100_000 }), (price, since, lasted) => {
        for (const m of wallMarks(frame, [wall({ price, since, state: 'pulled', endedAt: since + lasted })])) {
          expect(m.y).toBeGreaterThanOrEqual(frame.plot.y);
          expect(m.y).toBeLessThanOrEqual(frame.plot.y + frame.plot.h);
          expect(m.x0).toBeGreaterThanOrEqual(frame.plot.x);
          expect(m.x1).toBeLessThanOrEqual(frame.plot.x + frame.plot.w);
          expect(m.x0).toBeLessThanOrEqual(m.x1);
        }
      }),
    );
  });

  it('labels the largest walls first, never two on one line, and at most a dozen', () => {
    const many = Array.from({ length: 40 }, (_, i) => wall({ price: 90_910 + i * 4, ratio: 10 + i }));
    const named = labelled(wallMarks(frame, many), 13);
    expect(named.size).toBeLessThanOrEqual(MAX_WALL_LABELS);
    const ys = [...named].map((m) => m.y).sort((a, b) => a - b);
    for (let i = 1; i < ys.length; i++) expect(ys[i]! - ys[i - 1]!).toBeGreaterThanOrEqual(13);
    // The largest of all is labelled.
    expect([...named].some((m) => m.wall.ratio === 49)).toBe(true);
  });
});
