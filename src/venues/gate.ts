import type { Continuity, Endpoints, Market, VenueMessage, VenueProtocol } from './types';
import { integer, levelPairs, objectOf, optionalInteger, parseObject } from './json';
import { readGateFuturesTrades, readGateSpotTrade } from './gate-trades';

/**
 * Gate's "Order Book V2" channel (`spot.obu`, `futures.obu`): a full snapshot on subscribing, then updates with U/u
 * ids, all on the socket, so no REST snapshot (which a page's CORS could refuse) is needed. Chosen over the classic
 * `*.order_book_update`, which must be joined to `GET .../order_book?with_id=true` by Binance-like rules: the docs
 * present V2 as "a faster method for retrieving depth information", with 400 levels against the classic channel's
 * 100, and a one-line sync rule. The stream is named `ob.{symbol}.{level}`; level 400 pushes every 100 ms, 50 every 20 ms.
 */
export const GATE_DEPTH = 400;

/** Spot's or futures' channels: `spot.obu`, `spot.trades`, `spot.ping`; `futures.obu`, ... */
export type GateApp = 'spot' | 'futures';

/** The docs' demo application pings every 10 s (`while not event.wait(10)` in the Spot WebSocket v4 demo). */
const GATE_KEEPALIVE_MS = 10_000;

const STREAM = /^ob\.(.+)\.(\d+)$/;

function bookStream(market: Market): string {
  return `ob.${market.symbol}.${GATE_DEPTH}`;
}

/** The market an `ob.{symbol}.{level}` stream name (or a bare trades payload entry) names. */
function symbolOfStream(name: unknown): string | undefined {
  if (typeof name !== 'string') return undefined;
  return STREAM.exec(name)?.[1] ?? name;
}

/**
 * A request in Gate's common format: `time` is "Request time in seconds. Gap between request time and server time must
 * not exceed 60 seconds", so it is the time the frame is made.
 */
function request(channel: string, event: 'subscribe' | 'unsubscribe' | undefined, payload?: readonly string[]): string {
  return JSON.stringify({ time: Math.floor(Date.now() / 1000), channel, ...(event ? { event, payload } : {}) });
}

/**
 * Gate's V2 sync rule: "If U equals the local depth ID + 1, it indicates a continuous depth update ... If U ≠ local
 * depth ID + 1, the depth data is not continuous. In this case, you must unsubscribe from the market and resubscribe."
 * A full push is a snapshot and never reaches this rule.
 */
export function gateSequence(lastId: number | undefined, u: { first?: number; last?: number }): Continuity {
  if (lastId === undefined || u.first === undefined || u.last === undefined) return 'gap';
  if (u.first === lastId + 1) return 'apply';
  return u.last <= lastId ? 'backwards' : 'gap';
}

/**
 * One V2 push: `full: true` is a snapshot ("the local depth should be completely replaced ... the depth ID should be
 * updated to the value of the u field"; "the server may send full depth snapshots multiple times"), anything else an
 * update from U to u ("Incremental messages do not include the full field").
 */
function readBook(result: unknown, channel: string): VenueMessage {
  const r = objectOf(result, `${channel} result`);
  const stream = typeof r.s === 'string' ? STREAM.exec(r.s) : null;
  if (!stream) throw new Error(`${channel} result names no ob.{symbol}.{level} stream`);
  if (r.full !== undefined && typeof r.full !== 'boolean') throw new Error('full is not a boolean');
  const common = { symbol: stream[1], bids: levelPairs(r.b, 'b'), asks: levelPairs(r.a, 'a'), time: optionalInteger(r.t, 't') };
  if (r.full === true) return { type: 'snapshot', ...common, last: integer(r.u, 'u') };
  return { type: 'update', ...common, first: integer(r.U, 'U'), last: integer(r.u, 'u') };
}

