import type { RawLevel } from '../book/levels';
import type { Continuity, Effect, Endpoints, Market, VenueMessage, VenueProtocol } from './types';
import { integer, levelPairs, optionalInteger, parseObject } from './json';
import { isBaseAsset } from './assets';

/** Levels asked of the snapshot: deep enough for execution estimates, at a fifth of the weight of 5000 (50 against 250). */
const SNAPSHOT_LIMIT = 1000;

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
 * Reads a Binance-style depth frame: a diff event (`depthUpdate`, bare or wrapped by a combined stream), the
 * WebSocket API's answer to a `depth` request, the answer to a live (un)subscribe request, a request error or the
 * server-shutdown notice. AsterDEX speaks the same format.
 */
export function parseBinanceFrame(text: string): VenueMessage[] {
  let o = parseObject(text);
  if (typeof o.stream === 'string' && typeof o.data === 'object' && o.data !== null) o = o.data as Record<string, unknown>;
  const shutdown = serverShutdown(o) ?? serverShutdown(o.event);
  if (shutdown) return [shutdown];
  if (o.e === 'depthUpdate') return [{ type: 'update', ...depthEvent(o), first: integer(o.U, 'U'), prev: optionalInteger(o.pu, 'pu') }];
  if ('status' in o && 'id' in o) {
    if (o.status === 200 && typeof o.result === 'object' && o.result !== null) return parseBinanceDepth(o.result as Record<string, unknown>);
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

/** Reads a Binance-style depth snapshot body (REST or the WebSocket API's `result`). */
export function parseBinanceDepth(o: Record<string, unknown>): VenueMessage[] {
  if (typeof o.code === 'number' && typeof o.msg === 'string') return [{ type: 'error', message: `${o.code} ${o.msg}` }];
  return [
    {
      type: 'snapshot',
      last: integer(o.lastUpdateId, 'lastUpdateId'),
      time: optionalInteger(o.E, 'E'),
      bids: levelPairs(o.bids, 'bids'),
      asks: levelPairs(o.asks, 'asks'),
    },
  ];
}

/** The raw diff stream of a Binance-style venue: `<stream>/ws/<symbol>@depth@100ms`. */
export function binanceStyleStreamUrl(market: Market, endpoints: Endpoints): string {
  return `${endpoints.stream}/ws/${market.symbol.toLowerCase()}@depth@100ms`;
}

/** The symbol of a `<stream>/ws/<symbol>@depth...` URL, as the venue's messages spell it. */
export function binanceStyleSymbolOf(streamUrl: string): string | undefined {
  return /\/ws\/([a-z0-9]+)@depth/.exec(streamUrl)?.[1]?.toUpperCase();
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
  name: 'Binance',
  endpoints: {
    stream: 'wss://stream.binance.com:9443',
    rest: 'https://api.binance.com',
    api: 'wss://ws-api.binance.com:443/ws-api/v3',
  },
  market(base: string): Market | undefined {
    if (!isBaseAsset(base)) return undefined;
    return { venue: 'binance', base, quote: 'USDT', symbol: `${base}USDT`, kind: 'spot' };
  },
  streamUrl: binanceStyleStreamUrl,
  symbolOf: binanceStyleSymbolOf,
  subscribe(): string[] {
    return [];
  },
  snapshotSource: 'request',
  snapshotLevels: SNAPSHOT_LIMIT,
  snapshotRequest(market: Market, endpoints: Endpoints, via: 'rest' | 'api'): Effect {
    if (via === 'api' && endpoints.api) {
      const text = JSON.stringify({ id: `depth-${market.symbol}`, method: 'depth', params: { symbol: market.symbol, limit: SNAPSHOT_LIMIT } });
      return { type: 'api', url: endpoints.api, text };
    }
    return { type: 'fetch', url: `${endpoints.rest}/api/v3/depth?symbol=${market.symbol}&limit=${SNAPSHOT_LIMIT}` };
  },
  parse: parseBinanceFrame,
  parseRest: parseBinanceRest,
  sequence: binanceSpotSequence,
};
