/** Small statistics and timing helpers shared by the bench sections. */

export function median(values: readonly number[]): number {
  if (!values.length) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function percentile(values: readonly number[], p: number): number {
  if (!values.length) return NaN;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}

/** Runs the collector between timed runs when node was started with --expose-gc, so one run's garbage is not billed to the next. */
export function collect(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) gc();
}

/** Puts `items` in a different order each round so that no engine always runs first (or last) on a warm heap. */
export function rotate<T>(items: readonly T[], round: number): T[] {
  const k = round % items.length;
  return [...items.slice(k), ...items.slice(0, k)];
}

export const fmt = {
  rate(n: number): string {
    if (!Number.isFinite(n)) return '-';
    if (n >= 1e6) return `${(n / 1e6).toFixed(2)} M`;
    if (n >= 1e3) return `${(n / 1e3).toFixed(1)} k`;
    return n.toFixed(0);
  },
  ratio(n: number): string {
    return Number.isFinite(n) ? `${n.toFixed(2)}x` : '-';
  },
};
