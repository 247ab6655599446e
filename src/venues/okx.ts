import type { OrderBook } from '../book/orderbook';
import type { RawLevel } from '../book/levels';
import { crc32Signed } from '../book/crc32';
import type { Continuity, Effect, Endpoints, Market, VenueMessage, VenueProtocol } from './types';
import { integer, levelPairs, optionalInteger, parseObject } from './json';
import { OKX_TRADES_CHANNEL, readOkxTrades } from './okx-trades';

/**
 * The public channel of the changes to a 400-level book every 100 ms. It opened with a snapshot of those levels
 * until OKX delisted the initial snapshot (changelog: production "early August 2026"); the snapshot then comes
 * from `GET /api/v5/market/books`.
 */
export const OKX_CHANNEL = 'books';

/**
 * Levels per side the `books` channel keeps; levels pushed past it are never updated again, so they are cut. It
 * is also the most `GET /api/v5/market/books` answers ("sz ... Maximum 400"), so a REST snapshot covers the channel.
 */
export const OKX_DEPTH = 400;

/** The order book endpoint that stands in for the delisted initial snapshot. */
export const OKX_BOOKS_PATH = '/api/v5/market/books';

/** Levels per side the checksum covers. */
const CHECKSUM_LEVELS = 25;

/** The server closes a connection that has been silent for 30 s; a quiet book can be silent for ~60 s. */
const OKX_KEEPALIVE_MS = 20_000;

/** Events that confirm or inform and need nothing from the client. */
const INFO_EVENTS = new Set(['subscribe', 'unsubscribe', 'notice', 'channel-conn-count']);

/**
 * The text OKX checksums: bid1 and ask1 price:size, then bid2 and ask2, ... over the best 25 levels a side
 * (best first), the longer side continuing alone once the shorter runs out; the strings exactly as received.
 */
export function okxChecksumText(bids: readonly RawLevel[], asks: readonly RawLevel[]): string {
  const parts: string[] = [];
  const n = Math.min(CHECKSUM_LEVELS, Math.max(bids.length, asks.length));
  for (let i = 0; i < n; i++) {
    const bid = bids[i];
    const ask = asks[i];
    if (bid) parts.push(bid[0], bid[1]);
    if (ask) parts.push(ask[0], ask[1]);
  }
  return parts.join(':');
}

/** OKX's checksum of levels given best first: CRC-32 of the checksum text, as a signed 32-bit integer. */
export function okxChecksum(bids: readonly RawLevel[], asks: readonly RawLevel[]): number {
  return crc32Signed(okxChecksumText(bids, asks));
}

function topLevels(side: OrderBook['bids']): RawLevel[] {
  const out: RawLevel[] = [];
  for (let k = 0; k < Math.min(CHECKSUM_LEVELS, side.length); k++) out.push([side.priceTextAt(k)!, side.sizeTextAt(k)!]);
  return out;
}

/**
 * OKX publishes `checksum: 0` since deprecating the field (production, 23 June 2026): "the checksum field will
 * remain present in push messages but will always return 0 and must no longer be used for data integrity
 * validation". A 0 therefore carries no checksum; any other value is still verified. Bitget's pushes, whose checksum
 * is OKX's, read it the same way.
 */
export function publishedChecksum(value: unknown): number | undefined {
  const checksum = optionalInteger(value, 'checksum');
  return checksum === 0 ? undefined : checksum;
}

/**
 * One book of a push. Frames from before OKX added seqId/prevSeqId (2022) carry neither id, only the checksum,
 * which proves the book by itself; a frame with neither ids nor a checksum could hold anything, so it is read as
 * malformed (and the book synced again), not applied on trust.
 */
