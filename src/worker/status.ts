import type { ResyncReason } from '../feed/session';
import type { FeedId, VenueId } from '../venues/types';

/**
 * What a trader needs to know about a venue right now:
 * - connecting: opening the socket; syncing: waiting for a snapshot; live: the book is exact;
 * - stale: the socket is open but nothing arrived for a while; reconnecting: waiting to try again;
 * - down: failing and retrying slowly, with the reason; disabled: switched off; unlisted: no such pair there.
 */
export type VenueState = 'connecting' | 'syncing' | 'live' | 'stale' | 'reconnecting' | 'down' | 'disabled' | 'unlisted';

export interface VenueCounters {
  messages: number;
  /** Updates applied to the book. */
  updates: number;
  /** Updates the snapshot already held. */
  skipped: number;
  snapshots: number;
  resyncs: number;
  /** Resyncs by why the book could not be trusted. */
  resyncReasons: Partial<Record<ResyncReason, number>>;
  checksumsVerified: number;
  checksumFailures: number;
  gaps: number;
  /** Frames that could not be read. */
  malformed: number;
  /** Messages about another market, left out. */
  foreign: number;
  /** Snapshots and updates with unreadable numbers or duplicate levels. */
  invalid: number;
  /** Times the venue's own book came out crossed. */
  crossed: number;
  /** Level changes beyond the prices the snapshot covered, left out. */
  outOfRange: number;
  /** Times updates waiting for a snapshot passed their cap and were dropped. */
  overflow: number;
  reconnects: number;
  errors: number;
}

/** The counters of a venue that has received nothing. */
export function noCounters(): VenueCounters {
  return {
    messages: 0,
    updates: 0,
    skipped: 0,
    snapshots: 0,
    resyncs: 0,
    resyncReasons: {},
    checksumsVerified: 0,
    checksumFailures: 0,
    gaps: 0,
    malformed: 0,
    foreign: 0,
    invalid: 0,
    crossed: 0,
    outOfRange: 0,
    overflow: 0,
    reconnects: 0,
    errors: 0,
  };
}

export interface VenueStatus {
  readonly feed: FeedId;
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
  /**
   * Set while the venue may be refusing this region: handshakes refused in a row without a close frame, or HTTP 403
   * or 451 for a snapshot. Says which. Cleared once the venue is live.
   */
  readonly regionHint?: string;
  /**
   * While a region hint stands: the venue's sister service speaking the same protocol, where one exists and lists
   * this market (and the link is not on it already).
   */
  readonly alternative?: { readonly name: string; readonly stream: string; readonly rest?: string };
  /**
   * Set while exact sync is impossible and the book comes from the venue's partial-depth channel instead: its
   * best `depth` levels a side, each message replacing the last, every check applied but the sequence (there are
   * no ids to check). `why` exact sync was given up; `exactRetryAt`, when it is tried again (epoch ms; absent
   * while a try is under way). `only`: the venue publishes no exact book at all (VenueProtocol.onlyPartial), so
   * there is no exact sync to retry.
   */
  readonly partial?: { readonly depth: number; readonly why: string; readonly exactRetryAt?: number; readonly only?: true };
}
