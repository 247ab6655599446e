import { VENUE_IDS, type VenueId } from '../venues/types';

/** One received event of a recording (JSON Lines, arrival order). */
export type RecordedEvent =
  | { readonly t: number; readonly venue: VenueId; readonly kind: 'ws'; readonly data: string; readonly url?: string }
  | { readonly t: number; readonly venue: VenueId; readonly kind: 'ws'; readonly data64: string; readonly url?: string }
  | { readonly t: number; readonly venue: VenueId; readonly kind: 'rest'; readonly url: string; readonly status: number; readonly data: string }
  /** `symbol`: the market the socket was opened for, so a replay knows which market's frames are the book's. */
  | { readonly t: number; readonly venue: VenueId; readonly kind: 'open'; readonly url?: string; readonly symbol?: string }
  | { readonly t: number; readonly venue: VenueId; readonly kind: 'close'; readonly url?: string };

function isVenue(v: unknown): v is VenueId {
  return typeof v === 'string' && (VENUE_IDS as readonly string[]).includes(v);
}

/** Reads one recording line; throws with the reason when it is not a valid event. */
export function parseRecordedEvent(line: string): RecordedEvent {
  const o: unknown = JSON.parse(line);
  if (typeof o !== 'object' || o === null) throw new Error('not a JSON object');
  const e = o as Record<string, unknown>;
  if (typeof e.t !== 'number') throw new Error('missing receive time t');
  if (!isVenue(e.venue)) throw new Error(`unknown venue ${JSON.stringify(e.venue)}`);
  const url = typeof e.url === 'string' ? e.url : undefined;
  switch (e.kind) {
    case 'ws':
      if (typeof e.data === 'string') return { t: e.t, venue: e.venue, kind: 'ws', data: e.data, url };
      if (typeof e.data64 === 'string') return { t: e.t, venue: e.venue, kind: 'ws', data64: e.data64, url };
      throw new Error('ws event without data or data64');
    case 'rest':
      if (url === undefined || typeof e.status !== 'number' || typeof e.data !== 'string') throw new Error('rest event needs url, status and data');
      return { t: e.t, venue: e.venue, kind: 'rest', url, status: e.status, data: e.data };
    case 'open':
      return typeof e.symbol === 'string' ? { t: e.t, venue: e.venue, kind: 'open', url, symbol: e.symbol } : { t: e.t, venue: e.venue, kind: 'open', url };
    case 'close':
      return { t: e.t, venue: e.venue, kind: 'close', url };
    default:
      throw new Error(`unknown kind ${JSON.stringify(e.kind)}`);
  }
}

/** Writes one event as a recording line. */
export function formatRecordedEvent(event: RecordedEvent): string {
  return JSON.stringify(event);
}