function readBook(action: 'snapshot' | 'update', symbol: string | undefined, entry: unknown): VenueMessage {
  if (typeof entry !== 'object' || entry === null) throw new Error('book data is not an object');
  const d = entry as Record<string, unknown>;
  const checksum = publishedChecksum(d.checksum);
  const ids = d.seqId !== undefined || d.prevSeqId !== undefined;
  if (!ids && checksum === undefined) throw new Error('a books push with neither seqId/prevSeqId nor a checksum cannot be verified');
  const common = {
    symbol,
    bids: levelPairs(d.bids, 'bids'),
    asks: levelPairs(d.asks, 'asks'),
    last: ids ? integer(d.seqId, 'seqId') : undefined,
    checksum,
    time: optionalInteger(d.ts, 'ts'),
  };
  if (action === 'snapshot') return { type: 'snapshot', ...common };
  return { type: 'update', ...common, prev: ids ? integer(d.prevSeqId, 'prevSeqId') : undefined };
}

/** The `code` and `msg` OKX puts in an event or a REST answer, as one text ("60012 Invalid request"). */
function codeAndMessage(o: Record<string, unknown>): { code: string; msg: string } {
  return { code: typeof o.code === 'string' || typeof o.code === 'number' ? String(o.code) : '', msg: typeof o.msg === 'string' ? o.msg : '' };
}

/** What a frame of the public WebSocket holds: what every channel shares (`pong`, an event), or a push. */
export type OkxFrame =
  | { readonly kind: 'control'; readonly messages: VenueMessage[] }
  | { readonly kind: 'push'; readonly channel: string; readonly frame: Record<string, unknown>; readonly symbol?: string; readonly data: readonly unknown[] };

/**
 * Reads the envelope of one frame of the public WebSocket: the bare text `pong` answering our `ping`, an event
 * (subscribe and unsubscribe confirmations, notices, errors), or a push on one of `channels` with its instId and data.
 */
export function readOkxFrame(text: string, ...channels: string[]): OkxFrame {
  if (text === 'pong') return { kind: 'control', messages: [{ type: 'pong' }] };
  const o = parseObject(text);
  if (typeof o.event === 'string') {
    const { code, msg } = codeAndMessage(o);
    if (o.event === 'error') return { kind: 'control', messages: [{ type: 'error', message: `${code} ${msg}`.trim() }] };
    if (INFO_EVENTS.has(o.event)) return { kind: 'control', messages: [{ type: 'info', text: [o.event, code, msg].filter(Boolean).join(' ') }] };
    throw new Error(`unknown event ${o.event}`);
  }
  const arg: { channel?: unknown; instId?: unknown } = typeof o.arg === 'object' && o.arg !== null ? o.arg : {};
  const channel = typeof arg.channel === 'string' ? arg.channel : undefined;
  if (channel === undefined || !channels.includes(channel)) throw new Error(`not a ${channels.join(' or ')} push`);
  if (!Array.isArray(o.data)) throw new Error(`${channel} push without data`);
  return { kind: 'push', channel, frame: o, symbol: typeof arg.instId === 'string' ? arg.instId : undefined, data: o.data };
}

/**
 * Reads one frame of the public WebSocket: `pong`, an event, a `books` push holding a snapshot or an update, or a
 * `trades` push.
 */
export function parseOkxFrame(text: string): VenueMessage[] {
  const read = readOkxFrame(text, OKX_CHANNEL, OKX_TRADES_CHANNEL);
  if (read.kind === 'control') return read.messages;
  if (read.channel === OKX_TRADES_CHANNEL) return readOkxTrades(read.symbol, read.data);
  const action = read.frame.action;
  if (action !== 'snapshot' && action !== 'update') throw new Error(`unknown action ${String(action)}`);
  return read.data.map((entry) => readBook(action, read.symbol, entry));
}

/**
 * A `GET /api/v5/market/books` answer: `{"code":"0","msg":"","data":[{"asks","bids","ts","seqId"}]}`, levels as in
 * the push. Its seqId is what joins it to the stream; an answer without one cannot be joined, so it is refused.
 */
export function parseOkxRest(body: string): VenueMessage[] {
  const o = parseObject(body);
  if (o.code !== '0') {
    const { code, msg } = codeAndMessage(o);
    return [{ type: 'error', message: `${code} ${msg}`.trim() || 'order book request refused', fatal: true }];
  }
  if (!Array.isArray(o.data) || o.data.length !== 1 || typeof o.data[0] !== 'object' || o.data[0] === null) throw new Error('no order book in data');
  const d = o.data[0] as Record<string, unknown>;
  return [{ type: 'snapshot', bids: levelPairs(d.bids, 'bids'), asks: levelPairs(d.asks, 'asks'), last: integer(d.seqId, 'seqId'), time: optionalInteger(d.ts, 'ts') }];
}

