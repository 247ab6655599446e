import { LineReader } from './line-reader';
import type { RecordedEvent } from './recording';
import type { Replayer } from './replay';

/** How far into a file its first recorded event must be, or the file is refused as not a recording. */
export const PROBE_CHARS = 64 * 1024;

/** A file refused before anything was replayed: it does not read as a recording. */
export class NotARecording extends Error {
  override readonly name = 'NotARecording';
}

/** A recording's events as they are read, with how far into the file the reading is. */
export interface RecordingEvents extends AsyncIterable<RecordedEvent> {
  /** Bytes of the file read so far. */
  readonly bytesRead: number;
}

/**
 * Opens a recording (a File or any Blob) for reading as it streams, line by line, each line counted by the
 * replayer (lines, unreadable ones). Reads until the first recorded event and refuses the file when there is
 * none in its first PROBE_CHARS characters (random bytes, a web page, a JSON array, an empty file): nothing has
 * been replayed by then. Lines that are not events are counted and skipped.
 */
export async function openRecording(file: Blob, replayer: Replayer): Promise<RecordingEvents> {
  const reader = new LineReader(file.stream());
  const lines = reader[Symbol.asyncIterator]();
  let probed = 0;
  let first: RecordedEvent | undefined;
  while (!first && probed < PROBE_CHARS) {
    const next = await lines.next();
    if (next.done) break;
    probed += next.value === undefined ? Infinity : next.value.length + 1;
    first = replayer.read(next.value);
  }
  if (!first) {
    await lines.return(undefined);
    const what = replayer.lines === 0 ? 'it is empty' : `none of its first ${replayer.lines.toLocaleString('en-US')} lines is a recorded event`;
    throw new NotARecording(`not a recording: ${what} (a recording has one JSON event per line: {"t", "venue", "kind", …})`);
  }
  const start = first;
  return {
    get bytesRead() {
      return reader.bytesRead;
    },
    async *[Symbol.asyncIterator]() {
      try {
        yield start;
        for (;;) {
          const next = await lines.next();
          if (next.done) return;
          const event = replayer.read(next.value);
          if (event) yield event;
        }
      } finally {
        // Left early (a replay cancelled): stop reading the file.
        await lines.return(undefined);
      }
    },
  };
}
