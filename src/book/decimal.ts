/**
 * The number grammar every venue's price and size text must follow: digits, optionally one point followed by
 * digits. No sign, space, exponent, hex or binary prefix, empty text, or lone point: no venue documents any of
 * them, and `Number()` would read each one silently ("" as 0, which deletes a level; "1e308" as a size whose
 * running total becomes Infinity).
 */

/**
 * Significant digits a price may carry: any two decimals of 15 significant digits are distinct doubles, so two
 * prices the venue tells apart never merge into one level.
 */
export const PRICE_DIGITS = 15;
/** Significant digits a size may carry: the most a double holds; more would be rounded away unseen. */
export const SIZE_DIGITS = 17;
/** Characters a number may have at all, leading and trailing zeros included (Binance pads to 8 decimals). */
const MAX_LENGTH = 32;

const ZERO = 48;
const POINT = 46;

/** Exact powers of ten: every one up to 1e22 is a double, which the fast path below relies on. */
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);
/** Digits an integer may have and still be exact in a double (2^53 has 16). */
const EXACT_DIGITS = 15;

/** Most decimals, and most digits from the first significant one to the last decimal, that toFixed prints back. */
const PRINTABLE_DIGITS = 15;

/**
 * Decimals of the text `decimalValue` read last, or -1 when `value.toFixed(decimals)` would not print that text
 * back: a superfluous leading zero ("01.5"), more than 15 decimals, or more than 15 digits from the first
 * significant one to the last decimal. Within 15 such digits a decimal is the only one that close to its double
 * (relative error 2^-53), so rounding the double to the same decimals gives the text again. Read from the
 * same pass as the value, so a checksum venue's book can keep decimals instead of text without a second scan.
 */
export let lastDecimals = -1;

/**
 * The value of a venue's decimal text, or NaN when the text breaks the grammar or carries more than
 * `maxDigits` significant digits (counted from the first non-zero digit to the last non-zero one).
 *
 * The value is read in the same pass: while the text has at most 15 digits, they form an integer that a double
 * holds exactly, and one division by an exact power of ten is then correctly rounded, so it equals what Number()
 * would read (Clinger's fast path); so few digits cannot exceed `maxDigits` either. Every book change reads two
 * such texts, so this pass is kept to one test a character. Longer texts are counted and left to Number().
 */
export function decimalValue(text: string, maxDigits: number): number {
  const n = text.length;
  if (n === 0 || n > MAX_LENGTH) return NaN;
  let mantissa = 0;
  let digit = 0;
  let i = 0;
  // '0' is written as 48 in the two loops: a module constant there is a load and a check a character (measured).
  for (; i < n; i++) {
    digit = text.charCodeAt(i) - 48;
    // One unsigned test: a code below '0' wraps to a large number.
    if (digit >>> 0 > 9) break;
    mantissa = mantissa * 10 + digit;
  }
  let point = -1;
  if (i < n) {
    if (digit !== POINT - ZERO || i === 0 || i === n - 1) return NaN;
    point = i;
    for (i++; i < n; i++) {
      digit = text.charCodeAt(i) - 48;
      if (digit >>> 0 > 9) return NaN;
      mantissa = mantissa * 10 + digit;
    }
  }
  const digits = point < 0 ? n : n - 1;
  const decimals = point < 0 ? 0 : n - 1 - point;
  const leadingZero = text.charCodeAt(0) === ZERO;
  lastDecimals = decimals <= PRINTABLE_DIGITS && (leadingZero ? point === 1 || n === 1 : digits <= PRINTABLE_DIGITS) ? decimals : -1;
  if (digits <= EXACT_DIGITS && digits <= maxDigits) return mantissa / POW10[decimals]!;
  return significantDigits(text) > maxDigits ? NaN : Number(text);
}

/** Digits from the first non-zero one to the last non-zero one of a text in the grammar (0 for zero). */
function significantDigits(text: string): number {
  let first = -1;
  let last = -1;
  let point = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === POINT) {
      point = i;
    } else if (c !== ZERO) {
      if (first < 0) first = i;
      last = i;
    }
  }
  if (first < 0) return 0;
  return last - first + 1 - (point > first && point < last ? 1 : 0);
}
