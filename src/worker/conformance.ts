/**
 * The conformance check (`npm run live-check` in Node, the app's `?diagnose` view in the worker): every venue
 * connected with the worker's own links for a while, and per venue whether its book got live, how, what it
 * counted on the way, and, when it never got live, whether that is the network's doing or the code's. Node and
 * the browser judge with this one module, so their tables agree.
 */
import type { FeedSession, ResyncReason } from '../feed/session';
import { clipText } from '../feed/text';
import type { VenueId } from '../venues/types';
import type { VenueState, VenueStatus } from './status';
import type { Transport } from './transport';
import { hostOf } from './status-text';

/**
 * How a connection attempt failed below the venue's protocol, where the runtime says (Node does; a browser tells
 * a page nothing about a failed socket): the host answered the handshake or request with an HTTP status, or no
 * answer came at all (DNS failure, connection refused, timeout, no route, TLS).
 */
export type NetworkFailure =
  | { readonly kind: 'http'; readonly url: string; readonly status: number }
  | { readonly kind: 'network'; readonly url: string; readonly code: string; readonly message: string };

/**
 * The judgement on a venue once the time is up:
 * - live: its book got live (exact) within the time;
 * - unreachable: nothing of the venue ever answered (no socket opened, no HTTP answer): the network's doing;
 * - region-blocked: the venue refused this region in so many words: HTTP 451, or 403 from its edge (Bybit's
 *   CloudFront), on a REST answer or, where the runtime shows it (Node), on the WebSocket handshake;
 * - failed: the venue answered, or the allow list refused its URL, and yet no book got live: the code's doing.
 */
export type Verdict = 'live' | 'unreachable' | 'region-blocked' | 'failed';

/** Statuses with which venues refuse a region: 451 (Binance), 403 (Bybit's edge). */
const REGION_STATUSES: readonly number[] = [451, 403];

/** What the check saw of one venue's network, beside what its link reports. */
export class VenueProbe {
  /** Sockets (stream or WebSocket API) that opened. */
  opened = 0;
  /** HTTP answers to REST requests, any status. */
  answers = 0;
  /** The region refusal seen (a REST answer's or a handshake's status), if any. */
  regionStatus: number | undefined;
  /** The last failure below the protocol, in words. */
  failure: string | undefined;
  /** A URL the transport would not dial (the allow list): a bug, never the network's doing. */
  refused: string | undefined;
  /** When the book first got live (epoch ms). */
  liveAt: number | undefined;

  /** A failure the runtime could name (the Node transport reports them; a browser cannot). */
  network(failure: NetworkFailure): void {
    if (failure.kind === 'http') {
      if (REGION_STATUSES.includes(failure.status)) this.regionStatus = failure.status;
      this.failure = `HTTP ${failure.status} from ${hostOf(failure.url)}`;
    } else {
      this.failure = clipText(failure.message.includes(failure.code) ? failure.message : `${failure.code}: ${failure.message}`);
    }
  }
}

/** `inner`, telling `probe` of every socket that opened, every HTTP answer and every URL refused before dialling. */
export function probingTransport(inner: Transport, probe: VenueProbe): Transport {
  return {
    connect(url, events, options) {
      try {
        return inner.connect(
          url,
          {
            open() {
              probe.opened++;
              events.open();
            },
            message: (data) => events.message(data),
            close: (code, reason) => events.close(code, reason),
          },
          options,
        );
      } catch (error) {
        probe.refused = clipText(error instanceof Error ? error.message : String(error));
        throw error;
      }
    },
    async fetch(url, timeoutMs) {
      const answer = await inner.fetch(url, timeoutMs);
      probe.answers++;
      if (REGION_STATUSES.includes(answer.status)) probe.regionStatus = answer.status;
      return answer;
    },
  };
}

/** One venue's line of the check's table. */
export interface ConformanceRow {
  readonly venue: VenueId;
  readonly name: string;
  /** A socket of the venue's opened at least once. */
  readonly connected: boolean;
  readonly snapshotPath?: 'stream' | 'rest' | 'api';
  /** Frames received on the stream and the WebSocket API. */
  readonly frames: number;
  /** Checksums verified and failed; absent where the venue publishes none. */
  readonly checksums?: { readonly verified: number; readonly failed: number };
  readonly gaps: number;
  readonly resyncs: number;
  readonly resyncReasons: Partial<Record<ResyncReason, number>>;
  /** Seconds from the start of the check until the book first got live. */
  readonly secondsToLive?: number;
  readonly bestBid?: number;
  readonly bestAsk?: number;
  readonly state: VenueState;
  /** Why the venue is not live (or the network failure behind it), or a standing note. */
  readonly reason?: string;
  /** Set once the time is up. */
  readonly verdict?: Verdict;
}

/** What the check needs of a venue's link: its status and its session (state and book). */
export interface CheckedLink {
  readonly session: FeedSession;
  status(): VenueStatus;
}

/** One run of the check: a probe per venue, the start time and how long it lasts. */
export class ConformanceRun {
  readonly startedAt: number;
  readonly durationMs: number;
  private readonly probes = new Map<VenueId, VenueProbe>();

  constructor(startedAt: number, durationMs: number) {
    this.startedAt = startedAt;
    this.durationMs = durationMs;
  }

  probe(venue: VenueId): VenueProbe {
    let probe = this.probes.get(venue);
    if (!probe) this.probes.set(venue, (probe = new VenueProbe()));
    return probe;
  }

  /** To be called whenever the venue's link changed: notes when its book first got live. */
  observe(venue: VenueId, session: FeedSession, now: number): void {
    const probe = this.probe(venue);
    if (probe.liveAt === undefined && session.state === 'live') probe.liveAt = now;
  }

  /** The venue's line now; with `final` (the time is up) carrying the verdict. */
  row(venue: VenueId, name: string, link: CheckedLink, hasChecksum: boolean, final: boolean): ConformanceRow {
    const probe = this.probe(venue);
    const status = link.status();
    const c = status.counters;
    const book = link.session.book;
    const live = status.state === 'live' || status.state === 'stale';
    const verdict = verdictOf(probe);
    return {
      venue,
      name,
      connected: probe.opened > 0,
      snapshotPath: status.snapshotPath,
      frames: c.messages,
      checksums: hasChecksum ? { verified: c.checksumsVerified, failed: c.checksumFailures } : undefined,
      gaps: c.gaps,
      resyncs: c.resyncs,
      resyncReasons: c.resyncReasons,
      secondsToLive: probe.liveAt === undefined ? undefined : Math.round((probe.liveAt - this.startedAt) / 100) / 10,
      bestBid: live ? book.bids.best()?.price : undefined,
      bestAsk: live ? book.asks.best()?.price : undefined,
      state: status.state,
      reason: verdict === 'unreachable' || verdict === 'region-blocked' ? (probe.failure ?? status.reason) : (status.reason ?? status.note),
      verdict: final ? verdict : undefined,
    };
  }
}

/**
 * Judged on what was seen, never on the link's region hint: a browser cannot tell a refused handshake from no
 * network at all, so a venue nothing of which answered is unreachable, whatever the reason may be.
 */
function verdictOf(probe: VenueProbe): Verdict {
  if (probe.liveAt !== undefined) return 'live';
  if (probe.regionStatus !== undefined) return 'region-blocked';
  if (probe.opened === 0 && probe.answers === 0 && probe.refused === undefined) return 'unreachable';
  return 'failed';
}

/** The rows that fail the check: a venue that answered and yet never got live. */
export function failingRows(rows: readonly ConformanceRow[]): ConformanceRow[] {
  return rows.filter((r) => r.verdict === 'failed');
}
