import type { RawLevel } from '../book/levels';
import type { Continuity, Effect, Endpoints, Market, VenueMessage, VenueProtocol } from './types';
import { integer, levelPairs, optionalInteger, parseObject } from './json';
import { sideOfBuyerMaker, tradePrice, tradeSize } from './trade-fields';

/**
 * Levels asked of the snapshot: deep enough for execution estimates, at a fifth of spot's weight for 5000 (50 against
 * 250), and the most futures answer (their limits: 5, 10, 20, 50, 100, 500, 1000).
 */
const SNAPSHOT_LIMIT = 1000;

/** The WebSocket API request id of a market's depth request; its answer echoes it, which names the market. */
const DEPTH_REQUEST_ID = 'depth-';

/** What a `depthUpdate` event says whether it is a diff (the diff stream) or a whole top (a partial stream). */
export function depthEvent(o: Record<string, unknown>): { symbol?: string; last: number; time?: number; bids: RawLevel[]; asks: RawLevel[] } {
  return {
    symbol: typeof o.s === 'string' ? o.s : undefined,
    last: integer(o.u, 'u'),
    time: optionalInteger(o.E, 'E'),
    bids: levelPairs(o.b, 'b'),
    asks: levelPairs(o.a, 'a'),
  };
}

/**
 * An `aggTrade` event ("Aggregate Trade Streams": spot, USD-M and AsterDEX print the same fields) as one trade.
 * `a`, the aggregate trade id, is numbered one by one per symbol, so a jump in it is trades missed: the aggregate
 * trades pages (REST `aggTrades`, the WebSocket API's `trades.aggregate`) page through "all aggtrades" by
 * `fromId`, and Binance's archives run without a hole in `a` even where `f`/`l` (the trades aggregated) skip, as
 * on USD-M, which leaves insurance fund and ADL trades out. `m` is "Is the buyer the market maker?": true means a
 * resting bid was hit, so the aggressor sold (USD-M's Chinese page says it outright: true is an active sell,
 * "主动卖出单", false an active buy). `q` is in the base asset on spot and USD-M alike (USD-M's tickers sum it as
 * "Total traded base asset volume").
 */
function aggTrade(o: Record<string, unknown>): VenueMessage {
  const id = integer(o.a, 'a');
  const side = sideOfBuyerMaker(o.m);
  return {
    type: 'trades',
    symbol: typeof o.s === 'string' ? o.s : undefined,
    time: optionalInteger(o.E, 'E'),
    trades: [
      {
        id: String(id),
        seq: id,
        time: integer(o.T, 'T'),
        price: tradePrice(o.p, 'p'),
        size: tradeSize(o.q, 'q'),
        side,
      },
    ],
  };
}

/**
 * Reads a Binance-style frame: a diff event (`depthUpdate`) or an aggregate trade (`aggTrade`), bare or wrapped by
 * a combined stream, the WebSocket API's answer to a `depth` request, the answer to a live (un)subscribe request,
 * a request error or the server-shutdown notice. AsterDEX speaks the same format.
 */
export function parseBinanceFrame(text: string): VenueMessage[] {
  let o = parseObject(text);
  if (typeof o.stream === 'string' && typeof o.data === 'object' && o.data !== null) o = o.data as Record<string, unknown>;
  const shutdown = serverShutdown(o) ?? serverShutdown(o.event);
  if (shutdown) return [shutdown];
  if (o.e === 'depthUpdate') return [{ type: 'update', ...depthEvent(o), first: integer(o.U, 'U'), prev: optionalInteger(o.pu, 'pu') }];
  if (o.e === 'aggTrade') return [aggTrade(o)];
  if ('status' in o && 'id' in o) {
    if (o.status === 200 && typeof o.result === 'object' && o.result !== null) return parseBinanceDepth(o.result as Record<string, unknown>, requestedSymbol(o.id));
    const error = (o.error ?? {}) as { code?: unknown; msg?: unknown };
    return [{ type: 'error', message: `WebSocket API status ${String(o.status)}: ${String(error.code ?? '')} ${String(error.msg ?? '')}`.trim() }];
  }
  if ('result' in o && 'id' in o) return [{ type: 'info', text: 'subscribed' }];
  if (typeof o.code === 'number' && typeof o.msg === 'string') return [{ type: 'error', message: `${o.code} ${o.msg}` }];
  throw new Error(`unknown message${typeof o.e === 'string' ? ` type ${o.e}` : ''}`);
}

