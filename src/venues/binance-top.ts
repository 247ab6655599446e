import type { Market, PartialDepthProtocol, VenueMessage, VenueProtocol } from './types';
import { asterdex } from './asterdex';
import { binanceUsdm } from './binance-usdm';
import { aggTradeRequest, binance, binanceStyleSymbolOf, depthEvent, parseBinanceDepth, parseBinanceFrame } from './binance';
import { parseObject } from './json';
import { partialChannel } from './partial-channel';

/** The deepest partial stream every Binance-style venue documents ("Valid <levels> are 5, 10, or 20"). */
const TOP_LEVELS = 20;

/**
 * Reads a frame of a Binance-style partial book depth stream, where every message is the whole top of the book:
 * Binance spot sends `{lastUpdateId, bids, asks}`, the futures (Binance USD-M, AsterDEX) a `depthUpdate` event
 * holding all the levels.
 * Either is a snapshot. Anything else (an aggregate trade, a request's answer or error, the shutdown notice) reads
 * as on the diff stream.
 */
export function parseBinanceTopFrame(text: string): VenueMessage[] {
  let o = parseObject(text);
  if (typeof o.stream === 'string' && typeof o.data === 'object' && o.data !== null) o = o.data as Record<string, unknown>;
  if ('lastUpdateId' in o && 'bids' in o) return parseBinanceDepth(o);
  if (o.e === 'depthUpdate') return [{ type: 'snapshot', ...depthEvent(o) }];
  return parseBinanceFrame(text);
}

/**
 * The partial stream of a Binance-style venue, `<stream>/ws/<symbol>@depth20@100ms`, on the same hosts: named by
 * its URL, since spot's pushes do not name their market and so could not share a socket. `trades`: the venue
 * delivers the market's `<symbol>@aggTrade` on that socket, asked for by a live SUBSCRIBE once it is open.
 */
function binanceStyleTop(exact: VenueProtocol, trades: boolean): PartialDepthProtocol {
  return partialChannel(exact, {
    streamUrl: (market: Market, endpoints) => `${endpoints.stream}/ws/${market.symbol.toLowerCase()}@depth${TOP_LEVELS}@100ms`,
    symbolOf: binanceStyleSymbolOf,
    // The raw stream's URL names the book's subscription.
    subscribe: (market) => (trades ? [aggTradeRequest('SUBSCRIBE', market)] : []),
    ...(trades ? { trades } : {}),
    parse: parseBinanceTopFrame,
    depth: TOP_LEVELS,
  });
}

/** Binance spot's Partial Book Depth Stream (web-socket-streams.md), with the market's aggregate trades. */
export const binanceTop = binanceStyleTop(binance, true);
/** AsterDEX futures' Partial Book Depth Streams (aster-finance-futures-api-v3.md), with the market's aggregate trades. */
export const asterdexTop = binanceStyleTop(asterdex, true);
/**
 * Binance USD-M's Partial Book Depth Streams
 * (https://developers.binance.com/docs/derivatives/usds-margined-futures/websocket-market-streams/Partial-Book-Depth-Streams),
 * on the /public path like the diff stream. No trades there: USD-M's come on their own `/market` socket whatever
 * the book's channel (src/venues/binance-usdm-trades.ts).
 */
export const binanceUsdmTop = binanceStyleTop(binanceUsdm, false);
