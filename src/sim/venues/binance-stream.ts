import { ArmedFaults } from '../armed-faults';
import { crossingBid } from '../crossed';
import type { SimChanges, SimMarket } from '../market';
import type { SimConnection, SimMarkets } from '../types';

/** The diff stream `<symbol>@depth[@100ms|@250ms|@500ms]` and the partial one `<symbol>@depth<5|10|20>[@...]`. */
const STREAM = /^([a-z0-9]+)@depth(5|10|20)?(@100ms|@250ms|@500ms)?$/;

/** One stream a socket follows. */
interface Stream {
  readonly name: string;
  readonly symbol: string;
  readonly market: SimMarket;
  /** Levels a side of a partial-depth stream; undefined for the diff stream. */
  readonly levels?: number;
  /** The step behind the last partial push (futures' partial pushes carry its ids). */
  last?: SimChanges;
}

type Request = { method?: unknown; params?: unknown; id?: unknown };

/** The methods a stream socket knows, as its error for another one lists them. */
const METHODS = '`SUBSCRIBE`, `UNSUBSCRIBE`, `LIST_SUBSCRIPTIONS`, `SET_PROPERTY`, `GET_PROPERTY`';

/**
 * The forms of a socket's path: raw streams at `/ws` and `/ws/<stream>[/<stream>...]`, combined ones at
 * `/stream?streams=<a>/<b>` and `/stream`; `route` is the routed prefix some hosts put in front (USD-M `/public`).
 */
function opened(path: string, route: string): { combined: boolean; names: string[] } | undefined {
  const u = new URL(path, 'http://sim.invalid');
  if (!u.pathname.startsWith(`${route}/`)) return undefined;
  const rest = u.pathname.slice(route.length);
  if (rest === '/ws') return { combined: false, names: [] };
  if (rest.startsWith('/ws/')) return { combined: false, names: rest.slice('/ws/'.length).split('/') };
  if (rest === '/stream') return { combined: true, names: u.searchParams.get('streams')?.split('/').filter(Boolean) ?? [] };
  return undefined;
}

/**
 * A Binance-style stream socket (Binance spot, Binance USD-M, AsterDEX), as Binance's "WebSocket Streams" page
 * documents it: streams named in the path, or subscribed on the open socket with `SUBSCRIBE` (answered
 * `{"result":null,"id":N}`), left with `UNSUBSCRIBE`, listed with `LIST_SUBSCRIPTIONS`; `SET_PROPERTY combined`
 * wraps every event as `{"stream":..,"data":..}`, as `/stream` does from the start. Diff events name their
 * market (`s`) and carry U/u, on futures also `pu` (the previous event's u) and the transaction time T. Partial
 * depth pushes the whole top on every market step and once a second besides: spot `{lastUpdateId, bids, asks}`,
 * futures a `depthUpdate` event holding every level. A stream named in the path for a market the venue does not
 * list refuses the socket; one subscribed later is accepted and stays silent.
 */
