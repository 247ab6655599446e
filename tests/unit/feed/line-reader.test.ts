import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { LineReader } from '../../../src/feed/line-reader';

/** A stream that hands out `chunks` one read at a time, as a file read in pieces would. */
function streamOf(chunks: (string | Uint8Array)[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const queue = chunks.map((c) => (typeof c === 'string' ? encoder.encode(c) : c));
  return new ReadableStream({
    pull(controller) {
      const next = queue.shift();
      if (next) controller.enqueue(next);
      else controller.close();
    },
  });
}

async function linesOf(reader: LineReader): Promise<(string | undefined)[]> {
  const out: (string | undefined)[] = [];
  for await (const line of reader) out.push(line);
  return out;
}

describe('LineReader', () => {
  it('joins lines split across chunks, and reads the last line without a line break', async () => {
    const lines = await linesOf(new LineReader(streamOf(['{"a":', '1}\n{"b"', ':2}\n', '\n{"c":3}'])));
    expect(lines).toEqual(['{"a":1}', '{"b":2}', '', '{"c":3}']);
  });

  it('takes CRLF line breaks, even when CR and LF arrive in different chunks', async () => {
    const lines = await linesOf(new LineReader(streamOf(['one\r\ntwo\r', '\nthree\r\n'])));
    expect(lines).toEqual(['one', 'two', 'three']);
  });

  it('decodes a character whose UTF-8 bytes are split between chunks', async () => {
    const bytes = new TextEncoder().encode('prix €5\n');
    const cut = bytes.indexOf(0xe2) + 1;
    const lines = await linesOf(new LineReader(streamOf([bytes.slice(0, cut), bytes.slice(cut)])));
    expect(lines).toEqual(['prix €5']);
  });

  it('drops a line longer than the cap, chunk by chunk, and reads on after it', async () => {
    const huge = Array.from({ length: 50 }, () => 'x'.repeat(1000));
    const lines = await linesOf(new LineReader(streamOf(['before\n', ...huge, '\nafter\n', 'y'.repeat(4000)]), 3000));
    expect(lines).toEqual(['before', undefined, 'after', undefined]);
  });

  it('counts the bytes it has taken from the stream', async () => {
    const reader = new LineReader(streamOf(['ab\n', 'cd€\n']));
    const seen: number[] = [];
    for await (const _ of reader) seen.push(reader.bytesRead);
    expect(seen).toEqual([3, 9]);
    expect(reader.bytesRead).toBe(9);
  });

  it('reads random bytes as lines of replacement characters without failing', async () => {
    const bytes = randomBytes(100_000);
    const lines = await linesOf(new LineReader(streamOf([bytes.subarray(0, 33_333), bytes.subarray(33_333)])));
    expect(lines.length).toBe(bytes.filter((b) => b === 0x0a).length + (bytes.at(-1) === 0x0a ? 0 : 1));
  });
});
