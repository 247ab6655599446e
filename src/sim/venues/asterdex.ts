import type { SimChanges } from '../market';
import type { ProtocolFault, SimConnection, SimHttpResponse, SimMarkets, SimVenue } from '../types';

const INVALID_SYMBOL = { code: -1121, msg: 'Invalid symbol.' };

/** The diff stream `/ws/<symbol>@depth[@500ms|@100ms]`: futures events carry U, u and pu. */
function diffStream(path: string, markets: SimMarkets, send: (text: string) => void): SimConnection | undefined {
  const match = /^\/ws\/([a-z0-9]+)@depth(@100ms|@500ms)?$/.exec(path);
  const symbol = match?.[1]?.toUpperCase();
  if (!symbol || !markets.has(symbol)) return undefined;
  let skip = false;
  return {
    // Live (un)subscribe requests on the same socket get the documented `{"result":null,"id":N}`.
    receive(text: string) {
      let request: { id?: unknown; method?: unknown };
      try {
        request = JSON.parse(text);
      } catch {
        send(JSON.stringify({ code: 3, msg: 'Invalid JSON: expected value at line 1 column 1' }));
        return;
      }
      send(JSON.stringify({ result: request.method === 'LIST_SUBSCRIPTIONS' ? [`${symbol.toLowerCase()}@depth@100ms`] : null, id: request.id }));
    },
    update(s: string, changes: SimChanges, now: number) {
      if (s !== symbol) return;
      if (skip) {
        skip = false;
        return;
      }
      const event = {
        e: 'depthUpdate',
        E: now,
        T: now,
        s: symbol,
        U: changes.first,
        u: changes.last,
        pu: changes.first - 1,
        b: changes.bids,
        a: changes.asks,
      };
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

/**
 * AsterDEX perpetual futures: the `/ws/<symbol>@depth@100ms` diff stream and the REST depth snapshot at
 * `/fapi/v1/depth`. AsterDEX has no WebSocket API, so no snapshot is served over a socket.
 */
export const asterdexSim: SimVenue = {
  venue: 'asterdex',
  connect: diffStream,
  rest(path, query, markets): SimHttpResponse | undefined {
    if (path !== '/fapi/v1/depth') return undefined;
    const symbol = query.get('symbol');
    const market = symbol ? markets.get(symbol) : undefined;
    if (!market) return { status: 400, body: JSON.stringify(INVALID_SYMBOL) };
    const { bids, asks } = market.snapshot(Number(query.get('limit') ?? 500));
    return { status: 200, body: JSON.stringify({ lastUpdateId: market.lastUpdateId, bids, asks }) };
  },
};
