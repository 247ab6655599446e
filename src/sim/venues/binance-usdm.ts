import { listedMarkets } from '../listings';
import type { SimHttpResponse, SimVenue } from '../types';
import { webSocketApi } from './binance-api';
import { FUTURES_DEPTH, depthBody } from './binance-depth';
import { futuresExchangeInfo } from './binance-exchange-info';
import { binanceStyleStream } from './binance-stream';

/**
 * USD-M routes streams by path since its 2026 base-URL split ("Important WebSocket Change Notice"): high-frequency
 * public data such as depth under `/public`, regular market data such as `@aggTrade` under `/market`; a stream
 * asked for on the other path is acknowledged and never sent. A path with no route carries what `/public` does.
 */
const stream = binanceStyleStream({
  futures: true,
  rpiQuantity: true,
  routes: [
    { prefix: '', delivers: ['depth'] },
    { prefix: '/public', delivers: ['depth'] },
    { prefix: '/market', delivers: ['aggTrade'] },
  ],
});

/**
 * Binance USD-M perpetuals on fstream.binance.com: the stream sockets (`[/public]/ws[/<streams>]`,
 * `[/public]/stream`: diff `<symbol>@depth@100ms` with `pu`, partial `<symbol>@depth20@100ms`; `/market/ws`,
 * `/market/stream`: `<symbol>@aggTrade`), the WebSocket API at `/ws-fapi/v1` (`depth`), and REST `/fapi/v1/depth`
 * and `/fapi/v1/exchangeInfo`.
 */
export const binanceUsdmSim: SimVenue = {
  host: 'binance-usdm',
  connect(path, markets, send) {
    const perps = markets.get('binance-usdm')!;
    if (path.split('?')[0] === '/ws-fapi/v1') return webSocketApi({ depth: FUTURES_DEPTH }, perps, send);
    return stream(path, perps, send);
  },
  rest(path, query, markets, now): SimHttpResponse | undefined {
    if (path === '/fapi/v1/depth') {
      const { status, body } = depthBody(FUTURES_DEPTH, markets.get('binance-usdm')!, query.get('symbol'), Number(query.get('limit') ?? FUTURES_DEPTH.defaultLimit), now);
      return { status, body: JSON.stringify(body) };
    }
    if (path === '/fapi/v1/exchangeInfo') return { status: 200, body: JSON.stringify(futuresExchangeInfo(listedMarkets('binance-usdm', markets), now, 'binance')) };
    return undefined;
  },
};
