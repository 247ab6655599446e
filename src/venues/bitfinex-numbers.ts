/**
 * Bitfinex v2 sends prices and amounts as bare JSON numbers: its checksum is taken over JavaScript's own text of
 * them (its client joins the numbers with ':'), while the books keep decimal text, in which JavaScript's exponent
 * form for numbers below 1e-6 ("1e-7") is not allowed.
 */

/** A finite number's decimal text, without the exponent JavaScript prints below 1e-6 (1e-7 → "0.0000001"). */
export function decimalText(n: number): string {
  const text = String(n);
  const e = text.indexOf('e');
  if (e < 0) return text;
  const exponent = Number(text.slice(e + 1));
  // At or above 1e21: no price or amount is that large, and the books' grammar would refuse it anyway.
  if (exponent > 0) throw new Error(`${text} is out of range`);
  const negative = text.startsWith('-');
  const digits = text.slice(negative ? 1 : 0, e).replace('.', '');
  return `${negative ? '-' : ''}0.${'0'.repeat(-exponent - 1)}${digits}`;
}

/** An amount as the checksum covers it: the JSON number's JavaScript text, exponent and all ("1e-7"). */
export function checksumAmount(text: string): string {
  return String(Number(text));
}

/**
 * A price as the checksum covers it: Bitfinex's own order book model (bfx-api-node-models OrderBook.checksum)
 * writes a price JavaScript would print with an exponent as `toFixed(exponent + 1)` ("1.7e-7" → "0.00000017").
 */
export function checksumPrice(text: string): string {
  const n = Number(text);
  const printed = String(n);
  const e = printed.indexOf('e');
  return e < 0 ? printed : n.toFixed(Math.abs(Number(printed.slice(e + 1))) + 1);
}
