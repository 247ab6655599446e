import { ArmedFaults } from '../armed-faults';
import { crossingBid } from '../crossed';
import type { SimChanges } from '../market';
import type { SimConnection, SimHttpResponse, SimMarkets, SimVenue } from '../types';

/** A depth snapshot body as Binance-style venues answer it, or their invalid-symbol error. */
export function depthBody(markets: SimMarkets, symbol: string | null, limit: number): { status: number; body: object } {
  const market = symbol ? markets.get(symbol) : undefined;
  if (!market) return { status: 400, body: { code: -1121, msg: 'Invalid symbol.' } };
  const { bids, asks } = market.snapshot(limit);
  return { status: 200, body: { lastUpdateId: market.lastUpdateId, bids, asks } };
}

/**
 * A Binance-style stream socket's answer to a live request on it: `{"result":…,"id":N}`, with the socket's own
 * `stream` for LIST_SUBSCRIPTIONS, or the documented error for text that is not JSON.
 */
function answerLiveRequest(stream: string, send: (text: string) => void): (text: string) => void {
  return (text) => {
    let request: { id?: unknown; method?: unknown };
    try {
      request = JSON.parse(text);
    } catch {
      send(JSON.stringify({ code: 3, msg: 'Invalid JSON: expected value at line 1 column 1' }));
      return;
    }
    send(JSON.stringify({ result: request.method === 'LIST_SUBSCRIPTIONS' ? [stream] : null, id: request.id }));
  };
}

/**
 * The diff stream `/ws/<symbol>@depth[@100ms|@500ms]` of Binance-style venues: events carry U/u, and on
 * futures also pu (the previous event's u) and the transaction time T. Live (un)subscribe requests on the
 * same socket get the documented `{"result":null,"id":N}`.
 */
export function diffStream(futures: boolean) {
  return (path: string, markets: SimMarkets, send: (text: string) => void): SimConnection | undefined => {
    const match = /^\/ws\/([a-z0-9]+)@depth(@100ms|@500ms)?$/.exec(path);
    const symbol = match?.[1]?.toUpperCase();
    if (!symbol || !markets.has(symbol)) return undefined;
    const faults = new ArmedFaults(['skip-sequence', 'crossed']);
    return {
      receive: answerLiveRequest(`${symbol.toLowerCase()}@depth@100ms`, send),
      update(s: string, changes: SimChanges, now: number) {
        if (s !== symbol || faults.take('skip-sequence')) return;
        const ids = futures ? { T: now, U: changes.first, u: changes.last, pu: changes.first - 1 } : { U: changes.first, u: changes.last };
        const crossing = faults.take('crossed') ? crossingBid(markets.get(symbol)!) : undefined;
        const bids = crossing ? [...changes.bids, crossing] : changes.bids;
        send(JSON.stringify({ e: 'depthUpdate', E: now, s: symbol, ...ids, b: bids, a: changes.asks }));
      },
      heartbeat() {},
      fault: (fault) => faults.arm(fault),
    };
  };
}

/**
 * The partial book depth stream `/ws/<symbol>@depth<5|10|20>[@100ms|@500ms]` of Binance-style venues: the whole top
 * of the book on every market step and once a second besides (the docs' "pushed every second"), so a still market
 * is still sent. Binance spot sends `{lastUpdateId, bids, asks}`; futures (AsterDEX) a `depthUpdate` event holding
 * all the levels, with the ids of the step that made it.
 */
export function topStream(futures: boolean) {
  return (path: string, markets: SimMarkets, send: (text: string) => void): SimConnection | undefined => {
    const match = /^\/ws\/([a-z0-9]+)@depth(5|10|20)(@100ms|@500ms)?$/.exec(path);
    const symbol = match?.[1]?.toUpperCase();
    const market = symbol ? markets.get(symbol) : undefined;
    if (!symbol || !market) return undefined;
    const levels = Number(match![2]);
    let last: SimChanges | undefined;
    const push = (now: number): void => {
      const { bids, asks } = market.snapshot(levels);
      if (!futures) {
        send(JSON.stringify({ lastUpdateId: market.lastUpdateId, bids, asks }));
        return;
      }
      const first = last?.first ?? market.lastUpdateId;
      send(JSON.stringify({ e: 'depthUpdate', E: now, T: now, s: symbol, U: first, u: market.lastUpdateId, pu: first - 1, b: bids, a: asks }));
    };
    return {
      receive: answerLiveRequest(path.slice('/ws/'.length), send),
      update(s: string, changes: SimChanges, now: number) {
        if (s !== symbol) return;
        last = changes;
        push(now);
      },
      heartbeat: push,
      fault: () => false,
    };
  };
}

/** The WebSocket API's `rateLimits` after a request of `weight`: the request weight used this minute, of 6000. */
function rateLimits(weight: number): object[] {
  return [{ rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: 6000, count: weight }];
}

/** The request weight of a depth request for `limit` levels, as the WebSocket API and REST count it. */
function depthWeight(limit: number): number {
  if (limit <= 100) return 5;
  if (limit <= 500) return 25;
  return limit <= 1000 ? 50 : 250;
}

function webSocketApi(markets: SimMarkets, send: (text: string) => void): SimConnection {
  return {
    receive(text: string) {
      let request: { id?: unknown; method?: unknown; params?: { symbol?: string; limit?: number } };
      try {
        request = JSON.parse(text);
      } catch {
        send(JSON.stringify({ id: null, status: 400, error: { code: -1100, msg: 'Malformed request.' }, rateLimits: rateLimits(1) }));
        return;
      }
      if (request.method !== 'depth') {
        send(JSON.stringify({ id: request.id, status: 400, error: { code: -1100, msg: 'Unknown method.' }, rateLimits: rateLimits(1) }));
        return;
      }
      const limit = request.params?.limit ?? 100;
      const { status, body } = depthBody(markets, request.params?.symbol ?? null, limit);
      const answer = status === 200 ? { id: request.id, status, result: body } : { id: request.id, status, error: body };
      send(JSON.stringify({ ...answer, rateLimits: rateLimits(depthWeight(limit)) }));
    },
    update() {},
    heartbeat() {},
    fault: () => false,
  };
}

const spotStream = diffStream(false);
const spotTop = topStream(false);

/**
 * Binance spot: `/ws/<symbol>@depth@100ms` diff stream with U/u update ids, the partial book depth stream
 * `/ws/<symbol>@depth20@100ms`, the REST depth snapshot at
 * `/api/v3/depth`, and the WebSocket API's `depth` method at `/ws-api/v3`.
 */
export const binanceSim: SimVenue = {
  venue: 'binance',
  connect(path, markets, send) {
    if (path === '/ws-api/v3') return webSocketApi(markets, send);
    return spotStream(path, markets, send) ?? spotTop(path, markets, send);
  },
  rest(path, query, markets): SimHttpResponse | undefined {
    if (path !== '/api/v3/depth') return undefined;
    const { status, body } = depthBody(markets, query.get('symbol'), Number(query.get('limit') ?? 100));
    return { status, body: JSON.stringify(body), headers: { 'access-control-allow-origin': '*' } };
  },
};
