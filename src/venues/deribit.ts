import type { RawLevel } from '../book/levels';
import { integer, objectOf, optionalInteger, parseObject } from './json';
import { numberText } from './deribit-numbers';
import { readDeribitTrades } from './deribit-trades';
import type { Continuity, Market, VenueMessage, VenueProtocol } from './types';

/**
 * The interval both channels are asked at: `100ms` is the finest a public (unauthenticated) connection gets ("The
 * value `raw` means no aggregation will be applied (Please note that `raw` interval is only available to authorized
 * users)"; allowed values raw, 100ms, agg2).
 */
export const DERIBIT_INTERVAL = '100ms';

/** `book.<instrument>.<interval>`: a full snapshot of the book first, then changes to single levels. */
export function deribitBookChannel(symbol: string): string {
  return `book.${symbol}.${DERIBIT_INTERVAL}`;
}

/** `trades.<instrument>.<interval>`: the instrument's trades as they happen, several to a notification. */
export function deribitTradesChannel(symbol: string): string {
  return `trades.${symbol}.${DERIBIT_INTERVAL}`;
}

/**
 * The heartbeat asked of the server, in seconds ("The heartbeat interval in seconds, but not less than 10"): it then
 * sends a `test_request` every interval, and closes the socket when one is not answered by `public/test`.
 */
export const DERIBIT_HEARTBEAT_SECONDS = 30;

/**
 * JSON-RPC ids of our requests, one per method, so that an answer says what it answers; the notifications that
 * follow carry no id. Only the method is told apart: markets on a shared socket send the same ids.
 */
export const DERIBIT_REQUEST_IDS = { subscribe: 1, unsubscribe: 2, heartbeat: 3, test: 4 } as const;

function request(method: string, id: number, params: Record<string, unknown>): string {
  return JSON.stringify({ jsonrpc: '2.0', id, method, params });
}

function channels(op: 'subscribe' | 'unsubscribe', names: readonly string[]): string {
  return request(`public/${op}`, DERIBIT_REQUEST_IDS[op], { channels: names });
}

/** The answer a `test_request` heartbeat asks for. */
export const DERIBIT_TEST_REQUEST = request('public/test', DERIBIT_REQUEST_IDS.test, {});

/**
 * A side's levels `[action, price, amount]`: a snapshot's are all `new`, a change's `new`, `change` or `delete`.
 * Read in one loop with no text built unless it fails: every book frame holds several.
 */
function readLevels(value: unknown, field: string, snapshot: boolean): RawLevel[] {
  if (!Array.isArray(value)) throw new Error(`${field} is not a list of levels`);
  const out: RawLevel[] = new Array(value.length);
  for (let k = 0; k < value.length; k++) {
    const entry: unknown = value[k];
    if (!Array.isArray(entry) || entry.length !== 3) throw new Error(`${field} holds a level that is not [action, price, amount]`);
    const action: unknown = entry[0];
    if (action !== 'new' && (snapshot || (action !== 'change' && action !== 'delete'))) {
      throw new Error(`${field} holds a level with action ${String(action)}${snapshot ? ' in a snapshot' : ''}`);
    }
    const price = numberText(entry[1], 'price');
    const size = numberText(entry[2], 'amount');
    // A deleted level is gone whatever amount the venue wrote beside it (0 in practice).
    out[k] = [price, action === 'delete' ? '0' : size];
  }
  return out;
}

/**
 * A `book` notification's data. Every one carries `change_id`; every one but the first (`type` snapshot) carries
 * `prev_change_id`, the change_id of the notification before it: "If `prev_change_id` equals the `change_id` of the
 * previous message, it indicates that no messages were missed."
 */
function readBook(data: unknown): Extract<VenueMessage, { type: 'snapshot' | 'update' }> {
  const d = objectOf(data, 'book data');
  if (d.type !== 'snapshot' && d.type !== 'change') throw new Error(`book notification of type ${String(d.type)}`);
  if (typeof d.instrument_name !== 'string' || d.instrument_name === '') throw new Error('book notification without instrument_name');
  const snapshot = d.type === 'snapshot';
  const symbol = d.instrument_name;
  const bids = readLevels(d.bids, 'bids', snapshot);
  const asks = readLevels(d.asks, 'asks', snapshot);
  const last = integer(d.change_id, 'change_id');
  const time = optionalInteger(d.timestamp, 'timestamp');
  if (snapshot) return { type: 'snapshot', symbol, bids, asks, last, time };
  return { type: 'update', symbol, bids, asks, last, time, prev: integer(d.prev_change_id, 'prev_change_id') };
}

/** A channel's instrument and kind: `book.BTC-PERPETUAL.100ms`, `trades.BTC_USDC.100ms`. */
function readChannel(channel: string): { kind: 'book' | 'trades'; symbol: string } {
  const first = channel.indexOf('.');
  const last = channel.lastIndexOf('.');
  const kind = channel.slice(0, first);
  const symbol = channel.slice(first + 1, last);
  if ((kind !== 'book' && kind !== 'trades') || symbol === '' || symbol.includes('.') || last === channel.length - 1) {
    throw new Error(`notification on channel ${channel}, which no subscription asked for`);
  }
  return { kind, symbol };
}

