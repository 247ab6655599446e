import { describe, expect, it } from 'vitest';
import {
  DASH,
  barSegments,
  barPercent,
  decimalsOf,
  formatBps,
  formatClock,
  formatCompact,
  formatDuration,
  formatNumber,
  formatPercent,
  formatPrice,
  formatRate,
  formatSigned,
  formatStep,
  maxDecimals,
  secondsUntil,
  sizeDecimals,
  stepChoices,
} from '../../src/ui/format';

// Locale-independent checks: compare against Intl with the same options.
const fmt = (v: number, d: number) => new Intl.NumberFormat(undefined, { minimumFractionDigits: d, maximumFractionDigits: d }).format(v);

describe('number formatting', () => {
  it('prints fixed decimals so widths do not change', () => {
    expect(formatPrice(67000.5, 2)).toBe(fmt(67000.5, 2));
    expect(formatPrice(67000, 2)).toBe(fmt(67000, 2));
    expect(formatPrice(1.23456, 2)).toBe(fmt(1.23, 2));
    expect(formatNumber(0.1 + 0.2, 2)).toBe(fmt(0.3, 2));
  });

  it('shows a dash for unknown values', () => {
    expect(formatPrice(undefined, 2)).toBe(DASH);
    expect(formatPrice(NaN, 2)).toBe(DASH);
    expect(formatBps(null)).toBe(DASH);
    expect(formatDuration(Infinity)).toBe(DASH);
    expect(formatRate(undefined)).toBe(DASH);
    expect(formatPercent(undefined)).toBe(DASH);
  });

  it('formats bps, percentages and signed amounts', () => {
    expect(formatBps(1.234)).toBe(`${fmt(1.23, 2)} bps`);
    expect(formatPercent(0.425)).toBe(`${fmt(42.5, 1)} %`);
    expect(formatSigned(12.3, 2)).toBe(`+${fmt(12.3, 2)}`);
    expect(formatSigned(-4, 2)).toBe(`−${fmt(4, 2)}`);
    expect(formatSigned(-0.001, 2)).toBe(fmt(0, 2));
  });

  it('clamps silly decimals', () => {
    expect(formatNumber(1, -3)).toBe(fmt(1, 0));
    expect(formatNumber(1, 40)).toBe(fmt(1, 12));
  });
});

describe('durations and rates', () => {
  it('chooses a unit by magnitude', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(3200)).toBe(`${fmt(3.2, 1)} s`);
    expect(formatDuration(42_000)).toBe('42 s');
    expect(formatDuration(4 * 60_000 + 5000)).toBe('4 min');
    expect(formatDuration(2 * 3_600_000)).toBe('2 h');
    expect(formatDuration(-5)).toBe('0 ms');
  });

  it('counts down whole seconds, never below zero', () => {
    expect(secondsUntil(10_000, 3_000)).toBe(7);
    expect(secondsUntil(10_000, 3_500)).toBe(7);
    expect(secondsUntil(10_000, 3_001)).toBe(7);
    expect(secondsUntil(10_000, 9_999)).toBe(1);
    expect(secondsUntil(10_000, 12_000)).toBe(0);
    expect(secondsUntil(undefined, 0)).toBeUndefined();
  });

  it('formats message rates', () => {
    expect(formatRate(2.345)).toBe(`${fmt(2.3, 1)}/s`);
    expect(formatRate(123.4)).toBe('123/s');
  });
});

describe('decimals', () => {
  it('reads the decimals of a number', () => {
    expect(decimalsOf(12)).toBe(0);
    expect(decimalsOf(0.0005)).toBe(4);
    expect(decimalsOf(1e-7)).toBe(7);
    expect(decimalsOf(1.5e-7)).toBe(8);
    expect(decimalsOf(67000.01)).toBe(2);
    expect(decimalsOf(NaN)).toBe(0);
  });

  it('takes the most decimals of a set within bounds', () => {
    expect(maxDecimals([1, 1.5, 1.25], 0, 8)).toBe(2);
    expect(maxDecimals([], 2, 8)).toBe(2);
    expect(maxDecimals([1e-12], 2, 8)).toBe(8);
  });

  it('sizes get about a quote unit of resolution', () => {
    expect(sizeDecimals(100_000)).toBe(4);
    expect(sizeDecimals(67_000)).toBe(4);
    expect(sizeDecimals(3_000)).toBe(3);
    expect(sizeDecimals(150)).toBe(2);
    expect(sizeDecimals(2)).toBe(0);
    expect(sizeDecimals(0.2)).toBe(0);
    expect(sizeDecimals(undefined)).toBe(4);
  });
});

describe('price steps', () => {
  it('offers 0 and 1-2-5 steps scaled to the price', () => {
    expect(stepChoices(67_000)).toEqual([0, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50]);
    expect(stepChoices(3_000)).toEqual([0, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5]);
    expect(stepChoices(0.2)).toEqual([0, 1e-6, 2e-6, 5e-6, 1e-5, 2e-5, 5e-5, 1e-4, 2e-4, 5e-4]);
    expect(stepChoices(undefined)).toEqual([0]);
  });

  it('labels steps exactly', () => {
    expect(formatStep(0)).toBe('Every level');
    expect(formatStep(0.05)).toBe(fmt(0.05, 2));
    expect(formatStep(1e-5)).toBe(fmt(1e-5, 5));
  });
});

describe('bars', () => {
  it('is a safe percentage', () => {
    expect(barPercent(5, 10)).toBe(50);
    expect(barPercent(20, 10)).toBe(100);
    expect(barPercent(5, 0)).toBe(0);
    expect(barPercent(undefined, 10)).toBe(0);
    expect(barPercent(-1, 10)).toBe(0);
  });

  it('lays the venues\' shares end to end from the right edge, cut at the full width', () => {
    const parts = [
      { key: 'binance', value: 2 },
      { key: 'okx', value: undefined },
      { key: 'kraken', value: 3 },
    ];
    expect(barSegments(parts, 10)).toEqual([
      { key: 'binance', from: 0, to: 20 },
      { key: 'kraken', from: 20, to: 50 },
    ]);
    expect(barSegments(parts, 4)).toEqual([
      { key: 'binance', from: 0, to: 50 },
      { key: 'kraken', from: 50, to: 100 },
    ]);
    expect(barSegments([...parts, { key: 'bybit', value: 1 }], 4).map((p) => p.key)).toEqual(['binance', 'kraken']);
    expect(barSegments(parts, 0)).toEqual([]);
  });
});

describe('compact figures and clock times', () => {
  const compact = new Intl.NumberFormat(undefined, { notation: 'compact', maximumSignificantDigits: 3 });

  it('prints a size or amount in three significant figures', () => {
    for (const v of [52.34, 1234, 4_812_000, 0.03125, 0]) expect(formatCompact(v)).toBe(compact.format(v));
    expect(formatCompact(undefined)).toBe(DASH);
    expect(formatCompact(Infinity)).toBe(DASH);
  });

  it('prints a moment on the reader’s clock to a tenth of a second, with the day when asked', () => {
    const t = Date.UTC(2026, 11, 2, 14, 3, 27, 450);
    const opts = { hour: '2-digit', minute: '2-digit', second: '2-digit', fractionalSecondDigits: 1, hourCycle: 'h23' } as const;
    expect(formatClock(t)).toBe(new Intl.DateTimeFormat(undefined, opts).format(t));
    expect(formatClock(t, true)).toBe(new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', ...opts }).format(t));
    expect(formatClock(undefined)).toBe(DASH);
  });
});
