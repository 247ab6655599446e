import { consolidate, type LadderRow } from '../market/consolidate';
import { PROTOCOLS } from '../venues';
import type { VenueId } from '../venues/types';
import { base64ToBytes, decodeBinaryFrame } from './decode';
import { parseRecordedEvent, type RecordedEvent } from './recording';
import { FeedSession, type FeedStats } from './session';

/** The session's counters: every numeric field it always carries (frames, updates, gaps, …), whatever is added. */
export type FeedCounters = { [K in keyof FeedStats as FeedStats[K] extends number ? K : never]: number };

/** Numeric fields of the stats that are readings of the latest message, not counts. */
const READINGS: ReadonlySet<string> = new Set<keyof FeedStats>(['lastEventTime', 'lastUpdateAt', 'latencyMs']);

export type VenueReport = FeedCounters & {
  symbol: string | null;
  checksums: FeedStats['checksums'];
  resyncReasons: Record<string, number>;
  bids: [number, number][];
  asks: [number, number][];
};

function counters(stats: FeedStats): FeedCounters {
  return Object.fromEntries(Object.entries(stats).filter(([k, v]) => typeof v === 'number' && !READINGS.has(k))) as FeedCounters;
}

export type ConsolidatedRow = [price: number, size: number, venues: Partial<Record<VenueId, number>>];

export interface ReplayReport {
  [venue: string]: unknown;
  consolidated: { bids: ConsolidatedRow[]; asks: ConsolidatedRow[] };
  lines: { total: number; errors: number };
}

/**
 * Feeds a recording, event by event, through the same sessions the worker drives; the recorded receive
 * times stand in for the clock. Lines it cannot read are counted and skipped.
 */
export class Replayer {
  readonly sessions = new Map<VenueId, FeedSession>();
  lines = 0;
  lineErrors = 0;

  session(venue: VenueId): FeedSession | undefined {
    let s = this.sessions.get(venue);
    if (!s) {
      const protocol = PROTOCOLS[venue];
      if (!protocol) return undefined;
      s = new FeedSession(protocol, undefined);
      s.open();
      this.sessions.set(venue, s);
    }
    return s;
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
    const isNew = !this.sessions.has(event.venue);
    const s = this.session(event.venue);
    if (!s) {
      this.lineErrors++;
      return;
    }
    switch (event.kind) {
      case 'open': {
        // The market the socket was opened for: frames naming another one are left out, even the first frames.
        const symbol = event.symbol ?? (event.url ? s.protocol.symbolOf?.(event.url) : undefined);
        if (symbol) s.symbol = symbol;
        if (!isNew) s.open();
        break;
      }
      case 'close':
        s.close();
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

  report(depth: number, step = 0): ReplayReport {
    const venues: Record<string, VenueReport> = {};
    for (const [id, s] of this.sessions) {
      const st = s.stats;
      venues[id] = {
        symbol: s.symbol ?? null,
        ...counters(st),
        checksums: { ...st.checksums },
        resyncReasons: { ...st.resyncReasons },
        bids: s.book.bids.top(depth),
        asks: s.book.asks.top(depth),
      };
    }
    const books = [...this.sessions].filter(([, s]) => s.state === 'live').map(([venue, s]) => ({ venue, book: s.book }));
    const merged = consolidate(books, step, depth);
    const rows = (side: LadderRow[]): ConsolidatedRow[] => side.map((r) => [r.price, r.size, r.venues]);
    return { ...venues, consolidated: { bids: rows(merged.bids), asks: rows(merged.asks) }, lines: { total: this.lines, errors: this.lineErrors } };
  }
}
