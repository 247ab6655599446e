import { bytesToBase64 } from '../feed/decode';
import { formatRecordedEvent, type RecordedEvent } from '../feed/recording';
import type { VenueId } from '../venues/types';
import type { Clock, Transport } from './transport';

/** Captures raw traffic in the recording format, as it arrives, before any parsing. */
export class Recorder {
  private readonly lines: string[] = [];

  get events(): number {
    return this.lines.length;
  }

  add(event: RecordedEvent): void {
    this.lines.push(formatRecordedEvent(event));
  }

  toJsonLines(): string {
    return this.lines.length ? `${this.lines.join('\n')}\n` : '';
  }
}

/**
 * A transport that tells `record` about every socket opened and closed, every frame and every REST answer of
 * one venue, while passing everything through unchanged.
 */
export function recordingTransport(inner: Transport, venue: VenueId, clock: Clock, record: () => Recorder | undefined): Transport {
  return {
    connect(url, events) {
      return inner.connect(url, {
        open() {
          record()?.add({ t: clock.now(), venue, kind: 'open', url });
          events.open();
        },
        message(data) {
          const r = record();
          if (r) r.add(typeof data === 'string' ? { t: clock.now(), venue, kind: 'ws', data } : { t: clock.now(), venue, kind: 'ws', data64: bytesToBase64(data) });
          events.message(data);
        },
        close(code, reason) {
          record()?.add({ t: clock.now(), venue, kind: 'close' });
          events.close(code, reason);
        },
      });
    },
    async fetch(url, timeoutMs) {
      const answer = await inner.fetch(url, timeoutMs);
      record()?.add({ t: clock.now(), venue, kind: 'rest', url, status: answer.status, data: answer.body });
      return answer;
    },
  };
}
