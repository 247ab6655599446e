import { consolidate, type LadderRow } from '../market/consolidate';
import { PROTOCOLS } from '../venues';
import type { VenueId } from '../venues/types';
import { base64ToBytes, decodeBinaryFrame } from './decode';
import { parseRecordedEvent, type RecordedEvent } from './recording';
import { FeedSession, type FeedStats } from './session';

export interface VenueReport {
  symbol: string | null;
  frames: number;
  snapshots: number;
  updates: number;
  checksums: FeedStats['checksums'];
  gaps: number;
  resyncs: number;
  errors: number;
  bids: [number, number][];
  asks: [number, number][];
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
    if (text.trim() === '') return;
    this.lines++;
    let event: RecordedEvent;
    try {
      event = parseRecordedEvent(text);
    } catch {
      this.lineErrors++;
      return;
    }
    await this.event(event);
  }

  async event(event: RecordedEvent): Promise<void> {
    const isNew = !this.sessions.has(event.venue);
    const s = this.session(event.venue);
    if (!s) {
      this.lineErrors++;
      return;
    }
    switch (event.kind) {
      case 'open':
        if (!isNew) s.open();
        break;
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
            s.stats.frames++;
            s.error(`undecodable binary frame: ${err instanceof Error ? err.message : String(err)}`);
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
        frames: st.frames,
        snapshots: st.snapshots,
        updates: st.updates,
        checksums: { ...st.checksums },
        gaps: st.gaps,
        resyncs: st.resyncs,
        errors: st.errors,
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