/**
 * An answer carrying `error` ({code, message}: "Null if the server accepts the client request"), naming the market
 * its request's payload named, so that on a shared socket only that market's session takes it.
 */
function readError(o: Record<string, unknown>): VenueMessage {
  const e = objectOf(o.error, 'error');
  const said = [e.code, e.message].filter((v) => typeof v === 'string' || typeof v === 'number').join(' ');
  const payload = Array.isArray(o.payload) ? o.payload[0] : undefined;
  return { type: 'error', message: `${String(o.channel)} ${String(o.event)} refused: ${said}`.trim(), symbol: symbolOfStream(payload) };
}

/**
 * Reads one frame of Gate's public sockets for `app`: an order book V2 push, a trades update, the pong to our ping,
 * the answer to a subscribe or unsubscribe, or an error answer.
 */
export function parseGateFrame(app: GateApp, text: string): VenueMessage[] {
  const o = parseObject(text);
  const channel = o.channel;
  if (typeof channel !== 'string') throw new Error('the frame names no channel');
  if (o.error !== undefined && o.error !== null) return [readError(o)];
  if (channel === `${app}.pong`) return [{ type: 'pong' }];
  if (o.event === 'subscribe' || o.event === 'unsubscribe') return [{ type: 'info', text: `${channel} ${o.event} confirmed` }];
  if (channel === `${app}.obu`) return [readBook(o.result, channel)];
  if (channel === `${app}.trades` && o.event === 'update') return app === 'spot' ? readGateSpotTrade(o.result) : readGateFuturesTrades(o.result);
  throw new Error(`unexpected ${channel} message${typeof o.event === 'string' ? ` (${o.event})` : ''}`);
}

/**
 * What Gate's spot and futures sockets share: one socket takes many subscriptions and every push names its market
 * (a book's in its stream name `s`, a trade's in `currency_pair` or `contract`), so a venue's markets share one socket,
 * each with its V2 book and its public trades; a resync unsubscribes the book and subscribes it again, as the sync rule
 * says, which starts it with a full snapshot.
 */
export function gateProtocol(app: GateApp): Pick<
  VenueProtocol,
  'multiplex' | 'trades' | 'subscribe' | 'unsubscribe' | 'resubscribe' | 'snapshotSource' | 'parse' | 'sequence' | 'depth' | 'keepalive'
> {
  const book = `${app}.obu`;
  const trades = `${app}.trades`;
  return {
    multiplex: true,
    trades: true,
    subscribe: (market) => [request(book, 'subscribe', [bookStream(market)]), request(trades, 'subscribe', [market.symbol])],
    unsubscribe: (market) => [request(book, 'unsubscribe', [bookStream(market)]), request(trades, 'unsubscribe', [market.symbol])],
    resubscribe: (market) => [request(book, 'unsubscribe', [bookStream(market)]), request(book, 'subscribe', [bookStream(market)])],
    snapshotSource: 'stream',
    parse: (text) => parseGateFrame(app, text),
    sequence: gateSequence,
    depth: GATE_DEPTH,
    // The server pings at the protocol layer, which a browser answers by itself; the application ping "will also
    // reset the client's timeout timer" and its pong keeps a quiet market's socket from looking dead. Made when the
    // socket opens, so its `time` is that moment's.
    keepalive: {
      everyMs: GATE_KEEPALIVE_MS,
      get text() {
        return request(`${app}.ping`, undefined);
      },
    },
  };
}

/** Gate spot over `wss://api.gateio.ws/ws/v4/` (Spot WebSocket v4, Server URL: "Real Trading"). */
export const gate: VenueProtocol = {
  id: 'gate',
  venue: 'gate',
  kind: 'spot',
  name: 'Gate',
  endpoints: { stream: 'wss://api.gateio.ws' },
  streamUrl(_market: Market, endpoints: Endpoints): string {
    return `${endpoints.stream}/ws/v4/`;
  },
  ...gateProtocol('spot'),
};
