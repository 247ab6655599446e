import type { RawLevel } from '../book/levels';
import type { Endpoints, Market, VenueMessage, VenueProtocol } from './types';
import { integer, levelPairs, optionalInteger, parseObject } from './json';
import { consecutiveIds } from './sequence';
import { TRADE_CHANNEL, readTradePush } from './bingx-trades';

/** Suffix of the incremental depth channel: a full book (`action: "all"`) after subscribing, then diffs. */
const CHANNEL = '@incrDepth';

/** Levels per side the incremental channel covers (BingX spot docs: "1000 levels every 500ms"). */
const DEPTH = 1000;

/**
 * Request ids must be unique per request (the docs use them for idempotence checks); a counter keeps them
 * unique on a socket without clocks or randomness.
 */
let requestCount = 0;

/** A (un)subscribe request for a channel such as `BTC-USDT@incrDepth`. */
export function bingxRequest(reqType: 'sub' | 'unsub', dataType: string): string {
  return JSON.stringify({ id: `${reqType}-${dataType}-${++requestCount}`, reqType, dataType });
}

function request(reqType: 'sub' | 'unsub', market: Market): string {
  return bingxRequest(reqType, `${market.symbol}${CHANNEL}`);
}

/** The book's channel and the market's public trades (`<symbol>@trade`, on spot and swap sockets alike). */
function requests(reqType: 'sub' | 'unsub', market: Market): string[] {
  return [request(reqType, market), bingxRequest(reqType, `${market.symbol}${TRADE_CHANNEL}`)];
}

/** The market a `dataType` such as `BTC-USDT@incrDepth` names on `channel`, or undefined for another channel. */
function channelSymbol(dataType: string, channel: string): string | undefined {
  return dataType.endsWith(channel) ? dataType.slice(0, -channel.length) : undefined;
}

/**
 * Reads one side of a push. BingX documents two forms: `[["price","qty"], ...]` (the swap page's example) and
 * "(price:quantity)" maps on the spot page, which JKorf/BingX.Net reads as `{"price": "qty", ...}`. Either is
 * accepted, sizes as text only: a number would already have lost the venue's precision.
 */
export function sideLevels(value: unknown, field: string): RawLevel[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return levelPairs(value, field);
  return Object.entries(value).map(([price, size]: [string, unknown]) => {
    if (typeof size !== 'string') throw new Error(`${field} holds a level whose size is not text`);
    return [price, size] as const;
  });
}

/** The push's time: `time` on the swap page's example, `timestamp` in the spot model, else the envelope's. */
function depthTime(d: Record<string, unknown>, envelopeTime: number | undefined): number | undefined {
  return optionalInteger(d.time, 'time') ?? optionalInteger(d.timestamp, 'timestamp') ?? envelopeTime;
}

function readDepth(symbol: string, data: unknown, envelopeTime: number | undefined): VenueMessage {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new Error('incrDepth data is not an object');
  const d = data as Record<string, unknown>;
  const levels = {
    symbol,
    last: integer(d.lastUpdateId, 'lastUpdateId'),
    time: depthTime(d, envelopeTime),
    bids: sideLevels(d.bids, 'bids'),
    asks: sideLevels(d.asks, 'asks'),
  };
  if (d.action === 'all') return { type: 'snapshot', ...levels };
  // Each push carries one id: the update covers exactly lastUpdateId.
  if (d.action === 'update') return { type: 'update', first: levels.last, ...levels };
  throw new Error(`unknown incrDepth action ${JSON.stringify(d.action)}`);
}

/** What a BingX frame holds: what every channel shares (a ping, a refusal, an acknowledgement), or a push. */
export type BingxFrame =
  | { readonly kind: 'control'; readonly messages: VenueMessage[] }
  | { readonly kind: 'push'; readonly dataType: string; readonly data: unknown; readonly time?: number };

/**
 * Reads the envelope of one BingX frame, already gunzipped: the server's ping (JSON on spot, plain `Ping` on the
 * swap socket), an error or a subscription answer; or a push, with its channel and envelope time.
 */
export function readBingxFrame(text: string): BingxFrame {
  if (text === 'Ping') return { kind: 'control', messages: [{ type: 'ping', reply: 'Pong' }] };
  const o = parseObject(text);
  if ('ping' in o) return { kind: 'control', messages: [{ type: 'ping', reply: JSON.stringify({ pong: o.ping, time: o.time }) }] };
  if (typeof o.code === 'number' && o.code !== 0) {
    const msg = typeof o.msg === 'string' && o.msg !== '' ? ` ${o.msg}` : '';
    return { kind: 'control', messages: [{ type: 'error', message: `code ${o.code}${msg}${typeof o.id === 'string' ? ` (request ${o.id})` : ''}` }] };
  }
  if (typeof o.dataType === 'string' && o.dataType !== '' && o.data !== undefined && o.data !== null) {
    return { kind: 'push', dataType: o.dataType, data: o.data, time: optionalInteger(o.timestamp, 'timestamp') };
  }
  if (typeof o.id === 'string' && o.code === 0) return { kind: 'control', messages: [{ type: 'info', text: `request ${o.id} accepted` }] };
  throw new Error('unknown message');
}

/** Reads one BingX frame, spot or swap: the envelope's control messages, an `incrDepth` push or a `trade` push. */
export function parseBingxFrame(text: string): VenueMessage[] {
  const frame = readBingxFrame(text);
  if (frame.kind === 'control') return frame.messages;
  const book = channelSymbol(frame.dataType, CHANNEL);
  if (book !== undefined) return [readDepth(book, frame.data, frame.time)];
  const traded = channelSymbol(frame.dataType, TRADE_CHANNEL);
  if (traded !== undefined) return readTradePush(traded, frame.data, frame.time);
  throw new Error(`unknown message for ${frame.dataType}`);
}

/**
 * BingX spot's market socket. Every push names its market in `dataType` and a connection takes many subscriptions,
 * so its markets share one socket; each market's book and public trades are two of them.
 */
export const bingx: VenueProtocol = {
  id: 'bingx',
  venue: 'bingx',
  kind: 'spot',
  name: 'BingX',
  endpoints: { stream: 'wss://open-api-ws.bingx.com/market' },
  streamUrl(_market: Market, endpoints: Endpoints): string {
    return endpoints.stream;
  },
  multiplex: true,
  subscribe: (market: Market) => requests('sub', market),
  trades: true,
  unsubscribe: (market: Market) => requests('unsub', market),
  /**
   * Subscribing again answers with a new full book; unsubscribing first avoids a refused repeat request. The trades
   * stay subscribed: a new book does not need them again.
   */
  resubscribe: (market: Market) => [request('unsub', market), request('sub', market)],
  snapshotSource: 'stream',
  parse: parseBingxFrame,
  /**
   * BingX's documented rule for `incrDepth`: each push's lastUpdateId is the previous one's plus one, counting
   * from the full book's. Anything else, an older or repeated id included, means pushes were lost, reordered or
   * the ids restarted, and only a fresh full book can be trusted.
   */
  sequence: consecutiveIds,
  depth: DEPTH,
};