/**
 * Binance's notice that the server is about to close this socket: `{"e":"serverShutdown","E":ms}` on the streams
 * (raw, or combined like any event), wrapped in `event` on the WebSocket API. Only informative: the server then
 * closes the socket, and the link reconnects as after any close.
 */
function serverShutdown(o: unknown): VenueMessage | undefined {
  if (typeof o !== 'object' || o === null) return undefined;
  const event = o as { e?: unknown; E?: unknown };
  return event.e === 'serverShutdown' ? { type: 'info', text: `server shutting down at ${String(event.E)}` } : undefined;
}

/** The market a WebSocket API answer is for, read from the id of our depth request it echoes. */
function requestedSymbol(id: unknown): string | undefined {
  return typeof id === 'string' && id.startsWith(DEPTH_REQUEST_ID) ? id.slice(DEPTH_REQUEST_ID.length) : undefined;
}

/** Reads a Binance-style depth snapshot body (REST or the WebSocket API's `result`, whose request names `symbol`). */
export function parseBinanceDepth(o: Record<string, unknown>, symbol?: string): VenueMessage[] {
  if (typeof o.code === 'number' && typeof o.msg === 'string') return [{ type: 'error', message: `${o.code} ${o.msg}` }];
  return [
    {
      type: 'snapshot',
      symbol,
      last: integer(o.lastUpdateId, 'lastUpdateId'),
      time: optionalInteger(o.E, 'E'),
      bids: levelPairs(o.bids, 'bids'),
      asks: levelPairs(o.asks, 'asks'),
    },
  ];
}

/**
 * The symbol of a `<stream>/ws/<symbol>@depth...` URL, as the venue's messages spell it: the partial streams' URL,
 * and the diff stream's in recordings from before it was subscribed by frames. The bare `<stream>/ws` names none.
 */
export function binanceStyleSymbolOf(streamUrl: string): string | undefined {
  return /\/ws\/([a-z0-9]+)@depth/.exec(streamUrl)?.[1]?.toUpperCase();
}

/**
 * Request ids of live (un)subscribe frames. The futures pages (Binance USD-M, AsterDEX) want an unsigned integer
 * ("The id used in the JSON payloads is an unsigned INT"), which spot accepts too; a counter keeps them unique on
 * a socket without clocks or randomness.
 */
let liveRequestCount = 0;

/** A market's 100 ms diff stream. */
const depthStream = (market: Market): string => `${market.symbol.toLowerCase()}@depth@100ms`;
/** A market's aggregate trades. */
const aggTradeStream = (market: Market): string => `${market.symbol.toLowerCase()}@aggTrade`;

/** A live request for streams: `{"method":"SUBSCRIBE","params":["btcusdt@depth@100ms"],"id":N}`. */
function liveRequest(method: 'SUBSCRIBE' | 'UNSUBSCRIBE', streams: readonly string[]): string {
  return JSON.stringify({ method, params: streams, id: ++liveRequestCount });
}

/**
 * A live request for a market's trades alone: USD-M's trade socket (`/market`) and the partial-depth sockets of
 * Binance spot and AsterDEX ask for them with it.
 */
export function aggTradeRequest(method: 'SUBSCRIBE' | 'UNSUBSCRIBE', market: Market): string {
  return liveRequest(method, [aggTradeStream(market)]);
}

/**
 * The diff stream of a Binance-style venue, on the raw-stream socket `<stream>/ws` with each market subscribed by a
 * live SUBSCRIBE frame ("Live Subscribing/Unsubscribing to streams", on Binance spot's and USD-M's pages and
 * AsterDEX's), so several markets share one socket: every `depthUpdate` names its market in `s`, and the WebSocket
 * API's answer names it through the request id. The answers `{"result":null,"id":N}` read as info. A connection
 * takes at most 5 incoming messages a second on spot and 10 on the futures venues (a subscribe frame is one) and
 * is closed past that, so markets joining a socket together must be subscribed a few at a time.
 */
