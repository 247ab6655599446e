import { consolidate, type LadderRow } from '../market/consolidate';
import { convertBooks } from '../market/convert';
import type { QuotedBook } from '../market/quoted-book';
import { PROTOCOLS } from '../venues';
import { TRADE_STREAMS } from '../venues/trade-streams';
import type { FeedId, Market, Quote } from '../venues/types';
import { rateBookOf } from './rate-book';
import { base64ToBytes, decodeBinaryFrame } from './decode';
import { parseRecordedEvent, type RecordedEvent } from './recording';
import { FeedSession, type FeedStats } from './session';

/** The session's counters: every numeric field it always carries (frames, updates, gaps, …), whatever is added. */
export type FeedCounters = { [K in keyof FeedStats as FeedStats[K] extends number ? K : never]: number };

/** Numeric fields of the stats that are readings of the latest message, not counts. */
const READINGS: ReadonlySet<string> = new Set<keyof FeedStats>(['lastEventTime', 'lastUpdateAt', 'latencyMs']);

export type VenueReport = FeedCounters & {
  symbol: string | null;
  /** A stablecoin book the rates were read from. */
  rate: boolean;
  checksums: FeedStats['checksums'];
  resyncReasons: Record<string, number>;
  bids: [number, number][];
  asks: [number, number][];
};

function counters(stats: FeedStats): FeedCounters {
  return Object.fromEntries(Object.entries(stats).filter(([k, v]) => typeof v === 'number' && !READINGS.has(k))) as FeedCounters;
}

export type ConsolidatedRow = [price: number, size: number, venues: Partial<Record<FeedId, number>>];

export interface ReplayReport {
  [venue: string]: unknown;
  consolidated: { bids: ConsolidatedRow[]; asks: ConsolidatedRow[] };
  lines: { total: number; errors: number };
}

/** One market's session in a replay, with what its recording said of the market. */
export interface ReplayedMarket {
  readonly feed: FeedId;
  readonly session: FeedSession;
  /** The market as recorded; absent in recordings made before markets were recorded. */
  market?: Market;
  /** A stablecoin book the rates were read from. */
  rate: boolean;
}

/**
 * Feeds a recording, event by event, through the same sessions the worker drives; the recorded receive
 * times stand in for the clock. Lines it cannot read are counted and skipped. A session per market: a venue's
 * markets (a perpetual beside spot, a stablecoin rate book beside the pair) replay apart. A market whose trades
 * came on a socket of their own (Binance USD-M's `/market`) replays that socket's frames into the same session,
 * whose protocol reads them as trades; the trade socket opening and closing says nothing of the book.
 */
export class Replayer {
  /** By `<feed>|<symbol>`. */
  readonly markets = new Map<string, ReplayedMarket>();
  lines = 0;
  lineErrors = 0;
  /** Receive time of the newest event replayed: the replay's now, which ages are measured against. */
  now = 0;
  /** The symbol of each feed's last `open`, for the frames of recordings that do not name theirs. */
  private readonly openSymbol = new Map<FeedId, string>();

  private market(event: RecordedEvent): { key: string; entry?: ReplayedMarket; isNew: boolean } {
    const feed = event.feed ?? event.venue;
    const symbol = event.symbol ?? (event.kind === 'open' && event.url ? PROTOCOLS[feed].symbolOf?.(event.url) : undefined) ?? this.openSymbol.get(feed) ?? '';
    const key = `${feed}|${symbol}`;
    const existing = this.markets.get(key);
    if (existing) return { key, entry: existing, isNew: false };
    const protocol = PROTOCOLS[feed];
    if (!protocol) return { key, isNew: true };
    // A multiplexed feed's recorded socket carries other markets' frames too: they are left out, not errors.
    const session = new FeedSession(protocol, undefined, { sharedSocket: protocol.multiplex === true });
    if (symbol) session.symbol = symbol;
    session.open();
    const entry: ReplayedMarket = { feed, session, rate: false };
    this.markets.set(key, entry);
    return { key, entry, isNew: true };
  }

