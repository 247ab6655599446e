import { listedMarkets } from '../listings';
import type { SimHttpResponse, SimVenue } from '../types';
import { webSocketApi } from './binance-api';
import { SPOT_DEPTH, depthBody } from './binance-depth';
import { spotExchangeInfo } from './binance-exchange-info';
import { binanceStyleStream } from './binance-stream';

const stream = binanceStyleStream({ futures: false, routes: [{ prefix: '', delivers: ['depth', 'aggTrade'] }] });

/** The symbols a REST request names: `symbol=BTCUSDT`, or `symbols=["BTCUSDT","ETHUSDT"]` (JSON, URL-encoded). */
function namedSymbols(query: URLSearchParams): string[] | undefined {
  const one = query.get('symbol');
  if (one) return [one];
  const many = query.get('symbols');
  if (!many) return undefined;
  try {
    const parsed: unknown = JSON.parse(many);
    return Array.isArray(parsed) ? parsed.map(String) : [];
  } catch {
    return [];
  }
}

const json = (status: number, body: object): SimHttpResponse => ({ status, body: JSON.stringify(body), headers: { 'access-control-allow-origin': '*' } });

/**
 * Binance spot: the stream socket (`/ws`, `/ws/<streams>`, `/stream`; diff `<symbol>@depth@100ms` and partial
 * `<symbol>@depth20@100ms`), the WebSocket API at `/ws-api/v3` (`depth`, `exchangeInfo`), and REST
 * `/api/v3/depth` and `/api/v3/exchangeInfo`.
 */
export const binanceSim: SimVenue = {
  host: 'binance',
  connect(path, markets, send) {
    const spot = markets.get('binance')!;
    if (path.split('?')[0] === '/ws-api/v3') {
      return webSocketApi({ depth: SPOT_DEPTH, exchangeInfo: { markets: listedMarkets('binance', markets), body: spotExchangeInfo } }, spot, send);
    }
    return stream(path, spot, send);
  },
  rest(path, query, markets, now): SimHttpResponse | undefined {
    const spot = markets.get('binance')!;
    if (path === '/api/v3/depth') {
      const { status, body } = depthBody(SPOT_DEPTH, spot, query.get('symbol'), Number(query.get('limit') ?? SPOT_DEPTH.defaultLimit), now);
      return json(status, body);
    }
    if (path !== '/api/v3/exchangeInfo') return undefined;
    const listed = listedMarkets('binance', markets);
    const named = namedSymbols(query);
    const chosen = named ? listed.filter((m) => named.includes(m.symbol)) : listed;
    if (named && chosen.length !== named.length) return json(400, { code: -1121, msg: 'Invalid symbol.' });
    return json(200, spotExchangeInfo(chosen, now));
  },
};
