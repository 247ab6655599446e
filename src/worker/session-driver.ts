import type { Effect } from '../venues/types';
import type { Inbound } from './inbound-queue';
import type { LinkContext } from './link-context';
import type { LinkHealth } from './link-health';
import type { SnapshotRequests } from './snapshot-requests';
import { describe } from './status-text';

/** What of the link the session's effects act on. */
export interface DrivenLink {
  /** Sends on the stream socket. */
  send(text: string): void;
  /** The connection cannot go on: tear it down and connect again. */
  fail(reason: string): void;
  /**
   * A stream frame about this market, or about none (heartbeats, pongs, acknowledgements), arrived at `at`: the
   * subscription is alive. Another market's frame on a shared socket says nothing of this one's.
   */
  heard(at: number): void;
}

/**
 * Drives the link's FeedSession: applies each frame to it in turn, keeps the bookkeeping that hangs on what the
 * session made of it (a snapshot that went live or did not, frames that could not be read, a refusal from the
 * WebSocket API), and carries out the effects it asks for.
 */
export class SessionDriver {
  constructor(
    private readonly ctx: LinkContext,
    private readonly health: LinkHealth,
    private readonly snapshots: SnapshotRequests,
    private readonly link: DrivenLink,
  ) {}

  apply(item: Inbound): void {
    const { ctx } = this;
    const { session } = ctx;
    const stats = session.stats;
    const errorsBefore = stats.errors;
    const snapshotsBefore = stats.snapshots;
    const malformedBefore = stats.malformed;
    const updatesBefore = stats.updates;
    const framesBefore = stats.frames;
    try {
      const effects = item.error !== undefined ? session.unreadable(item.error, item.at) : session.frame(item.text ?? '', item.at);
      if (item.source === 'stream' && stats.frames > framesBefore) this.link.heard(item.at);
      this.applied(snapshotsBefore);
      this.execute(effects);
    } catch (err) {
      // The session never throws by design; if it did, its book cannot be trusted.
      session.error(`internal error on a frame: ${describe(err)}`);
      this.link.fail(`internal error on a frame: ${describe(err)}`);
      return;
    }
    // A requested snapshot says nothing of whether the stream can be read; an update applied, or the stream's own
    // snapshot, does.
    if (stats.malformed > malformedBefore) {
      this.health.unreadable(ctx.settings.downAfterFailures, stats.lastError);
    } else if (item.source === 'stream' && (stats.updates > updatesBefore || (stats.snapshots > snapshotsBefore && !session.snapshotRequested))) {
      this.health.readable();
    }
    if (item.gen !== ctx.gen) return;
    if (item.source === 'api' && stats.errors > errorsBefore) {
      // The WebSocket API refused the request (rate limit, unknown symbol): the session keeps waiting otherwise.
      this.snapshots.apiFailed(stats.lastError ?? 'the WebSocket API refused the snapshot request');
    }
    ctx.notify();
  }

  /** Bookkeeping once frames or answers were applied: snapshot success, liveness, the request timer. */
  applied(snapshotsBefore: number): void {
    const now = this.ctx.clock.now();
    this.snapshots.applied(snapshotsBefore, now);
    if (this.ctx.session.state === 'live') this.health.live(now);
  }

  execute(effects: readonly Effect[]): void {
    const { ctx } = this;
    const gen = ctx.gen;
    for (const effect of effects) {
      if (gen !== ctx.gen) return;
      switch (effect.type) {
        case 'send':
          this.link.send(effect.text);
          break;
        case 'api':
        case 'fetch':
          this.snapshots.send(effect);
          break;
        case 'reconnect':
          this.link.fail(`resync: ${effect.reason}`);
          return;
      }
    }
  }
}
