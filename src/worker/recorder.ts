import { bytesToBase64 } from '../feed/decode';
import { formatRecordedEvent, type RecordedEvent } from '../feed/recording';
import type { Market } from '../venues/types';
import type { RecordingStore } from './recording-store';
import type { Clock, Transport } from './transport';

/** Bytes gathered before they go to the store: few writes, and little memory whatever the recording's length. */
export const CHUNK_BYTES = 64 * 1024;

const NEWLINE = 0x0a;

/**
 * Captures raw traffic in the recording format, as it arrives, before any parsing: each event encoded straight
 * into a chunk that goes to the store when full. When the store is full or refuses a write, capturing stops
 * (`halted` says why) and what was captured stays whole, line by line.
 */
export class Recorder {
  events = 0;
  /** Why capturing stopped by itself, if it did. */
  halted: string | undefined;
  private readonly store: RecordingStore;
  private readonly encoder = new TextEncoder();
  private readonly chunk = new Uint8Array(CHUNK_BYTES);
  private used = 0;
  private stored = 0;

  constructor(store: RecordingStore) {
    this.store = store;
  }

  /** Bytes captured so far. */
  get bytes(): number {
    return this.stored + this.used;
  }

  /** The most the store holds; Infinity when only the device's free space limits it. */
  get capBytes(): number {
    return this.store.capBytes;
  }

  add(event: RecordedEvent): void {
    if (this.halted !== undefined) return;
    try {
      this.append(formatRecordedEvent(event));
    } catch (error) {
      this.halted = `the storage refused more: ${error instanceof Error ? error.message : String(error)}`;
    }
  }

  /** Everything captured, as a file. */
  async finish(): Promise<Blob> {
    try {
      this.flush();
    } catch (error) {
      this.halted ??= `the storage refused the end of it: ${error instanceof Error ? error.message : String(error)}`;
    }
    return this.store.close();
  }

  private append(line: string): void {
    // The last byte of a chunk is kept for the line break.
    let { read, written } = this.encoder.encodeInto(line, this.chunk.subarray(this.used, CHUNK_BYTES - 1));
    if (read < line.length && this.used > 0) {
      this.flush();
      ({ read, written } = this.encoder.encodeInto(line, this.chunk.subarray(0, CHUNK_BYTES - 1)));
    }
    if (read < line.length) {
      // Longer than a chunk (a big snapshot): written on its own.
      const bytes = this.encoder.encode(`${line}\n`);
      if (!this.fits(bytes.byteLength)) return;
      this.store.write(bytes);
      this.stored += bytes.byteLength;
    } else {
      if (!this.fits(written + 1)) return;
      this.used += written;
      this.chunk[this.used++] = NEWLINE;
    }
    this.events++;
  }

  private fits(bytes: number): boolean {
    if (this.bytes + bytes <= this.store.capBytes) return true;
    this.halted = `it reached its limit of ${Math.round(this.store.capBytes / 1e6)} MB in memory (this browser gives the app no file storage)`;
    return false;
  }

  private flush(): void {
    if (this.used === 0) return;
    this.store.write(this.chunk.subarray(0, this.used));
    this.stored += this.used;
    this.used = 0;
  }
}

/**
 * A transport that tells `record` about every socket opened (for `market`) and closed, every frame and every REST
 * answer of one market's link, while passing everything through unchanged. On a socket shared by several markets
 * each link records what it received, so every market replays from its own lines alone. Opens and closes name
 * their socket's URL: a market with a trade socket beside its book's (Binance USD-M) replays the trade socket's
 * frames into its one session, and its opening and closing leave the book alone.
 */
export function recordingTransport(inner: Transport, market: Market, clock: Clock, record: () => Recorder | undefined, rate = false): Transport {
  const owner = { venue: market.venue, feed: market.feed, symbol: market.symbol };
  return {
    connect(url, events, options) {
      return inner.connect(
        url,
        {
          open() {
            record()?.add({ t: clock.now(), ...owner, kind: 'open', url, market, ...(rate ? { rate } : {}) });
            events.open();
          },
          message(data) {
            const r = record();
            if (r) r.add(typeof data === 'string' ? { t: clock.now(), ...owner, kind: 'ws', data } : { t: clock.now(), ...owner, kind: 'ws', data64: bytesToBase64(data) });
            events.message(data);
          },
          close(code, reason) {
            record()?.add({ t: clock.now(), ...owner, kind: 'close', url });
            events.close(code, reason);
          },
        },
        options,
      );
    },
    async fetch(url, timeoutMs) {
      const answer = await inner.fetch(url, timeoutMs);
      record()?.add({ t: clock.now(), ...owner, kind: 'rest', url, status: answer.status, data: answer.body });
      return answer;
    },
  };
}
