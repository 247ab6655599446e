import type { Continuity, Endpoints, FeedId, Market, MarketKind, VenueMessage, VenueProtocol } from './types';
import { levelPairs, objectOf, optionalInteger, parseObject } from './json';
import { okx, publishedChecksum } from './okx';
import { BITGET_TRADE_CHANNEL, readBitgetTrades } from './bitget-trades';

/**
 * The public channel of a whole book: "First update pushed is full data: `snapshot`, and then push the update data:
 * `update`" (v2 "Depth Channel", spot and futures pages alike).
 */
export const BITGET_BOOK_CHANNEL = 'books';

/** The public socket of the v2 API, every product line's markets on it ("Websocket API", Domain table). */
export const BITGET_PUBLIC_PATH = '/v2/ws/public';

/**
 * Levels per side the `books` channel keeps. The page calls it "All levels of depth" yet merges updates into "such as
 * `books` 400 levels"; a snapshot of BTCUSDT held 500 levels a side (v2, probed 2026-09-15, see
 * .scratch/venues-18/bitget.md). Levels pushed past the window are never updated again, so the book is cut there.
 */
export const BITGET_DEPTH = 500;

/**
 * "Users set a 30 seconds timer to a send string "ping", and expect a string "pong" as response", and the server
 * drops a connection without a ping for 2 min; a version of the page closed one after 30 s without a ping, so the
 * timer runs a little under.
 */
const KEEPALIVE_MS = 25_000;

/** Bitget's product line (`instType`) of a feed: every subscription and push names it beside the market. */
export type BitgetInstType = 'SPOT' | 'USDT-FUTURES';

/**
 * One book of a `books` push. `seq` is its serial number; an update's `pseq` "The serial number of the previous push"
 * (v2 Depth Channel, Push Parameters). Pages before `pseq` printed only `seq` and the checksum; an update with
 * neither `pseq` nor a checksum could hold anything, so it is read as malformed (and the book synced again), and a
 * snapshot with neither `seq` nor a checksum cannot be joined to its updates.
 */
function readBook(action: 'snapshot' | 'update', symbol: string | undefined, entry: unknown): VenueMessage {
  const d = objectOf(entry, 'book data');
  // The docs' examples print `checksum: 0` and today's pushes leave it out: neither is verified, any other value is.
  const checksum = publishedChecksum(d.checksum);
  const seq = optionalInteger(d.seq, 'seq');
  const common = { symbol, bids: levelPairs(d.bids, 'bids'), asks: levelPairs(d.asks, 'asks'), checksum, time: optionalInteger(d.ts, 'ts') };
  if (action === 'snapshot') {
    if (seq === undefined && checksum === undefined) throw new Error('a books snapshot with neither seq nor a checksum cannot be joined to its updates');
    return { type: 'snapshot', ...common, last: seq };
  }
  const pseq = optionalInteger(d.pseq, 'pseq');
  if (pseq === undefined && checksum === undefined) throw new Error('a books update with neither pseq nor a checksum cannot be verified');
  return { type: 'update', ...common, first: seq, last: seq, prev: pseq };
}

function errorText(o: Record<string, unknown>): string {
  const code = typeof o.code === 'string' || typeof o.code === 'number' ? String(o.code) : '';
  return `${code} ${typeof o.msg === 'string' ? o.msg : ''}`.trim() || 'error';
}

/**
 * Reads one frame of the public socket for the feed of `instType`: the bare text `pong` answering our `ping`, an event
 * (subscribe and unsubscribe confirmations, errors), a `books` push (a snapshot or an update) or a `trade` push. The
 * spot and futures feeds share the socket and name their markets alike (BTCUSDT), so a frame whose `arg` names the
 * other product line is not this feed's: it says nothing here.
 */
