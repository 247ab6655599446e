import type { VenueProtocol } from './types';
import { binanceStyleDiffAndTradeStreams, binanceStyleSnapshot } from './binance';
import { futuresSequence } from './sequence';

/**
 * AsterDEX's perpetual futures, a copy of Binance USD-M's protocol (asterdex/api-docs, "V3(Recommended)/EN/
 * aster-finance-futures-api-v3.md"): the diff stream on `wss://fstream.asterdex.com/ws` with live SUBSCRIBE frames
 * ("The id used in the JSON payloads is an unsigned INT"), with the market's `<symbol>@aggTrade` on the same
 * socket (its Live Subscribing example subscribes `btcusdt@aggTrade` and `btcusdt@depth` together; AsterDEX does not
 * split its streams by path as Binance USD-M does), the REST snapshot and the futures sync rule.
 */
export const asterdex: VenueProtocol = {
  id: 'asterdex',
  venue: 'asterdex',
  kind: 'perpetual',
  name: 'AsterDEX',
  // AsterDEX documents no WebSocket API (nothing like Binance's ws-fapi `depth` method) in its futures docs,
  // V1 or V3, so the snapshot can only come by REST; a browser refused by CORS sees that error reported.
  endpoints: {
    stream: 'wss://fstream.asterdex.com',
    rest: 'https://fapi.asterdex.com',
  },
  ...binanceStyleDiffAndTradeStreams,
  ...binanceStyleSnapshot('/fapi/v1/depth'),
  sequence: futuresSequence,
};
