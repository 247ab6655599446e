import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sparklinePath } from '../../src/ui/sparkline';

/** The path's vertices, [x, y]. */
function vertices(path: string): [number, number][] {
  return [...path.matchAll(/[ML](-?[\d.]+),(-?[\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
}

const r1 = (v: number) => Math.round(v * 10) / 10;

describe('sparkline', () => {
  it('draws time across the width and -1 … 1 from the bottom to the top', () => {
    expect(sparklinePath([[1000, 0], [2000, 1], [3000, -1]], 100, 20, -1, 1)).toBe('M0,10L50,0L100,20');
    expect(sparklinePath([], 100, 20, -1, 1)).toBe('');
    // One point, or one instant: at the right edge, where the newest value is.
    expect(sparklinePath([[5, 0.5]], 100, 20, -1, 1)).toBe('M100,5');
    // Out of range is clamped to the box.
    expect(sparklinePath([[0, 3], [1, -3]], 10, 20, -1, 1)).toBe('M0,0L10,20');
  });

  it('draws the same line as every point would, with at most four vertices a pixel column', () => {
    const history = fc
      .array(fc.tuple(fc.integer({ min: 0, max: 1000 }), fc.double({ min: -1, max: 1, noNaN: true })), { minLength: 2, maxLength: 400 })
      .map((points) => points.sort((a, b) => a[0] - b[0]));
    fc.assert(
      fc.property(history, fc.integer({ min: 5, max: 120 }), (points, width) => {
        const height = 40;
        const t0 = points[0]![0];
        const span = points.at(-1)![0] - t0;
        const x = (t: number) => (span > 0 ? ((t - t0) / span) * width : width);
        const y = (v: number) => ((1 - v) / 2) * height;
        const got = vertices(sparklinePath(points, width, height, -1, 1));
        // Naive reference: every point, grouped by the pixel column it falls in.
        const columns = new Map<number, [number, number][]>();
        for (const [t, v] of points) {
          const c = Math.min(Math.floor(x(t)), width - 1);
          columns.set(c, [...(columns.get(c) ?? []), [r1(x(t)), r1(y(v))]]);
        }
        expect(got.length).toBeLessThanOrEqual(4 * columns.size);
        expect(got[0]).toEqual([r1(x(points[0]![0])), r1(y(points[0]![1]))]);
        expect(got.at(-1)).toEqual([r1(x(points.at(-1)![0])), r1(y(points.at(-1)![1]))]);
        for (const all of columns.values()) {
          const ys = all.map(([, vy]) => vy);
          const keptYs = got.filter(([vx]) => all.some(([ax]) => ax === vx)).map(([, vy]) => vy);
          // The column's highest and lowest points are drawn: no spike is lost.
          expect(keptYs).toContain(Math.min(...ys));
          expect(keptYs).toContain(Math.max(...ys));
        }
        // Time only moves forward along the line.
        for (let i = 1; i < got.length; i++) expect(got[i]![0]).toBeGreaterThanOrEqual(got[i - 1]![0]);
      }),
    );
  });
});
