import { listedMarkets } from '../listings';
import type { SimHttpResponse, SimVenue } from '../types';
import { FUTURES_DEPTH, depthBody } from './binance-depth';
import { futuresExchangeInfo } from './binance-exchange-info';
import { binanceStyleStream } from './binance-stream';

const stream = binanceStyleStream({ futures: true, routes: [{ prefix: '', delivers: ['depth', 'aggTrade'] }] });

/**
 * AsterDEX perpetual futures, Binance-compatible: the stream socket (`/ws[/<streams>]`, `/stream`; diff
 * `<symbol>@depth@100ms` with `pu`, partial `<symbol>@depth20@100ms`) and REST depth and exchangeInfo under
 * `/fapi/v1` and `/fapi/v3` (its V3 docs moved both there). AsterDEX has no WebSocket API, so no snapshot is served
 * over a socket.
 */
export const asterdexSim: SimVenue = {
  host: 'asterdex',
  connect: (path, markets, send) => stream(path, markets.get('asterdex')!, send),
  rest(path, query, markets, now): SimHttpResponse | undefined {
    const endpoint = /^\/fapi\/v[13]\/(depth|exchangeInfo)$/.exec(path)?.[1];
    if (endpoint === 'depth') {
      const { status, body } = depthBody(FUTURES_DEPTH, markets.get('asterdex')!, query.get('symbol'), Number(query.get('limit') ?? FUTURES_DEPTH.defaultLimit), now);
      return { status, body: JSON.stringify(body) };
    }
    if (endpoint === 'exchangeInfo') return { status: 200, body: JSON.stringify(futuresExchangeInfo(listedMarkets('asterdex', markets), now, 'asterdex')) };
    return undefined;
  },
};
