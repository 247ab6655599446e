import type { Endpoints, Market, VenueMessage, VenueProtocol } from './types';
import { binanceUsdm } from './binance-usdm';
import { aggTradeRequest, parseBinanceFrame } from './binance';

/** The route the book's streams are on, and the one USD-M's regular market data (`@aggTrade`) is on. */
const PUBLIC_ROUTE = '/public';
const MARKET_ROUTE = '/market';

/**
 * How often the trade socket asks for its subscriptions: a quiet market prints nothing for minutes, and the answer
 * keeps the socket from looking dead while it is not. The link's silence watch gives it three of these at least.
 */
export const TRADE_SOCKET_KEEPALIVE_MS = 20_000;

/**
 * The `/market` route on the host the book's streams are on (`wss://fstream.binance.com/public` becomes
 * `wss://fstream.binance.com/market`): the same host wherever it is reached (the venue, the simulator's loopback or
 * demo origin), so the trade socket follows the book's endpoints and needs none of its own.
 */
export function marketRoute(stream: string): string {
  if (!stream.endsWith(PUBLIC_ROUTE)) throw new Error(`${stream} is not a ${PUBLIC_ROUTE} route, so it has no ${MARKET_ROUTE} beside it`);
  return `${stream.slice(0, -PUBLIC_ROUTE.length)}${MARKET_ROUTE}`;
}

/** Whether a socket URL is the trade socket's, `<host>/market/ws`: a recording's open and close events say which socket they were. */
function isTradeSocketUrl(url: string): boolean {
  return url.endsWith(`${MARKET_ROUTE}/ws`);
}

/** The frames the trade socket is read for: its trades and what every Binance stream says; never a book. */
function parseTradeFrame(text: string): VenueMessage[] {
  return parseBinanceFrame(text).filter((m) => m.type !== 'snapshot' && m.type !== 'update');
}

/** A protocol for a market's public trades alone, on a socket apart from its book's. */
export interface TradeStreamProtocol extends VenueProtocol {
  readonly trades: true;
  readonly snapshotSource: 'stream';
  /** Whether a socket URL is this stream's rather than the book's. */
  isStreamUrl(url: string): boolean;
}

/**
 * Binance USD-M's public trades, on a socket of their own: the change notice puts `<symbol>@aggTrade` under the
 * `/market` route ("Market (regular market data)", its example `wss://fstream.binance.com/market/ws/btcusdt@aggTrade`),
 * apart from the book's `/public`, where it would be acknowledged and never sent (src/venues/binance-usdm.ts). Each
 * market is subscribed by a live SUBSCRIBE frame on the bare `/market/ws`, so USD-M's markets share one trade
 * socket as their books share theirs. No book and no snapshot: the socket carries the `aggTrade` events that the
 * spot parser reads (`a` numbered one by one per symbol, so a jump is trades missed), and the answers to our requests.
 * It asks `LIST_SUBSCRIPTIONS` (Live Subscribing/Unsubscribing → Listing Subscriptions) every
 * TRADE_SOCKET_KEEPALIVE_MS, which is answered `{"result":[...],"id":N}`, so silence means a dead socket.
 */
export const binanceUsdmTrades: TradeStreamProtocol = {
  id: binanceUsdm.id,
  venue: binanceUsdm.venue,
  kind: binanceUsdm.kind,
  name: `${binanceUsdm.name} trades`,
  endpoints: binanceUsdm.endpoints,
  streamUrl: (_market: Market, endpoints: Endpoints): string => `${marketRoute(endpoints.stream)}/ws`,
  isStreamUrl: isTradeSocketUrl,
  multiplex: true,
  trades: true,
  subscribe: (market) => [aggTradeRequest('SUBSCRIBE', market)],
  unsubscribe: (market) => [aggTradeRequest('UNSUBSCRIBE', market)],
  snapshotSource: 'stream',
  parse: parseTradeFrame,
  keepalive: { everyMs: TRADE_SOCKET_KEEPALIVE_MS, text: JSON.stringify({ method: 'LIST_SUBSCRIPTIONS', id: 0 }) },
};
