/**
 * Venues that send prices and amounts as bare JSON numbers (Bitfinex v2, Deribit) leave their decimal text to
 * JavaScript: `String(n)` is the shortest text that reads back to the same double, so the decimal the venue sent,
 * except that below 1e-6 and from 1e21 it takes an exponent ("1e-7"), which the books' grammar does not allow.
 */

/** A finite number's decimal text without exponent: `String(n)`, with `1.5e-7` as `0.00000015` and `1e+21` as `1000000000000000000000`. */
export function decimalText(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`${n} is not a finite number`);
  const text = String(n);
  return text.includes('e') ? withoutExponent(text) : text;
}

/** Moves the point of an exponent form's digits; a sign is kept for the grammar to refuse where it must. */
function withoutExponent(text: string): string {
  const [mantissa = '', exponent = '0'] = text.split('e');
  const sign = mantissa.startsWith('-') ? '-' : '';
  const [whole = '', fraction = ''] = mantissa.slice(sign.length).split('.');
  const digits = whole + fraction;
  const point = whole.length + Number(exponent);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}
