import type { Continuity, Market, VenueMessage, VenueProtocol } from './types';
import { integer, levelPairs, objectOf, optionalInteger, parseObject } from './json';
import { readCryptocomTrades, tradeChannel } from './cryptocom-trades';

/**
 * Levels per side of the book channel: `depth` "Allowed values: 50, 10" (Exchange API v1, `book.{instrument_name}.
 * {depth}`), 50 the deepest. Nothing beyond the top 50 is sent, and the docs do not say that a level pushed out of
 * them is removed by a delta, so the book is cut at 50 after each update.
 */
export const CRYPTOCOM_DEPTH = 50;

/** The delta subscription's interval: "`100` or `10` (default)" ms; 100 is the other venues' pace, a tenth of the frames. */
const UPDATE_FREQUENCY_MS = 100;

/** Crypto.com's market-data socket, for spot and perpetuals alike ("Websocket (Market Data Subscriptions)"). */
const MARKET_PATH = '/exchange/v1/market';

function bookChannel(market: Market): string {
  return `book.${market.symbol}.${CRYPTOCOM_DEPTH}`;
}

/**
 * A `subscribe` request, as the book channel's "Request Sample - Subscription (SNAPSHOT_AND_UPDATE)": the delta
 * subscription (a snapshot, then `book.update` deltas) at 100 ms; the trade channel ignores the book's params. `nonce`,
 * "Current timestamp (milliseconds since the Unix epoch)", is marked required in the request format (the samples
 * leave it out). Every request has id 1: answers are told apart by what they name, not by id.
 */
function subscribeRequest(channels: readonly string[]): string {
  return JSON.stringify({
    id: 1,
    method: 'subscribe',
    params: { channels, book_subscription_type: 'SNAPSHOT_AND_UPDATE', book_update_frequency: UPDATE_FREQUENCY_MS },
    nonce: Date.now(),
  });
}

function unsubscribeRequest(channels: readonly string[]): string {
  return JSON.stringify({ id: 1, method: 'unsubscribe', params: { channels }, nonce: Date.now() });
}

/**
 * The heartbeat's id, echoed as it came: "respond back with the `public/respond-heartbeat` method, using the same
 * matching `id`" (a number in the docs' example, a string of digits in the newer reference).
 */
function heartbeatId(value: unknown): number | string {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return value;
  throw new Error('the heartbeat has no id to answer with');
}

/**
 * The market an error answer is about, from `original`, the request "returned as an escaped string": the instrument
 * of its first channel (`book.BTC_USDT.50`, `trade.BTC_USDT`), so that on a shared socket only that market's session
 * takes it. Undefined where it names none.
 */
function symbolOfRequest(original: unknown): string | undefined {
  if (typeof original !== 'string') return undefined;
  try {
    const channels = (JSON.parse(original) as { params?: { channels?: unknown } }).params?.channels;
    const first = Array.isArray(channels) ? channels[0] : undefined;
    return typeof first === 'string' ? first.split('.')[1] : undefined;
  } catch {
    return undefined;
  }
}

/** A non-zero `code`: the venue refused the request (TOO_MANY_REQUESTS, EXCEED_MAX_SUBSCRIPTIONS, ...). */
function refusal(o: Record<string, unknown>, code: number): VenueMessage {
  const said = typeof o.message === 'string' && o.message !== '' ? ` ${o.message}` : '';
  const symbol = symbolOfRequest(o.original);
  return {
    type: 'error',
    message: `${String(o.method ?? 'request')} refused: ${code}${said}`,
    // A refused subscription leaves its market without a book until something changes.
    fatal: o.method === 'subscribe',
    ...(symbol === undefined ? {} : { symbol }),
  };
}

/** A `book` snapshot: "bids", "asks", `t` ("Epoch millis of message publish") and `u`, the update sequence. */
function readSnapshot(symbol: string | undefined, entry: unknown): VenueMessage {
  const d = objectOf(entry, 'book data');
  return { type: 'snapshot', symbol, bids: levelPairs(d.bids, 'bids'), asks: levelPairs(d.asks, 'asks'), last: integer(d.u, 'u'), time: optionalInteger(d.t, 't') };
}

