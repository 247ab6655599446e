/**
 * A sparkline's SVG path. A history can hold far more points than the line has pixels, so each pixel column keeps
 * its first, lowest, highest and last point (M4): the line drawn is the same, its vertices at most four a column.
 */

const r1 = (v: number): number => Math.round(v * 10) / 10;

/**
 * The path through `points` ([time, value], oldest first) on a `width` × `height` box: time across the whole width,
 * values from `lo` (bottom) to `hi` (top), clamped. Empty for no points; one point, or one instant, sits at the right edge.
 */
export function sparklinePath(points: readonly (readonly [number, number])[], width: number, height: number, lo: number, hi: number): string {
  const n = points.length;
  if (n === 0 || width <= 0 || hi <= lo) return '';
  const t0 = points[0]![0];
  const span = points[n - 1]![0] - t0;
  const x = (t: number): number => (span > 0 ? ((t - t0) / span) * width : width);
  const y = (v: number): number => ((hi - Math.min(hi, Math.max(lo, v))) / (hi - lo)) * height;
  const kept: number[] = [];
  let column = -1;
  let first = 0;
  let low = 0;
  let high = 0;
  const flush = (last: number): void => {
    for (const i of [...new Set([first, low, high, last])].sort((a, b) => a - b)) kept.push(i);
  };
  for (let i = 0; i < n; i++) {
    const c = Math.min(Math.floor(x(points[i]![0])), Math.ceil(width) - 1);
    const v = points[i]![1];
    if (c !== column) {
      if (column >= 0) flush(i - 1);
      column = c;
      first = low = high = i;
    } else if (v < points[low]![1]) low = i;
    else if (v > points[high]![1]) high = i;
  }
  flush(n - 1);
  return kept.map((i, k) => `${k === 0 ? 'M' : 'L'}${r1(x(points[i]![0]))},${r1(y(points[i]![1]))}`).join('');
}
