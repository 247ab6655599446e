import type { OrderBook } from '../book/orderbook';
import type { RawLevel } from '../book/levels';
import { crc32Signed } from '../book/crc32';
import { checksumAmount, checksumPrice } from './bitfinex-numbers';
import { type BookFrame, appendedSeq, bookFrameOf, scanBookFrame } from './bitfinex-book-frame';
import { readBitfinexTrade, readBitfinexTradeSnapshot, tradesRequest } from './bitfinex-trades';
import { integer, objectOf } from './json';
import type { FeedId, Market, VenueMessage, VenueProtocol } from './types';

/** `conf` flags (https://docs.bitfinex.com/docs/ws-general, Configuration): a sequence number on every message. */
export const SEQ_ALL = 65_536;
/** `conf` flag: a `[CHAN_ID, "cs", CHECKSUM]` message after book updates (…/docs/ws-websocket-checksum). */
export const OB_CHECKSUM = 131_072;
/** `conf` flag: a book update's levels in one list, `[CHAN_ID, [[PRICE, COUNT, AMOUNT], ...]]`, not one a message. */
export const BULK_UPDATES = 536_870_912;

/** Levels per side the book subscription keeps: `len` "250", the most the channel sends. */
export const BITFINEX_BOOK_LENGTH = 250;
/** Levels per side the checksum covers: "the first 25 bids and asks". */
const CHECKSUM_LEVELS = 25;

/** The `info` codes a connection is told (…/docs/ws-general, Info Messages). */
const RESTART = 20_051;
const MAINTENANCE_START = 20_060;
const MAINTENANCE_END = 20_061;

/** The `book` subscription: raw precision P0 (prices to 5 significant digits), real time, 250 levels a side. */
export function bookRequest(market: Market): string {
  return JSON.stringify({ event: 'subscribe', channel: 'book', symbol: market.symbol, prec: 'P0', freq: 'F0', len: String(BITFINEX_BOOK_LENGTH) });
}

/** The `conf` request every connection sends before subscribing: sequence numbers, book checksums, bulk updates. */
export function confRequest(): string {
  return JSON.stringify({ event: 'conf', flags: SEQ_ALL + OB_CHECKSUM + BULK_UPDATES });
}

/** A channel a subscription opened on this connection, by its `chanId`. */
interface Channel {
  readonly kind: 'book' | 'trades';
  readonly symbol: string;
  /** The book's first message, its snapshot, has come. */
  snapshot: boolean;
}

/** A book channel's frame as a message: its first entries are the snapshot, then a list of entries (bulk) or one. */
function readBookFrame(channel: Channel, frame: BookFrame, seqRequired: boolean): VenueMessage {
  const seq = frame.seq;
  requireSeq(seq, frame.chanId, seqRequired);
  if (frame.kind === 'hb') return { type: 'heartbeat', seq };
  const symbol = channel.symbol;
  if (frame.kind === 'cs') {
    // The checksum of the book with every update before it applied: an update of no level that carries it.
    if (!channel.snapshot) throw new Error('a book checksum before the book snapshot');
    return { type: 'update', symbol, bids: frame.bids, asks: frame.asks, checksum: frame.checksum, seq };
  }
  const inSnapshot = !channel.snapshot;
  if (inSnapshot) {
    if (frame.single) throw new Error('a book snapshot of one entry, not a list of them');
    // A snapshot lists the levels there are: a COUNT 0 entry (a size '0' here) deletes one, which no snapshot does.
    if (frame.bids.some(isDelete) || frame.asks.some(isDelete)) throw new Error('a book snapshot with a COUNT 0 entry');
  }
  channel.snapshot = true;
  return { type: inSnapshot ? 'snapshot' : 'update', symbol, bids: frame.bids, asks: frame.asks, seq };
}

/** Once `conf` switched SEQ_ALL on, a channel frame without its sequence number cannot be placed: refused. */
function requireSeq(seq: number | undefined, chanId: unknown, seqRequired: boolean): void {
  if (seq === undefined && seqRequired) throw new Error(`a frame on channel ${String(chanId)} without the sequence number SEQ_ALL adds`);
}

