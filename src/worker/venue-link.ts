import { FeedSession } from '../feed/session';
import { clipText } from '../feed/text';
import type { ReceivedTrade, TradeStats } from '../trades/types';
import type { Effect, Endpoints, Market, VenueProtocol } from '../venues/types';
import { ALTERNATIVE_HOSTS, type AlternativeHost } from './alternative-hosts';
import { ApiSocket } from './api-socket';
import { InboundQueue } from './inbound-queue';
import { LinkContext } from './link-context';
import { LinkHealth } from './link-health';
import { CONNECTION_AGE_LIMIT_MS, linkSettings, type VenueLinkOptions } from './link-options';
import { linkStatus, type Phase } from './link-status';
import { RestSnapshots } from './rest-snapshot';
import { SessionDriver } from './session-driver';
import { SnapshotRequests } from './snapshot-requests';
import type { VenueStatus } from './status';
import { hostOf, seconds } from './status-text';
import { StreamSocket } from './stream-socket';
import { StreamWatch } from './stream-watch';
import type { Clock, Transport } from './transport';

/** A link's options, and what its socket carries. */
export interface VenueLinkRole extends VenueLinkOptions {
  /**
   * The socket carries the market's trades alone (Binance USD-M's `/market`), no book: open and subscribed is as
   * live as it gets, and it counts as such for its status and for forgiving its failures after a healthy spell.
   */
  readonly tradesOnly?: boolean;
}

/**
 * One venue's connection lifecycle for one market, in the worker: connects, subscribes, keeps the socket alive,
 * watches for silence, reconnects with capped exponential backoff and jitter (never giving up while started),
 * takes snapshots politely (one in flight, Retry-After honoured, growing backoff), and reports a truthful status.
 * The book itself is `session.book`, kept exact by the pure FeedSession; this class only does the I/O and timing:
 * the connection's lifecycle here, the rest in the parts it is built of. No handler ever throws: errors are
 * counted and shown in the status.
 *
 * With `shareStream`, a market of a multiplexed protocol rides the socket the venue's other markets share
 * (SharedSockets under the transport): it subscribes once the socket is open (at once if it already is), leaves
 * with the protocol's unsubscribe frames and detaches where it would close the socket (stop, resync, silence), so
 * the others' books never notice, and fails with them, each on its own backoff, when the socket itself drops.
 */
export class VenueLink {
  readonly protocol: VenueProtocol;
  readonly market: Market | undefined;
  readonly session: FeedSession;
  readonly endpoints: Endpoints;
  private readonly ctx: LinkContext;
  private readonly maxAgeMs: number | undefined;
  /** The stream is asked for on the socket the venue's other markets share. */
  private readonly sharedStream: boolean;
  /** The alternative host in use, by the user's choice. */
  private readonly onAlternative: AlternativeHost | undefined;
  private readonly tradesOnly: boolean;

  private readonly health = new LinkHealth();
  private readonly stream: StreamSocket;
  private readonly watch: StreamWatch;
  private readonly inbound: InboundQueue;
  private readonly driver: SessionDriver;
  private readonly snapshots: SnapshotRequests;
  private readonly rest: RestSnapshots;
  private readonly api: ApiSocket;
  private phase: Phase = 'stopped';

  constructor(
    protocol: VenueProtocol,
    market: Market | undefined,
    transport: Transport,
    clock: Clock,
    options: VenueLinkRole = {},
    onChange: (link: VenueLink) => void = () => {},
  ) {
    this.protocol = protocol;
    this.market = market;
    this.tradesOnly = options.tradesOnly === true;
    this.onAlternative = options.useAlternativeHost ? ALTERNATIVE_HOSTS[protocol.id] : undefined;
    this.endpoints = options.endpoints ?? this.onAlternative?.endpoints ?? protocol.endpoints;
    if (this.onAlternative) this.health.note = `connected to ${this.onAlternative.name} (${hostOf(this.endpoints.stream)}), by choice`;
    this.maxAgeMs = options.maxConnectionAgeMs ?? CONNECTION_AGE_LIMIT_MS[protocol.id];
    const snapshotVia = options.snapshotVia === 'api' && this.endpoints.api ? 'api' : 'rest';
    // A market can leave a shared socket only where the protocol says how.
    this.sharedStream = options.shareStream === true && protocol.multiplex === true && protocol.unsubscribe !== undefined;
    this.session = new FeedSession(protocol, market, { endpoints: this.endpoints, snapshotVia, sharedSocket: this.sharedStream });
    if (!market || (this.onAlternative && !this.onAlternative.symbols.includes(market.symbol))) this.phase = 'unlisted';

    const ctx = new LinkContext(this.session, clock, linkSettings(options), () => onChange(this));
    this.ctx = ctx;
    const isOpen = (): boolean => this.phase === 'open';
    const fail = (reason: string): void => this.fail(reason);
    const send = (text: string): void => this.stream.send(text);
    const execute = (effects: readonly Effect[]): void => this.driver.execute(effects);
    this.stream = new StreamSocket(
      ctx,
      transport,
      {
        opened: () => this.opened(),
        message: (data, gen) => this.receive('stream', data, gen),
        closed: (code, reason) => this.closed(code, reason),
        failed: fail,
      },
      this.sharedStream,
    );
    this.watch = new StreamWatch(ctx, { isOpen, dead: fail, send });
    this.inbound = new InboundQueue(ctx, {
      apply: (item) => this.driver.apply(item),
      overflow: (what) => {
        this.session.error(what);
        this.fail(what);
      },
    });
    this.api = new ApiSocket(ctx, transport, {
      message: (data, gen) => this.receive('api', data, gen),
      failed: (what) => {
        if (this.snapshots.apiFailed(what)) ctx.notify();
      },
    });
    this.snapshots = new SnapshotRequests(ctx, this.health, {
      fetch: (url, request) => this.rest.fetch(url, request),
      api: (url, text) => this.api.send(url, text),
      closeApi: () => this.api.close(),
      isOpen,
      execute,
    });
    this.driver = new SessionDriver(ctx, this.health, this.snapshots, { send, fail, heard: (at) => this.watch.frame(at) });
    this.rest = new RestSnapshots(ctx, transport, this.snapshots, {
      protocol,
      endpoints: this.endpoints,
      health: this.health,
      isOpen,
      execute,
      applied: (snapshotsBefore) => this.driver.applied(snapshotsBefore),
    });
  }