/** A `book.update` delta: the changed levels in `update` (size "0" removes one), its `u` and the previous one's, `pu`. */
function readUpdate(symbol: string | undefined, entry: unknown): VenueMessage {
  const d = objectOf(entry, 'book.update data');
  const change = objectOf(d.update, 'update');
  const u = integer(d.u, 'u');
  return {
    type: 'update',
    symbol,
    bids: levelPairs(change.bids, 'update.bids'),
    asks: levelPairs(change.asks, 'update.asks'),
    first: u,
    last: u,
    prev: integer(d.pu, 'pu'),
    time: optionalInteger(d.t, 't'),
  };
}

/**
 * Reads one frame of the market-data socket (spot and perpetuals send the same): the server's heartbeat, which must
 * be answered; a request's answer (`code` 0, or a refusal); or a push on `book` (the snapshot), `book.update` (a
 * delta) or `trade`. `code` is a number in the docs' examples and a string in the newer reference: both are read.
 */
export function parseCryptocomFrame(text: string): VenueMessage[] {
  const o = parseObject(text);
  if (o.method === 'public/heartbeat') {
    return [{ type: 'ping', reply: JSON.stringify({ id: heartbeatId(o.id), method: 'public/respond-heartbeat' }) }];
  }
  const code = o.code === undefined ? 0 : integer(o.code, 'code');
  if (code !== 0) return [refusal(o, code)];
  if (o.result === undefined) {
    if (o.method === 'subscribe' || o.method === 'unsubscribe') return [{ type: 'info', text: `${o.method} confirmed` }];
    if (o.method === 'public/respond-heartbeat') return [{ type: 'pong' }];
    throw new Error(`unknown method ${String(o.method)}`);
  }
  const result = objectOf(o.result, 'result');
  const symbol = typeof result.instrument_name === 'string' ? result.instrument_name : undefined;
  const channel = String(result.channel);
  if (!Array.isArray(result.data)) throw new Error(`${channel} push without data`);
  switch (result.channel) {
    case 'book':
      return result.data.map((entry) => readSnapshot(symbol, entry));
    case 'book.update':
      return result.data.map((entry) => readUpdate(symbol, entry));
    case 'trade':
      return readCryptocomTrades(symbol, result.data, o.id);
    default:
      throw new Error(`unknown channel ${channel}`);
  }
}

/**
 * Crypto.com's rule for the delta subscription: "An update should only be processed if the `pu` field corresponds to
 * the `u` of the last received update. If there is mismatch, the update should not be applied. Instead,
 * re-subscribe". `u` is increasing and unique per instrument but need not step by one (an empty delta may bring a new
 * one: "The book may have updated outside of the requested depth, so `u` may have changed"), so only `pu` says
 * whether anything was missed; a `u` at or below the last one means the ids went back.
 */
export function cryptocomSequence(lastId: number | undefined, u: { last?: number; prev?: number }): Continuity {
  if (lastId === undefined || u.last === undefined || u.prev === undefined) return 'gap';
  if (u.prev === lastId) return 'apply';
  return u.last <= lastId ? 'backwards' : 'gap';
}

/**
 * Crypto.com Exchange spot (`BTC_USDT`) over the market-data socket, which takes up to 400 subscriptions and names
 * the instrument in every push (`result.instrument_name`): its markets, and the perpetual feed's on the same URL,
 * share one socket, each with its book and its public trades. The server sends `public/heartbeat` every 30 s and
 * closes a connection that does not answer within 5 s; no client ping is needed. The docs publish no checksum.
 */
export const cryptocom: VenueProtocol = {
  id: 'cryptocom',
  venue: 'cryptocom',
  kind: 'spot',
  name: 'Crypto.com',
  endpoints: { stream: 'wss://stream.crypto.com' },
  streamUrl: (_market, endpoints) => `${endpoints.stream}${MARKET_PATH}`,
  multiplex: true,
  trades: true,
  subscribe: (market) => [subscribeRequest([bookChannel(market), tradeChannel(market)])],
  unsubscribe: (market) => [unsubscribeRequest([bookChannel(market), tradeChannel(market)])],
  // "To re-subscribe, issue another `subscribe` request for the instrument. Note there is no need to issue an
  // `unsubscribe` request before this": a fresh snapshot follows. The trades stay subscribed.
  resubscribe: (market) => [subscribeRequest([bookChannel(market)])],
  snapshotSource: 'stream',
  parse: parseCryptocomFrame,
  sequence: cryptocomSequence,
  depth: CRYPTOCOM_DEPTH,
};
