import type { FeedSession } from '../feed/session';
import type { Market, VenueProtocol } from '../venues/types';
import { alternativeOffer, type AlternativeHost } from './alternative-hosts';
import type { LinkHealth } from './link-health';
import type { LinkSettings } from './link-options';
import { sessionCounters } from './session-status';
import type { SnapshotRequests } from './snapshot-requests';
import type { VenueState, VenueStatus } from './status';
import { hostOf, seconds } from './status-text';
import type { StreamWatch } from './stream-watch';

/** Where a link is in its connection's life. */
export type Phase = 'stopped' | 'connecting' | 'open' | 'waiting' | 'unlisted';

/** What a link knows, read for its status. */
export interface LinkFacts {
  readonly protocol: VenueProtocol;
  readonly market: Market | undefined;
  /** The alternative host in use, by the user's choice. */
  readonly onAlternative: AlternativeHost | undefined;
  readonly phase: Phase;
  readonly session: FeedSession;
  readonly settings: LinkSettings;
  readonly health: LinkHealth;
  readonly snapshots: SnapshotRequests;
  readonly watch: StreamWatch;
}

/** A link's status, truthful: its phase told by the session's state and what the link has learned of the venue. */
export function linkStatus(link: LinkFacts, now: number): VenueStatus {
  const { protocol, market, session, health, snapshots, watch } = link;
  const { downAfterFailures } = link.settings;
  const s = session.stats;
  const counters = sessionCounters(session, health.reconnects);
  let state: VenueState;
  let reason: string | undefined;
  let nextAttemptAt: number | undefined;
  switch (link.phase) {
    case 'unlisted':
      state = 'unlisted';
      reason = link.onAlternative && market ? `${link.onAlternative.name} lists no ${market.symbol}` : `${protocol.name} lists no such market`;
      break;
    case 'stopped':
      state = 'disabled';
      break;
    case 'waiting':
      state = health.failures >= downAfterFailures || health.regionHint !== undefined ? 'down' : 'reconnecting';
      reason = health.reason;
      nextAttemptAt = health.nextAttemptAt;
      break;
    case 'connecting':
      state = 'connecting';
      reason = health.reason;
      break;
    case 'open':
      if (watch.stale) {
        state = 'stale';
        reason = `no data for ${seconds(now - watch.lastFrameAt)} on an open socket`;
      } else if (session.state === 'live') {
        state = 'live';
      } else {
        const failing = health.regionHint !== undefined || snapshots.failures >= downAfterFailures;
        state = failing ? 'down' : 'syncing';
        const resynced = s.resyncs > health.resyncsAtOpen ? s.lastResync : undefined;
        reason = snapshots.problem ?? resynced ?? health.reason;
        if (snapshots.retryAt !== undefined && snapshots.retryAt > now) nextAttemptAt = snapshots.retryAt;
      }
      break;
  }
  const alternative = health.regionHint === undefined ? undefined : alternativeOffer(protocol.id, market, link.onAlternative);
  return {
    feed: protocol.id,
    venue: protocol.venue,
    state,
    reason,
    nextAttemptAt,
    snapshotPath: protocol.snapshotSource === 'request' || session.snapshotRequested ? session.snapshotVia : 'stream',
    counters,
    lastUpdateAgeMs: s.lastUpdateAt === undefined ? undefined : now - s.lastUpdateAt,
    latencyMs: s.latencyMs,
    messageRate: watch.rate(now),
    lastError: s.lastError,
    note: health.note,
    regionHint: health.regionHint,
    alternative: alternative && {
      name: alternative.name,
      stream: hostOf(alternative.endpoints.stream),
      rest: alternative.endpoints.rest && hostOf(alternative.endpoints.rest),
    },
    ...partialOnly(protocol),
  };
}

/** A venue that publishes no exact book is partial whatever its link does. */
function partialOnly(protocol: VenueProtocol): Pick<VenueStatus, 'partial'> {
  if (protocol.onlyPartial === undefined || protocol.depth === undefined) return {};
  return { partial: { depth: protocol.depth, why: protocol.onlyPartial, only: true } };
}
