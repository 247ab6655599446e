import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type BookFrame, bookFrameOf, scanBookFrame } from '../../../src/venues/bitfinex-book-frame';
import { documented } from '../../helpers/documented';

/** What JSON.parse and the checked reading make of a frame: a frame, or the error that refuses it. */
function parsed(frame: string): BookFrame | string {
  try {
    const value: unknown = JSON.parse(frame);
    if (!Array.isArray(value)) return 'not a list';
    return bookFrameOf(value);
  } catch (e) {
    return (e as Error).message;
  }
}

/** Number texts a venue could send: JavaScript's own, and other spellings of numbers JSON allows or not. */
const numberText = fc.oneof(
  fc.double({ min: -1e7, max: 1e7, noNaN: true }).map((n) => JSON.stringify(n)),
  fc.integer({ min: -3, max: 120_000 }).map(String),
  fc.constantFrom('0', '-0', '1', '-1', '1.0', '-1.00', '0.5', '00.5', '01', '1.', '.5', '1e-7', '-1.5E-8', '2e+3', '1e21', '0.0000001', '-0.00000015', '123456789012345', '1234567890123456', '0.12345678901234', '91000.50', '"1"', 'null', 'true', ' 1', '1 '),
);
const entryText = fc.tuple(numberText, numberText, numberText).map(([p, c, a]) => `[${p},${c},${a}]`);
const bodyText = fc.oneof(
  fc.constant('"hb"'),
  numberText.map((n) => `"cs",${n}`),
  fc.array(entryText, { maxLength: 4 }).map((entries) => `[${entries.join(',')}]`),
  fc.tuple(numberText, numberText, numberText).map(([p, c, a]) => `${p},${c},${a}`).map((entry) => `[${entry}]`),
  fc.constantFrom('"te"', '"cs"', '[[1,2]]', '[[1,2,3,4]]', '{}', '[[1,1,1]', '[1,1,1]]'),
);
const frameText = fc
  .tuple(numberText, bodyText, fc.option(numberText, { nil: undefined }))
  .map(([chanId, body, seq]) => `[${chanId},${body}${seq === undefined ? '' : `,${seq}`}]`);

/** A frame as Bitfinex sends one: compact JSON of prices and amounts as JavaScript numbers. */
const level = fc.record({
  price: fc.oneof(fc.integer({ min: 1, max: 200_000 }), fc.double({ min: 1e-9, max: 2e5, noNaN: true })),
  count: fc.integer({ min: 0, max: 40 }),
  size: fc.oneof(fc.double({ min: 1e-9, max: 500, noNaN: true }), fc.integer({ min: 1, max: 1000 })),
  ask: fc.boolean(),
});
const venueFrame = fc
  .tuple(fc.integer({ min: 0, max: 2 ** 31 }), fc.array(level, { minLength: 1, maxLength: 6 }), fc.boolean(), fc.integer({ min: 1, max: 2 ** 40 }))
  .map(([chanId, levels, bulk, seq]) => {
    const entries = levels.map(({ price, count, size, ask }) => [price, count, count === 0 ? (ask ? -1 : 1) : ask ? -size : size]);
    return JSON.stringify([chanId, bulk ? entries : entries[0], seq]);
  });

describe('Bitfinex book frames read from their text', () => {
  it('read any frame exactly as JSON.parse and the checked reading do, or leave it to them', () => {
    fc.assert(
      fc.property(frameText, (frame) => {
        const scanned = scanBookFrame(frame);
        if (scanned !== undefined) expect(scanned).toEqual(parsed(frame));
      }),
      { numRuns: 5000 },
    );
  });

  it('read the frames Bitfinex sends themselves (numbers as JavaScript writes them, below 1e-6 too), alike', () => {
    fc.assert(
      fc.property(venueFrame, (frame) => {
        const scanned = scanBookFrame(frame);
        // Only numbers with an exponent or more than 15 characters ("2.220446049250313e-16") take the long road.
        if (/e|\d{16}|[\d.]{16}/.test(frame)) return;
        expect(scanned).toBeDefined();
        expect(scanned).toEqual(parsed(frame));
      }),
      { numRuns: 3000 },
    );
  });

  it('read the documented book snapshot and update, and the checksum and heartbeat frames', () => {
    for (const frame of [documented('bitfinex', 'book-snapshot.json').trim(), documented('bitfinex', 'book-update.json').trim(), '[17082,"cs",-1234,9]', '[17082,"hb",8]']) {
      const scanned = scanBookFrame(frame);
      expect(scanned).toBeDefined();
      expect(scanned).toEqual(parsed(frame));
    }
    expect(scanBookFrame('[17082,[7254.5,0,1]]')).toMatchObject({ kind: 'entries', bids: [['7254.5', '0']], asks: [], single: true });
  });

  it('leave to JSON.parse what it must refuse or read another way: a space, an exponent, a trailing zero, a bad entry', () => {
    for (const frame of ['[17082, [[1,1,1]]]', '[17082,[[1,1,1e-7]]]', '[17082,[[1.50,1,1]]]', '[17082,[[1,0,0.5]]]', '[17082,[[0,1,1]]]', '[17082,[[1,1,1]]]x', '[17082,[[1,1,-0]]]']) {
      expect(scanBookFrame(frame)).toBeUndefined();
    }
  });
});
