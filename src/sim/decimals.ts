/** Decimal places of a price tick or size step: 2 for 0.01, 8 for 1e-8. */
export function decimalsOf(step: number): number {
  const t = step.toString();
  const e = t.indexOf('e-');
  if (e >= 0) return Number(t.slice(e + 2)) + (t.slice(0, e).split('.')[1]?.length ?? 0);
  return t.split('.')[1]?.length ?? 0;
}

/** A tick or step as venues write it in their instrument lists: "0.01", "0.00000001", never "1e-8". */
export function stepText(step: number, decimals = decimalsOf(step)): string {
  return step.toFixed(decimals);
}
