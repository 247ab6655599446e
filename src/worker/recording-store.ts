/** Where a recording's bytes go while it runs, and the file they make at the end. */
export interface RecordingStore {
  /** Most bytes it will hold; Infinity when only the device's free space limits it. */
  readonly capBytes: number;
  /** Appends bytes, done with them on return (the caller reuses the array); throws when the store cannot take them. */
  write(bytes: Uint8Array<ArrayBuffer>): void;
  /** Everything written, as one file; the store takes nothing more. */
  close(): Promise<Blob>;
}

/**
 * The most a recording kept in memory may hold (where the browser gives the app no file storage): a tab can
 * carry it beside the app, and it is hours of one pair at the venues' normal rates.
 */
export const MEMORY_CAP_BYTES = 100_000_000;

/** A recording kept in memory, as blobs of a chunk each (the browser may page them out), up to a cap. */
export class MemoryStore implements RecordingStore {
  readonly capBytes: number;
  private readonly parts: Blob[] = [];

  constructor(capBytes = MEMORY_CAP_BYTES) {
    this.capBytes = capBytes;
  }

  write(bytes: Uint8Array<ArrayBuffer>): void {
    this.parts.push(new Blob([bytes]));
  }

  async close(): Promise<Blob> {
    return new Blob(this.parts, { type: 'application/jsonl' });
  }
}
