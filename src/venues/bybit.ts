import type { Endpoints, Market, VenueMessage, VenueProtocol } from './types';
import { integer, levelPairs, optionalInteger, parseObject } from './json';
import { consecutiveIds } from './sequence';
import { isTradeTopic, parsePublicTrade, tradeTopic } from './bybit-trades';

/**
 * Depths Bybit serves, spot and linear alike, are 1, 50, 200 and 1000; 1000 is the deepest and pushes every 200 ms
 * (https://bybit-exchange.github.io/docs/v5/websocket/public/orderbook, "Depths").
 */
export const BYBIT_DEPTH = 1000;

function bookTopic(market: Market): string {
  return `orderbook.${BYBIT_DEPTH}.${market.symbol}`;
}

/**
 * One request for `topics`: a market's two (its book and its trades) stay well within the most args spot takes in a
 * request ("Spot can input up to 10 args for each subscription request sent to one connection", the connect page).
 */
function request(op: 'subscribe' | 'unsubscribe', topics: readonly string[]): string {
  return JSON.stringify({ op, args: topics });
}

const bookAndTrades = (market: Market): string[] => [bookTopic(market), tradeTopic(market)];

/**
 * Reads one frame of Bybit's v5 public sockets (spot and linear send the same): an `orderbook` push (snapshot or
 * delta), a `publicTrade` push, the answer to a ping, or the answer to a subscribe / unsubscribe.
 */
export function parseBybitFrame(text: string): VenueMessage[] {
  const o = parseObject(text);
  if (typeof o.topic === 'string') return isTradeTopic(o.topic) ? parsePublicTrade(o, o.topic) : parseOrderbookPush(o, o.topic);
  // Public sockets answer a ping with op "ping" and ret_msg "pong"; private ones with op "pong".
  if (o.op === 'pong' || (o.op === 'ping' && o.ret_msg === 'pong')) return [{ type: 'pong' }];
  if (typeof o.op === 'string' && typeof o.success === 'boolean') {
    const said = typeof o.ret_msg === 'string' && o.ret_msg !== '' ? `: ${o.ret_msg}` : '';
    if (!o.success) return [{ type: 'error', message: `${o.op} refused${said}` }];
    return [{ type: 'info', text: `${o.op} confirmed` }];
  }
  throw new Error(`unknown message${typeof o.op === 'string' ? ` op ${o.op}` : ''}`);
}

function parseOrderbookPush(o: Record<string, unknown>, name: string): VenueMessage[] {
  if (!name.startsWith('orderbook.')) throw new Error(`unexpected topic ${name}`);
  if (typeof o.data !== 'object' || o.data === null || Array.isArray(o.data)) throw new Error(`${name} has no data object`);
  const data = o.data as Record<string, unknown>;
  const fields = {
    symbol: typeof data.s === 'string' ? data.s : undefined,
    bids: levelPairs(data.b, 'b'),
    asks: levelPairs(data.a, 'a'),
    time: optionalInteger(o.ts, 'ts'),
  };
  const u = integer(data.u, 'u');
  // A snapshot replaces the book whatever its u; u = 1 is the one Bybit sends after restarting its service.
  if (o.type === 'snapshot') return [{ type: 'snapshot', ...fields, last: u }];
  if (o.type === 'delta') return [{ type: 'update', ...fields, first: u, last: u }];
  throw new Error(`${name} has unknown type ${String(o.type)}`);
}

/**
 * Bybit spot over the v5 public socket. Every push names its symbol (a book's in `data.s`, trades' in the topic) and a
 * connection takes many topics, so its markets share one socket, each with its book and its public trades.
 */
export const bybit: VenueProtocol = {
  id: 'bybit',
  venue: 'bybit',
  kind: 'spot',
  name: 'Bybit',
  endpoints: { stream: 'wss://stream.bybit.com' },
  streamUrl(_market: Market, endpoints: Endpoints): string {
    return `${endpoints.stream}/v5/public/spot`;
  },
  multiplex: true,
  trades: true,
  subscribe: (market) => [request('subscribe', bookAndTrades(market))],
  unsubscribe: (market) => [request('unsubscribe', bookAndTrades(market))],
  // A new subscription always starts with a snapshot, so leaving and rejoining the topic resyncs in place; the
  // trades stay subscribed, since a resync of the book is no reason to miss a trade.
  resubscribe: (market) => [request('unsubscribe', [bookTopic(market)]), request('subscribe', [bookTopic(market)])],
  snapshotSource: 'stream',
  parse: parseBybitFrame,
  /**
   * Bybit documents `u` as the topic's update id, a sequence ("Is a sequence"; the Chinese page: consecutive in
   * normal operation). Each delta must therefore carry the previous message's u + 1; anything else means a push
   * was lost or the stream restarted, and only a fresh snapshot can repair the book.
   */
  sequence: consecutiveIds,
  depth: BYBIT_DEPTH,
  // Bybit recommends a ping every 20 s to keep the socket open.
  keepalive: { everyMs: 20_000, text: JSON.stringify({ op: 'ping' }) },
};