export const binanceStyleDiffStream = {
  streamUrl: (_market: Market, endpoints: Endpoints): string => `${endpoints.stream}/ws`,
  symbolOf: binanceStyleSymbolOf,
  multiplex: true,
  subscribe: (market: Market): string[] => [liveRequest('SUBSCRIBE', [depthStream(market)])],
  unsubscribe: (market: Market): string[] => [liveRequest('UNSUBSCRIBE', [depthStream(market)])],
  parse: parseBinanceFrame,
  parseRest: parseBinanceRest,
} satisfies Partial<VenueProtocol>;

/**
 * The diff stream with the market's public trades on the same socket: both streams in one SUBSCRIBE frame, as the
 * Live Subscribing page's own example asks for them (`"params": ["btcusdt@aggTrade", "btcusdt@depth"]`, on Binance
 * spot's page and AsterDEX's), and both ended by one UNSUBSCRIBE. A frame counts once against the venue's limit of
 * incoming messages, however many streams it names.
 */
export const binanceStyleDiffAndTradeStreams = {
  ...binanceStyleDiffStream,
  trades: true,
  subscribe: (market: Market): string[] => [liveRequest('SUBSCRIBE', [depthStream(market), aggTradeStream(market)])],
  unsubscribe: (market: Market): string[] => [liveRequest('UNSUBSCRIBE', [depthStream(market), aggTradeStream(market)])],
} satisfies Partial<VenueProtocol>;

/**
 * How a Binance-style venue's snapshot is had: asked for apart from the stream, `SNAPSHOT_LIMIT` levels, over the
 * WebSocket API when asked and the venue has one (a socket, which CORS does not govern), else by `GET <rest><path>`.
 */
export function binanceStyleSnapshot(path: string): Pick<VenueProtocol, 'snapshotSource' | 'snapshotLevels' | 'snapshotRequest'> {
  return {
    snapshotSource: 'request',
    snapshotLevels: SNAPSHOT_LIMIT,
    snapshotRequest(market: Market, endpoints: Endpoints, via: 'rest' | 'api'): Effect {
      if (via === 'api' && endpoints.api) {
        const params = { symbol: market.symbol, limit: SNAPSHOT_LIMIT };
        return { type: 'api', url: endpoints.api, text: JSON.stringify({ id: `${DEPTH_REQUEST_ID}${market.symbol}`, method: 'depth', params }) };
      }
      return { type: 'fetch', url: `${endpoints.rest}${path}?symbol=${market.symbol}&limit=${SNAPSHOT_LIMIT}` };
    },
  };
}

/** A Binance-style REST depth body. */
export function parseBinanceRest(body: string): VenueMessage[] {
  return parseBinanceDepth(parseObject(body));
}

/**
 * Binance spot's documented rule: drop diffs whose last id the snapshot already holds; the next diff must
 * start at or before local id + 1, or updates were missed. Only the diffs right after a snapshot can be old:
 * once one has been applied, an id at or below the book's means the ids went back.
 */
export function binanceSpotSequence(lastId: number | undefined, u: { first?: number; last?: number }, firstAfterSnapshot: boolean): Continuity {
  if (lastId === undefined || u.first === undefined || u.last === undefined) return 'gap';
  if (u.last <= lastId) return firstAfterSnapshot ? 'skip' : 'backwards';
  if (u.first > lastId + 1) return 'gap';
  return 'apply';
}

export const binance: VenueProtocol = {
  id: 'binance',
  venue: 'binance',
  kind: 'spot',
  name: 'Binance',
  // https://developers.binance.com/docs/binance-spot-api-docs/web-socket-streams: "The base endpoint is:
  // wss://stream.binance.com:9443"; the WebSocket API (web-socket-api.md) at ws-api.binance.com:443/ws-api/v3.
  endpoints: {
    stream: 'wss://stream.binance.com:9443',
    rest: 'https://api.binance.com',
    api: 'wss://ws-api.binance.com:443/ws-api/v3',
  },
  ...binanceStyleDiffAndTradeStreams,
  ...binanceStyleSnapshot('/api/v3/depth'),
  sequence: binanceSpotSequence,
};
