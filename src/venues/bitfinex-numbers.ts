/**
 * Bitfinex v2 sends prices and amounts as bare JSON numbers: the books keep their decimal text (`number-text.ts`),
 * while its checksum is taken over JavaScript's own text of them (its client joins the numbers with ':').
 */

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