function readNotification(params: unknown): VenueMessage[] {
  const p = objectOf(params, 'params');
  if (typeof p.channel !== 'string') throw new Error('notification without a channel');
  const { kind, symbol } = readChannel(p.channel);
  if (kind === 'trades') return readDeribitTrades(symbol, p.data);
  const book = readBook(p.data);
  if (book.symbol !== symbol) throw new Error(`${p.channel} holds the book of ${book.symbol}`);
  return [book];
}

/** `heartbeat` notifications: `test_request` wants `public/test` back at once, `heartbeat` only says the link is up. */
function readHeartbeat(params: unknown): VenueMessage[] {
  const type = objectOf(params, 'params').type;
  if (type === 'test_request') return [{ type: 'ping', reply: DERIBIT_TEST_REQUEST }];
  if (type === 'heartbeat') return [{ type: 'heartbeat' }];
  throw new Error(`heartbeat of type ${String(type)}`);
}

/**
 * An answer to one of our requests: subscriptions confirmed (the channels subscribed or left, as a list), the
 * heartbeat set ("ok"), `public/test` answered (`{"version": ...}`), or a JSON-RPC `error` with Deribit's code.
 */
function readAnswer(o: Record<string, unknown>): VenueMessage[] {
  if (o.error !== undefined) {
    const e = objectOf(o.error, 'error');
    const data = e.data === undefined ? '' : ` ${JSON.stringify(e.data)}`;
    return [{ type: 'error', message: `${String(e.code)} ${String(e.message)}${data}`.trim() }];
  }
  if (o.id === DERIBIT_REQUEST_IDS.test) return [{ type: 'pong' }];
  if (Array.isArray(o.result)) return [{ type: 'info', text: `${o.id === DERIBIT_REQUEST_IDS.unsubscribe ? 'unsubscribed' : 'subscribed'} ${o.result.join(', ')}` }];
  if (o.result === 'ok') return [{ type: 'info', text: 'heartbeat set' }];
  throw new Error(`answer to request ${String(o.id)} that no request of ours asks for`);
}

/**
 * Reads one frame of Deribit's JSON-RPC socket: a `subscription` notification (a book snapshot or change, or
 * trades), a `heartbeat`, or the answer to a request.
 */
export function parseDeribitFrame(text: string): VenueMessage[] {
  const o = parseObject(text);
  if (o.method === 'subscription') return readNotification(o.params);
  if (o.method === 'heartbeat') return readHeartbeat(o.params);
  if (o.id !== undefined) return readAnswer(o);
  throw new Error(`unknown message${typeof o.method === 'string' ? ` ${o.method}` : ''}`);
}

/**
 * Deribit's rule: a change's prev_change_id is the change_id of the notification before it (the snapshot's, for the
 * first), or notifications were missed. A change that ends at or before the book's change_id went back (a venue
 * restart or a repeat); either way only a fresh snapshot, from subscribing again, repairs the book.
 */
export function deribitSequence(lastId: number | undefined, u: { prev?: number; last?: number }): Continuity {
  if (lastId === undefined || u.prev === undefined || u.last === undefined) return 'gap';
  if (u.prev === lastId) return 'apply';
  return u.last <= lastId ? 'backwards' : 'gap';
}

const bookAndTrades = (market: Market): string[] => [deribitBookChannel(market.symbol), deribitTradesChannel(market.symbol)];

/**
 * Deribit's perpetual BTC-PERPETUAL (and the other inverse perpetuals) over its JSON-RPC WebSocket API. One socket
 * at `/ws/api/v2` takes every instrument, spot too, and every notification names its channel (and so its
 * instrument), so the venue's markets share it. Sizes of an inverse instrument are USD ("For perpetuals and futures,
 * `amount` is in USD units"), which the market's `inverse` turns into base units where books are compared.
 */
export const deribit: VenueProtocol = {
  id: 'deribit',
  venue: 'deribit',
  kind: 'perpetual',
  name: 'Deribit',
  // The production server of the API reference ("deribit.com/ws/api/v2"), served at www.deribit.com.
  endpoints: { stream: 'wss://www.deribit.com', rest: 'https://www.deribit.com' },
  streamUrl: (_market, endpoints) => `${endpoints.stream}/ws/api/v2`,
  multiplex: true,
  trades: true,
  // The heartbeat is asked with every market's subscription: the same interval again only restarts its clock.
  subscribe: (market) => [request('public/set_heartbeat', DERIBIT_REQUEST_IDS.heartbeat, { interval: DERIBIT_HEARTBEAT_SECONDS }), channels('subscribe', bookAndTrades(market))],
  unsubscribe: (market) => [channels('unsubscribe', bookAndTrades(market))],
  // Subscribing again starts the channel with a fresh snapshot; the trades stay subscribed, their numbers tell
  // what was missed.
  resubscribe: (market) => [channels('unsubscribe', [deribitBookChannel(market.symbol)]), channels('subscribe', [deribitBookChannel(market.symbol)])],
  snapshotSource: 'stream',
  parse: parseDeribitFrame,
  sequence: deribitSequence,
};
