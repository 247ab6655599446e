import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { MAX_INFLATED_BYTES, decodeBinaryFrame } from '../../../src/feed/decode';

/** BingX's full book as it sends it: 1000 levels a side, some 50-100 KB of JSON before gzip. */
function bingxFullBook(): string {
  const level = (price: number, i: number): [string, string] => [price.toFixed(2), (0.001 * (1 + (i % 97))).toFixed(6)];
  const bids = Array.from({ length: 1000 }, (_, i) => level(64_000 - i * 0.01, i));
  const asks = Array.from({ length: 1000 }, (_, i) => level(64_000.01 + i * 0.01, i));
  return JSON.stringify({ code: 0, dataType: 'BTC-USDT@incrDepth', data: { action: 'all', lastUpdateId: 393592635, bids, asks } });
}

describe('decodeBinaryFrame', () => {
  it('inflates a full 1000-level book intact, well under the cap', async () => {
    const text = bingxFullBook();
    expect(text.length).toBeGreaterThan(40_000);
    expect(text.length * 10).toBeLessThan(MAX_INFLATED_BYTES);
    expect(await decodeBinaryFrame(new Uint8Array(gzipSync(text)))).toBe(text);
  });

  it('refuses a gzip bomb as soon as it inflates past the cap', async () => {
    // 64 MiB of zeros gzip to about 64 KB: a frame a venue (or a proxy in between) could send.
    const bomb = new Uint8Array(gzipSync(Buffer.alloc(64 * 1024 * 1024)));
    expect(bomb.length).toBeLessThan(100_000);
    await expect(decodeBinaryFrame(bomb)).rejects.toThrow(/inflates past 4,194,304 bytes/);
  });

  it('takes a smaller cap, and passes a frame of exactly the cap', async () => {
    const text = 'x'.repeat(1000);
    const zipped = new Uint8Array(gzipSync(text));
    expect(await decodeBinaryFrame(zipped, 1000)).toBe(text);
    await expect(decodeBinaryFrame(zipped, 999)).rejects.toThrow(/inflates past 999 bytes/);
  });

  it('reads a frame that is not gzip as UTF-8 text', async () => {
    expect(await decodeBinaryFrame(new TextEncoder().encode('{"ping":"é"}'))).toBe('{"ping":"é"}');
  });
});
