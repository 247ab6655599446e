import type { OrderBook } from '../book/orderbook';
import type { RawLevel } from '../book/levels';
import { crc32 } from '../book/crc32';
import type { RawTrade } from '../trades/types';
import { bySymbol } from './trade-fields';
import type { Market, VenueMessage, VenueProtocol } from './types';
import { integer, objectOf, parseObject } from './json';
import { scanBook, type BookLevels } from './kraken-level-scanner';

/** Depths the `book` channel accepts. */
export const KRAKEN_DEPTHS = [10, 25, 100, 500, 1000] as const;
export type KrakenDepth = (typeof KRAKEN_DEPTHS)[number];

/** Levels kept per side: deep enough for execution estimates, a fifth of the largest snapshot. */
const DEFAULT_DEPTH: KrakenDepth = 500;

/** Levels per side the checksum covers, whatever the subscribed depth. */
const CHECKSUM_LEVELS = 10;

/**
 * A `price` or `qty` key followed by a bare JSON number. Kraken v2 sends both as numbers whose text carries the
 * pair's full precision ("0.00100000"); JSON.parse would turn that into 0.001 and lose the trailing zeros the
 * checksum covers. A key can only match outside strings: inside one, each quote is escaped.
 */
const LEVEL_NUMBER = /"(price|qty)"(\s*):(\s*)(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/g;

/**
 * The book frame parsed again with every price and qty number quoted, for the frames the scanner leaves alone:
 * slower (a regex pass and a second, longer parse), but it reads any shape JSON.parse does.
 */
function parseQuotingLevelNumbers(text: string): Record<string, unknown> {
  return parseObject(text.replace(LEVEL_NUMBER, '"$1"$2:$3"$4"'));
}

/** Reads `[{price, qty}, ...]`; values are the venue's text (numbers quoted by the reader, or sent as strings). */
function levelObjects(value: unknown, field: string): RawLevel[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new Error(`${field} is not a list of levels`);
  return value.map((entry: unknown) => {
    const level = entry as { price?: unknown; qty?: unknown } | null;
    if (typeof level !== 'object' || level === null || typeof level.price !== 'string' || typeof level.qty !== 'string') {
      throw new Error(`${field} holds a level that is not {price, qty}`);
    }
    return [level.price, level.qty] as const;
  });
}

/**
 * The time with its fraction of a second cut to milliseconds, the most Date.parse has to read. Cut by hand: a
 * regex replace took about 0.3 µs of every book frame.
 */
function toMilliseconds(time: string): string {
  const dot = time.indexOf('.');
  if (dot < 0) return time;
  let end = dot + 1;
  while (isDigit(time.charCodeAt(end))) end++;
  return end - dot > 4 ? time.slice(0, dot + 4) + time.slice(end) : time;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** RFC 3339 time ("2023-10-06T17:35:55.440295Z") as epoch ms; the fraction beyond ms is dropped. */
export function rfc3339Ms(value: unknown, field: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  const ms = typeof value === 'string' ? Date.parse(toMilliseconds(value)) : NaN;
  if (!Number.isFinite(ms)) throw new Error(`${field} is not an RFC 3339 time`);
  return ms;
}

/** One `data` entry; its levels come from the scanner when it read them, else from the entry itself. */
function readBook(type: 'snapshot' | 'update', entry: unknown, levels: BookLevels | undefined): VenueMessage {
  if (typeof entry !== 'object' || entry === null) throw new Error('book data is not an object');
  const d = entry as Record<string, unknown>;
  return {
    type,
    symbol: typeof d.symbol === 'string' ? d.symbol : undefined,
    bids: levels ? levels.bids : levelObjects(d.bids, 'bids'),
    asks: levels ? levels.asks : levelObjects(d.asks, 'asks'),
    checksum: d.checksum === undefined ? undefined : integer(d.checksum, 'checksum'),
    time: rfc3339Ms(d.timestamp, 'timestamp'),
  };
}

/**
 * A book message. `o` is the frame as JSON.parse read it: from `rest`, the frame with its level arrays emptied,
 * when the scanner read those; otherwise the frame is parsed again with the level numbers quoted, so a shape the
 * scanner does not understand costs time, never a wrong book.
 */
function readBookFrame(o: Record<string, unknown>, text: string, levels: BookLevels[] | undefined): VenueMessage[] {
  const type = o.type;
  if (type !== 'snapshot' && type !== 'update') throw new Error(`unknown book message type ${String(type)}`);
  const data = (levels ? o : parseQuotingLevelNumbers(text)).data;
  if (!Array.isArray(data)) throw new Error('book message without data');
  return data.map((entry, k) => readBook(type, entry, levels?.[k]));
}

/** A trade with the pair's trade number. */
type NumberedTrade = RawTrade & { readonly seq: number };

/**
 * One `trade` entry (…/spot-websocket-v2/trade): `side` is the taker's ("Taker order side"), `trade_id` a
 * "Sequence number, unique per book", so consecutive per pair and the trade's `seq`; price and qty are JSON numbers.
 */
function readTrade(entry: unknown): NumberedTrade & { readonly symbol?: string } {
  const d = objectOf(entry, 'trade data');
  if (d.side !== 'buy' && d.side !== 'sell') throw new Error(`trade on side ${String(d.side)}`);
  // A trade of nothing, or at no price, is no trade.
  if (!(typeof d.price === 'number' && d.price > 0) || !(typeof d.qty === 'number' && d.qty > 0)) throw new Error('trade without a price and qty above 0');
  const seq = integer(d.trade_id, 'trade_id');
  const time = rfc3339Ms(d.timestamp, 'timestamp');
  if (time === undefined) throw new Error('trade without a timestamp');
  return {
    symbol: typeof d.symbol === 'string' ? d.symbol : undefined,
    id: String(seq),
    seq,
    time,
    price: d.price,
    size: d.qty,
    side: d.side,
  };
}

/**
 * A `trade` snapshot or update: one `trades` message per pair it names, oldest first. The docs print batches in
 * trade_id order; sorting costs little and keeps a batch sent the other way from reading as repeats. An update's
 * newest trade time is its event time; a snapshot's trades are history, which would read as latency.
 */
function readTradeFrame(o: Record<string, unknown>): VenueMessage[] {
  if (o.type !== 'snapshot' && o.type !== 'update') throw new Error(`unknown trade message type ${String(o.type)}`);
  if (!Array.isArray(o.data)) throw new Error('trade message without data');
  return [...bySymbol<NumberedTrade>(o.data.map(readTrade))].map(([symbol, trades]) => {
    // By number, not time: a trade placed before one numbered lower would read as a repeat.
    trades.sort((a, b) => a.seq - b.seq);
    const time = o.type === 'update' ? trades[trades.length - 1]!.time : undefined;
    return { type: 'trades', symbol, trades, ...(time === undefined ? {} : { time }) };
  });
}

function readChannel(o: Record<string, unknown>): VenueMessage[] {
  switch (o.channel) {
    case 'trade':
      return readTradeFrame(o);
    case 'heartbeat':
      return [{ type: 'heartbeat' }];
    case 'status': {
      const s = (Array.isArray(o.data) ? o.data[0] : undefined) as { system?: unknown; version?: unknown } | undefined;
      return [{ type: 'info', text: `status: ${String(s?.system ?? 'unknown')}${s?.version ? ` (${String(s.version)})` : ''}` }];
    }
    default:
      throw new Error(`unknown channel ${String(o.channel)}`);
  }
}

/** Answers to requests: subscribe / unsubscribe acknowledgements (or refusals) and pong. */
function readMethod(o: Record<string, unknown>): VenueMessage[] {
  const method = String(o.method);
  if (o.success === false) {
    const symbol = typeof o.symbol === 'string' ? o.symbol : undefined;
    const message = `${method}${symbol ? ` ${symbol}` : ''}: ${String(o.error ?? 'refused')}`;
    // A refused subscription leaves this market without a book until something changes: fatal, to that market alone.
    return [{ type: 'error', message, fatal: method === 'subscribe', ...(symbol ? { symbol } : {}) }];
  }
  if (method === 'pong') return [{ type: 'pong' }];
  if (method === 'subscribe' || method === 'unsubscribe') {
    const r = (o.result ?? {}) as { channel?: unknown; symbol?: unknown; depth?: unknown; warnings?: unknown };
    const warnings = Array.isArray(r.warnings) && r.warnings.length ? ` (${r.warnings.join('; ')})` : '';
    const depth = r.depth === undefined ? '' : ` depth ${String(r.depth)}`;
    return [{ type: 'info', text: `${method}d ${String(r.channel)} ${String(r.symbol)}${depth}${warnings}` }];
  }
  throw new Error(`unknown method ${method}`);
}

/** Reads one Kraken WebSocket v2 frame. */
export function parseKrakenFrame(text: string): VenueMessage[] {
  const scanned = scanBook(text);
  const o = parseObject(scanned ? scanned.rest : text);
  if (o.channel === 'book') return readBookFrame(o, text, scanned?.levels);
  if (typeof o.channel === 'string') return readChannel(o);
  if (typeof o.method === 'string') return readMethod(o);
  if (o.success === false && o.error !== undefined) return [{ type: 'error', message: String(o.error) }];
  throw new Error('unknown message');
}

/** A level's text as the checksum takes it: the '.' removed, then leading zeros. */
function checksumDigits(text: string): string {
  return text.replace('.', '').replace(/^0+/, '');
}

/** The text Kraken's CRC32 covers: the top 10 asks, best (lowest) first, then the top 10 bids, best (highest) first. */
export function krakenChecksumText(book: OrderBook): string {
  let text = '';
  for (const side of [book.asks, book.bids]) {
    for (let k = 0; k < Math.min(CHECKSUM_LEVELS, side.length); k++) {
      text += checksumDigits(side.priceTextAt(k)!) + checksumDigits(side.sizeTextAt(k)!);
    }
  }
  return text;
}

/** The unsigned CRC32 Kraken publishes with every book message. */
export function krakenChecksum(book: OrderBook): number {
  return crc32(krakenChecksumText(book));
}

function bookRequest(method: 'subscribe' | 'unsubscribe', market: Market, depth: KrakenDepth): string {
  return JSON.stringify({ method, params: { channel: 'book', symbol: [market.symbol], depth } });
}

/**
 * The pair's public trades, as the docs' requests (which carry `snapshot` in the unsubscribe too). The snapshot is
 * taken: it "reflects the most recent 50 trades" (…/spot-websocket-v2/trade), so after a reconnect it brings back
 * up to 50 trades printed while the socket was down; those already held come again with trade_ids at or below the
 * last one and the session leaves them out, and only trades beyond the 50 count as missed. On the first connect it
 * starts the tape with the pair's last trades, at their own times.
 */
function tradeRequest(method: 'subscribe' | 'unsubscribe', market: Market): string {
  return JSON.stringify({ method, params: { channel: 'trade', symbol: [market.symbol], snapshot: true } });
}

/**
 * Kraken spot over WebSocket v2 at a given book depth, with the pair's public trades. The stream sends its own
 * snapshot and every book message is checksummed; there are no sequence ids, so a lost update shows as a checksum
 * mismatch. Every book and trade message names its pair in `data[].symbol` and a connection takes many
 * subscriptions, so its markets share one socket.
 */
export function krakenProtocol(depth: KrakenDepth = DEFAULT_DEPTH): VenueProtocol {
  return {
    id: 'kraken',
    venue: 'kraken',
    kind: 'spot',
    name: 'Kraken',
    endpoints: { stream: 'wss://ws.kraken.com' },
    streamUrl: (_market, endpoints) => `${endpoints.stream}/v2`,
    multiplex: true,
    trades: true,
    // One channel a request: the book, then the pair's trades on the same socket.
    subscribe: (market) => [bookRequest('subscribe', market, depth), tradeRequest('subscribe', market)],
    unsubscribe: (market) => [bookRequest('unsubscribe', market, depth), tradeRequest('unsubscribe', market)],
    // A fresh book only: the trade subscription stays, its numbering tells what was missed.
    resubscribe: (market) => [bookRequest('unsubscribe', market, depth), bookRequest('subscribe', market, depth)],
    snapshotSource: 'stream',
    parse: parseKrakenFrame,
    checksum: krakenChecksum,
    // Kraken sends no delete for a level pushed out of the subscribed range: the session truncates instead.
    depth,
  };
}

export const kraken: VenueProtocol = krakenProtocol();
