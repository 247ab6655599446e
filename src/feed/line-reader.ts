/**
 * Longest line kept, in characters: far above any venue's largest snapshot (a few MB), far below what a tab can
 * hold. A longer line is dropped as it streams in, so a file with no line breaks cannot fill memory.
 */
export const MAX_LINE_CHARS = 16 * 2 ** 20;

/**
 * Reads a stream of UTF-8 bytes as lines (LF or CRLF), as the bytes arrive: memory is one chunk plus the line
 * being assembled, whatever the file's size. Undecodable bytes read as U+FFFD.
 */
export class LineReader implements AsyncIterable<string | undefined> {
  /** Bytes taken from the stream so far. */
  bytesRead = 0;
  private readonly stream: ReadableStream<Uint8Array>;
  private readonly maxLineChars: number;

  constructor(stream: ReadableStream<Uint8Array>, maxLineChars = MAX_LINE_CHARS) {
    this.stream = stream;
    this.maxLineChars = maxLineChars;
  }

  /** Each line without its line break; undefined for a line longer than the cap, whose text was dropped. */
  async *[Symbol.asyncIterator](): AsyncGenerator<string | undefined> {
    const reader = this.stream.getReader();
    const decoder = new TextDecoder('utf-8');
    let pieces: string[] = [];
    let pending = 0;
    let tooLong = false;
    const take = (tail: string): string | undefined => {
      const line = tooLong ? undefined : pieces.length ? pieces.join('') + tail : tail;
      pieces = [];
      pending = 0;
      tooLong = false;
      return line === undefined || !line.endsWith('\r') ? line : line.slice(0, -1);
    };
    const hold = (part: string): void => {
      if (tooLong || part === '') return;
      pending += part.length;
      if (pending > this.maxLineChars) {
        tooLong = true;
        pieces = [];
      } else {
        pieces.push(part);
      }
    };
    try {
      for (;;) {
        const { done, value } = await reader.read();
        const text = done ? decoder.decode() : decoder.decode(value, { stream: true });
        if (!done) this.bytesRead += value.byteLength;
        let from = 0;
        for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', from)) {
          const part = text.slice(from, at);
          from = at + 1;
          // A line is checked against the cap before it is joined, so a huge one never exists whole.
          if (pending + part.length > this.maxLineChars) tooLong = true;
          yield take(tooLong ? '' : part);
        }
        hold(text.slice(from));
        if (done) break;
      }
      if (pending > 0 || tooLong) yield take('');
    } finally {
      await reader.cancel().catch(() => undefined);
    }
  }
}
