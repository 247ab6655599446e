import { MemoryStore, type RecordingStore } from './recording-store';

/** What the disk store needs of a file's synchronous access handle (only a dedicated worker gets one). */
export interface SyncFileAccess {
  write(bytes: Uint8Array<ArrayBuffer>, options: { at: number }): number;
  flush(): void;
  close(): void;
}

export interface RecordingFileHandle {
  createSyncAccessHandle(): Promise<SyncFileAccess>;
  getFile(): Promise<File>;
}

/** What the disk store needs of a directory: the origin private file system's, or a fake in tests. */
export interface RecordingsDirectory {
  keys(): AsyncIterable<string>;
  removeEntry(name: string): Promise<void>;
  getFileHandle(name: string, options: { create: true }): Promise<RecordingFileHandle>;
}

/** The origin private file system's directory the recordings are written in. */
export const RECORDINGS_DIR = 'recordings';

/** A recording written to a file as it goes: memory stays flat however long it runs. */
class DiskStore implements RecordingStore {
  readonly capBytes = Infinity;
  private size = 0;
  private readonly file: RecordingFileHandle;
  private readonly access: SyncFileAccess;

  constructor(file: RecordingFileHandle, access: SyncFileAccess) {
    this.file = file;
    this.access = access;
  }

  write(bytes: Uint8Array<ArrayBuffer>): void {
    const written = this.access.write(bytes, { at: this.size });
    this.size += written;
    if (written < bytes.byteLength) throw new Error(`the disk took ${written} of ${bytes.byteLength} bytes: it is full`);
  }

  async close(): Promise<Blob> {
    this.access.flush();
    this.access.close();
    return this.file.getFile();
  }
}

/**
 * Starts a recording file in `dir`, deleting the recordings before it first: the last one was handed to the
 * page (and downloaded) when it stopped, and one left by a closed tab is of no use. A file another tab is
 * still writing is locked and stays.
 */
export async function openDiskStore(dir: RecordingsDirectory, name = `recording-${Date.now()}.jsonl`): Promise<RecordingStore> {
  const old: string[] = [];
  for await (const entry of dir.keys()) old.push(entry);
  await Promise.all(old.map((entry) => dir.removeEntry(entry).catch(() => undefined)));
  const file = await dir.getFileHandle(name, { create: true });
  return new DiskStore(file, await file.createSyncAccessHandle());
}

/**
 * The store for a new recording: a file in the origin private file system where this context can write one
 * synchronously (a dedicated worker), otherwise memory up to its cap (Node, private modes without storage).
 */
export async function openRecordingStore(): Promise<RecordingStore> {
  try {
    const root = await navigator.storage.getDirectory();
    // TypeScript's DOM library here lacks a directory's async iteration and the worker-only sync access handle.
    const dir = (await root.getDirectoryHandle(RECORDINGS_DIR, { create: true })) as unknown as RecordingsDirectory;
    return await openDiskStore(dir);
  } catch {
    return new MemoryStore();
  }
}
