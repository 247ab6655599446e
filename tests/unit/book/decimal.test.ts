import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PRICE_DIGITS, SIZE_DIGITS, decimalValue } from '../../../src/book/decimal';
import { InvalidBookData } from '../../../src/book/levels';
import { OrderBook } from '../../../src/book/orderbook';

describe('the venue number grammar', () => {
  it('reads the decimal forms the venues document, padding included', () => {
    // Binance pads to 8 decimals, Kraken keeps the pair's precision, OKX and Bybit send bare decimals.
    expect(decimalValue('90990.01000000', PRICE_DIGITS)).toBe(90990.01);
    expect(decimalValue('0.00100000', SIZE_DIGITS)).toBe(0.001);
    expect(decimalValue('0', SIZE_DIGITS)).toBe(0);
    expect(decimalValue('0.00000000', SIZE_DIGITS)).toBe(0);
    expect(decimalValue('41006.8', PRICE_DIGITS)).toBe(41006.8);
    expect(decimalValue('1000000000000', SIZE_DIGITS)).toBe(1e12);
  });

  it.each([
    ['hex', '0x10'],
    ['binary', '0b101'],
    ['octal', '0o17'],
    ['a sign', '+90990.01'],
    ['a minus sign', '-1'],
    ['spaces', ' 90990.01 '],
    ['an exponent', '1e308'],
    ['a capital exponent', '1E3'],
    ['empty text', ''],
    ['a lone point', '.'],
    ['a leading point', '.5'],
    ['a trailing point', '5.'],
    ['two points', '1.2.3'],
    ['Infinity', 'Infinity'],
    ['NaN', 'NaN'],
    ['a comma', '1,5'],
    ['an underscore', '1_000'],
    ['30 significant digits', '90990.0100000000000000000000001'],
  ])('refuses %s (%j)', (_, text) => {
    expect(decimalValue(text, SIZE_DIGITS)).toBeNaN();
  });

  it('refuses a price with more digits than a double keeps apart, which would merge it with its neighbour', () => {
    const a = '90990.0100000000001';
    expect(Number(a)).toBe(90990.01);
    expect(decimalValue(a, PRICE_DIGITS)).toBeNaN();
    expect(decimalValue('90990.01000000001', PRICE_DIGITS)).toBeNaN();
    expect(decimalValue('90990.0100000001', PRICE_DIGITS)).toBe(90990.0100000001);
    expect(decimalValue('9099001000000.01', PRICE_DIGITS)).toBe(9099001000000.01);
  });

  it('gives every price it accepts a distinct number, as the venue distinguishes them', () => {
    const digits = fc.stringMatching(/^[1-9][0-9]{0,6}$/);
    const fraction = fc.stringMatching(/^[0-9]{1,8}$/);
    fc.assert(
      fc.property(digits, fraction, fraction, (int, f1, f2) => {
        const a = `${int}.${f1}`;
        const b = `${int}.${f2}`;
        const va = decimalValue(a, PRICE_DIGITS);
        const vb = decimalValue(b, PRICE_DIGITS);
        if (Number.isNaN(va) || Number.isNaN(vb)) return;
        expect(va === vb).toBe(Number(`0.${f1}`) === Number(`0.${f2}`));
      }),
    );
  });

  it('agrees with Number() on every text it accepts, read in one pass or not', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{1,16}(\.[0-9]{1,16})?$/), (text) => {
        const v = decimalValue(text, SIZE_DIGITS);
        if (!Number.isNaN(v)) expect(v).toBe(Number(text));
      }),
    );
  });
});

describe('OrderBook refuses what no exact book can hold', () => {
  it('refuses a level whose text breaks the grammar, an empty size among them, instead of deleting a level', () => {
    const book = new OrderBook();
    book.snapshot([['100.00', '1.0']], [['101.00', '2.0']]);
    for (const bad of ['', '0x10', '+1', ' 1', '1e308']) {
      expect(() => book.update([['100.00', bad]], [])).toThrow(InvalidBookData);
    }
    expect(() => book.update([['0x64', '1']], [])).toThrow(InvalidBookData);
  });

  it('refuses a snapshot that lists a price twice on one side', () => {
    const book = new OrderBook();
    expect(() => book.snapshot([['100.00', '1.0'], ['99.00', '1.0'], ['100.0', '3.0']], [['101.00', '2.0']])).toThrow(/bid 100.0 listed twice/);
    expect(() => book.snapshot([], [['101.00', '2.0'], ['101.00', '2.0']])).toThrow(/ask 101.00 listed twice/);
  });

  it('takes a zero-size level in a snapshot as absent, but a price named twice still as a duplicate', () => {
    const book = new OrderBook();
    book.snapshot([['100.00', '0'], ['99.00', '1.0']], []);
    expect(book.bids.top(5)).toEqual([[99, 1]]);
    expect(() => book.snapshot([['100.00', '0'], ['100.00', '1.0']], [])).toThrow(/listed twice/);
    expect(() => book.snapshot([['100.00', '1.0'], ['100.00', '0']], [])).toThrow(/listed twice/);
    expect(() => book.snapshot([['100.00', '0'], ['100.00', '0']], [])).toThrow(/listed twice/);
  });

  it('says when its best bid is at or above its best ask', () => {
    const book = new OrderBook();
    book.snapshot([['100.00', '1']], [['101.00', '1']]);
    expect(book.crossed).toBe(false);
    book.update([['101.00', '1']], []);
    expect(book.crossed).toBe(true);
    book.update([['101.00', '0']], [['100.50', '1']]);
    expect(book.crossed).toBe(false);
  });

  it('leaves out and counts changes beyond the prices a partial snapshot covered', () => {
    const book = new OrderBook();
    book.snapshot([['100', '1'], ['99', '1']], [['101', '1'], ['102', '1']]);
    book.coverage = { bidFloor: 99, askCeiling: 102 };
    expect(book.update([['98', '5'], ['99.5', '2']], [['103', '5'], ['101', '0']])).toBe(2);
    expect(book.bids.top(5)).toEqual([[100, 1], [99.5, 2], [99, 1]]);
    expect(book.asks.top(5)).toEqual([[102, 1]]);
  });
});