  /** Starts (or restarts after stop) the connection; the link then keeps it up until stopped. */
  start(): void {
    this.ctx.guard(() => {
      if (this.phase !== 'stopped') return;
      this.health.started();
      this.connect();
    })();
  }

  /** Closes everything; the venue shows as disabled and its book empties. */
  stop(): void {
    this.ctx.guard(() => {
      if (this.phase === 'unlisted') return;
      this.teardown();
      this.session.close();
      this.phase = 'stopped';
      this.health.reason = undefined;
      this.health.nextAttemptAt = undefined;
      this.ctx.notify();
    })();
  }

  /**
   * Set once exact sync is impossible for now, saying why: the snapshot refused by the browser with no other way to
   * ask for it, snapshots failing `downAfterFailures` times in a row, or as many frames in a row that cannot be read.
   * The link goes on retrying as before; whoever owns it may switch to the venue's partial-depth channel.
   */
  get exactImpossible(): string | undefined {
    return this.health.impossible;
  }

  /** Resolves once every received frame (binary ones decode asynchronously) has been applied. */
  idle(): Promise<void> {
    return this.inbound.idle();
  }

  /** The market's trades received since the last call, each once (the session's numbering leaves repeats out). */
  takeTrades(): ReceivedTrade[] {
    return this.session.takeTrades();
  }

  tradeStats(): TradeStats {
    return this.session.stats.trades;
  }

  status(): VenueStatus {
    const { protocol, market, onAlternative, phase, session, health, snapshots, watch } = this;
    const status = linkStatus({ protocol, market, onAlternative, phase, session, settings: this.ctx.settings, health, snapshots, watch }, this.ctx.clock.now());
    // With no book to wait for, an open socket that is not silent is live.
    return this.tradesOnly && status.state === 'syncing' ? { ...status, state: 'live', reason: undefined } : status;
  }

  // ---- connection ------------------------------------------------------------------------------------------

  private connect(): void {
    const market = this.market;
    if (!market) return;
    const { ctx } = this;
    ctx.gen++;
    const gen = ctx.gen;
    this.health.connecting();
    this.phase = 'connecting';
    this.watch.stale = false;
    const url = this.protocol.streamUrl(market, this.endpoints);
    const timeoutMs = ctx.settings.connectTimeoutMs;
    ctx.setTimer('connect', timeoutMs, () => {
      if (gen === ctx.gen && this.phase === 'connecting') {
        this.fail(`no answer from ${hostOf(url)} within ${seconds(timeoutMs)} (connect timeout)`);
      }
    });
    if (this.stream.open(url)) ctx.notify();
  }

  private opened(): void {
    if (this.phase !== 'connecting') return;
    const { ctx } = this;
    const now = ctx.clock.now();
    ctx.clearTimer('connect');
    this.phase = 'open';
    this.health.opened(this.session.stats.resyncs);
    this.watch.lastFrameAt = now;
    this.snapshots.opened();
    this.driver.execute(this.session.open());
    if (this.tradesOnly) this.health.live(now);
    this.watch.start(this.protocol.keepalive);
    if (this.maxAgeMs !== undefined) {
      const margin = Math.min(ctx.settings.plannedReconnectMarginMs, this.maxAgeMs / 10);
      const gen = ctx.gen;
      // The venue counts the socket's age, which on a shared socket began before this link joined it.
      const openedAt = this.stream.sharedSince ?? now;
      ctx.setTimer('age', openedAt + this.maxAgeMs - margin - now, () => {
        if (gen === ctx.gen) this.plannedReconnect();
      });
    }
    ctx.notify();
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
    const { ctx } = this;
    const now = ctx.clock.now();
    this.health.handshake(handshakeRefused);
    this.teardown();
    this.session.close();
    const delay = ctx.backoff(this.health.failed(now, ctx.settings.healthyAfterMs));
    this.phase = 'waiting';
    this.health.reason = reason;
    this.health.nextAttemptAt = now + delay;
    ctx.setTimer('retry', delay, () => this.connect());
    ctx.notify();
  }

  private plannedReconnect(): void {
    // Every market on a shared socket reaches its age together: the first opens a new socket, the rest join it.
    this.stream.retire();
    this.teardown();
    this.session.close();
    this.health.reason = `planned reconnect before ${this.protocol.name}'s ${seconds(this.maxAgeMs ?? 0)} connection limit`;
    this.connect();
  }

  /** Closes the sockets and stops the timers; events from them are ignored from here on. */
  private teardown(): void {
    this.ctx.gen++;
    this.ctx.clearTimers();
    this.snapshots.clear();
    this.watch.stale = false;
    this.inbound.clear();
    this.stream.close(this.farewell());
    this.api.close();
  }

  /** The frames that end this market's subscription on a shared socket, which stays open for the others. */
  private farewell(): string[] {
    if (!this.sharedStream || this.phase !== 'open' || !this.market) return [];
    return this.protocol.unsubscribe?.(this.market) ?? [];
  }

  private receive(source: 'stream' | 'api', data: string | Uint8Array, gen: number): void {
    this.inbound.push(gen, source, this.ctx.clock.now(), data);
  }
}