function isDelete(level: RawLevel): boolean {
  return level[1] === '0';
}

/** A trades channel frame `[CHAN_ID, ...]`; `seq` its last element where the flag set it. */
function readTradesFrame(channel: Channel, frame: unknown[], seqRequired: boolean): VenueMessage {
  const body = frame[1];
  const seq = appendedSeq(frame, body === 'te' || body === 'tu' ? 3 : 2);
  requireSeq(seq, frame[0], seqRequired);
  if (body === 'hb') return { type: 'heartbeat', seq };
  if (body === 'te') {
    const trade = readBitfinexTrade(frame[2]);
    return { type: 'trades', symbol: channel.symbol, trades: [trade], time: trade.time, seq };
  }
  // The same trade again once written ("tu" carries the ID "te" did): counted once, from its "te".
  if (body === 'tu') return { type: 'info', seq };
  if (!Array.isArray(body)) throw new Error(`trades channel message ${JSON.stringify(body)}`);
  return { type: 'trades', symbol: channel.symbol, trades: readBitfinexTradeSnapshot(body), seq };
}

function text(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

/**
 * Reads the frames of one connection. Channel frames name their market only by the `chanId` the connection's
 * `subscribed` events assigned, so the reader keeps that table, and whether the connection's `conf` switched on
 * sequence numbers (then a channel frame without one is unreadable).
 */
export function bitfinexReader(): (frame: string) => VenueMessage[] {
  const channels = new Map<number, Channel>();
  let seqRequired = false;

  const event = (o: Record<string, unknown>): VenueMessage[] => {
    switch (o.event) {
      case 'info': {
        if (o.version !== undefined) {
          const status = (o.platform as { status?: unknown } | undefined)?.status;
          if (status === 0) return [{ type: 'error', message: `platform in maintenance (API version ${text(o.version)})` }];
          return [{ type: 'info', text: `API version ${text(o.version)}, platform operative` }];
        }
        // A number in v2's examples; v1's were strings ("20061").
        const code = Number(o.code);
        const said = `${text(o.code)} ${text(o.msg)}`.trim();
        // "It is advised to unsubscribe/subscribe again all channels": the book is taken again from a fresh snapshot.
        if (code === MAINTENANCE_END) throw new Error(`maintenance ended (${said}): the book is taken again`);
        if (code === RESTART || code === MAINTENANCE_START) return [{ type: 'error', message: said }];
        return [{ type: 'info', text: said }];
      }
      case 'conf':
        if (o.status !== 'OK') return [{ type: 'error', message: `conf refused: ${text(o.status)}`, fatal: true }];
        seqRequired = typeof o.flags === 'number' && (o.flags & SEQ_ALL) !== 0;
        return [{ type: 'info', text: `conf flags ${text(o.flags)}` }];
      case 'subscribed': {
        if (o.channel !== 'book' && o.channel !== 'trades') throw new Error(`subscribed to channel ${text(o.channel)}`);
        if (typeof o.symbol !== 'string') throw new Error('subscribed without a symbol');
        channels.set(integer(o.chanId, 'chanId'), { kind: o.channel, symbol: o.symbol, snapshot: false });
        return [{ type: 'info', text: `subscribed ${o.channel} ${o.symbol}` }];
      }
      case 'unsubscribed':
        channels.delete(integer(o.chanId, 'chanId'));
        return [{ type: 'info', text: `unsubscribed ${text(o.chanId)}` }];
      case 'pong':
        return [{ type: 'pong' }];
      case 'error': {
        const symbol = typeof o.symbol === 'string' ? o.symbol : undefined;
        // A refused subscription leaves the market without a book until something changes.
        return [{ type: 'error', message: `${text(o.code)} ${text(o.msg)}`.trim(), fatal: o.channel !== undefined, ...(symbol ? { symbol } : {}) }];
      }
      default:
        throw new Error(`unknown event ${text(o.event)}`);
    }
  };

  return (frame: string): VenueMessage[] => {
    const scanned = scanBookFrame(frame);
    if (scanned) {
      const channel = channels.get(scanned.chanId);
      if (channel?.kind === 'book') return [readBookFrame(channel, scanned, seqRequired)];
    }
    const parsed: unknown = JSON.parse(frame);
    if (!Array.isArray(parsed)) return event(objectOf(parsed, 'the frame'));
    const chanId = integer(parsed[0], 'CHAN_ID');
    const channel = channels.get(chanId);
    if (!channel) throw new Error(`a frame on channel ${chanId}, which no subscription on this connection opened`);
    return [channel.kind === 'book' ? readBookFrame(channel, bookFrameOf(parsed), seqRequired) : readTradesFrame(channel, parsed, seqRequired)];
  };
}

/**
 * The text Bitfinex's checksum covers: bid and ask price:amount interleaved over the best 25 levels a side (bid 1,
 * ask 1, bid 2, ...), an ask's amount negative, each number as Bitfinex's JavaScript client writes it, joined by ':'.
 */
export function bitfinexChecksumText(book: OrderBook): string {
  const parts: string[] = [];
  const { bids, asks } = book;
  for (let k = 0; k < CHECKSUM_LEVELS; k++) {
    if (k < bids.length) parts.push(checksumPrice(bids.priceTextAt(k)!), checksumAmount(bids.sizeTextAt(k)!));
    if (k < asks.length) parts.push(checksumPrice(asks.priceTextAt(k)!), `-${checksumAmount(asks.sizeTextAt(k)!)}`);
  }
  return parts.join(':');
}

/** The signed CRC-32 of that text, as Bitfinex sends it. */
export function bitfinexChecksum(book: OrderBook): number {
  return crc32Signed(bitfinexChecksumText(book));
}

/**
 * Bitfinex over WebSocket v2 (wss://api-pub.bitfinex.com/ws/2), spot and perpetual alike: `conf` (sequence numbers
 * on every message, book checksums, bulk updates), then the pair's `book` (P0, F0, 250 levels: a snapshot, then the
 * changed levels) and `trades` on the same socket. Every channel frame carries the connection's sequence number, so a lost
 * message shows as a gap; the checksum proves the top 25 levels. Channels are numbered per connection, so a socket
 * of its own per market (Bitfinex unsubscribes only by `chanId`); a resync reconnects.
 */
export function bitfinexProtocol(id: Extract<FeedId, 'bitfinex' | 'bitfinex-perp'>, name: string): VenueProtocol {
  return {
    id,
    venue: 'bitfinex',
    kind: id === 'bitfinex' ? 'spot' : 'perpetual',
    name,
    endpoints: { stream: 'wss://api-pub.bitfinex.com', rest: 'https://api-pub.bitfinex.com' },
    streamUrl: (_market, endpoints) => `${endpoints.stream}/ws/2`,
    trades: true,
    subscribe: (market) => [confRequest(), bookRequest(market), tradesRequest(market)],
    snapshotSource: 'stream',
    // Events only: a channel frame needs its connection's table, which `connectionParser` keeps.
    parse: (frame) => bitfinexReader()(frame),
    connectionParser: bitfinexReader,
    checksum: bitfinexChecksum,
    // Levels that leave the subscribed 250 are cut, whether or not the venue deletes them.
    depth: BITFINEX_BOOK_LENGTH,
    // Bitfinex needs none (it sends a heartbeat on a channel quiet for 15 s), but that heartbeat is due just as the
    // link would call the socket stale: a documented ping every 10 s keeps a quiet market's socket from looking silent.
    keepalive: { everyMs: 10_000, text: JSON.stringify({ event: 'ping', cid: 1 }) },
  };
}

export const bitfinex: VenueProtocol = bitfinexProtocol('bitfinex', 'Bitfinex');
