import type { SimChanges } from '../market';
import type { ProtocolFault, SimConnection, SimHttpResponse, SimMarkets, SimVenue } from '../types';

function depthBody(markets: SimMarkets, symbol: string | null, limit: number): { status: number; body: object } {
  const market = symbol ? markets.get(symbol) : undefined;
  if (!market) return { status: 400, body: { code: -1121, msg: 'Invalid symbol.' } };
  const { bids, asks } = market.snapshot(limit);
  return { status: 200, body: { lastUpdateId: market.lastUpdateId, bids, asks } };
}

function diffStream(path: string, markets: SimMarkets, send: (text: string) => void): SimConnection | undefined {
  const match = /^\/ws\/([a-z0-9]+)@depth(@100ms)?$/.exec(path);
  const market = match ? markets.get(match[1]!.toUpperCase()) : undefined;
  if (!match || !market) return undefined;
  const symbol = match[1]!.toUpperCase();
  let skip = false;
  return {
    receive() {},
    update(s: string, changes: SimChanges, now: number) {
      if (s !== symbol) return;
      if (skip) {
        skip = false;
        return;
      }
      const event = { e: 'depthUpdate', E: now, s: symbol, U: changes.first, u: changes.last, b: changes.bids, a: changes.asks };
      send(JSON.stringify(event));
    },
    heartbeat() {},
    fault(fault: ProtocolFault) {
      if (fault !== 'skip-sequence') return false;
      skip = true;
      return true;
    },
  };
}

function webSocketApi(markets: SimMarkets, send: (text: string) => void): SimConnection {
  return {
    receive(text: string) {
      let request: { id?: unknown; method?: unknown; params?: { symbol?: string; limit?: number } };
      try {
        request = JSON.parse(text);
      } catch {
        send(JSON.stringify({ id: null, status: 400, error: { code: -1100, msg: 'Malformed request.' } }));
        return;
      }
      if (request.method !== 'depth') {
        send(JSON.stringify({ id: request.id, status: 400, error: { code: -1100, msg: 'Unknown method.' } }));
        return;
      }
      const { status, body } = depthBody(markets, request.params?.symbol ?? null, request.params?.limit ?? 100);
      send(JSON.stringify(status === 200 ? { id: request.id, status, result: body, rateLimits: [] } : { id: request.id, status, error: body }));
    },
    update() {},
    heartbeat() {},
    fault: () => false,
  };
}

/**
 * Binance spot: `/ws/<symbol>@depth@100ms` diff stream with U/u update ids, the REST depth snapshot at
 * `/api/v3/depth`, and the WebSocket API's `depth` method at `/ws-api/v3`.
 */
export const binanceSim: SimVenue = {
  venue: 'binance',
  connect(path, markets, send) {
    if (path === '/ws-api/v3') return webSocketApi(markets, send);
    return diffStream(path, markets, send);
  },
  rest(path, query, markets): SimHttpResponse | undefined {
    if (path !== '/api/v3/depth') return undefined;
    const { status, body } = depthBody(markets, query.get('symbol'), Number(query.get('limit') ?? 100));
    return { status, body: JSON.stringify(body), headers: { 'access-control-allow-origin': '*' } };
  },
};
