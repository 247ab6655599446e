import { InvalidBookData } from '../book/levels';
import { OrderBook } from '../book/orderbook';
import type { Effect, Endpoints, Market, VenueMessage, VenueProtocol } from '../venues/types';
import { clipText } from './text';
import { TradeSequence, newTradeStats } from '../trades/sequence';
import type { ReceivedTrade, TradeStats } from '../trades/types';

type Update = Extract<VenueMessage, { type: 'update' }>;

/** idle: no connection; syncing: waiting for a snapshot; live: the book is exact. */
export type SyncState = 'idle' | 'syncing' | 'live';

/**
 * Why a book was dropped and synced again:
 * - gap: ids or a message counter skipped ahead; backwards: ids went back (a venue restart) or never caught up
 *   with the snapshot; stale-snapshot: the snapshot is older than the stream it must join;
 * - checksum: the venue's checksum disagrees; crossed: best bid at or above best ask;
 * - invalid: a number outside the grammar or a price twice in one snapshot; malformed: an unreadable frame,
 *   which may have been an update;
 * - range: the market moved out of the prices a partial snapshot covered; overflow: too many updates waited
 *   for a snapshot.
 */
export type ResyncReason = 'gap' | 'backwards' | 'stale-snapshot' | 'checksum' | 'crossed' | 'invalid' | 'malformed' | 'range' | 'overflow';

export interface FeedStats {
  /**
   * Frames received on the stream (and API) sockets; on a socket shared with other markets, those about this market
   * or about none (their own are `foreign`).
   */
  frames: number;
  snapshots: number;
  /** Updates applied to the book. */
  updates: number;
  /** Updates the venue sent that the snapshot already held (their ids were at or below it). */
  skipped: number;
  /**
   * Messages about another market than the subscribed one: counted, never applied. On a socket of its own that is
   * the venue's mistake and an error too; on a shared socket it is the other markets' traffic.
   */
  foreign: number;
  /** Frames that could not be read. */
  malformed: number;
  /** Snapshots and updates with a number outside the grammar, or a price twice in one snapshot. */
  invalid: number;
  /** Times the venue's own book came out crossed (best bid at or above best ask). */
  crossed: number;
  /** Level changes beyond the prices a partial snapshot covered, left out of the book. */
  outOfRange: number;
  /** Times the updates waiting for a snapshot passed their cap and were dropped. */
  overflow: number;
  checksums: { verified: number; failed: number };
  gaps: number;
  resyncs: number;
  resyncReasons: Partial<Record<ResyncReason, number>>;
  errors: number;
  /** The market's public trades: taken, repeats left out, jumps in the venue's numbering. */
  trades: TradeStats;
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
  /** The stream socket is shared with the venue's other markets (a multiplexed protocol): their messages come too. */
  readonly sharedSocket?: boolean;
}

function newStats(): FeedStats {
  return {
    frames: 0,
    snapshots: 0,
    updates: 0,
    skipped: 0,
    foreign: 0,
    malformed: 0,
    invalid: 0,
    crossed: 0,
    outOfRange: 0,
    overflow: 0,
    checksums: { verified: 0, failed: 0 },
    gaps: 0,
    resyncs: 0,
    resyncReasons: {},
    errors: 0,
    trades: newTradeStats(),
  };
}

/**
 * Levels the updates waiting for a snapshot may hold, all told: a minute of a busy market at most. Past it they
 * are dropped, and the snapshot, when it comes, is joined to what arrives after (or replaced by a newer one).
 */
export const MAX_PENDING_LEVELS = 20_000;
/**
 * Updates the stream may send after a snapshot that the snapshot already holds. A REST snapshot runs a little
 * ahead of the stream; a stream that stays behind for this many updates restarted its ids below the snapshot.
 */
export const MAX_SKIPPED_AFTER_SNAPSHOT = 300;
/** Share of a partial snapshot's depth below which the covered part of a side is too thin to show. */
const THIN_COVERAGE = 0.1;
/**
 * A second resync this soon after the last one reconnects instead (with the link's backoff), so that a venue
 * whose stream keeps failing a check is not asked for a fresh book on every frame.
 */
