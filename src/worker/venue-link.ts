import { decodeBinaryFrame } from '../feed/decode';
import { FeedSession } from '../feed/session';
import { clipText } from '../feed/text';
import type { Effect, Endpoints, Market, VenueProtocol } from '../venues/types';
import { ALTERNATIVE_HOSTS, alternativeOffer, type AlternativeHost } from './alternative-hosts';
import { backoffDelay } from './backoff';
import { CONNECTION_AGE_LIMIT_MS, linkSettings, type LinkSettings, type VenueLinkOptions } from './link-options';
import { weightWait } from './request-weight';
import { sessionCounters } from './session-status';
import type { VenueState, VenueStatus } from './status';
import { describe, hostOf, seconds } from './status-text';
import type { Clock, HttpAnswer, SocketHandle, Transport } from './transport';

/** Waits after a 429 or 418 whose Retry-After the page cannot read: Binance bans start at two minutes. */
const RATE_LIMITED_WAIT_MS = 10_000;
const BANNED_WAIT_MS = 120_000;

/**
 * Most frames, and most text (bytes received, or chars once inflated), waiting in the inbound queue. Frames queue
 * only behind a binary frame still being gunzipped, normally for well under a millisecond; a backlog this deep
 * means decoding has stalled or the socket is flooded, and holding on would grow the worker's memory without end.
 * 4096 frames is minutes of BingX, the one venue that compresses; 32 MiB is eight frames at the decode cap.
 */
export const MAX_QUEUED_FRAMES = 4096;
export const MAX_QUEUED_BYTES = 32 * 1024 * 1024;

/** Handshakes refused in a row (1006 before the socket opened) after which a region block is suspected. */
export const REGION_HINT_AFTER_REFUSALS = 3;

type SnapshotEffect = Extract<Effect, { type: 'api' | 'fetch' }>;
type Phase = 'stopped' | 'connecting' | 'open' | 'waiting' | 'unlisted';
type TimerName = 'connect' | 'watchdog' | 'keepalive' | 'retry' | 'snapshot' | 'request' | 'age';

interface Inbound {
  readonly gen: number;
  readonly source: 'stream' | 'api';
  readonly at: number;
  /** What it holds in the queue: bytes as received, chars once decoded. */
  size: number;
  ready: boolean;
  text?: string;
  error?: string;
}

interface ApiSocket {
  readonly url: string;
  readonly handle: SocketHandle;
  open: boolean;
  readonly outbox: string[];
}

/** A snapshot request in flight: settled once, by its answer or its timeout, whichever comes first. */
interface Request {
  readonly gen: number;
  readonly url: string;
  readonly via: 'rest' | 'api';
  done: boolean;
}

/** Retry-After in ms: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const at = Date.parse(text);
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}

function isHtml(answer: HttpAnswer): boolean {
  return /^\s*</.test(answer.body) || /text\/html/i.test(answer.headers['content-type'] ?? '');
}

/** What a refusing host said, clipped: a Binance-style JSON `msg`, or the body itself unless it is a web page. */
function refusalText(answer: HttpAnswer): string {
  if (isHtml(answer)) return '';
  let text = answer.body.trim();
  try {
    const msg: unknown = (JSON.parse(text) as { msg?: unknown } | null)?.msg;
    if (typeof msg === 'string') text = msg;
  } catch {
    // Not JSON: the text as it came.
  }
  return text ? `: ${clipText(text)}` : '';
}

/**
 * One venue's connection lifecycle for one market, in the worker: connects, subscribes, keeps the socket alive,
 * watches for silence, reconnects with capped exponential backoff and jitter (never giving up while started),
 * takes snapshots politely (one in flight, Retry-After honoured, growing backoff), and reports a truthful status.
 * The book itself is `session.book`, kept exact by the pure FeedSession; this class only does the I/O and timing.
 * No handler ever throws: errors are counted and shown in the status.
 */
export class VenueLink {
  readonly protocol: VenueProtocol;
  readonly market: Market | undefined;
  readonly session: FeedSession;
  readonly endpoints: Endpoints;
  private readonly transport: Transport;
  private readonly clock: Clock;
  private readonly onChange: (link: VenueLink) => void;
  private readonly opt: LinkSettings;
  private readonly maxAgeMs: number | undefined;

