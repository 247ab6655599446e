import type { RawLevel } from '../book/levels';
import type { RawTrade, TradeSide } from '../trades/types';
import type { Endpoints, Market, VenueMessage, VenueProtocol } from './types';
import { optionalInteger, parseObject } from './json';
import { byTradeId, bySymbol, oldestFirst, tradePrice, tradeSize } from './trade-fields';

/** RFC 3339 as Coinbase writes it: UTC or an offset, with up to nanosecond fractions. */
const RFC3339 = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})$/;

/** Reads an RFC 3339 time as epoch ms; JavaScript's Date does not promise to read nanosecond fractions. */
export function rfc3339Ms(value: unknown, field: string): number {
  const m = typeof value === 'string' ? RFC3339.exec(value) : null;
  const ms = m ? Date.parse(`${m[1]}.${(m[2] ?? '').padEnd(3, '0').slice(0, 3)}${m[3]}`) : NaN;
  if (!Number.isFinite(ms)) throw new Error(`${field} is not an RFC 3339 time`);
  return ms;
}

/** Splits a level2 event's `updates` into bids and asks; Coinbase calls the ask side "offer". */
function levelUpdates(value: unknown): { bids: RawLevel[]; asks: RawLevel[] } {
  if (!Array.isArray(value)) throw new Error('updates is not a list');
  const bids: RawLevel[] = [];
  const asks: RawLevel[] = [];
  for (const u of value as Record<string, unknown>[]) {
    if (typeof u !== 'object' || u === null || typeof u.price_level !== 'string' || typeof u.new_quantity !== 'string') {
      throw new Error('updates holds a level without price_level and new_quantity');
    }
    if (u.side === 'bid') bids.push([u.price_level, u.new_quantity]);
    else if (u.side === 'offer') asks.push([u.price_level, u.new_quantity]);
    else throw new Error(`updates holds a level on side ${String(u.side)}`);
  }
  return { bids, asks };
}

function l2Events(events: unknown[], time: number | undefined): VenueMessage[] {
  return events.map((e) => {
    const event = e as Record<string, unknown>;
    if (typeof event !== 'object' || event === null || (event.type !== 'snapshot' && event.type !== 'update')) {
      throw new Error(`l2_data event of unknown type ${typeof event === 'object' && event !== null ? String(event.type) : ''}`.trim());
    }
    const symbol = typeof event.product_id === 'string' ? event.product_id : undefined;
    return { type: event.type, symbol, time, ...levelUpdates(event.updates) };
  });
}

/**
 * Coinbase's `side` on a market trade is the maker's: the Advanced Trade channels page says "Each market trade
 * belongs to a `side`, which refers to the makers side, and can be of type `BUY`, or `SELL`"
 * (…/advanced-trade-apis/websocket/websocket-channels → Market Trades Channel), as its Exchange feed documents for
 * `match` ("The side field indicates the maker order side"). The aggressor is the other side: a maker's BUY was a
 * bid that a seller hit. Clients disagree (some read it as the taker's); the docs are what is followed here.
 */
const TAKER_SIDE: Readonly<Record<string, TradeSide>> = { BUY: 'sell', SELL: 'buy' };

/**
 * One market trade. `trade_id` is a string ("000000000" in the docs) that no page calls consecutive, so it names
 * the trade (a repeat after a reconnect is known by it) and gives no `seq`: a lost message shows in `sequence_num`.
 */
function readTrade(value: unknown): RawTrade & { readonly symbol?: string } {
  const t = value as Record<string, unknown>;
  if (typeof t !== 'object' || t === null || typeof t.trade_id !== 'string' || !t.trade_id) throw new Error('trades holds a trade without a trade_id');
  const side = typeof t.side === 'string' ? TAKER_SIDE[t.side] : undefined;
  if (!side) throw new Error(`trade on side ${String(t.side)}`);
  return {
    symbol: typeof t.product_id === 'string' ? t.product_id : undefined,
    id: t.trade_id,
    time: rfc3339Ms(t.time, 'time'),
    price: tradePrice(t.price, 'price'),
    size: tradeSize(t.size, 'size'),
    side,
  };
}

/**
 * A `market_trades` message: one `trades` message per product, oldest first (by time, then id: the docs do not
 * say in which order a batch lists its trades). Its `sequence_num` goes on the first message of the frame, as for
 * every channel, so the connection's count stays whole. The envelope's timestamp is an update's event time; a
 * snapshot's trades are history.
 */