/**
 * OKX's rule: an update's prevSeqId names the seqId of the message before it. That one comparison also covers
 * the two documented exceptions: a keepalive update with no levels repeats the last seqId (prevSeqId = seqId),
 * and after maintenance the sequence may restart lower (seqId < prevSeqId, prevSeqId still the last seqId).
 * Ids are not compared by size there, since a reset makes a smaller id legitimate.
 *
 * Right after a REST snapshot the stream is joined as the changelog says: updates with seqId <= the snapshot's
 * are already in it (skip), the first to apply has prevSeqId <= snapshot seqId < seqId, and one whose prevSeqId
 * is past the snapshot's seqId means the snapshot is older than the stream (a gap, which the session calls a
 * stale snapshot). A frame from before OKX had ids is applied: the parser only lets one through with a checksum,
 * which the session then verifies.
 */
export function okxSequence(lastId: number | undefined, u: { prev?: number; last?: number }, firstAfterSnapshot = false): Continuity {
  if (u.prev === undefined && u.last === undefined) return 'apply';
  if (lastId === undefined || u.prev === undefined) return 'gap';
  if (u.prev === lastId) return 'apply';
  if (!firstAfterSnapshot || u.last === undefined) return 'gap';
  if (u.last <= lastId) return 'skip';
  return u.prev < lastId ? 'apply' : 'gap';
}

/** A request for `channels` of one market: OKX answers each of its args with an event of its own. */
function request(op: 'subscribe' | 'unsubscribe', market: Market, channels: readonly string[]): string {
  return JSON.stringify({ op, args: channels.map((channel) => ({ channel, instId: market.symbol })) });
}

/** The book's channel and the market's public trades. */
const BOOK_AND_TRADES = [OKX_CHANNEL, OKX_TRADES_CHANNEL];

/**
 * OKX spot over the public WebSocket. Every push names its instrument in `arg.instId`, and a connection takes many
 * subscriptions, so its markets (the SWAP feed's too, on the same socket URL) share one socket, each with its
 * book and its public trades.
 */
export const okx: VenueProtocol = {
  id: 'okx',
  venue: 'okx',
  kind: 'spot',
  name: 'OKX',
  // The hosts "Production Trading Services" names: REST https://openapi.okx.com, public WebSocket ws.okx.com:8443.
  endpoints: { stream: 'wss://ws.okx.com:8443', rest: 'https://openapi.okx.com' },
  streamUrl(_market, endpoints): string {
    return `${endpoints.stream}/ws/v5/public`;
  },
  multiplex: true,
  trades: true,
  subscribe: (market) => [request('subscribe', market, BOOK_AND_TRADES)],
  unsubscribe: (market) => [request('unsubscribe', market, BOOK_AND_TRADES)],
  // A fresh subscription on the same socket answered with a fresh snapshot; since the delisting it answers with
  // updates alone, and the session then asks REST for the snapshot. The trades stay subscribed: a resync of the
  // book is no reason to miss a trade.
  resubscribe: (market) => [request('unsubscribe', market, [OKX_CHANNEL]), request('subscribe', market, [OKX_CHANNEL])],
  snapshotSource: 'stream',
  snapshotMayBeMissing: true,
  snapshotRequest(market: Market, endpoints: Endpoints): Effect {
    return { type: 'fetch', url: `${endpoints.rest}${OKX_BOOKS_PATH}?instId=${market.symbol}&sz=${OKX_DEPTH}` };
  },
  parse: parseOkxFrame,
  parseRest: parseOkxRest,
  sequence: okxSequence,
  checksum: (book) => okxChecksum(topLevels(book.bids), topLevels(book.asks)),
  depth: OKX_DEPTH,
  keepalive: { everyMs: OKX_KEEPALIVE_MS, text: 'ping' },
};
