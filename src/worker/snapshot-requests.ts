import type { Effect } from '../venues/types';
import type { LinkContext } from './link-context';
import type { LinkHealth } from './link-health';
import { hostOf, seconds } from './status-text';

type SnapshotEffect = Extract<Effect, { type: 'api' | 'fetch' }>;

/** A snapshot request in flight: settled once, by its answer or its timeout, whichever comes first. */
export interface SnapshotRequest {
  readonly gen: number;
  readonly url: string;
  readonly via: 'rest' | 'api';
  done: boolean;
}

/** How requests go out, and what of the link they need. */
export interface SnapshotLink {
  /** Sends a REST request; its answer settles `request`. */
  fetch(url: string, request: SnapshotRequest): void;
  /** Sends a request on the WebSocket API socket; its answer comes as a frame. */
  api(url: string, text: string): void;
  closeApi(): void;
  isOpen(): boolean;
  execute(effects: readonly Effect[]): void;
}

/**
 * The snapshot requests of a link, made politely: one in flight, given up when unanswered within the request
 * timeout; after a failure the next waits out a growing backoff (or Retry-After, when longer), and a request the
 * session issues meanwhile is held until then.
 */
export class SnapshotRequests {
  private request: SnapshotRequest | undefined;
  /** A snapshot request the session issued while the snapshot backoff was running; sent when it ends. */
  private deferred: SnapshotEffect | undefined;
  /** Requests failed in a row since the socket opened, the last one's reason, and when the next may go. */
  failures = 0;
  problem: string | undefined;
  retryAt: number | undefined;

  constructor(
    private readonly ctx: LinkContext,
    private readonly health: LinkHealth,
    private readonly link: SnapshotLink,
  ) {}

  /** Sends a snapshot request now, or when the snapshot backoff (Retry-After, repeated failures) has run out. */
  send(effect: SnapshotEffect): void {
    const now = this.ctx.clock.now();
    if (this.retryAt !== undefined && now < this.retryAt) {
      this.deferred = effect;
      const gen = this.ctx.gen;
      this.ctx.setTimer('snapshot', this.retryAt - now, () => {
        const pending = this.deferred;
        this.deferred = undefined;
        if (gen === this.ctx.gen && pending) this.send(pending);
      });
      this.ctx.notify();
      return;
    }
    this.retryAt = undefined;
    if (effect.type === 'fetch') this.link.fetch(effect.url, this.start(effect.url, 'rest'));
    else {
      this.start(effect.url, 'api');
      this.link.api(effect.url, effect.text);
    }
  }

  /** True when this answer is still wanted (not timed out, not from a torn-down connection). */
  settle(request: SnapshotRequest): boolean {
    if (request.done || request.gen !== this.ctx.gen) return false;
    request.done = true;
    if (this.request === request) {
      this.request = undefined;
      this.ctx.clearTimer('request');
    }
    return true;
  }

  /** Tells the session its request will not be answered, so that another may be sent; counts one error. */
  abandon(url: string, reason: string): void {
    const { session } = this.ctx;
    if (!session.awaitingSnapshot) return;
    session.rest(url, 0, '', this.ctx.clock.now());
    session.stats.lastError = reason;
  }

  /** A snapshot request failed: ask again after a growing backoff, or after Retry-After when longer. */
  failed(reason: string, minDelayMs = 0): void {
    if (!this.link.isOpen()) return;
    this.failures++;
    this.problem = reason;
    this.failing();
    const delay = Math.max(minDelayMs, this.ctx.backoff(this.failures));
    this.retryAt = this.ctx.clock.now() + delay;
    const gen = this.ctx.gen;
    this.ctx.setTimer('snapshot', delay, () => {
      if (gen !== this.ctx.gen) return;
      const pending = this.deferred;
      this.deferred = undefined;
      this.retryAt = undefined;
      if (pending) this.send(pending);
      else if (this.ctx.session.state === 'syncing') this.link.execute(this.ctx.session.requestSnapshot());
      this.ctx.notify();
    });
  }

  /** The request in flight over the WebSocket API will not be answered: true, and asked again later, if there was one. */
  apiFailed(what: string): boolean {
    const request = this.request;
    if (!this.ctx.session.awaitingSnapshot || request?.via !== 'api') return false;
    request.done = true;
    this.request = undefined;
    this.ctx.clearTimer('request');
    this.abandon(request.url, what);
    this.failed(what);
    return true;
  }

  /** No request before `at`: the venue asked for that. */
  holdUntil(at: number): void {
    this.retryAt = Math.max(this.retryAt ?? 0, at);
  }

  /** Bookkeeping once frames or answers were applied: a snapshot that went live, or did not; the request timer. */
  applied(snapshotsBefore: number, now: number): void {
    const { session } = this.ctx;
    if (session.stats.snapshots > snapshotsBefore) {
      if (session.state === 'live') {
        this.failures = 0;
        this.problem = undefined;
        this.retryAt = undefined;
      } else if (session.mayRequest) {
        // The snapshot did not bridge to the stream (older than its diffs): ask again, more slowly each time.
        this.failures++;
        this.problem = session.stats.lastResync;
        this.failing();
        this.retryAt = this.failures > 1 ? now + this.ctx.backoff(this.failures - 1) : undefined;
        if (this.deferred === undefined && this.retryAt === undefined) this.ctx.clearTimer('snapshot');
      }
    }
    if (!session.awaitingSnapshot && this.request) {
      this.request.done = true;
      this.request = undefined;
      this.ctx.clearTimer('request');
    }
  }

  /** The stream socket opened: its snapshots start with a clean slate. */
  opened(): void {
    this.failures = 0;
    this.retryAt = undefined;
    this.problem = undefined;
  }

  /** The connection is gone, and with it whatever was asked on it. */
  clear(): void {
    this.request = undefined;
    this.deferred = undefined;
  }

  private start(url: string, via: 'rest' | 'api'): SnapshotRequest {
    const { ctx } = this;
    const request: SnapshotRequest = { gen: ctx.gen, url, via, done: false };
    this.request = request;
    const timeoutMs = ctx.settings.requestTimeoutMs;
    ctx.setTimer('request', timeoutMs, () => {
      if (request.done || request.gen !== ctx.gen) return;
      request.done = true;
      this.request = undefined;
      const what =
        via === 'rest'
          ? `REST snapshot from ${hostOf(url)} timed out after ${seconds(timeoutMs)}`
          : `no snapshot from the WebSocket API (${hostOf(url)}) within ${seconds(timeoutMs)}`;
      if (via === 'api') this.link.closeApi();
      this.abandon(url, what);
      this.failed(what);
      ctx.notify();
    });
    return request;
  }

  /** Snapshots failed as often in a row as make the venue 'down': exact sync is impossible for now. */
  private failing(): void {
    if (this.failures >= this.ctx.settings.downAfterFailures) this.health.impossible ??= `${this.failures} snapshots failed in a row: ${this.problem ?? 'no reason given'}`;
  }
}