function tradeEvents(events: unknown[], time: number | undefined): VenueMessage[] {
  const read: (RawTrade & { readonly symbol?: string })[] = [];
  let snapshot = false;
  for (const e of events) {
    const event = e as Record<string, unknown>;
    if (typeof event !== 'object' || event === null || (event.type !== 'snapshot' && event.type !== 'update') || !Array.isArray(event.trades)) {
      throw new Error('market_trades event that is not a snapshot or update of trades');
    }
    snapshot ||= event.type === 'snapshot';
    for (const value of event.trades) read.push(readTrade(value));
  }
  return [...bySymbol<RawTrade>(read)].map(([symbol, trades]) => {
    return { type: 'trades', symbol, trades: oldestFirst(trades, byTradeId), ...(time === undefined || snapshot ? {} : { time }) };
  });
}

function subscriptionsText(events: unknown[]): string {
  const first = events[0] as { subscriptions?: Record<string, unknown> } | undefined;
  const subs = first?.subscriptions ?? {};
  return `subscribed ${Object.entries(subs)
    .map(([channel, ids]) => `${channel}: ${Array.isArray(ids) ? ids.join(',') : ''}`)
    .join('; ')}`;
}

/**
 * `sequence_num` counts every message on the connection, whatever its channel, so exactly one message of each
 * frame carries it: the session checks it across all kinds, and a frame's later events must not look like a gap.
 */
function withSeq(messages: VenueMessage[], seq: number | undefined, channel: string): VenueMessage[] {
  if (seq === undefined) return messages;
  const [first, ...rest] = messages;
  if (first && first.type !== 'error' && first.type !== 'ping' && first.type !== 'pong') return [{ ...first, seq }, ...rest];
  return [{ type: 'info', text: channel, seq }, ...messages];
}

/**
 * Reads one Advanced Trade market-data frame: `l2_data` snapshots and updates, `market_trades`, `heartbeats`, the
 * `subscriptions` confirmation and `{"type":"error"}`.
 */
export function parseCoinbaseFrame(text: string): VenueMessage[] {
  const o = parseObject(text);
  if (o.type === 'error') {
    const reason = typeof o.reason === 'string' && o.reason ? ` (${o.reason})` : '';
    return [{ type: 'error', message: `${String(o.message ?? 'error')}${reason}` }];
  }
  if (typeof o.channel !== 'string') throw new Error('unknown message without a channel');
  const seq = optionalInteger(o.sequence_num, 'sequence_num');
  const time = o.timestamp === undefined ? undefined : rfc3339Ms(o.timestamp, 'timestamp');
  if (!Array.isArray(o.events)) throw new Error(`${o.channel} message without events`);
  switch (o.channel) {
    case 'l2_data':
      return withSeq(l2Events(o.events, time), seq, o.channel);
    case 'market_trades':
      return withSeq(tradeEvents(o.events, time), seq, o.channel);
    case 'heartbeats':
      return withSeq([{ type: 'heartbeat', time }], seq, o.channel);
    case 'subscriptions':
      return withSeq([{ type: 'info', text: subscriptionsText(o.events) }], seq, o.channel);
    default:
      // Never subscribed to, but it still took a sequence number: keep the count and report it.
      return withSeq([{ type: 'error', message: `unknown channel ${o.channel}` }], seq, o.channel);
  }
}

function request(type: 'subscribe' | 'unsubscribe', market: Market, channel: 'level2' | 'market_trades' | 'heartbeats'): string {
  return JSON.stringify({ type, product_ids: [market.symbol], channel });
}

/**
 * Coinbase Advanced Trade's public market data: full-depth `level2`, `market_trades` and `heartbeats`, no
 * authentication. Every `l2_data` event and every trade names its product in `product_id`, so markets share one
 * socket; `sequence_num` then counts the messages of all of them and of every channel, and every session on the
 * socket sees every message, so each still finds any gap.
 */
export const coinbase: VenueProtocol = {
  id: 'coinbase',
  venue: 'coinbase',
  kind: 'spot',
  name: 'Coinbase',
  endpoints: { stream: 'wss://advanced-trade-ws.coinbase.com' },
  streamUrl(_market: Market, endpoints: Endpoints): string {
    return endpoints.stream;
  },
  multiplex: true,
  trades: true,
  // "You can only subscribe to one channel per subscription message" (…/websocket/websocket-overview): level2, the
  // product's trades, and heartbeats, which keep a quiet subscription from being closed.
  subscribe: (market) => [request('subscribe', market, 'level2'), request('subscribe', market, 'market_trades'), request('subscribe', market, 'heartbeats')],
  // "To unsubscribe from a channel/product pair, send an unsubscribe message. The structure is the same as subscribe
  // message" (…/advanced-trade-apis/websocket/websocket-overview). Not the heartbeats: they keep the socket's other
  // markets open.
  unsubscribe: (market) => [request('unsubscribe', market, 'level2'), request('unsubscribe', market, 'market_trades')],
  // No `resubscribe`: the docs do not promise a fresh snapshot for a second subscribe on the same socket, so a
  // gap in sequence_num reconnects.
  snapshotSource: 'stream',
  parse: parseCoinbaseFrame,
};