  async line(text: string): Promise<void> {
    const event = this.read(text);
    if (event) await this.event(event);
  }

  /**
   * Counts a line and reads it as an event: undefined, counted as an error, when it is not one or was too long
   * to read (undefined text); blank lines are not counted.
   */
  read(text: string | undefined): RecordedEvent | undefined {
    if (text?.trim() === '') return undefined;
    this.lines++;
    try {
      if (text !== undefined) return parseRecordedEvent(text);
    } catch {
      // Counted below, like a line too long to read.
    }
    this.lineErrors++;
    return undefined;
  }

  async event(event: RecordedEvent): Promise<void> {
    this.now = Math.max(this.now, event.t);
    const { entry, isNew } = this.market(event);
    if (!entry) {
      this.lineErrors++;
      return;
    }
    const s = entry.session;
    const tradeSocket = (event.kind === 'open' || event.kind === 'close') && event.url !== undefined && TRADE_STREAMS[entry.feed]?.isStreamUrl(event.url) === true;
    switch (event.kind) {
      case 'open': {
        // The market the socket was opened for: frames naming another one are left out, even the first frames.
        if (s.symbol) this.openSymbol.set(entry.feed, s.symbol);
        if (event.market) entry.market = event.market;
        if (event.rate) entry.rate = true;
        if (!isNew && !tradeSocket) s.open();
        break;
      }
      case 'close':
        if (!tradeSocket) s.close();
        break;
      case 'rest':
        s.rest(event.url, event.status, event.data, event.t);
        break;
      case 'ws':
        if ('data' in event) {
          s.frame(event.data, event.t);
        } else {
          let text: string;
          try {
            text = await decodeBinaryFrame(base64ToBytes(event.data64));
          } catch (err) {
            s.unreadable(`undecodable binary frame: ${err instanceof Error ? err.message : String(err)}`, event.t);
            return;
          }
          s.frame(text, event.t);
        }
        break;
    }
  }

  /**
   * The markets' books as the consolidated view reads them, in `currency`, converted by the recording's own rate
   * books. A recording made before markets were recorded is read as the app then showed it: every quote as one.
   */
  quoted(currency: Quote): readonly QuotedBook[] {
    const rateBooks = [...this.markets.values()].filter((m) => m.rate && m.market).map((m) => rateBookOf(m.market!, m.session, this.now));
    const books = [...this.markets.values()].filter((m) => !m.rate && m.session.state === 'live').map((m) => ({ feed: m.feed, book: m.session.book, market: m.market }));
    return convertBooks(books, rateBooks, currency).quoted;
  }

  report(depth: number, step = 0, currency: Quote = 'USD'): ReplayReport {
    const venues: Record<string, VenueReport> = {};
    const perFeed = new Map<FeedId, number>();
    for (const m of this.markets.values()) perFeed.set(m.feed, (perFeed.get(m.feed) ?? 0) + 1);
    for (const [key, { feed, session: s, rate }] of this.markets) {
      const st = s.stats;
      // By feed where the recording holds one market of it (as every recording did before rate books), else by market.
      venues[perFeed.get(feed) === 1 ? feed : key] = {
        symbol: s.symbol ?? null,
        rate,
        ...counters(st),
        checksums: { ...st.checksums },
        resyncReasons: { ...st.resyncReasons },
        bids: s.book.bids.top(depth),
        asks: s.book.asks.top(depth),
      };
    }
    const merged = consolidate(this.quoted(currency), step, depth);
    const rows = (side: LadderRow[]): ConsolidatedRow[] => side.map((r) => [r.price, r.size, r.venues]);
    return { ...venues, consolidated: { bids: rows(merged.bids), asks: rows(merged.asks) }, lines: { total: this.lines, errors: this.lineErrors } };
  }
}
