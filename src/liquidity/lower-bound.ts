/** The first index in [lo, hi) of ascending `values` whose value is at or above `value`; `hi` when there is none. */
export function lowerBound(values: ArrayLike<number>, value: number, lo = 0, hi = values.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
