/**
 * Pure number and time formatting for the screen. Every number goes through Intl.NumberFormat with a fixed
 * number of decimals per column, so figures keep their width as they change (with tabular-nums in CSS).
 */

const LOCALE = undefined; // the browser's locale

const formatters: Intl.NumberFormat[] = [];

/** A cached Intl.NumberFormat with exactly `decimals` fraction digits. */
export function numberFormat(decimals: number): Intl.NumberFormat {
  const d = clampDecimals(decimals);
  return (formatters[d] ??= new Intl.NumberFormat(LOCALE, { minimumFractionDigits: d, maximumFractionDigits: d }));
}

/**
 * Recent texts per number of decimals: the ladder formats a few hundred figures every frame, mostly the same
 * ones as the frame before, and a lookup costs a fraction of Intl's format.
 */
const texts: Map<number, string>[] = [];
const TEXTS_KEPT = 4096;

function clampDecimals(decimals: number): number {
  if (!Number.isFinite(decimals)) return 0;
  return Math.min(12, Math.max(0, Math.round(decimals)));
}

/** The placeholder for a value that is not known. */
export const DASH = '—';

function finite(value: number | undefined | null): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** A number with fixed decimals, or a dash when unknown. */
export function formatNumber(value: number | undefined | null, decimals: number): string {
  if (!finite(value)) return DASH;
  const d = clampDecimals(decimals);
  const seen = (texts[d] ??= new Map());
  let text = seen.get(value);
  if (text === undefined) {
    if (seen.size >= TEXTS_KEPT) seen.clear();
    text = numberFormat(d).format(value);
    seen.set(value, text);
  }
  return text;
}

/** A price with the decimals of its column. */
export function formatPrice(value: number | undefined | null, decimals: number): string {
  return formatNumber(value, decimals);
}

/** A size in base units. */
export function formatSize(value: number | undefined | null, decimals: number): string {
  return formatNumber(value, decimals);
}

const compact = new Intl.NumberFormat(LOCALE, { notation: 'compact', maximumSignificantDigits: 3 });

/** A size or amount in three significant figures where room is tight: "52.3", "1.24K", "4.8M", "0.0312". */
export function formatCompact(value: number | undefined | null): string {
  return finite(value) ? compact.format(value) : DASH;
}

const clock = new Intl.DateTimeFormat(LOCALE, { hour: '2-digit', minute: '2-digit', second: '2-digit', fractionalSecondDigits: 1, hourCycle: 'h23' });
const dayClock = new Intl.DateTimeFormat(LOCALE, {
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  fractionalSecondDigits: 1,
  hourCycle: 'h23',
});

/**
 * A moment (epoch ms) as the reader's clock shows it, to a tenth of a second: "14:03:27.4"; with the day as well
 * ("2 Dec, 14:03:27.4") when `withDay`, for a span that crosses midnight.
 */
export function formatClock(t: number | undefined | null, withDay = false): string {
  if (!finite(t)) return DASH;
  return (withDay ? dayClock : clock).format(t);
}

/** Basis points with two decimals and the unit, e.g. "1.25 bps". */
export function formatBps(value: number | undefined | null, decimals = 2): string {
  return finite(value) ? `${numberFormat(decimals).format(value)} bps` : DASH;
}

/** `text`, the size of `value`, with its sign (a true minus sign), unless it reads as zero. */
function withSign(value: number, text: string): string {
  if (Number(text.replace(/[^0-9]/g, '')) === 0) return text;
  return `${value < 0 ? '−' : '+'}${text}`;
}

/** A signed amount, e.g. "+12.30" / "−4.00" (true minus sign, so width does not change with sign). */
export function formatSigned(value: number | undefined | null, decimals: number): string {
  return finite(value) ? withSign(value, numberFormat(decimals).format(Math.abs(value))) : DASH;
}

/** A signed amount in three significant figures: "+1.24K", "−0.5", "0". */
export function formatSignedCompact(value: number | undefined | null): string {
  return finite(value) ? withSign(value, compact.format(Math.abs(value))) : DASH;
}

/** A share as a percentage, e.g. "42.0 %". */
export function formatPercent(fraction: number | undefined | null, decimals = 1): string {
  return finite(fraction) ? `${numberFormat(decimals).format(fraction * 100)} %` : DASH;
}

