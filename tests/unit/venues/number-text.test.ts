import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimalValue, SIZE_DIGITS } from '../../../src/book/decimal';
import { decimalText } from '../../../src/venues/number-text';

/** Every finite double but -0, whose text "0" reads back as +0. */
const finite = fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0));

describe('decimal text of a JSON number', () => {
  it('reads back to the same number, never has an exponent, and is String(n) whenever that has none', () => {
    fc.assert(
      fc.property(finite, (n) => {
        const text = decimalText(n);
        expect(text).not.toMatch(/e/i);
        expect(Number(text)).toBe(n);
        if (!String(n).includes('e')) expect(text).toBe(String(n));
      }),
      { numRuns: 5000 },
    );
  });

  it('gives prices and amounts of a book\'s range as text the book grammar reads back to the same value', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-12, max: 1e15, noNaN: true, noDefaultInfinity: true }), (n) => {
        expect(decimalValue(decimalText(n), SIZE_DIGITS)).toBe(n);
      }),
      { numRuns: 2000 },
    );
  });

  it('writes exponent forms out in full, small and large, signs kept', () => {
    expect(decimalText(1e-7)).toBe('0.0000001');
    expect(decimalText(2.5e-8)).toBe('0.000000025');
    expect(decimalText(1.5e-7)).toBe('0.00000015');
    expect(decimalText(-1.5e-7)).toBe('-0.00000015');
    expect(decimalText(1.25e21)).toBe('1250000000000000000000');
    expect(decimalText(5043.3)).toBe('5043.3');
  });

  it('refuses what is not a finite number', () => {
    expect(() => decimalText(NaN)).toThrow(/not a finite number/);
    expect(() => decimalText(Infinity)).toThrow(/not a finite number/);
  });
});
