import { OrderBook } from '../book/orderbook';
import type { Effect, Endpoints, Market, VenueMessage, VenueProtocol } from '../venues/types';

type Update = Extract<VenueMessage, { type: 'update' }>;

/** idle: no connection; syncing: waiting for a snapshot; live: the book is exact. */
export type SyncState = 'idle' | 'syncing' | 'live';

export interface FeedStats {
  /** Frames received on the stream (and API) sockets. */
  frames: number;
  snapshots: number;
  /** Updates applied to the book. */
  updates: number;
  /** Updates the venue sent that the snapshot already held (their ids were at or below it). */
  skipped: number;
  checksums: { verified: number; failed: number };
  gaps: number;
  resyncs: number;
  errors: number;
  lastError?: string;
  /** Why the book was last dropped and synced again. */
  lastResync?: string;
  /** Venue's event time of the latest message that carried one, epoch ms. */
  lastEventTime?: number;
  /** Local receive time of the latest applied snapshot or update, epoch ms. */
  lastUpdateAt?: number;
  /** Receive time minus the venue's event time, for the latest message that carried one. */
  latencyMs?: number;
}

export interface SessionOptions {
  readonly endpoints?: Endpoints;
  /** How `request` venues fetch their snapshot: REST, or the venue's WebSocket API where CORS refuses REST. */
  readonly snapshotVia?: 'rest' | 'api';
}

function newStats(): FeedStats {
  return { frames: 0, snapshots: 0, updates: 0, skipped: 0, checksums: { verified: 0, failed: 0 }, gaps: 0, resyncs: 0, errors: 0 };
}

/**
 * One venue's book kept exact: parses frames with the venue's protocol, applies its sync rule, checks its
 * checksums and asks (through effects) for whatever it needs to resync. Pure: no I/O, no timers, the caller
 * passes receive times. The worker and the replay command drive the same class.
 */
export class FeedSession {
  readonly protocol: VenueProtocol;
  readonly market: Market | undefined;
  readonly book: OrderBook;
  readonly stats: FeedStats = newStats();
  state: SyncState = 'idle';
  /** The venue's market name, as the messages spell it. */
  symbol: string | undefined;
  snapshotVia: 'rest' | 'api';
  private readonly endpoints: Endpoints;
  private lastId: number | undefined;
  private firstAfterSnapshot = false;
  private connectionSeq: number | undefined;
  /** Diffs received before a requested snapshot arrives; never dropped, applied once it does. */
  private buffer: Update[] = [];
  private snapshotPending = false;

  constructor(protocol: VenueProtocol, market: Market | undefined, options: SessionOptions = {}) {
    this.protocol = protocol;
    this.market = market;
    this.symbol = market?.symbol;
    this.endpoints = options.endpoints ?? protocol.endpoints;
    this.snapshotVia = options.snapshotVia ?? 'rest';
    this.book = new OrderBook(protocol.depth, protocol.checksum !== undefined);
  }

  /** True while a requested snapshot has not been answered. */
  get awaitingSnapshot(): boolean {
    return this.snapshotPending;
  }

  /** The stream socket is open: subscribe, and ask for a snapshot where the venue serves it apart. */
  open(): Effect[] {
    this.reset();
    this.state = 'syncing';
    const effects: Effect[] = this.market ? this.protocol.subscribe(this.market).map((text) => ({ type: 'send', text })) : [];
    return effects.concat(this.requestSnapshot());
  }

  /** The stream socket closed: the book can no longer be trusted. */
  close(): void {
    this.reset();
    this.state = 'idle';
  }

  /** Asks again for a snapshot (after a failed request); at most one is ever in flight. */
  requestSnapshot(): Effect[] {
    if (this.protocol.snapshotSource !== 'request' || this.snapshotPending || !this.market || !this.protocol.snapshotRequest) return [];
    this.snapshotPending = true;
    return [this.protocol.snapshotRequest(this.market, this.endpoints, this.snapshotVia)];
  }

  /** One frame received on the stream socket or the venue's WebSocket API socket, as text. */
  frame(text: string, now: number): Effect[] {
    this.stats.frames++;
    let messages: VenueMessage[];
    try {
      messages = this.protocol.parse(text);
    } catch (err) {
      this.error(`malformed frame: ${describe(err)}: ${preview(text)}`);
      return [];
    }
    return this.handle(messages, now);
  }

  /** A REST answer to a snapshot request. */
  rest(url: string, status: number, body: string, now: number): Effect[] {
    this.snapshotPending = false;
    if (status < 200 || status > 299) {
      this.error(`HTTP ${status} from ${url}${/^\s*</.test(body) ? ' (HTML page)' : ''}`);
      return [];
    }
    if (!this.protocol.parseRest) {
      this.error(`unexpected REST answer from ${url}`);
      return [];
    }
    let messages: VenueMessage[];
    try {
      messages = this.protocol.parseRest(body);
    } catch (err) {
      this.error(`unreadable REST answer from ${url}: ${/^\s*</.test(body) ? 'an HTML page where JSON was due' : describe(err)}`);
      return [];
    }
    return this.handle(messages, now);
  }

  /** Counts an error the caller saw (a refused request, a timeout), so it shows in this venue's status. */
  error(message: string): void {
    this.stats.errors++;
    this.stats.lastError = message;
  }

