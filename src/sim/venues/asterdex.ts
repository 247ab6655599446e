import type { SimHttpResponse, SimVenue } from '../types';
import { depthBody, diffStream, topStream } from './binance';

const futuresDiff = diffStream(true);
const futuresTop = topStream(true);

/**
 * AsterDEX perpetual futures: the `/ws/<symbol>@depth@100ms` diff stream, the partial stream
 * `/ws/<symbol>@depth20@100ms` and the REST depth snapshot at `/fapi/v1/depth`. AsterDEX has no WebSocket API,
 * so no snapshot is served over a socket.
 */
export const asterdexSim: SimVenue = {
  venue: 'asterdex',
  connect: (path, markets, send) => futuresDiff(path, markets, send) ?? futuresTop(path, markets, send),
  rest(path, query, markets): SimHttpResponse | undefined {
    if (path !== '/fapi/v1/depth') return undefined;
    const { status, body } = depthBody(markets, query.get('symbol'), Number(query.get('limit') ?? 500));
    return { status, body: JSON.stringify(body) };
  },
};
