import type { Continuity, Effect, Endpoints, Market, VenueProtocol } from './types';
import { binanceStyleStreamUrl, binanceStyleSymbolOf, parseBinanceFrame, parseBinanceRest } from './binance';
import { isBaseAsset } from './assets';

/** Levels asked of the snapshot (futures limits: 5, 10, 20, 50, 100, 500, 1000; 1000 weighs 20). */
const SNAPSHOT_LIMIT = 1000;

/**
 * AsterDEX futures' documented rule ("How to manage a local order book correctly", asterdex/api-docs, the
 * same as Binance USD-M): drop events with u < lastUpdateId; the first applied event has U <= lastUpdateId
 * AND u >= lastUpdateId; afterwards each event's pu must equal the previous event's u.
 *
 * One addition: a first event whose pu equals lastUpdateId is applied too. It is rule 6 with the snapshot
 * standing for the previous event, i.e. the snapshot ends exactly where that event's predecessor ended.
 * Without it a snapshot taken on an event boundary (a quiet market, or any simulator) could never be
 * joined, since the event ending at lastUpdateId was sent before the stream opened.
 */
export function futuresSequence(
  lastId: number | undefined,
  u: { first?: number; last?: number; prev?: number },
  firstAfterSnapshot: boolean,
): Continuity {
  if (lastId === undefined || u.first === undefined || u.last === undefined) return 'gap';
  if (!firstAfterSnapshot) {
    if (u.prev === lastId) return 'apply';
    return u.last <= lastId ? 'backwards' : 'gap';
  }
  if (u.last < lastId) return 'skip';
  if (u.first <= lastId || u.prev === lastId) return 'apply';
  return 'gap';
}

export const asterdex: VenueProtocol = {
  id: 'asterdex',
  name: 'AsterDEX',
  // AsterDEX documents no WebSocket API (nothing like Binance's ws-fapi `depth` method) in its futures docs,
  // V1 or V3, so the snapshot can only come by REST; a browser refused by CORS sees that error reported.
  endpoints: {
    stream: 'wss://fstream.asterdex.com',
    rest: 'https://fapi.asterdex.com',
  },
  market(base: string): Market | undefined {
    if (!isBaseAsset(base)) return undefined;
    return { venue: 'asterdex', base, quote: 'USDT', symbol: `${base}USDT`, kind: 'perpetual' };
  },
  streamUrl: binanceStyleStreamUrl,
  symbolOf: binanceStyleSymbolOf,
  /** The raw stream's URL names the subscription; the server's own ping frames keep it open. */
  subscribe(): string[] {
    return [];
  },
  snapshotSource: 'request',
  snapshotLevels: SNAPSHOT_LIMIT,
  snapshotRequest(market: Market, endpoints: Endpoints): Effect {
    return { type: 'fetch', url: `${endpoints.rest}/fapi/v1/depth?symbol=${market.symbol}&limit=${SNAPSHOT_LIMIT}` };
  },
  parse: parseBinanceFrame,
  parseRest: parseBinanceRest,
  sequence: futuresSequence,
};
