import type { SimHttpResponse, SimVenue } from '../types';
import { depthBody, diffStream } from './binance';

/**
 * AsterDEX perpetual futures: the `/ws/<symbol>@depth@100ms` diff stream and the REST depth snapshot at
 * `/fapi/v1/depth`. AsterDEX has no WebSocket API, so no snapshot is served over a socket.
 */
export const asterdexSim: SimVenue = {
  venue: 'asterdex',
  connect: diffStream(true),
  rest(path, query, markets): SimHttpResponse | undefined {
    if (path !== '/fapi/v1/depth') return undefined;
    const { status, body } = depthBody(markets, query.get('symbol'), Number(query.get('limit') ?? 500));
    return { status, body: JSON.stringify(body) };
  },
};
