import { describe, expect, it } from 'vitest';
import { parseRecordedEvent, type RecordedEvent } from '../../../src/feed/recording';
import { CHUNK_BYTES, Recorder } from '../../../src/worker/recorder';
import { openDiskStore, type RecordingFileHandle, type RecordingsDirectory, type SyncFileAccess } from '../../../src/worker/recording-disk';
import { MemoryStore, type RecordingStore } from '../../../src/worker/recording-store';

/** A frame of about `size` characters, some of them outside ASCII (several UTF-8 bytes each). */
function frame(i: number, size = 300): RecordedEvent {
  return { t: 1_700_000_000_000 + i, venue: 'kraken', kind: 'ws', data: `{"seq":${i},"pad":"${'é€x'.repeat(size / 3)}"}` };
}

/** A store that keeps what it was given, write by write, in memory; `refuseAfter` bytes make it throw (a full disk). */
function keepingStore(capBytes = Infinity, refuseAfter = Infinity): RecordingStore & { writes: number[]; text(): string } {
  const parts: Uint8Array[] = [];
  let size = 0;
  return {
    capBytes,
    writes: [],
    write(bytes) {
      if (size + bytes.byteLength > refuseAfter) throw new Error('QuotaExceededError');
      parts.push(bytes.slice());
      this.writes.push(bytes.byteLength);
      size += bytes.byteLength;
    },
    async close() {
      return new Blob(parts as Uint8Array<ArrayBuffer>[]);
    },
    text() {
      return Buffer.concat(parts).toString('utf8');
    },
  };
}

function events(text: string): RecordedEvent[] {
  return text.split('\n').filter((l) => l !== '').map(parseRecordedEvent);
}

describe('Recorder', () => {
  it('writes the recording to its store in chunks of at most 64 KB as it goes, each line whole', async () => {
    const store = keepingStore();
    const recorder = new Recorder(store);
    const sent = Array.from({ length: 2_000 }, (_, i) => frame(i));
    for (const e of sent) recorder.add(e);
    // Before it stops, most of it is already in the store, chunk by chunk.
    expect(store.writes.length).toBeGreaterThan(5);
    expect(Math.max(...store.writes)).toBeLessThanOrEqual(CHUNK_BYTES);
    expect(store.writes.reduce((a, b) => a + b, 0)).toBeGreaterThan(recorder.bytes - CHUNK_BYTES);
    const file = await recorder.finish();
    expect(file.size).toBe(recorder.bytes);
    expect(recorder.events).toBe(2_000);
    expect(events(await file.text())).toEqual(sent);
    expect(recorder.halted).toBeUndefined();
  });

  it('writes a line longer than a chunk (a big snapshot) whole, in order', async () => {
    const store = keepingStore();
    const recorder = new Recorder(store);
    const sent = [frame(1), frame(2, 200_000), frame(3)];
    for (const e of sent) recorder.add(e);
    expect(events(await (await recorder.finish()).text())).toEqual(sent);
  });

  it('stops at the memory cap, says why, and keeps whole lines up to it', async () => {
    const recorder = new Recorder(new MemoryStore(100_000));
    for (let i = 0; i < 1_000; i++) recorder.add(frame(i));
    expect(recorder.halted).toMatch(/limit of 0 MB in memory/);
    expect(recorder.bytes).toBeLessThanOrEqual(100_000);
    const file = await recorder.finish();
    expect(file.size).toBe(recorder.bytes);
    const kept = events(await file.text());
    expect(kept.length).toBe(recorder.events);
    expect(kept).toEqual(Array.from({ length: recorder.events }, (_, i) => frame(i)));
  });

  it('stops when the store refuses a write (disk full) and keeps what was written', async () => {
    const store = keepingStore(Infinity, 3 * CHUNK_BYTES);
    const recorder = new Recorder(store);
    for (let i = 0; i < 2_000; i++) recorder.add(frame(i));
    expect(recorder.halted).toMatch(/storage refused more: QuotaExceededError/);
    const kept = events(await (await recorder.finish()).text());
    expect(kept.length).toBeGreaterThan(100);
    expect(kept).toEqual(Array.from({ length: kept.length }, (_, i) => frame(i)));
  });
});

/** An origin-private-file-system directory in memory: files, their sync access handles and their locks. */
function fakeDirectory(): RecordingsDirectory & { files: Map<string, { data: Uint8Array; locked: boolean }> } {
  const files = new Map<string, { data: Uint8Array; locked: boolean }>();
  const handle = (name: string): RecordingFileHandle => ({
    async createSyncAccessHandle(): Promise<SyncFileAccess> {
      const f = files.get(name)!;
      if (f.locked) throw new Error('NoModificationAllowedError');
      f.locked = true;
      return {
        write(bytes, { at }) {
          const grown = new Uint8Array(Math.max(f.data.length, at + bytes.byteLength));
          grown.set(f.data);
          grown.set(bytes, at);
          f.data = grown;
          return bytes.byteLength;
        },
        flush() {},
        close() {
          f.locked = false;
        },
      };
    },
    async getFile() {
      return new File([files.get(name)!.data as Uint8Array<ArrayBuffer>], name);
    },
  });
  return {
    files,
    async *keys() {
      yield* files.keys();
    },
    async removeEntry(name) {
      if (files.get(name)?.locked) throw new Error('NoModificationAllowedError');
      files.delete(name);
    },
    async getFileHandle(name) {
      if (!files.has(name)) files.set(name, { data: new Uint8Array(), locked: false });
      return handle(name);
    },
  };
}

describe('the disk store', () => {
  it('writes the recording to its file and hands back that file', async () => {
    const dir = fakeDirectory();
    const recorder = new Recorder(await openDiskStore(dir, 'a.jsonl'));
    const sent = Array.from({ length: 500 }, (_, i) => frame(i));
    for (const e of sent) recorder.add(e);
    expect(dir.files.get('a.jsonl')!.data.length).toBeGreaterThan(0);
    const file = await recorder.finish();
    expect(file.size).toBe(recorder.bytes);
    expect(events(await file.text())).toEqual(sent);
    expect(dir.files.get('a.jsonl')!.locked).toBe(false);
  });

  it('deletes the recordings before it when a new one starts, but not one another tab is still writing', async () => {
    const dir = fakeDirectory();
    const first = new Recorder(await openDiskStore(dir, 'first.jsonl'));
    first.add(frame(1));
    await first.finish();
    const otherTab = await openDiskStore(dir, 'other-tab.jsonl');
    expect([...dir.files.keys()]).toEqual(['other-tab.jsonl']);
    await openDiskStore(dir, 'third.jsonl');
    expect([...dir.files.keys()].sort()).toEqual(['other-tab.jsonl', 'third.jsonl']);
    await otherTab.close();
  });
});
