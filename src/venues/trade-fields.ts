import { PRICE_DIGITS, SIZE_DIGITS, decimalValue } from '../book/decimal';
import type { RawTrade } from '../trades/types';

/** A trade's price or size: decimal text in the books' number grammar, above zero (a trade of nothing is no trade). */
function positiveDecimal(value: unknown, field: string, maxDigits: number): number {
  const n = typeof value === 'string' ? decimalValue(value, maxDigits) : NaN;
  if (!(n > 0)) throw new Error(`${field} is not a positive decimal`);
  return n;
}

export function tradePrice(value: unknown, field: string): number {
  return positiveDecimal(value, field, PRICE_DIGITS);
}

export function tradeSize(value: unknown, field: string): number {
  return positiveDecimal(value, field, SIZE_DIGITS);
}

/**
 * Trades oldest first, whatever order a push listed them in; trades of the same millisecond keep the push's order
 * unless `tie` orders them.
 */
export function oldestFirst(trades: RawTrade[], tie: (a: RawTrade, b: RawTrade) => number = () => 0): RawTrade[] {
  return trades.sort((a, b) => a.time - b.time || tie(a, b));
}
