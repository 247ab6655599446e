/**
 * A level's venue text kept in one byte instead of two strings: the number of decimals of its price and of its
 * size. A checksum venue (Kraken, OKX) needs the text exactly as sent, but nearly every text a venue sends is
 * what `value.toFixed(decimals)` prints back, so the decimals are all that must be stored. The rare text that
 * is not (a leading zero, more digits than a double holds exactly) is marked UNCOMMON and kept whole elsewhere.
 */

/** The format byte of a level whose text toFixed cannot print back. */
export const UNCOMMON = 0xff;

const ZERO = 48;
/** Decimals a format byte can hold for each number (four bits). */
const MAX_DECIMALS = 15;
/**
 * Digits from the first significant one to the last decimal that toFixed is sure to print back: a decimal of
 * at most 15 such digits is the only one that close to its double (relative error 2^-53), so rounding the
 * double to the same decimals gives the text again.
 */
const EXACT_DIGITS = 15;

/**
 * Decimals of a text that follows the venue number grammar (`decimal.ts`), or -1 when `toFixed` would not give
 * it back: a superfluous leading zero ("01.5", "00.1"), or more than 15 digits from the first significant one.
 */
function decimalsOf(text: string): number {
  const n = text.length;
  const point = text.indexOf('.');
  const decimals = point < 0 ? 0 : n - 1 - point;
  if (decimals > MAX_DECIMALS) return -1;
  if (text.charCodeAt(0) === ZERO) {
    // Below 1, toFixed prints one zero and the point; every digit after it is within the 15 decimals.
    return point === 1 || n === 1 ? decimals : -1;
  }
  return n - (point < 0 ? 0 : 1) > EXACT_DIGITS ? -1 : decimals;
}

/** The format byte of a level: the decimals of its price (low four bits) and of its size (high four bits). */
export function formatOf(priceText: string, sizeText: string): number {
  const p = decimalsOf(priceText);
  const s = decimalsOf(sizeText);
  if (p < 0 || s < 0) return UNCOMMON;
  // Fifteen decimals in both makes UNCOMMON itself: such a level is kept whole, which is still exact.
  return p | (s << 4);
}

/** The text of a price held with format byte `format` (not UNCOMMON). */
export function priceText(price: number, format: number): string {
  return price.toFixed(format & MAX_DECIMALS);
}

/** The text of a size held with format byte `format` (not UNCOMMON). */
export function sizeText(size: number, format: number): string {
  return size.toFixed(format >> 4);
}
