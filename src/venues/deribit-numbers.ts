import { decimalText } from './number-text';

/**
 * Deribit sends prices and amounts as bare JSON numbers (`["new", 5042.34, 30]`). It publishes no checksum, so the
 * text it wrote is not needed: the number's decimal text is the value the venue sent, which the book's grammar then
 * reads. A string is taken as the venue's text, for the grammar to accept or refuse like any venue's. What a JSON
 * number cannot carry past JSON.parse is a precision beyond a double's (17 significant digits): Deribit's ticks and
 * steps are far coarser.
 */
export function numberText(value: unknown, field: string): string {
  // From 1e-6 to below 1e21 `String(n)` writes no exponent: every price and amount a book carries, without a scan.
  if (typeof value === 'number' && value >= 1e-6 && value < 1e21) return String(value);
  if (typeof value === 'string') return value;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`${field} is not a number`);
  return decimalText(value);
}
