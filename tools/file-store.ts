import { closeSync, openAsBlob, openSync, writeSync } from 'node:fs';
import type { RecordingStore } from '../src/worker/recording-store';

/** A recording written to a file as it goes, in Node (the Recorder's store, as the browser's disk store is there). */
export class FileStore implements RecordingStore {
  readonly capBytes = Infinity;
  readonly path: string;
  private readonly fd: number;

  constructor(path: string) {
    this.path = path;
    this.fd = openSync(path, 'w');
  }

  write(bytes: Uint8Array<ArrayBuffer>): void {
    let at = 0;
    while (at < bytes.byteLength) at += writeSync(this.fd, bytes, at);
  }

  async close(): Promise<Blob> {
    closeSync(this.fd);
    return openAsBlob(this.path, { type: 'application/jsonl' });
  }
}
