import type { FeedSession } from '../feed/session';
import { FEEDS, type FeedId } from '../venues/types';
import type { VenueCounters, VenueStatus } from './status';

/** The counters a session keeps, in the status's terms; the link adds what only it knows (reconnects, messages). */
export function sessionCounters(session: FeedSession, reconnects = 0): VenueCounters {
  const s = session.stats;
  return {
    messages: s.frames,
    updates: s.updates,
    skipped: s.skipped,
    snapshots: s.snapshots,
    resyncs: s.resyncs,
    resyncReasons: { ...s.resyncReasons },
    checksumsVerified: s.checksums.verified,
    checksumFailures: s.checksums.failed,
    gaps: s.gaps,
    malformed: s.malformed,
    foreign: s.foreign,
    invalid: s.invalid,
    crossed: s.crossed,
    outOfRange: s.outOfRange,
    overflow: s.overflow,
    reconnects,
    errors: s.errors,
  };
}

/** The status of a session with no connection of its own (a replayed recording). */
export function statusOfSession(feed: FeedId, session: FeedSession, now: number): VenueStatus {
  const s = session.stats;
  return {
    feed,
    venue: FEEDS[feed].venue,
    state: session.state === 'live' ? 'live' : 'syncing',
    reason: session.state === 'live' ? undefined : s.lastResync ?? s.lastError,
    counters: sessionCounters(session),
    lastUpdateAgeMs: s.lastUpdateAt === undefined ? undefined : Math.max(0, now - s.lastUpdateAt),
    latencyMs: s.latencyMs,
    messageRate: 0,
    lastError: s.lastError,
  };
}
