import { crc32 as zlibCrc32 } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crc32, crc32Signed } from '../../../src/book/crc32';

describe('crc32', () => {
  it('matches the standard check value', () => {
    expect(crc32('123456789')).toBe(0xcbf43926);
    expect(crc32('')).toBe(0);
  });

  it('matches zlib on any text, ASCII or not', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => crc32(s) === zlibCrc32(Buffer.from(s, 'utf8'))));
  });

  it('reads the same value as a signed integer for OKX', () => {
    expect(crc32Signed('123456789')).toBe(0xcbf43926 - 2 ** 32);
  });
});
