import type { Market } from '../../venues/types';
import type { SimConnection, SimMarkets } from '../types';
import { depthBody, rateLimits, type DepthRules } from './binance-depth';

/** What a venue's WebSocket API answers: `depth` always, and where it has one (Binance spot), `exchangeInfo`. */
export interface WebSocketApiOptions {
  readonly depth: DepthRules;
  /** The markets `exchangeInfo` lists, as an exchangeInfo body for `now`; undefined where the API has no such method. */
  readonly exchangeInfo?: { readonly markets: readonly Market[]; body(markets: readonly Market[], now: number): object };
}

type Request = { id?: unknown; method?: unknown; params?: { symbol?: unknown; symbols?: unknown; limit?: unknown } };

/** The weight of an `exchangeInfo` request, as Binance documents it. */
const EXCHANGE_INFO_WEIGHT = 20;

/**
 * A Binance WebSocket API socket (`/ws-api/v3` on spot, `/ws-fapi/v1` on USD-M): requests `{id, method, params}`
 * answered `{id, status, result | error, rateLimits}`. `depth` serves the order book a request venue syncs from;
 * `exchangeInfo` (spot) the markets with their ticks and steps, for all markets or those `symbol`/`symbols` name.
 */
export function webSocketApi(options: WebSocketApiOptions, markets: SimMarkets, send: (text: string) => void): SimConnection {
  const rules = options.depth;
  const fail = (id: unknown, status: number, code: number, msg: string, weight: number): void => {
    send(JSON.stringify({ id, status, error: { code, msg }, rateLimits: rateLimits(rules, weight) }));
  };
  return {
    receive(text: string, now: number) {
      let request: Request;
      try {
        request = JSON.parse(text) as Request;
      } catch {
        return fail(null, 400, -1100, 'Malformed request.', 1);
      }
      const { id, method, params } = request;
      if (method === 'depth') {
        const limit = typeof params?.limit === 'number' ? params.limit : rules.defaultLimit;
        const { status, body } = depthBody(rules, markets, typeof params?.symbol === 'string' ? params.symbol : null, limit, now);
        const answer = status === 200 ? { id, status, result: body } : { id, status, error: body };
        return send(JSON.stringify({ ...answer, rateLimits: rateLimits(rules, rules.weight(limit)) }));
      }
      if (method === 'exchangeInfo' && options.exchangeInfo) {
        const { markets: listed, body } = options.exchangeInfo;
        const named = typeof params?.symbol === 'string' ? [params.symbol] : Array.isArray(params?.symbols) ? params.symbols.map(String) : undefined;
        const chosen = named ? listed.filter((m) => named.includes(m.symbol)) : listed;
        if (named && chosen.length !== named.length) return fail(id, 400, -1121, 'Invalid symbol.', EXCHANGE_INFO_WEIGHT);
        return send(JSON.stringify({ id, status: 200, result: body(chosen, now), rateLimits: rateLimits(rules, EXCHANGE_INFO_WEIGHT) }));
      }
      fail(id, 400, -1100, 'Unknown method.', 1);
    },
    // Requests and answers only: trades are the stream's.
    trades() {},
    update() {},
    heartbeat() {},
    fault: () => false,
  };
}