export function parseBitgetFrame(instType: BitgetInstType, text: string): VenueMessage[] {
  if (text === 'pong') return [{ type: 'pong' }];
  const o = parseObject(text);
  const arg = o.arg === undefined ? undefined : objectOf(o.arg, 'arg');
  if (arg !== undefined && arg.instType !== instType) return [];
  const symbol = typeof arg?.instId === 'string' ? arg.instId : undefined;
  if (typeof o.event === 'string') {
    if (o.event === 'error') return [{ type: 'error', message: errorText(o), ...(symbol === undefined ? {} : { symbol }) }];
    if (o.event === 'subscribe' || o.event === 'unsubscribe') return [{ type: 'info', text: [o.event, arg?.channel, symbol].filter(Boolean).join(' ') }];
    throw new Error(`unknown event ${o.event}`);
  }
  if (arg === undefined) throw new Error('a push without arg');
  if (!Array.isArray(o.data)) throw new Error(`${String(arg.channel)} push without data`);
  if (arg.channel === BITGET_TRADE_CHANNEL) return readBitgetTrades(symbol, o.action, o.data);
  if (arg.channel !== BITGET_BOOK_CHANNEL) throw new Error(`not a ${BITGET_BOOK_CHANNEL} or ${BITGET_TRADE_CHANNEL} push`);
  const action = o.action;
  if (action !== 'snapshot' && action !== 'update') throw new Error(`unknown action ${String(action)}`);
  return o.data.map((entry: unknown) => readBook(action, symbol, entry));
}

/**
 * Bitget's rule: an update's `pseq` is the `seq` of the push before it, the snapshot's for the first update ("After
 * receiving a snapshot ..., the seq of the snapshot should fall within the range [pseq, seq] of the first update",
 * UTA Depth Channel; on the v2 wire the first update's pseq is the snapshot's seq). Anything else lost a push, or
 * the serial numbers were reset (maintenance, a restart: "a push message with pseq=0"): only a fresh snapshot
 * repairs the book. A push without the chain (a snapshot without `seq`, an update from before `pseq`) is applied
 * on its checksum alone, which the session then verifies; the parser lets none through without one.
 */
export function bitgetSequence(lastId: number | undefined, u: { prev?: number; last?: number; checksum?: number }): Continuity {
  if (u.prev !== undefined && lastId !== undefined) {
    if (u.prev === lastId) return 'apply';
    return u.last !== undefined && u.last <= lastId ? 'backwards' : 'gap';
  }
  return u.checksum !== undefined ? 'apply' : 'gap';
}

/**
 * A subscription request for `channels` of one market: "the total length of multiple channels cannot exceed 4096
 * bytes at a time", which a market's two stay far within. Bitget answers each arg with an event of its own.
 */
function request(op: 'subscribe' | 'unsubscribe', instType: BitgetInstType, market: Market, channels: readonly string[]): string {
  return JSON.stringify({ op, args: channels.map((channel) => ({ instType, channel, instId: market.symbol })) });
}

/** The book's channel and the market's public trades. */
const BOOK_AND_TRADES = [BITGET_BOOK_CHANNEL, BITGET_TRADE_CHANNEL];

/** A feed of one Bitget product line on the shared public socket. */
export function bitgetProtocol(id: FeedId, kind: MarketKind, name: string, instType: BitgetInstType): VenueProtocol {
  return {
    id,
    venue: 'bitget',
    kind,
    name,
    endpoints: { stream: 'wss://ws.bitget.com', rest: 'https://api.bitget.com' },
    streamUrl(_market: Market, endpoints: Endpoints): string {
      return `${endpoints.stream}${BITGET_PUBLIC_PATH}`;
    },
    // "Max 1000 channel subscription/connection": a connection takes many markets, spot and futures alike, and
    // every push names its product line and market in `arg`.
    multiplex: true,
    trades: true,
    subscribe: (market) => [request('subscribe', instType, market, BOOK_AND_TRADES)],
    unsubscribe: (market) => [request('unsubscribe', instType, market, BOOK_AND_TRADES)],
    // A new subscription opens with a snapshot, so leaving and rejoining the book's channel resyncs in place (each
    // request counts against "240 subscription requests/Hour/connection"); the trades stay subscribed.
    resubscribe: (market) => [request('unsubscribe', instType, market, [BITGET_BOOK_CHANNEL]), request('subscribe', instType, market, [BITGET_BOOK_CHANNEL])],
    snapshotSource: 'stream',
    parse: (text) => parseBitgetFrame(instType, text),
    sequence: (lastId, update) => bitgetSequence(lastId, update),
    // The checksum is OKX's to the letter: "the first 25 bids and asks", "bid1[price:amount]:ask1[price:amount]:...",
    // the shorter side's missing levels left out, "the original value" of each price, as a "32-bit signed integer".
    checksum: okx.checksum,
    depth: BITGET_DEPTH,
    keepalive: { everyMs: KEEPALIVE_MS, text: 'ping' },
  };
}

/** Bitget spot (`instType` SPOT), symbols like BTCUSDT, sizes in the base coin. */
export const bitget: VenueProtocol = bitgetProtocol('bitget', 'spot', 'Bitget', 'SPOT');