  private reset(): void {
    this.book.clear();
    this.buffer = [];
    this.lastId = undefined;
    this.connectionSeq = undefined;
    this.firstAfterSnapshot = false;
    this.snapshotPending = false;
  }

  private handle(messages: VenueMessage[], now: number): Effect[] {
    const effects: Effect[] = [];
    for (const m of messages) {
      if ('seq' in m && m.seq !== undefined) {
        const expected = this.connectionSeq === undefined ? undefined : this.connectionSeq + 1;
        this.connectionSeq = m.seq;
        if (expected !== undefined && m.seq !== expected) {
          this.stats.gaps++;
          effects.push(...this.resync(`gap: message ${m.seq} after ${expected - 1}`));
          if (m.type !== 'snapshot') continue;
        }
      }
      if ('time' in m && m.time !== undefined) {
        this.stats.lastEventTime = m.time;
        this.stats.latencyMs = now - m.time;
      }
      switch (m.type) {
        case 'snapshot':
          effects.push(...this.applySnapshot(m, now));
          break;
        case 'update':
          effects.push(...this.receiveUpdate(m, now));
          break;
        case 'ping':
          effects.push({ type: 'send', text: m.reply });
          break;
        case 'error':
          this.error(`${this.protocol.name} says: ${m.message}`);
          if (m.fatal) this.snapshotPending = false;
          break;
        case 'heartbeat':
        case 'pong':
        case 'info':
          break;
      }
    }
    return effects;
  }

  private applySnapshot(m: Extract<VenueMessage, { type: 'snapshot' }>, now: number): Effect[] {
    if (m.symbol && !this.symbol) this.symbol = m.symbol;
    this.snapshotPending = false;
    try {
      this.book.snapshot(m.bids, m.asks);
    } catch (err) {
      return this.invalid(err);
    }
    this.stats.snapshots++;
    this.stats.lastUpdateAt = now;
    this.lastId = m.last;
    this.firstAfterSnapshot = true;
    this.state = 'live';
    const effects = this.verify(m.checksum);
    if (this.state !== 'live') return effects;
    const pending = this.buffer;
    this.buffer = [];
    for (let i = 0; i < pending.length; i++) {
      effects.push(...this.receiveUpdate(pending[i]!, now));
      if (this.state !== 'live') {
        this.buffer.push(...pending.slice(i + 1));
        break;
      }
    }
    return effects;
  }

  private receiveUpdate(u: Update, now: number): Effect[] {
    if (u.symbol && !this.symbol) this.symbol = u.symbol;
    if (this.state !== 'live') {
      if (this.protocol.snapshotSource === 'request') this.buffer.push(u);
      else this.stats.skipped++;
      return [];
    }
    const verdict = this.protocol.sequence ? this.protocol.sequence(this.lastId, u, this.firstAfterSnapshot) : 'apply';
    if (verdict === 'skip') {
      this.stats.skipped++;
      return [];
    }
    if (verdict === 'gap') {
      const ids = `${u.prev ?? u.first ?? '?'}..${u.last ?? '?'}`;
      if (this.firstAfterSnapshot && this.protocol.snapshotSource === 'request') {
        // The snapshot is older than the stream's first buffered diff: only a newer snapshot can bridge it.
        return this.resync(`snapshot ${this.lastId} older than the stream (${ids})`, u);
      }
      this.stats.gaps++;
      return this.resync(`gap: update ${ids} after ${this.lastId}`, u);
    }
    try {
      this.book.update(u.bids, u.asks);
    } catch (err) {
      return this.invalid(err);
    }
    if (u.last !== undefined) this.lastId = u.last;
    this.firstAfterSnapshot = false;
    this.stats.updates++;
    this.stats.lastUpdateAt = now;
    return this.verify(u.checksum);
  }

  private verify(checksum: number | undefined): Effect[] {
    if (checksum === undefined || !this.protocol.checksum) return [];
    if (this.protocol.checksum(this.book) === checksum) {
      this.stats.checksums.verified++;
      return [];
    }
    this.stats.checksums.failed++;
    return this.resync(`checksum mismatch (venue ${checksum})`);
  }

  private invalid(err: unknown): Effect[] {
    this.error(`invalid book data: ${describe(err)}`);
    return this.resync(`invalid book data: ${describe(err)}`);
  }

  /**
   * Drops the book and asks for a fresh one. `keep` is a diff that arrived after the break: for venues whose
   * snapshot comes apart it is buffered for the next snapshot, which may still need it.
   */
  private resync(reason: string, keep?: Update): Effect[] {
    this.stats.resyncs++;
    this.stats.lastResync = reason;
    this.book.clear();
    this.state = 'syncing';
    this.lastId = undefined;
    this.firstAfterSnapshot = false;
    if (this.protocol.snapshotSource === 'request') {
      this.buffer = keep ? [keep] : [];
      return this.requestSnapshot();
    }
    this.buffer = [];
    if (this.market && this.protocol.resubscribe) {
      return this.protocol.resubscribe(this.market).map((text) => ({ type: 'send', text }) as const);
    }
    return [{ type: 'reconnect', reason }];
  }
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function preview(text: string): string {
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}
