/**
 * Deribit sends prices and amounts as bare JSON numbers (`["new", 5042.34, 30]`). It publishes no checksum, so the
 * text it wrote is not needed: a number's shortest round-trip text (what `String` gives) is the decimal value the
 * venue sent, which the book's grammar then reads; only exponent forms (below 1e-6, from 1e21) are written out.
 * A string is taken as the venue's text, for the grammar to accept or refuse like any venue's. What a JSON number
 * cannot carry past JSON.parse is a precision beyond a double's (17 significant digits): Deribit's ticks and steps
 * are far coarser.
 */
export function numberText(value: unknown, field: string): string {
  if (typeof value === 'string') return value;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`${field} is not a number`);
  const text = String(value);
  return text.includes('e') ? withoutExponent(text) : text;
}

/** `1.5e-7` as `0.00000015`, `1e+21` as `1000000000000000000000`; a sign is kept for the grammar to refuse. */
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
