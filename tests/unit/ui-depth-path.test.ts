import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DepthSteps } from '../../src/market/depth-chart';
import { depthBands, depthFrame, depthX, type DepthFrame } from '../../src/ui/depth-path';
import type { FeedId } from '../../src/venues/types';

const r1 = (v: number) => Math.round(v * 10) / 10;

function vertices(path: string): [number, number][] {
  return [...path.matchAll(/[ML](-?[\d.]+),(-?[\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
}

/**
 * Cumulative steps outward from the best level, as the depth chart receives them (src/market/depth-chart.ts's
 * DepthSteps): a step per price, each feed's cumulative part of its total in a row of `parts`.
 */
function steps(levels: readonly (readonly [price: number, feed: FeedId, size: number])[], feeds: readonly FeedId[] = ['binance', 'okx', 'kraken', 'bybit']): DepthSteps {
  const cumulative = new Float64Array(feeds.length);
  const out = { feeds, prices: new Float64Array(levels.length), totals: new Float64Array(levels.length), parts: new Float64Array(levels.length * feeds.length), exact: levels.length };
  let total = 0;
  levels.forEach(([price, feed, size], k) => {
    cumulative[feeds.indexOf(feed)]! += size;
    total += size;
    out.prices[k] = price;
    out.totals[k] = total;
    out.parts.set(cumulative, k * feeds.length);
  });
  return out;
}

const none = steps([]);

/** Every step drawn as it comes, no column merged: the chart's outer line before full resolution. */
function naiveLine(points: DepthSteps, frame: DepthFrame, width: number, height: number): string {
  const x = (p: number) => r1(depthX(p, frame, width));
  const y = (t: number) => r1(height - (t / frame.top) * height * 0.88);
  const out = [`${x(frame.mid)},${height}`];
  let prev = height;
  points.prices.forEach((price, k) => {
    out.push(`${x(price)},${prev}`, `${x(price)},${y(points.totals[k]!)}`);
    prev = y(points.totals[k]!);
  });
  return `M${out.join('L')}`;
}

describe('depth chart paths', () => {
  const bids = steps([[99.5, 'binance', 1], [99, 'okx', 4], [98, 'binance', 2]]);
  const asks = steps([[100.5, 'okx', 3], [101, 'binance', 1]]);

  it('centres mid, spans the deeper side on both and tops at the larger total', () => {
    expect(depthFrame(bids, asks, 100)).toEqual({ lo: 98, hi: 102, mid: 100, top: 7 });
    // No mid yet: between the best prices.
    expect(depthFrame(bids, asks)?.mid).toBe(100);
    expect(depthFrame(none, none)).toBeUndefined();
    expect(depthFrame(none, none, 50)).toEqual({ lo: 49.995, hi: 50.005, mid: 50, top: 1 });
  });

  it('stacks each feed’s cumulative size, in the order given, as steps from mid outward', () => {
    const frame = depthFrame(bids, asks, 100)!;
    const { bands, line } = depthBands(bids, ['binance', 'okx'], frame, 400, 100);
    // x: 98 … 102 over 400; y: 7 is 88 % of 100 up.
    expect(line).toBe('M200,100L150,100L150,87.4L100,87.4L100,37.1L0,37.1L0,12');
    expect(bands).toHaveLength(2);
    // Binance's band: from the baseline to its own cumulative size (1, then 3 at 98).
    expect(bands[0]).toBe('M200,100L150,100L150,87.4L100,87.4L100,87.4L0,87.4L0,62.3L0,100L200,100Z');
    expect(depthBands(none, ['okx'], frame, 400, 100)).toEqual({ bands: [], line: '' });
    // A feed the steps do not hold adds nothing: its band is flat on the one below.
    expect(depthBands(bids, ['binance', 'coinbase', 'okx'], frame, 400, 100).line).toBe(line);
  });

  it('draws exactly what every step drawn one by one draws, while no two steps share a column', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 60 }), fc.integer({ min: 1, max: 50 }), (gaps, seed) => {
        const prices = [...gaps].sort((a, b) => a - b).map((g) => 1000 + g * 2);
        const s = steps(prices.map((p, i) => [p, i % 2 ? 'okx' : 'kraken', ((i * seed) % 7) + 0.5] as const));
        const frame = depthFrame(none, s, 1000)!;
        // 2 price units a level, 600 across 1200 columns: two columns a level at least.
        expect(depthBands(s, ['kraken', 'okx'], frame, 1200, 300).line).toBe(naiveLine(s, frame, 1200, 300));
      }),
    );
  });

  it('keeps at most two vertices a column per boundary however many levels, each column at its last level’s size', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0.001, max: 5, noNaN: true }), { minLength: 1, maxLength: 3000 }), fc.integer({ min: 20, max: 400 }), (sizes, width) => {
        const s = steps(sizes.map((q, i) => [100 + (i + 1) * 0.001, 'bybit', q] as const));
        const frame = depthFrame(none, s, 100)!;
        const height = 200;
        const line = vertices(depthBands(s, ['bybit'], frame, width, height).line);
        const columns = new Set([...s.prices].map((p) => Math.round(depthX(p, frame, width))));
        expect(line.length).toBeLessThanOrEqual(1 + 2 * columns.size);
        // The last level of each column: its total is where the line stands after that column's rise.
        const lastOf = new Map<number, number>();
        s.prices.forEach((p, k) => lastOf.set(Math.round(depthX(p, frame, width)), s.totals[k]!));
        const levels = line.filter((_, i) => i > 0 && i % 2 === 0).map(([, y]) => y);
        expect(levels).toEqual([...lastOf.values()].map((total) => r1(height - (total / frame.top) * height * 0.88)));
        expect(levels.at(-1)).toBe(r1(height * 0.12));
      }),
    );
  });
});