/** Milliseconds as a short duration: "850 ms", "3.2 s", "4 min", "2 h". */
export function formatDuration(ms: number | undefined | null): string {
  if (!finite(ms)) return DASH;
  const v = Math.max(0, ms);
  if (v < 1000) return `${numberFormat(0).format(v)} ms`;
  if (v < 10_000) return `${numberFormat(1).format(v / 1000)} s`;
  if (v < 60_000) return `${numberFormat(0).format(Math.floor(v / 1000))} s`;
  if (v < 3_600_000) return `${numberFormat(0).format(Math.floor(v / 60_000))} min`;
  return `${numberFormat(0).format(Math.floor(v / 3_600_000))} h`;
}

/** Whole seconds until `at` (epoch ms), never below zero: the "reconnecting in 7 s" countdown. */
export function secondsUntil(at: number | undefined, now: number): number | undefined {
  if (!finite(at)) return undefined;
  return Math.max(0, Math.ceil((at - now) / 1000));
}

/** Messages a second: one decimal below 10, whole numbers above. */
export function formatRate(perSecond: number | undefined | null): string {
  if (!finite(perSecond)) return DASH;
  return `${numberFormat(perSecond < 10 ? 1 : 0).format(perSecond)}/s`;
}

/** Decimals in the shortest exact decimal form of a number (0.0005 → 4, 1e-7 → 7, 12 → 0). */
export function decimalsOf(value: number): number {
  if (!Number.isFinite(value) || Number.isInteger(value)) return 0;
  const text = Math.abs(value).toString();
  const e = text.indexOf('e-');
  if (e >= 0) {
    const mantissa = text.slice(0, e);
    return Number(text.slice(e + 2)) + (mantissa.split('.')[1]?.length ?? 0);
  }
  return text.split('.')[1]?.length ?? 0;
}

/** The decimals needed to print every value exactly, between `min` and `max`. */
export function maxDecimals(values: Iterable<number>, min = 0, max = 10): number {
  let d = min;
  for (const v of values) d = Math.max(d, decimalsOf(v));
  return Math.min(max, d);
}

/**
 * Decimals for sizes of an asset priced `price`: about a dollar's worth of resolution
 * (BTC at 100 000 → 4, ETH at 3 000 → 3, SOL at 150 → 2, XRP at 2 → 0).
 */
export function sizeDecimals(price: number | undefined): number {
  if (!finite(price) || price <= 0) return 4;
  return Math.min(8, Math.max(0, Math.ceil(Math.log10(price)) - 1));
}

/**
 * Price steps worth offering for an asset priced `price`: 1, 2 and 5 times the powers of ten from about
 * 0.1 bp to 0.5 % of the price (BTC at 100 000: 1 … 500). 0 (every level) is always first.
 */
export function stepChoices(price: number | undefined): number[] {
  const out = [0];
  if (!finite(price) || price <= 0) return out;
  const exp = Math.floor(Math.log10(price));
  for (let d = exp - 5; d <= exp - 3; d++) {
    for (const m of [1, 2, 5]) out.push(Number((m * 10 ** d).toPrecision(6)));
  }
  return out;
}

/** Label of a step in the selector: "every level" for 0, the step with its own decimals otherwise. */
export function formatStep(step: number): string {
  return step === 0 ? 'Every level' : formatNumber(step, decimalsOf(step));
}

/** One venue's part of a ladder bar: from `from` to `to` percent of the bar's width, measured from its right edge. */
export interface BarSegment<K> {
  readonly key: K;
  readonly from: number;
  readonly to: number;
}

/** A ladder bar: each part's share of `max`, laid end to end from the right edge in order, cut at 100 %. */
export function barSegments<K>(parts: readonly { readonly key: K; readonly value: number | undefined }[], max: number | undefined): BarSegment<K>[] {
  const out: BarSegment<K>[] = [];
  let at = 0;
  for (const { key, value } of parts) {
    const width = barPercent(value, max);
    if (width === 0 || at >= 100) continue;
    const end = Math.min(100, at + width);
    out.push({ key, from: at, to: end });
    at = end;
  }
  return out;
}

/** Width of a bar in percent, 0 … 100, safe against zero and missing maxima. */
export function barPercent(value: number | undefined, max: number | undefined): number {
  if (!finite(value) || !finite(max) || max <= 0 || value <= 0) return 0;
  return Math.min(100, (value / max) * 100);
}