  private phase: Phase = 'stopped';
  /** Bumped whenever a connection is torn down: events of older sockets and answers to their requests are ignored. */
  private gen = 0;
  private stream: SocketHandle | undefined;
  private api: ApiSocket | undefined;
  private readonly timers = new Map<TimerName, unknown>();
  private request: Request | undefined;
  /** A snapshot request the session issued while the snapshot backoff was running; sent when it ends. */
  private deferred: SnapshotEffect | undefined;

  private everConnected = false;
  private failures = 0;
  private reconnects = 0;
  private reason: string | undefined;
  private nextAttemptAt: number | undefined;
  private liveSince: number | undefined;
  private lastFrameAt = 0;
  private stale = false;
  private resyncsAtOpen = 0;

  private snapshotFailures = 0;
  private snapshotRetryAt: number | undefined;
  private snapshotProblem: string | undefined;
  /** Consecutive connection attempts refused before the socket opened, with no close frame (1006). */
  private handshakeRefusals = 0;
  /** Why the venue may be refusing this region (handshakes refused, HTTP 403 or 451); cleared once live. */
  private regionHint: string | undefined;
  /** The alternative host in use, by the user's choice. */
  private readonly onAlternative: AlternativeHost | undefined;
  private note: string | undefined;
  /** Why an exact book cannot be had now, once that is clear; cleared when the link starts again. */
  private impossible: string | undefined;
  /** Stream frames that could not be read since the last one that carried a book message it could apply. */
  private unreadableInRow = 0;

  private readonly inbound: Inbound[] = [];
  private queuedBytes = 0;
  private pumping = false;
  private idleWaiters: (() => void)[] = [];
  private frameTimes: number[] = [];

  constructor(
    protocol: VenueProtocol,
    market: Market | undefined,
    transport: Transport,
    clock: Clock,
    options: VenueLinkOptions = {},
    onChange: (link: VenueLink) => void = () => {},
  ) {
    this.protocol = protocol;
    this.market = market;
    this.transport = transport;
    this.clock = clock;
    this.onChange = onChange;
    this.onAlternative = options.useAlternativeHost ? ALTERNATIVE_HOSTS[protocol.id] : undefined;
    this.endpoints = options.endpoints ?? this.onAlternative?.endpoints ?? protocol.endpoints;
    if (this.onAlternative) this.note = `connected to ${this.onAlternative.name} (${hostOf(this.endpoints.stream)}), by choice`;
    this.opt = linkSettings(options);
    this.maxAgeMs = options.maxConnectionAgeMs ?? CONNECTION_AGE_LIMIT_MS[protocol.id];
    const snapshotVia = options.snapshotVia === 'api' && this.endpoints.api ? 'api' : 'rest';
    this.session = new FeedSession(protocol, market, { endpoints: this.endpoints, snapshotVia });
    if (!market || (this.onAlternative && !this.onAlternative.symbols.includes(market.symbol))) this.phase = 'unlisted';
  }

  /** Starts (or restarts after stop) the connection; the link then keeps it up until stopped. */
  start(): void {
    this.guard(() => {
      if (this.phase !== 'stopped') return;
      this.failures = 0;
      this.reason = undefined;
      this.impossible = undefined;
      this.unreadableInRow = 0;
      this.connect();
    })();
  }

  /** Closes everything; the venue shows as disabled and its book empties. */
  stop(): void {
    this.guard(() => {
      if (this.phase === 'unlisted') return;
      this.teardown();
      this.session.close();
      this.phase = 'stopped';
      this.reason = undefined;
      this.nextAttemptAt = undefined;
      this.notify();
    })();
  }

  /**
   * Set once exact sync is impossible for now, saying why: the snapshot refused by the browser with no other way to
   * ask for it, snapshots failing `downAfterFailures` times in a row, or as many frames in a row that cannot be read.
   * The link goes on retrying as before; whoever owns it may switch to the venue's partial-depth channel.
   */
  get exactImpossible(): string | undefined {
    return this.impossible;
  }

