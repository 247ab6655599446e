import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimalValue, lastDecimals, PRICE_DIGITS, SIZE_DIGITS } from '../../../src/book/decimal';
import { UNCOMMON, formatOf, priceText, sizeText } from '../../../src/book/level-format';

/** Any text of the venue number grammar: digits, optionally a point and more digits. */
const grammarText = fc
  .tuple(fc.stringMatching(/^[0-9]{1,12}$/), fc.option(fc.stringMatching(/^[0-9]{1,18}$/), { nil: undefined }))
  .map(([whole, fraction]) => (fraction === undefined ? whole : `${whole}.${fraction}`))
  .filter((t) => t.length <= 32 && decimalValue(t, SIZE_DIGITS) > 0);

/** The format byte the book stores for a level: each text read as the book reads it, then its decimals. */
function formatOfTexts(price: string, size: string): number {
  decimalValue(price, PRICE_DIGITS);
  const priceDecimals = lastDecimals;
  decimalValue(size, SIZE_DIGITS);
  return formatOf(priceDecimals, lastDecimals);
}

describe('a level text kept as its decimals', () => {
  it('prints back every text exactly, or marks it UNCOMMON to be kept whole', () => {
    fc.assert(
      fc.property(grammarText, grammarText, (p, s) => {
        const format = formatOfTexts(p, s);
        if (format === UNCOMMON) return;
        expect(priceText(Number(p), format)).toBe(p);
        expect(sizeText(Number(s), format)).toBe(s);
      }),
      { numRuns: 20_000 },
    );
  });

  it('keeps as decimals the texts venues send', () => {
    // Kraken's JSON numbers (docs: "price": 45283.5, "qty": 0.10000000), OKX's strings ("8476.98", "415"),
    // Binance's padded ones.
    for (const [p, s] of [
      ['45283.5', '0.10000000'],
      ['8476.98', '415'],
      ['0.00001234', '123456.00000000'],
      ['50000.01000000', '0.00100000'],
    ]) {
      const format = formatOfTexts(p!, s!);
      expect(format).not.toBe(UNCOMMON);
      expect([priceText(Number(p), format), sizeText(Number(s), format)]).toEqual([p, s]);
    }
  });

  it('marks texts toFixed cannot print back', () => {
    expect(formatOfTexts('045283.5', '1')).toBe(UNCOMMON);
    expect(formatOfTexts('1', '1.2345678901234567')).toBe(UNCOMMON);
    expect(formatOfTexts('1.0000000000000000', '1')).toBe(UNCOMMON);
  });
});