export function binanceStyleStream(options: { readonly futures: boolean; readonly routes: readonly string[] }) {
  const { futures } = options;
  return (path: string, markets: SimMarkets, send: (text: string) => void): SimConnection | undefined => {
    const form = options.routes.map((route) => opened(path, route)).find((f) => f !== undefined);
    if (!form) return undefined;
    const streams = new Map<string, Stream>();
    let combined = form.combined;
    const faults = new ArmedFaults(['skip-sequence', 'crossed']);

    const follow = (name: string): boolean => {
      const match = STREAM.exec(name);
      const symbol = match?.[1]!.toUpperCase();
      const market = symbol === undefined ? undefined : markets.get(symbol);
      if (!match || !market) return false;
      streams.set(name, { name, symbol: symbol!, market, ...(match[2] ? { levels: Number(match[2]) } : {}) });
      return true;
    };
    if (!form.names.every(follow)) return undefined;

    const emit = (stream: Stream, payload: object): void => {
      send(JSON.stringify(combined ? { stream: stream.name, data: payload } : payload));
    };

    const pushTop = (stream: Stream, now: number): void => {
      const { bids, asks } = stream.market.snapshot(stream.levels!);
      if (!futures) return emit(stream, { lastUpdateId: stream.market.lastUpdateId, bids, asks });
      const first = stream.last?.first ?? stream.market.lastUpdateId;
      const last = stream.market.lastUpdateId;
      emit(stream, { e: 'depthUpdate', E: now, T: now, s: stream.symbol, U: first, u: last, pu: first - 1, b: bids, a: asks });
    };

    const pushDiff = (stream: Stream, changes: SimChanges, now: number): void => {
      // A step that changed nothing has no update id of its own: Binance sends no event for it.
      if (changes.first > changes.last) return;
      const ids = futures ? { T: now, U: changes.first, u: changes.last, pu: changes.first - 1 } : { U: changes.first, u: changes.last };
      const crossing = faults.take('crossed') ? crossingBid(stream.market) : undefined;
      const bids = crossing ? [...changes.bids, crossing] : changes.bids;
      emit(stream, { e: 'depthUpdate', E: now, s: stream.symbol, ...ids, b: bids, a: changes.asks });
    };

    const answer = (request: Request): void => {
      const params = Array.isArray(request.params) ? request.params.map(String) : [];
      switch (request.method) {
        case 'SUBSCRIBE':
          for (const name of params) follow(name);
          return send(JSON.stringify({ result: null, id: request.id }));
        case 'UNSUBSCRIBE':
          for (const name of params) streams.delete(name);
          return send(JSON.stringify({ result: null, id: request.id }));
        case 'LIST_SUBSCRIPTIONS':
          return send(JSON.stringify({ result: [...streams.keys()], id: request.id }));
        case 'SET_PROPERTY':
          if (params[0] !== 'combined') return send(JSON.stringify({ code: 0, msg: 'Unknown property', id: request.id }));
          if (typeof (request.params as unknown[])[1] !== 'boolean') return send(JSON.stringify({ code: 1, msg: 'Invalid value type: expected Boolean' }));
          combined = (request.params as unknown[])[1] as boolean;
          return send(JSON.stringify({ result: null, id: request.id }));
        case 'GET_PROPERTY':
          if (params[0] !== 'combined') return send(JSON.stringify({ code: 0, msg: 'Unknown property', id: request.id }));
          return send(JSON.stringify({ result: combined, id: request.id }));
        default:
          send(JSON.stringify({ code: 2, msg: `Invalid request: unknown variant ${JSON.stringify(request.method)}, expected one of ${METHODS} at line 1 column 28` }));
      }
    };

    return {
      receive(text: string) {
        let request: Request;
        try {
          request = JSON.parse(text) as Request;
        } catch {
          send(JSON.stringify({ code: 3, msg: 'Invalid JSON: expected value at line 1 column 1' }));
          return;
        }
        const { id } = request;
        if (!(id === null || Number.isInteger(id) || (typeof id === 'string' && /^[\w-]{1,36}$/.test(id)))) {
          send(JSON.stringify({ code: 2, msg: 'Invalid request: request ID must be an unsigned integer' }));
          return;
        }
        answer(request);
      },
      update(market: SimMarket, changes: SimChanges, now: number) {
        for (const stream of streams.values()) {
          if (stream.market !== market) continue;
          if (stream.levels !== undefined) {
            stream.last = changes;
            pushTop(stream, now);
            continue;
          }
          // Lost on the way: the next event's U (and pu) jumps past it.
          if (!faults.take('skip-sequence')) pushDiff(stream, changes, now);
        }
      },
      heartbeat(now: number) {
        for (const stream of streams.values()) if (stream.levels !== undefined) pushTop(stream, now);
      },
      fault: (fault) => faults.arm(fault),
    };
  };
}
