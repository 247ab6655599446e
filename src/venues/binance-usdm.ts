import type { VenueProtocol } from './types';
import { binanceStyleDiffStream, binanceStyleSnapshot } from './binance';
import { futuresSequence } from './sequence';

/**
 * Binance's USDⓈ-M perpetual futures (https://developers.binance.com/docs/derivatives/usds-margined-futures/):
 * the spot protocol's frames with the futures ids (`pu`, the previous event's u) and the futures sync rule; sizes
 * are in the base asset ("quantity" of a symbol is its base asset).
 *
 * No trades on this socket: the change notice puts `<symbol>@aggTrade` (USD-M's only documented public trade
 * stream) under `/market` ("Market (regular market data)", its example `…/market/ws/btcusdt@aggTrade`), and a
 * stream asked for on the wrong path is acknowledged and then never sent ("This fails silently rather than
 * erroring", https://developers.binance.com/docs/products/caas/market-data-streams). The book's streams stay on
 * `/public`, so the market's trades come on a socket of their own on `wss://fstream.binance.com/market/ws`
 * (src/venues/binance-usdm-trades.ts).
 */
export const binanceUsdm: VenueProtocol = {
  id: 'binance-usdm',
  venue: 'binance',
  kind: 'perpetual',
  name: 'Binance USD-M',
  endpoints: {
    // "Important WebSocket Change Notice" (…/websocket-market-streams/Important-WebSocket-Change-Notice): the
    // streams moved under routed paths, the high-frequency public data (book tickers, partial and diff depth) to
    // wss://fstream.binance.com/public, legacy URLs retired on 2026-04-23; "JSON SUBSCRIBE is also supported".
    stream: 'wss://fstream.binance.com/public',
    // "Order Book" (…/market-data/rest-api/Order-Book): GET /fapi/v1/depth.
    rest: 'https://fapi.binance.com',
    // "WebSocket API General Info" (…/websocket-api-general-info), method `depth` (…/market-data/websocket-api).
    api: 'wss://ws-fapi.binance.com/ws-fapi/v1',
  },
  ...binanceStyleDiffStream,
  ...binanceStyleSnapshot('/fapi/v1/depth'),
  sequence: futuresSequence,
};
