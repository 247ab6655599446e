import { FEED_IDS, VENUE_IDS, isFeedId, type FeedId, type Market, type VenueId } from '../venues/types';

/**
 * Who an event belongs to: the venue, and since perpetuals and several markets a venue, the feed and the market's
 * symbol (absent in recordings made before them: the venue's id is then its spot feed's, and a frame belongs to
 * the market of the venue's last `open`).
 */
interface Owner {
  readonly t: number;
  readonly venue: VenueId;
  readonly feed?: FeedId;
  readonly symbol?: string;
}

/** One received event of a recording (JSON Lines, arrival order). */
export type RecordedEvent =
  | (Owner & { readonly kind: 'ws'; readonly data: string; readonly url?: string })
  | (Owner & { readonly kind: 'ws'; readonly data64: string; readonly url?: string })
  | (Owner & { readonly kind: 'rest'; readonly url: string; readonly status: number; readonly data: string })
  /**
   * `symbol`: the market the socket was opened for, so a replay knows which market's frames are the book's;
   * `market`: its quote and units, so a replay converts it as the live screen did; `rate`: a stablecoin book
   * the rates were read from.
   */
  | (Owner & { readonly kind: 'open'; readonly url?: string; readonly market?: Market; readonly rate?: boolean })
  /** `url`: the socket's, in recordings since a market could have a trade socket beside its book's. */
  | (Owner & { readonly kind: 'close'; readonly url?: string });

function isVenue(v: unknown): v is VenueId {
  return typeof v === 'string' && (VENUE_IDS as readonly string[]).includes(v);
}

/** A recorded market, checked field by field: a recording is a file from anywhere. */
function marketOf(value: unknown): Market | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const m = value as Record<string, unknown>;
  const text = (k: string): boolean => typeof m[k] === 'string';
  const positive = (k: string): boolean => typeof m[k] === 'number' && (m[k] as number) > 0;
  if (!isVenue(m.venue) || !isFeedId(m.feed) || !text('base') || !text('symbol') || !positive('contractSize')) return undefined;
  if (m.quote !== 'USD' && m.quote !== 'USDT' && m.quote !== 'USDC') return undefined;
  if (m.kind !== 'spot' && m.kind !== 'perpetual') return undefined;
  if (m.inverse !== undefined && m.inverse !== true) return undefined;
  return value as Market;
}

/** Reads one recording line; throws with the reason when it is not a valid event. */
export function parseRecordedEvent(line: string): RecordedEvent {
  const o: unknown = JSON.parse(line);
  if (typeof o !== 'object' || o === null) throw new Error('not a JSON object');
  const e = o as Record<string, unknown>;
  if (typeof e.t !== 'number') throw new Error('missing receive time t');
  if (!isVenue(e.venue)) throw new Error(`unknown venue ${JSON.stringify(e.venue)}`);
  if (e.feed !== undefined && !isFeedId(e.feed)) throw new Error(`unknown feed ${JSON.stringify(e.feed)}, not one of ${FEED_IDS.join(', ')}`);
  const owner: Owner = {
    t: e.t,
    venue: e.venue,
    ...(e.feed !== undefined ? { feed: e.feed } : {}),
    ...(typeof e.symbol === 'string' ? { symbol: e.symbol } : {}),
  };
  const url = typeof e.url === 'string' ? e.url : undefined;
  switch (e.kind) {
    case 'ws':
      if (typeof e.data === 'string') return { ...owner, kind: 'ws', data: e.data, url };
      if (typeof e.data64 === 'string') return { ...owner, kind: 'ws', data64: e.data64, url };
      throw new Error('ws event without data or data64');
    case 'rest':
      if (url === undefined || typeof e.status !== 'number' || typeof e.data !== 'string') throw new Error('rest event needs url, status and data');
      return { ...owner, kind: 'rest', url, status: e.status, data: e.data };
    case 'open': {
      const market = marketOf(e.market);
      return { ...owner, kind: 'open', url, ...(market ? { market } : {}), ...(e.rate === true ? { rate: true } : {}) };
    }
    case 'close':
      return { ...owner, kind: 'close', url };
    default:
      throw new Error(`unknown kind ${JSON.stringify(e.kind)}`);
  }
}

/** Writes one event as a recording line. */
export function formatRecordedEvent(event: RecordedEvent): string {
  return JSON.stringify(event);
}
