import type { Endpoints, Market, VenueMessage, VenueProtocol } from './types';
import { integer, levelPairs, optionalInteger, parseObject } from './json';
import { isBaseAsset } from './assets';
import { consecutiveIds } from './sequence';

/**
 * Spot depths Bybit serves are 1, 50, 200 and 1000; 1000 is the deepest and pushes every 200 ms, as often as
 * 200 does (https://bybit-exchange.github.io/docs/v5/websocket/public/orderbook).
 */
export const BYBIT_DEPTH = 1000;

function topic(market: Market): string {
  return `orderbook.${BYBIT_DEPTH}.${market.symbol}`;
}

/**
 * Reads one frame of Bybit's v5 public spot socket: an `orderbook` push (snapshot or delta), the answer to a
 * ping, or the answer to a subscribe / unsubscribe.
 */
export function parseBybitFrame(text: string): VenueMessage[] {
  const o = parseObject(text);
  if (typeof o.topic === 'string') return parseOrderbookPush(o, o.topic);
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

export const bybit: VenueProtocol = {
  id: 'bybit',
  name: 'Bybit',
  endpoints: { stream: 'wss://stream.bybit.com' },
  market(base: string): Market | undefined {
    if (!isBaseAsset(base)) return undefined;
    return { venue: 'bybit', base, quote: 'USDT', symbol: `${base}USDT`, kind: 'spot' };
  },
  streamUrl(_market: Market, endpoints: Endpoints): string {
    return `${endpoints.stream}/v5/public/spot`;
  },
  subscribe(market: Market): string[] {
    return [JSON.stringify({ op: 'subscribe', args: [topic(market)] })];
  },
  // A new subscription always starts with a snapshot, so leaving and rejoining the topic resyncs in place.
  resubscribe(market: Market): string[] {
    return [JSON.stringify({ op: 'unsubscribe', args: [topic(market)] }), JSON.stringify({ op: 'subscribe', args: [topic(market)] })];
  },
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
