/**
 * A level's venue text kept in one byte instead of two strings: the decimals of its price and of its size. A
 * checksum venue (Kraken, OKX) needs the text exactly as sent, and nearly every text a venue sends is what
 * `value.toFixed(decimals)` prints back (`lastDecimals` in decimal.ts says which), so the decimals are all that
 * must be stored. The rare text that is not is marked UNCOMMON and kept whole elsewhere.
 */

/** The format byte of a level whose text toFixed does not print back. */
export const UNCOMMON = 0xff;

/**
 * The format byte of a level from the decimals of its price and size (-1: not printable): the price's in the
 * low four bits, the size's in the high four. Fifteen decimals in both makes UNCOMMON itself: such a level is
 * kept whole, which is still exact.
 */
export function formatOf(priceDecimals: number, sizeDecimals: number): number {
  return priceDecimals < 0 || sizeDecimals < 0 ? UNCOMMON : priceDecimals | (sizeDecimals << 4);
}

/** The text of a price held with format byte `format` (not UNCOMMON). */
export function priceText(price: number, format: number): string {
  return price.toFixed(format & 15);
}

/** The text of a size held with format byte `format` (not UNCOMMON). */
export function sizeText(size: number, format: number): string {
  return size.toFixed(format >> 4);
}