const RESYNC_STORM_MS = 2_000;
/** Trades a session holds until they are taken: a few seconds of the busiest market's tape at ten times its rate. */
export const MAX_UNREAD_TRADES = 50_000;
/** Characters kept of any text that came from outside. */
const TEXT_LIMIT = 300;

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
  private readonly sharedSocket: boolean;
  private lastId: number | undefined;
  private firstAfterSnapshot = false;
  /** The book's snapshot answered a request (REST or WebSocket API) rather than coming on the stream. */
  snapshotRequested = false;
  private connectionSeq: number | undefined;
  /** Reads the current connection's frames: the protocol's own reader of one connection, where it keeps one. */
  private read: (text: string) => VenueMessage[];
  /** Diffs received before a requested snapshot arrives; never dropped, applied once it does. */
  private buffer: Update[] = [];
  private pendingLevels = 0;
  private snapshotPending = false;
  /** Updates skipped in a row since the last snapshot, and the last id among them, to tell a restart. */
  private skippedInRow = 0;
  private lastSkippedId: number | undefined;
  private lastResyncAt = -Infinity;
  /**
   * The newest id among the updates a resync threw away (those the book held, or waited with): a snapshot
   * requested before them cannot hold them, and joined to what comes after it would miss them.
   */
  private newestDropped: number | undefined;
  /** Repeats and jumps in the trades' numbering; kept across reconnects, which is when venues repeat trades. */
  private readonly tradeSequence: TradeSequence;
  private unreadTrades: ReceivedTrade[] = [];

  constructor(protocol: VenueProtocol, market: Market | undefined, options: SessionOptions = {}) {
    this.protocol = protocol;
    this.market = market;
    this.symbol = market?.symbol;
    this.endpoints = options.endpoints ?? protocol.endpoints;
    this.snapshotVia = options.snapshotVia ?? 'rest';
    this.sharedSocket = options.sharedSocket ?? false;
    this.read = this.newReader();
    this.book = new OrderBook(protocol.depth, protocol.checksum !== undefined);
    this.tradeSequence = new TradeSequence(this.stats.trades);
  }

  /** The trades received since the last call, oldest first, in the venue's units. */
  takeTrades(): ReceivedTrade[] {
    const taken = this.unreadTrades;
    this.unreadTrades = [];
    return taken;
  }

  /** True while a requested snapshot has not been answered. */
  get awaitingSnapshot(): boolean {
    return this.snapshotPending;
  }

  /** The stream socket is open: subscribe, and ask for a snapshot where the venue serves it apart. */
  open(): Effect[] {
    this.reset();
    this.read = this.newReader();
    this.state = 'syncing';
    const effects: Effect[] = this.market ? this.protocol.subscribe(this.market).map((text) => ({ type: 'send', text })) : [];
    return this.protocol.snapshotSource === 'request' ? effects.concat(this.requestSnapshot()) : effects;
  }

  /** The stream socket closed: the book can no longer be trusted. */
  close(): void {
    this.reset();
    this.state = 'idle';
  }

  /** Asks again for a snapshot (after a failed request); at most one is ever in flight. */
  requestSnapshot(): Effect[] {
    if (!this.mayRequest || this.snapshotPending || !this.market || !this.protocol.snapshotRequest) return [];
    this.snapshotPending = true;
    return [this.protocol.snapshotRequest(this.market, this.endpoints, this.snapshotVia)];
  }

  /** One frame received on the stream socket or the venue's WebSocket API socket, as text. */
  frame(text: string, now: number): Effect[] {
    let messages: VenueMessage[];
    try {
      messages = this.read(text);
    } catch (err) {
      return this.unreadable(`malformed frame: ${describe(err)}: ${preview(text)}`, now);
    }
    const foreignBefore = this.stats.foreign;
    const effects = this.handle(messages, now, this.protocol.snapshotSource === 'request');
    // On a shared socket a frame wholly about other markets is theirs, not one of this market's.
    if (!this.sharedSocket || !messages.length || this.stats.foreign - foreignBefore < messages.length) this.stats.frames++;
    return effects;
  }

  /**
   * A frame that arrived but cannot be read (unparseable, or a binary frame that would not decompress): it may
   * have been an update, so the book is synced again.
   */
  unreadable(what: string, now: number): Effect[] {
    this.stats.frames++;
    this.stats.malformed++;
    this.error(what);
    return this.resync('malformed', what, now);
  }

  /** A REST answer to a snapshot request. */
  rest(url: string, status: number, body: string, now: number): Effect[] {
    this.snapshotPending = false;
    // The stream's own snapshot came first: the book is live on it, and the stream has moved on past the answer.
    if (this.protocol.snapshotSource === 'stream' && this.state === 'live') return [];
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
    return this.handle(messages, now, true);
  }

  /** Counts an error the caller saw (a refused request, a timeout), so it shows in this venue's status. */
  error(message: string): void {
    this.stats.errors++;
    this.stats.lastError = clipText(message, TEXT_LIMIT);
  }

  /** The venue's snapshot can be asked for: it always comes apart, or the stream may not send one. */
  get mayRequest(): boolean {
    return this.protocol.snapshotSource === 'request' || this.protocol.snapshotMayBeMissing === true;
  }

  private newReader(): (text: string) => VenueMessage[] {
    const protocol = this.protocol;
    return protocol.connectionParser?.() ?? ((text) => protocol.parse(text));
  }

  private reset(): void {
    this.book.clear();
    this.buffer = [];
    this.pendingLevels = 0;
    this.lastId = undefined;
    this.connectionSeq = undefined;
    this.firstAfterSnapshot = false;
    this.snapshotRequested = false;
    this.snapshotPending = false;
    this.skippedInRow = 0;
    this.lastSkippedId = undefined;
    this.newestDropped = undefined;
  }

  /**
   * A message that names another market than this session's: it says nothing about this one, so nothing was missed.
   * Counted as foreign, and as an error unless the socket is shared, where other markets' messages are normal.
   */
  private aboutAnother(m: VenueMessage): boolean {
    const symbol = 'symbol' in m ? m.symbol : undefined;
    if (symbol === undefined || symbol === this.symbol) return false;
    if (this.symbol === undefined) {
      // A replay that does not know its market takes the first book message's.
      if (m.type === 'snapshot' || m.type === 'update') this.symbol = symbol;
      return false;
    }
    this.stats.foreign++;
    if (!this.sharedSocket) this.error(`${this.protocol.name} sent ${m.type === 'snapshot' ? 'a snapshot' : m.type === 'update' ? 'an update' : 'a message'} for ${symbol}, not ${this.symbol}: left out`);
    return true;
  }

  /** `requested`: the messages answer a snapshot request, rather than coming on the stream in its order. */
  private handle(messages: VenueMessage[], now: number, requested: boolean): Effect[] {
    const effects: Effect[] = [];
    for (const m of messages) {
      if ('seq' in m && m.seq !== undefined) {
        const expected = this.connectionSeq === undefined ? undefined : this.connectionSeq + 1;
        this.connectionSeq = m.seq;
        if (expected !== undefined && m.seq !== expected) {
          this.stats.gaps++;
          effects.push(...this.resync('gap', `gap: message ${m.seq} after ${expected - 1}`, now));
          // The book must start again; trades that arrived are still trades.
          if (m.type !== 'snapshot' && m.type !== 'trades') continue;
        }
      }
      if (this.aboutAnother(m)) continue;
      if ('time' in m && m.time !== undefined) {
        this.stats.lastEventTime = m.time;
        this.stats.latencyMs = now - m.time;
      }
      switch (m.type) {
        case 'snapshot':
          effects.push(...this.applySnapshot(m, now, requested));
          break;
        case 'update':
          effects.push(...this.receiveUpdate(m, now));
          break;
        case 'trades':
          this.receiveTrades(m, now);
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

  /** Trades are not the book's: a book resyncing or not yet live still takes them, each once. */
  private receiveTrades(m: Extract<VenueMessage, { type: 'trades' }>, now: number): void {
    const symbol = m.symbol ?? this.symbol;
    for (const t of m.trades) {
      if (!this.tradeSequence.admit(t)) continue;
      this.unreadTrades.push({ ...t, symbol, receivedAt: now });
    }
    const over = this.unreadTrades.length - MAX_UNREAD_TRADES;
    if (over > 0) {
      this.unreadTrades.splice(0, over);
      this.stats.trades.unread += over;
    }
  }

  private applySnapshot(m: Extract<VenueMessage, { type: 'snapshot' }>, now: number, requested: boolean): Effect[] {
    if (!requested && this.protocol.snapshotMayBeMissing && !m.bids.length && !m.asks.length) {
      // Nothing on either side: no market looks like that, a stream that has stopped sending its snapshot may.
      // Shown live it would be a partial book; the updates that follow are held for a snapshot asked for instead.
      return this.requestSnapshot();
    }
    this.snapshotPending = false;
    if (requested && this.newestDropped !== undefined && m.last !== undefined && m.last < this.newestDropped) {
      // Asked for before a resync threw updates away: it cannot hold them, so a newer one is needed.
      return this.resync('stale-snapshot', `snapshot ${m.last} older than updates already dropped (${this.newestDropped})`, now);
    }
    try {
      this.book.snapshot(m.bids, m.asks);
    } catch (err) {
      return this.invalid(err, now);
    }
    this.book.coverage = this.coverage(m);
    this.stats.snapshots++;
    this.stats.lastUpdateAt = now;
    this.lastId = m.last;
    this.firstAfterSnapshot = true;
    this.snapshotRequested = requested;
    this.skippedInRow = 0;
    this.lastSkippedId = undefined;
    this.state = 'live';
    this.newestDropped = undefined;
    if (!requested) {
      // Held for a snapshot asked for, they came before this one on the same stream: it holds them all.
      this.stats.skipped += this.buffer.length;
      this.buffer = [];
      this.pendingLevels = 0;
    }
    const effects = this.check(m.checksum, now);
    if (this.state !== 'live') return effects;
    const pending = this.buffer;
    this.buffer = [];
    this.pendingLevels = 0;
    for (let i = 0; i < pending.length; i++) {
      effects.push(...this.receiveUpdate(pending[i]!, now, true));
      if (this.state !== 'live') {
        for (const u of pending.slice(i + 1)) this.hold(u, now);
        break;
      }
    }
    return effects;
  }

  /**
   * The prices a snapshot covered, when the venue cut it at the depth asked for: a side that came back with
   * fewer levels than that holds the venue's whole side, and covers every price.
   */
  private coverage(m: Extract<VenueMessage, { type: 'snapshot' }>): OrderBook['coverage'] {
    const asked = this.protocol.snapshotLevels;
    if (asked === undefined) return undefined;
    const bids = this.book.bids;
    const asks = this.book.asks;
    const bidCut = m.bids.length >= asked && bids.length > 0;
    const askCut = m.asks.length >= asked && asks.length > 0;
    if (!bidCut && !askCut) return undefined;
    return {
      bidFloor: bidCut ? bids.priceAt(bids.length - 1)! : -Infinity,
      askCeiling: askCut ? asks.priceAt(asks.length - 1)! : Infinity,
    };
  }

  /**
   * Keeps an update for the snapshot being waited for. Past MAX_PENDING_LEVELS what was kept is dropped: the
   * snapshot then joins what arrives from here on, or is found older than it and replaced.
   */
  private hold(u: Update, now: number): Effect[] {
    const levels = u.bids.length + u.asks.length;
    let effects: Effect[] = [];
    if (this.buffer.length && this.pendingLevels + levels > MAX_PENDING_LEVELS) {
      this.stats.overflow++;
      effects = this.resync('overflow', `more than ${MAX_PENDING_LEVELS.toLocaleString('en-US')} levels waited for a snapshot: dropped them`, now);
    }
    this.buffer.push(u);
    this.pendingLevels += levels;
    return effects;
  }

  /** `buffered`: the update was held for the snapshot just applied, rather than received now. */
  private receiveUpdate(u: Update, now: number, buffered = false): Effect[] {
    if (this.state !== 'live') {
      if (this.protocol.snapshotSource === 'request') return this.hold(u, now);
      // An update before any snapshot: the stream sends none, so one is asked for (once) and this update held.
      if (this.protocol.snapshotMayBeMissing) return this.hold(u, now).concat(this.requestSnapshot());
      this.stats.skipped++;
      return [];
    }
    const verdict = this.protocol.sequence ? this.protocol.sequence(this.lastId, u, this.firstAfterSnapshot) : 'apply';
    const ids = `${u.prev ?? u.first ?? '?'}..${u.last ?? '?'}`;
    if (verdict === 'skip') return this.skip(u, ids, now, buffered);
    if (verdict === 'backwards') return this.wentBack(ids, now);
    if (verdict === 'gap') {
      if (this.firstAfterSnapshot && this.snapshotRequested) {
        // The snapshot is older than the stream's first buffered diff: only a newer snapshot can bridge it.
        return this.resync('stale-snapshot', `snapshot ${this.lastId} older than the stream (${ids})`, now, u);
      }
      this.stats.gaps++;
      return this.resync('gap', `gap: update ${ids} after ${this.lastId}`, now, u);
    }
    let outside: number;
    try {
      outside = this.book.update(u.bids, u.asks);
    } catch (err) {
      return this.invalid(err, now);
    }
    if (u.last !== undefined) this.lastId = u.last;
    this.firstAfterSnapshot = false;
    this.stats.updates++;
    this.stats.lastUpdateAt = now;
    if (outside > 0) {
      this.stats.outOfRange += outside;
      if (this.thin()) return this.resync('range', `the market moved out of the ${this.protocol.snapshotLevels} levels the snapshot covered`, now);
    }
    return this.check(u.checksum, now);
  }

  /**
   * An update the snapshot already held. Within a stream the ids only grow: one lower than the update skipped
   * before it, or a stream that never catches up with the snapshot, means the venue restarted its ids.
   */
  private skip(u: Update, ids: string, now: number, buffered: boolean): Effect[] {
    const last = u.last ?? 0;
    const back = this.lastSkippedId !== undefined && last <= this.lastSkippedId;
    this.lastSkippedId = last;
    if (!buffered) this.skippedInRow++;
    if (back) return this.wentBack(ids, now);
    if (this.skippedInRow > MAX_SKIPPED_AFTER_SNAPSHOT) {
      return this.resync('backwards', `${MAX_SKIPPED_AFTER_SNAPSHOT} updates after the snapshot stayed behind it (${ids} after ${this.lastId})`, now);
    }
    this.stats.skipped++;
    return [];
  }

  private wentBack(ids: string, now: number): Effect[] {
    return this.resync('backwards', `ids went back: update ${ids} after ${this.lastId} (a venue restart?)`, now);
  }

  /** A side that a partial snapshot cut has too few covered levels left to stand for the venue's book. */
  private thin(): boolean {
    const coverage = this.book.coverage;
    const asked = this.protocol.snapshotLevels;
    if (!coverage || asked === undefined) return false;
    const least = asked * THIN_COVERAGE;
    return (coverage.bidFloor > -Infinity && this.book.bids.length < least) || (coverage.askCeiling < Infinity && this.book.asks.length < least);
  }

  /** The checks every snapshot and update must pass: the venue's checksum, then a book that is not crossed. */
  private check(checksum: number | undefined, now: number): Effect[] {
    if (checksum !== undefined && this.protocol.checksum) {
      if (this.protocol.checksum(this.book) === checksum) {
        this.stats.checksums.verified++;
      } else {
        this.stats.checksums.failed++;
        return this.resync('checksum', `checksum mismatch (venue ${checksum})`, now);
      }
    }
    if (this.book.crossed) {
      this.stats.crossed++;
      return this.resync('crossed', `crossed book: best bid ${this.book.bids.priceTextAt(0)} ≥ best ask ${this.book.asks.priceTextAt(0)}`, now);
    }
    return [];
  }

  /**
   * Remembers the newest id a resync throws away, for venues whose snapshot comes apart from the stream. After
   * ids went back the old ones mean nothing: the venue restarted, and its new snapshots are numbered lower.
   */
  private noteDropped(reason: ResyncReason): void {
    if (!this.mayRequest || reason === 'backwards') {
      this.newestDropped = undefined;
      return;
    }
    let newest = this.state === 'live' ? this.lastId : undefined;
    for (const u of this.buffer) if (u.last !== undefined && (newest === undefined || u.last > newest)) newest = u.last;
    if (newest !== undefined && (this.newestDropped === undefined || newest > this.newestDropped)) this.newestDropped = newest;
  }

  private invalid(err: unknown, now: number): Effect[] {
    if (!(err instanceof InvalidBookData)) throw err;
    this.stats.invalid++;
    const what = `invalid book data: ${err.message}`;
    this.error(what);
    return this.resync('invalid', what, now);
  }

  /**
   * Drops the book and asks for a fresh one. `keep` is a diff that arrived after the break: for venues whose
   * snapshot comes apart it is held for the next snapshot, which may still need it.
   */
  private resync(reason: ResyncReason, text: string, now: number, keep?: Update): Effect[] {
    const stats = this.stats;
    stats.resyncs++;
    stats.resyncReasons[reason] = (stats.resyncReasons[reason] ?? 0) + 1;
    stats.lastResync = clipText(text, TEXT_LIMIT);
    const storm = now - this.lastResyncAt < RESYNC_STORM_MS;
    this.lastResyncAt = now;
    this.noteDropped(reason);
    this.book.clear();
    this.state = 'syncing';
    this.lastId = undefined;
    this.firstAfterSnapshot = false;
    this.buffer = [];
    this.pendingLevels = 0;
    // A snapshot older than the stream, or one waited for too long: the stream is sound, only a newer snapshot is due.
    const snapshotOnly = reason === 'stale-snapshot' || reason === 'overflow';
    if (this.protocol.snapshotSource === 'request' || (this.protocol.snapshotMayBeMissing && snapshotOnly)) {
      if (keep) this.hold(keep, now);
      return this.requestSnapshot();
    }
    if (this.market && this.protocol.resubscribe && !storm) {
      return this.protocol.resubscribe(this.market).map((text) => ({ type: 'send', text }) as const);
    }
    return [{ type: 'reconnect', reason: stats.lastResync }];
  }
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function preview(text: string): string {
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}
