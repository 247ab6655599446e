import type { VenueId } from '../venues/types';

/**
 * What a trader needs to know about a venue right now:
 * - connecting: opening the socket; syncing: waiting for a snapshot; live: the book is exact;
 * - stale: the socket is open but nothing arrived for a while; reconnecting: waiting to try again;
 * - down: failing and retrying slowly, with the reason; disabled: switched off; unlisted: no such pair there.
 */
export type VenueState = 'connecting' | 'syncing' | 'live' | 'stale' | 'reconnecting' | 'down' | 'disabled' | 'unlisted';

export interface VenueCounters {
  messages: number;
  updates: number;
  snapshots: number;
  resyncs: number;
  checksumsVerified: number;
  checksumFailures: number;
  gaps: number;
  reconnects: number;
  errors: number;
}

export interface VenueStatus {
  readonly venue: VenueId;
  readonly state: VenueState;
  /** Why the venue is not live: the last error, close reason or refusal. */
  readonly reason?: string;
  /** When the next connection attempt is due (epoch ms), while reconnecting or down. */
  readonly nextAttemptAt?: number;
  /** How the snapshot was taken: in the stream, by REST, or over the venue's WebSocket API. */
  readonly snapshotPath?: 'stream' | 'rest' | 'api';
  readonly counters: VenueCounters;
  /** Milliseconds since the book last changed. */
  readonly lastUpdateAgeMs?: number;
  /** Receive time minus the venue's event time, where the venue sends one. */
  readonly latencyMs?: number;
  /** Frames a second, over the last few seconds. */
  readonly messageRate: number;
  readonly lastError?: string;
  /** A standing fact about how the venue is reached, e.g. snapshots moved to the WebSocket API after a CORS refusal. */
  readonly note?: string;
  /** After a region refusal (HTTP 451): the venue's sister service speaking the same protocol, where one exists. */
  readonly alternative?: { readonly name: string; readonly stream: string; readonly rest?: string };
}