  /** Resolves once every received frame (binary ones decode asynchronously) has been applied. */
  idle(): Promise<void> {
    if (!this.inbound.length) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  status(): VenueStatus {
    const now = this.clock.now();
    const s = this.session.stats;
    const counters = sessionCounters(this.session, this.reconnects);
    let state: VenueState;
    let reason: string | undefined;
    let nextAttemptAt: number | undefined;
    switch (this.phase) {
      case 'unlisted':
        state = 'unlisted';
        reason = this.onAlternative && this.market ? `${this.onAlternative.name} lists no ${this.market.symbol}` : `${this.protocol.name} lists no such market`;
        break;
      case 'stopped':
        state = 'disabled';
        break;
      case 'waiting':
        state = this.failures >= this.opt.downAfterFailures || this.regionHint !== undefined ? 'down' : 'reconnecting';
        reason = this.reason;
        nextAttemptAt = this.nextAttemptAt;
        break;
      case 'connecting':
        state = 'connecting';
        reason = this.reason;
        break;
      case 'open':
        if (this.stale) {
          state = 'stale';
          reason = `no data for ${seconds(now - this.lastFrameAt)} on an open socket`;
        } else if (this.session.state === 'live') {
          state = 'live';
        } else {
          const failing = this.regionHint !== undefined || this.snapshotFailures >= this.opt.downAfterFailures;
          state = failing ? 'down' : 'syncing';
          const resynced = this.session.stats.resyncs > this.resyncsAtOpen ? this.session.stats.lastResync : undefined;
          reason = this.snapshotProblem ?? resynced ?? this.reason;
          if (this.snapshotRetryAt !== undefined && this.snapshotRetryAt > now) nextAttemptAt = this.snapshotRetryAt;
        }
        break;
    }
    const alternative = this.regionHint === undefined ? undefined : alternativeOffer(this.protocol.id, this.market, this.onAlternative);
    return {
      venue: this.protocol.id,
      state,
      reason,
      nextAttemptAt,
      snapshotPath: this.protocol.snapshotSource === 'request' || this.session.snapshotRequested ? this.session.snapshotVia : 'stream',
      counters,
      lastUpdateAgeMs: s.lastUpdateAt === undefined ? undefined : now - s.lastUpdateAt,
      latencyMs: s.latencyMs,
      messageRate: this.messageRate(now),
      lastError: s.lastError,
      note: this.note,
      regionHint: this.regionHint,
      alternative: alternative && {
        name: alternative.name,
        stream: hostOf(alternative.endpoints.stream),
        rest: alternative.endpoints.rest && hostOf(alternative.endpoints.rest),
      },
    };
  }

  // ---- connection ------------------------------------------------------------------------------------------

  private connect(): void {
    const market = this.market;
    if (!market) return;
    this.gen++;
    const gen = this.gen;
    if (this.everConnected) this.reconnects++;
    this.everConnected = true;
    this.phase = 'connecting';
    this.stale = false;
    this.nextAttemptAt = undefined;
    const url = this.protocol.streamUrl(market, this.endpoints);
    this.setTimer('connect', this.opt.connectTimeoutMs, () => {
      if (gen === this.gen && this.phase === 'connecting') {
        this.fail(`no answer from ${hostOf(url)} within ${seconds(this.opt.connectTimeoutMs)} (connect timeout)`);
      }
    });
    let handle: SocketHandle | undefined;
    let openedEarly = false;
    try {
      handle = this.transport.connect(url, {
        open: this.guard(() => {
          if (gen !== this.gen) return;
          if (!handle) openedEarly = true;
          else this.opened();
        }),
        message: this.guard((data: string | Uint8Array) => {
          if (gen === this.gen) this.receive('stream', data, gen);
        }),
        close: this.guard((code: number, reason: string) => {
          if (gen === this.gen) this.closed(code, reason);
        }),
      });
    } catch (err) {
      this.fail(`cannot open ${url}: ${describe(err)}`);
      return;
    }
    this.stream = handle;
    if (openedEarly) this.opened();
    this.notify();
  }

  private opened(): void {
    if (this.phase !== 'connecting') return;
    const now = this.clock.now();
    this.clearTimer('connect');
    this.phase = 'open';
    this.handshakeRefusals = 0;
    this.resyncsAtOpen = this.session.stats.resyncs;
    this.lastFrameAt = now;
    this.liveSince = undefined;
    this.snapshotFailures = 0;
    this.snapshotRetryAt = undefined;
    this.snapshotProblem = undefined;
    this.execute(this.session.open());
    this.armWatchdog();
    const keepalive = this.protocol.keepalive;
    if (keepalive) this.armKeepalive(keepalive.everyMs, keepalive.text);
    if (this.maxAgeMs !== undefined) {
      const margin = Math.min(this.opt.plannedReconnectMarginMs, this.maxAgeMs / 10);
      const gen = this.gen;
      this.setTimer('age', this.maxAgeMs - margin, () => {
        if (gen === this.gen) this.plannedReconnect();
      });
    }
    this.notify();
  }

  private closed(code: number, reason: string): void {
    const said = reason ? `: ${clipText(reason)}` : '';
    const what = code === 1006 ? 'the connection dropped without a close frame (1006)' : `the venue closed the connection (${code}${said})`;
    // A browser reports a refused handshake (a region block answers the upgrade with 403 or 451) as 1006 alone.
    if (this.phase === 'connecting') this.fail(`cannot connect: ${what}`, code === 1006);
    else this.fail(what);
  }

  /** The connection failed: tear it down and try again after the backoff. */
  private fail(reason: string, handshakeRefused = false): void {
    const now = this.clock.now();
    this.handshakeRefusals = handshakeRefused ? this.handshakeRefusals + 1 : 0;
    if (this.handshakeRefusals >= REGION_HINT_AFTER_REFUSALS) {
      this.regionHint = `possibly blocked in your region: ${this.handshakeRefusals} handshakes refused without a close frame`;
    }
    this.teardown();
    this.session.close();
    if (this.liveSince !== undefined && now - this.liveSince >= this.opt.healthyAfterMs) this.failures = 0;
    this.liveSince = undefined;
    this.failures++;
    const delay = this.backoff(this.failures);
    this.phase = 'waiting';
    this.reason = reason;
    this.nextAttemptAt = now + delay;
    this.setTimer('retry', delay, () => this.connect());
    this.notify();
  }

  private plannedReconnect(): void {
    this.teardown();
    this.session.close();
    this.reason = `planned reconnect before ${this.protocol.name}'s ${seconds(this.maxAgeMs ?? 0)} connection limit`;
    this.connect();
  }

  /** Closes the sockets and stops the timers; events from them are ignored from here on. */
  private teardown(): void {
    this.gen++;
    for (const handle of this.timers.values()) this.clock.clearTimeout(handle);
    this.timers.clear();
    const stream = this.stream;
    const api = this.api;
    this.stream = undefined;
    this.api = undefined;
    this.request = undefined;
    this.deferred = undefined;
    this.stale = false;
    this.inbound.length = 0;
    this.queuedBytes = 0;
    this.releaseIdle();
    for (const handle of [stream, api?.handle]) {
      try {
        handle?.close();
      } catch {
        // Closing a socket that already failed is of no interest.
      }
    }
  }

  /** Delay before attempt `n` (1-based), by the link's backoff settings. */
  private backoff(n: number): number {
    return backoffDelay(n, this.opt);
  }

  // ---- timers ----------------------------------------------------------------------------------------------

  private setTimer(name: TimerName, ms: number, fn: () => void): void {
    this.clearTimer(name);
    const handle = this.clock.setTimeout(
      this.guard(() => {
        this.timers.delete(name);
        fn();
      }),
      Math.max(0, ms),
    );
    this.timers.set(name, handle);
  }

  private clearTimer(name: TimerName): void {
    const handle = this.timers.get(name);
    if (handle !== undefined) this.clock.clearTimeout(handle);
    this.timers.delete(name);
  }

  /** Checks for silence when it could first matter, not on every frame. */
  private armWatchdog(): void {
    const gen = this.gen;
    const now = this.clock.now();
    const silent = now - this.lastFrameAt;
    const due = silent >= this.opt.staleAfterMs ? this.opt.deadAfterMs : this.opt.staleAfterMs;
    this.setTimer('watchdog', this.lastFrameAt + due - now, () => {
      if (gen !== this.gen || this.phase !== 'open') return;
      const quiet = this.clock.now() - this.lastFrameAt;
      if (quiet >= this.opt.deadAfterMs) {
        this.fail(`no data for ${seconds(quiet)}: closed the silent socket as dead (zombie connection)`);
        return;
      }
      if (quiet >= this.opt.staleAfterMs && !this.stale) {
        this.stale = true;
        this.notify();
      }
      this.armWatchdog();
    });
  }

  private armKeepalive(everyMs: number, text: string): void {
    const gen = this.gen;
    this.setTimer('keepalive', everyMs, () => {
      if (gen !== this.gen) return;
      this.sendStream(text);
      this.armKeepalive(everyMs, text);
    });
  }

  // ---- frames ----------------------------------------------------------------------------------------------

  private receive(source: 'stream' | 'api', data: string | Uint8Array, gen: number): void {
    const at = this.clock.now();
    if (source === 'stream') {
      this.lastFrameAt = at;
      this.frameTimes.push(at);
      if (this.frameTimes.length > 4096) this.frameTimes.splice(0, 2048);
      if (this.stale) {
        // Alive again: watch for the next silence from this frame on.
        this.stale = false;
        if (this.phase === 'open') this.armWatchdog();
      }
    }
    const item: Inbound = { gen, source, at, size: data.length, ready: typeof data === 'string' };
    if (typeof data === 'string') item.text = data;
    else {
      decodeBinaryFrame(data).then(
        (text) => {
          item.text = text;
          this.decoded(item, text.length);
        },
        (err: unknown) => {
          item.error = `undecodable binary frame: ${describe(err)}`;
          this.decoded(item, 0);
        },
      );
    }
    this.inbound.push(item);
    this.queuedBytes += item.size;
    this.pumpWithinCap();
  }

  /** A binary frame is decoded: it now holds its text instead of its bytes, and may be applied. */
  private decoded(item: Inbound, size: number): void {
    item.ready = true;
    this.guard(() => {
      if (item.gen !== this.gen) return;
      this.queuedBytes += size - item.size;
      item.size = size;
      this.pumpWithinCap();
    })();
  }

  /** Applies what can be applied, unless the queue has outgrown its cap. */
  private pumpWithinCap(): void {
    if (this.inbound.length > MAX_QUEUED_FRAMES || this.queuedBytes > MAX_QUEUED_BYTES) this.dropQueue();
    else this.pump();
  }

  /** The queue outgrew its cap: frames are lost, so the book cannot be trusted; start again on a new connection. */
  private dropQueue(): void {
    const mib = (this.queuedBytes / 1024 / 1024).toFixed(1);
    const what = `fell behind: dropped ${this.inbound.length.toLocaleString('en-US')} frames (${mib} MiB) waiting to be decoded; a book that missed frames cannot be trusted, so reconnecting`;
    this.session.error(what);
    this.fail(what);
  }

  /** Applies received frames strictly in arrival order, waiting for a binary frame still being decoded. */
  private pump(): void {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.inbound.length && this.inbound[0]!.ready) {
        const item = this.inbound.shift()!;
        this.queuedBytes -= item.size;
        if (item.gen === this.gen) this.process(item);
      }
    } finally {
      this.pumping = false;
    }
    if (!this.inbound.length) this.releaseIdle();
  }

  private releaseIdle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  private process(item: Inbound): void {
    const stats = this.session.stats;
    const errorsBefore = stats.errors;
    const snapshotsBefore = stats.snapshots;
    const malformedBefore = stats.malformed;
    const updatesBefore = stats.updates;
    try {
      const effects = item.error !== undefined ? this.session.unreadable(item.error, item.at) : this.session.frame(item.text ?? '', item.at);
      this.afterSnapshotWork(snapshotsBefore);
      this.execute(effects);
    } catch (err) {
      // The session never throws by design; if it did, its book cannot be trusted.
      this.session.error(`internal error on a frame: ${describe(err)}`);
      this.fail(`internal error on a frame: ${describe(err)}`);
      return;
    }
    // A requested snapshot says nothing of whether the stream can be read; an update applied, or the stream's own
    // snapshot, does.
    if (stats.malformed > malformedBefore) {
      if (++this.unreadableInRow >= this.opt.downAfterFailures) this.impossible ??= `${this.unreadableInRow} frames in a row could not be read: ${stats.lastError ?? 'malformed'}`;
    } else if (item.source === 'stream' && (stats.updates > updatesBefore || (stats.snapshots > snapshotsBefore && !this.session.snapshotRequested))) {
      this.unreadableInRow = 0;
    }
    if (item.gen !== this.gen) return;
    if (item.source === 'api' && this.request?.via === 'api' && this.session.awaitingSnapshot && stats.errors > errorsBefore) {
      // The WebSocket API refused the request (rate limit, unknown symbol): the session keeps waiting otherwise.
      const url = this.request.url;
      this.request.done = true;
      this.request = undefined;
      this.clearTimer('request');
      this.abandonSnapshot(url, stats.lastError ?? 'the WebSocket API refused the snapshot request');
      this.snapshotFailed(stats.lastError ?? 'the WebSocket API refused the snapshot request');
    }
    this.notify();
  }

  /** Bookkeeping once frames or answers were applied: snapshot success, liveness, the request timer. */
  private afterSnapshotWork(snapshotsBefore: number): void {
    const now = this.clock.now();
    const live = this.session.state === 'live';
    if (this.session.stats.snapshots > snapshotsBefore) {
      if (live) {
        this.snapshotFailures = 0;
        this.snapshotProblem = undefined;
        this.snapshotRetryAt = undefined;
      } else if (this.session.mayRequest) {
        // The snapshot did not bridge to the stream (older than its diffs): ask again, more slowly each time.
        this.snapshotFailures++;
        this.snapshotProblem = this.session.stats.lastResync;
        this.snapshotsFailing();
        this.snapshotRetryAt = this.snapshotFailures > 1 ? now + this.backoff(this.snapshotFailures - 1) : undefined;
        if (this.deferred === undefined && this.snapshotRetryAt === undefined) this.clearTimer('snapshot');
      }
    }
    if (live && this.liveSince === undefined) this.liveSince = now;
    if (live) this.regionHint = undefined;
    if (!this.session.awaitingSnapshot && this.request) {
      this.request.done = true;
      this.request = undefined;
      this.clearTimer('request');
    }
  }

  // ---- effects ---------------------------------------------------------------------------------------------

  private execute(effects: readonly Effect[]): void {
    const gen = this.gen;
    for (const effect of effects) {
      if (gen !== this.gen) return;
      switch (effect.type) {
        case 'send':
          this.sendStream(effect.text);
          break;
        case 'api':
        case 'fetch':
          this.snapshotRequest(effect);
          break;
        case 'reconnect':
          this.fail(`resync: ${effect.reason}`);
          return;
      }
    }
  }

  private sendStream(text: string): void {
    try {
      this.stream?.send(text);
    } catch (err) {
      this.session.error(`send failed: ${describe(err)}`);
    }
  }

  /** Sends a snapshot request now, or when the snapshot backoff (Retry-After, repeated failures) has run out. */
  private snapshotRequest(effect: SnapshotEffect): void {
    const now = this.clock.now();
    if (this.snapshotRetryAt !== undefined && now < this.snapshotRetryAt) {
      this.deferred = effect;
      const gen = this.gen;
      this.setTimer('snapshot', this.snapshotRetryAt - now, () => {
        const pending = this.deferred;
        this.deferred = undefined;
        if (gen === this.gen && pending) this.snapshotRequest(pending);
      });
      this.notify();
      return;
    }
    this.snapshotRetryAt = undefined;
    if (effect.type === 'fetch') this.fetchSnapshot(effect.url);
    else this.sendApi(effect.url, effect.text);
  }

  private startRequest(url: string, via: 'rest' | 'api'): Request {
    const request: Request = { gen: this.gen, url, via, done: false };
    this.request = request;
    this.setTimer('request', this.opt.requestTimeoutMs, () => {
      if (request.done || request.gen !== this.gen) return;
      request.done = true;
      this.request = undefined;
      const what =
        via === 'rest'
          ? `REST snapshot from ${hostOf(url)} timed out after ${seconds(this.opt.requestTimeoutMs)}`
          : `no snapshot from the WebSocket API (${hostOf(url)}) within ${seconds(this.opt.requestTimeoutMs)}`;
      if (via === 'api') this.closeApi();
      this.abandonSnapshot(url, what);
      this.snapshotFailed(what);
      this.notify();
    });
    return request;
  }

  private fetchSnapshot(url: string): void {
    const request = this.startRequest(url, 'rest');
    let answer: Promise<HttpAnswer>;
    try {
      answer = this.transport.fetch(url, this.opt.requestTimeoutMs);
    } catch (err) {
      answer = Promise.reject(err);
    }
    answer.then(
      this.guard((a: HttpAnswer) => {
        if (!this.settle(request)) return;
        this.restAnswer(url, a);
      }),
      this.guard((err: unknown) => {
        if (!this.settle(request)) return;
        this.restRejected(url, err);
      }),
    );
  }

  /** True when this answer is still wanted (not timed out, not from a torn-down connection). */
  private settle(request: Request): boolean {
    if (request.done || request.gen !== this.gen) return false;
    request.done = true;
    if (this.request === request) {
      this.request = undefined;
      this.clearTimer('request');
    }
    return true;
  }

  private restAnswer(url: string, answer: HttpAnswer): void {
    const now = this.clock.now();
    const stats = this.session.stats;
    const host = hostOf(url);
    const status = answer.status;
    if (status === 418 || status === 429) {
      const retryAfter = parseRetryAfter(answer.headers['retry-after'], now);
      this.session.rest(url, status, answer.body, now);
      const what =
        status === 418
          ? `${host} has banned this IP for ignoring rate limits (HTTP 418)`
          : `${host} rate limit reached (HTTP 429)`;
      // A page sees Retry-After only where the venue exposes it (CORS); unseen, wait as a ban at least lasts.
      const delay = retryAfter ?? (status === 418 ? BANNED_WAIT_MS : RATE_LIMITED_WAIT_MS);
      const wait = retryAfter !== undefined ? `; Retry-After ${seconds(retryAfter)}` : `; waiting ${seconds(delay)}`;
      stats.lastError = what + wait;
      this.snapshotFailed(what + wait, delay);
      this.notify();
      return;
    }
    if (status === 451 || status === 403) {
      // 451 is a region refusal by name; a 403 is how Bybit's CDN (and a firewall) turns a region away.
      this.session.rest(url, status, answer.body, now);
      const what =
        (status === 451 ? `${this.protocol.name} refuses this region (HTTP 451 from ${host})` : `${host} forbids access (HTTP 403)`) + refusalText(answer);
      stats.lastError = what;
      this.regionHint = `possibly blocked in your region: HTTP ${status} from ${host}`;
      this.snapshotFailed(what);
      this.notify();
      return;
    }
    const errorsBefore = stats.errors;
    const snapshotsBefore = stats.snapshots;
    const gen = this.gen;
    const effects = this.session.rest(url, status, answer.body, now);
    this.afterSnapshotWork(snapshotsBefore);
    this.respectWeight(answer, now);
    this.execute(effects);
    if (gen !== this.gen) return;
    if (stats.snapshots === snapshotsBefore && !this.session.awaitingSnapshot && this.session.state === 'syncing') {
      let what = stats.errors > errorsBefore && stats.lastError ? stats.lastError : `no snapshot in the answer from ${host}`;
      if (isHtml(answer) && !/HTML/.test(what)) what = `${what}: an HTML page where JSON was due`;
      what = clipText(what);
      stats.lastError = what;
      this.snapshotFailed(what);
    }
    this.notify();
  }

  /** Holds further snapshot requests until the next minute when the venue says its weight is nearly used up. */
  private respectWeight(answer: HttpAnswer, now: number): void {
    const wait = weightWait(this.protocol.id, answer, now);
    if (!wait) return;
    this.snapshotRetryAt = Math.max(this.snapshotRetryAt ?? 0, wait.until);
    this.note = wait.note;
  }

  private restRejected(url: string, err: unknown): void {
    const host = hostOf(url);
    const timeout = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
    if (timeout) {
      const what = `REST snapshot from ${host} timed out after ${seconds(this.opt.requestTimeoutMs)}`;
      this.abandonSnapshot(url, what);
      this.snapshotFailed(what);
    } else if (err instanceof TypeError && this.endpoints.api && this.session.snapshotVia === 'rest') {
      // A page cannot tell a CORS refusal from a network failure; both are worked around the same way.
      const what = `REST ${host} refused by the browser (CORS or network): snapshots now over the WebSocket API`;
      this.abandonSnapshot(url, what);
      this.session.snapshotVia = 'api';
      this.note = what;
      this.execute(this.session.requestSnapshot());
    } else if (err instanceof TypeError) {
      const what = `REST snapshot from ${host} blocked by CORS (or the network failed): ${describe(err)}`;
      this.abandonSnapshot(url, what);
      // The stream is open, so the network is not what failed: the browser refused the answer, and this venue
      // has no WebSocket API to ask instead.
      if (this.phase === 'open') this.impossible ??= `${this.protocol.name}'s REST snapshot refused by the browser (CORS), and it has no other way to send one`;
      this.snapshotFailed(what);
    } else {
      const what = `REST snapshot from ${host} failed: ${describe(err)}`;
      this.abandonSnapshot(url, what);
      this.snapshotFailed(what);
    }
    this.notify();
  }

  /** Tells the session its request will not be answered, so that another may be sent; counts one error. */
  private abandonSnapshot(url: string, reason: string): void {
    if (!this.session.awaitingSnapshot) return;
    this.session.rest(url, 0, '', this.clock.now());
    this.session.stats.lastError = reason;
  }

  /** A snapshot request failed: ask again after a growing backoff, or after Retry-After when longer. */
  private snapshotFailed(reason: string, minDelayMs = 0): void {
    if (this.phase !== 'open') return;
    this.snapshotFailures++;
    this.snapshotProblem = reason;
    this.snapshotsFailing();
    const delay = Math.max(minDelayMs, this.backoff(this.snapshotFailures));
    this.snapshotRetryAt = this.clock.now() + delay;
    const gen = this.gen;
    this.setTimer('snapshot', delay, () => {
      if (gen !== this.gen) return;
      const pending = this.deferred;
      this.deferred = undefined;
      this.snapshotRetryAt = undefined;
      if (pending) this.snapshotRequest(pending);
      else if (this.session.state === 'syncing') this.execute(this.session.requestSnapshot());
      this.notify();
    });
  }

  /** Snapshots failed as often in a row as make the venue 'down': exact sync is impossible for now. */
  private snapshotsFailing(): void {
    if (this.snapshotFailures >= this.opt.downAfterFailures) this.impossible ??= `${this.snapshotFailures} snapshots failed in a row: ${this.snapshotProblem ?? 'no reason given'}`;
  }

  // ---- WebSocket API socket (opened on demand) -------------------------------------------------------------

  private sendApi(url: string, text: string): void {
    this.startRequest(url, 'api');
    if (this.api && this.api.url !== url) this.closeApi();
    if (this.api) {
      if (this.api.open) this.sendOnApi(text);
      else this.api.outbox.push(text);
      return;
    }
    const gen = this.gen;
    let api: ApiSocket | undefined;
    let openedEarly = false;
    const opened = (): void => {
      if (!api || this.api !== api) return;
      api.open = true;
      for (const t of api.outbox.splice(0)) this.sendOnApi(t);
    };
    try {
      const handle = this.transport.connect(url, {
        open: this.guard(() => {
          if (gen !== this.gen) return;
          if (!api) openedEarly = true;
          else opened();
        }),
        message: this.guard((data: string | Uint8Array) => {
          if (gen === this.gen && api && this.api === api) this.receive('api', data, gen);
        }),
        close: this.guard((code: number) => {
          if (gen !== this.gen || !api || this.api !== api) return;
          this.api = undefined;
          this.apiFailed(url, `the WebSocket API (${hostOf(url)}) closed (${code})`);
        }),
      });
      api = { url, handle, open: false, outbox: [text] };
      this.api = api;
      if (openedEarly) opened();
    } catch (err) {
      this.apiFailed(url, `cannot open the WebSocket API (${hostOf(url)}): ${describe(err)}`);
    }
  }

  private sendOnApi(text: string): void {
    try {
      this.api?.handle.send(text);
    } catch (err) {
      this.session.error(`send on the WebSocket API failed: ${describe(err)}`);
    }
  }

  private apiFailed(url: string, what: string): void {
    if (!this.session.awaitingSnapshot || this.request?.via !== 'api') return;
    this.request.done = true;
    this.request = undefined;
    this.clearTimer('request');
    this.abandonSnapshot(url, what);
    this.snapshotFailed(what);
    this.notify();
  }

  private closeApi(): void {
    const api = this.api;
    this.api = undefined;
    try {
      api?.handle.close();
    } catch {
      // already gone
    }
  }

  // ---- status helpers --------------------------------------------------------------------------------------

  private messageRate(now: number): number {
    const from = now - this.opt.rateWindowMs;
    let i = 0;
    while (i < this.frameTimes.length && this.frameTimes[i]! <= from) i++;
    if (i) this.frameTimes.splice(0, i);
    return this.frameTimes.length / (this.opt.rateWindowMs / 1000);
  }

  private notify(): void {
    try {
      this.onChange(this);
    } catch {
      // The listener's failure is not the venue's.
    }
  }

  /** Wraps a callback so that nothing escapes into the worker: errors are counted and shown. */
  private guard<A extends unknown[]>(fn: (...args: A) => void): (...args: A) => void {
    return (...args: A) => {
      try {
        fn(...args);
      } catch (err) {
        try {
          this.session.error(`internal error: ${describe(err)}`);
          this.notify();
        } catch {
          // nothing more can be done
        }
      }
    };
  }
}
