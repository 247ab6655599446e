import { ArmedFaults } from '../armed-faults';
import { crossingBid } from '../crossed';
import type { SimChanges, SimMarket } from '../market';
import type { SimConnection, SimMarkets, SimTrade } from '../types';

/** The diff stream `<symbol>@depth[@100ms|@250ms|@500ms]` and the partial one `<symbol>@depth<5|10|20>[@...]`. */
const DEPTH = /^([a-z0-9]+)@depth(5|10|20)?(@100ms|@250ms|@500ms)?$/;
/** The aggregate trade stream `<symbol>@aggTrade`. */
const AGG_TRADE = /^([a-z0-9]+)@aggTrade$/;

/** What a stream carries: the book (diff or partial depth) or the market's aggregate trades. */
export type StreamKind = 'depth' | 'aggTrade';

/**
 * A path prefix a host routes streams by (USD-M `/public`, `/market`; '' for none) and the kinds of stream it
 * delivers there. A stream of another kind subscribed on it is acknowledged and never sent, as USD-M does since
 * its split ("This fails silently rather than erroring").
 */
export interface StreamRoute {
  readonly prefix: string;
  readonly delivers: readonly StreamKind[];
}

/** One stream a socket follows. */
interface Stream {
  readonly name: string;
  readonly kind: StreamKind;
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
 * `/stream?streams=<a>/<b>` and `/stream`, behind the route's prefix.
 */
function opened(path: string, route: StreamRoute): { combined: boolean; names: string[]; route: StreamRoute } | undefined {
  const u = new URL(path, 'http://sim.invalid');
  if (!u.pathname.startsWith(`${route.prefix}/`)) return undefined;
  const rest = u.pathname.slice(route.prefix.length);
  if (rest === '/ws') return { combined: false, names: [], route };
  if (rest.startsWith('/ws/')) return { combined: false, names: rest.slice('/ws/'.length).split('/'), route };
  if (rest === '/stream') return { combined: true, names: u.searchParams.get('streams')?.split('/').filter(Boolean) ?? [], route };
  return undefined;
}

/** A stream's name read: its kind, its market's symbol as the venue's messages spell it, and a partial's levels. */
function streamOf(name: string): { kind: StreamKind; symbol: string; levels?: number } | undefined {
  const trade = AGG_TRADE.exec(name);
  if (trade) return { kind: 'aggTrade', symbol: trade[1]!.toUpperCase() };
  const depth = DEPTH.exec(name);
  if (!depth) return undefined;
  return { kind: 'depth', symbol: depth[1]!.toUpperCase(), ...(depth[2] ? { levels: Number(depth[2]) } : {}) };
}

/**
 * A Binance-style stream socket (Binance spot, Binance USD-M, AsterDEX), as Binance's "WebSocket Streams" page
 * documents it: streams named in the path, or subscribed on the open socket with `SUBSCRIBE` (answered
 * `{"result":null,"id":N}`), left with `UNSUBSCRIBE`, listed with `LIST_SUBSCRIPTIONS`; `SET_PROPERTY combined`
 * wraps every event as `{"stream":..,"data":..}`, as `/stream` does from the start. Diff events name their
 * market (`s`) and carry U/u, on futures also `pu` (the previous event's u) and the transaction time T. Partial
 * depth pushes the whole top on every market step and once a second besides: spot `{lastUpdateId, bids, asks}`,
 * futures a `depthUpdate` event holding every level. `<symbol>@aggTrade` sends an `aggTrade` event per trade the
 * market prints, one trade to an aggregate (`a`, `f` and `l` all the trade's number): spot's with `M` (documented
 * "Ignore", printed true), USD-M's with `nq`, the quantity without RPI orders, which the simulator has none of. A
 * stream named in the path for a market the venue does not list, or of a kind its route does not carry, refuses
 * the socket; one subscribed later is accepted and stays silent.
 */
export function binanceStyleStream(options: {
  readonly futures: boolean;
  readonly routes: readonly StreamRoute[];
  /** USD-M's aggTrade carries `nq` beside `q`. */
  readonly rpiQuantity?: boolean;
}) {
  const { futures } = options;
  return (path: string, markets: SimMarkets, send: (text: string) => void): SimConnection | undefined => {
    const form = options.routes.map((route) => opened(path, route)).find((f) => f !== undefined);
    if (!form) return undefined;
    const streams = new Map<string, Stream>();
    let combined = form.combined;
    const faults = new ArmedFaults(['skip-sequence', 'crossed']);
    /** Whether the socket's route carries streams of `kind`. */
    const carries = (kind: StreamKind | undefined): boolean => kind !== undefined && form.route.delivers.includes(kind);

    const follow = (name: string): boolean => {
      const named = streamOf(name);
      const market = named && markets.get(named.symbol);
      if (!named || !market) return false;
      streams.set(name, { name, market, ...named });
      return true;
    };
    if (!form.names.every((name) => carries(streamOf(name)?.kind) && follow(name))) return undefined;

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

    const pushTrade = (stream: Stream, trade: SimTrade, now: number): void => {
      const p = trade.price.toFixed(stream.market.priceDecimals);
      const q = trade.size.toFixed(stream.market.sizeDecimals);
      const head = { e: 'aggTrade', E: now, s: stream.symbol, a: trade.id, p, q };
      const tail = { f: trade.id, l: trade.id, T: trade.time, m: trade.side === 'sell' };
      if (!futures) return emit(stream, { ...head, ...tail, M: true });
      emit(stream, { ...head, ...(options.rpiQuantity ? { nq: q } : {}), ...tail });
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
          if (stream.market !== market || stream.kind !== 'depth' || !carries(stream.kind)) continue;
          if (stream.levels !== undefined) {
            stream.last = changes;
            pushTop(stream, now);
            continue;
          }
          // Lost on the way: the next event's U (and pu) jumps past it.
          if (!faults.take('skip-sequence')) pushDiff(stream, changes, now);
        }
      },
      trades(market: SimMarket, trades: readonly SimTrade[], now: number) {
        for (const stream of streams.values()) {
          if (stream.market !== market || stream.kind !== 'aggTrade' || !carries(stream.kind)) continue;
          for (const trade of trades) pushTrade(stream, trade, now);
        }
      },
      heartbeat(now: number) {
        for (const stream of streams.values()) if (stream.levels !== undefined && carries(stream.kind)) pushTop(stream, now);
      },
      fault: (fault) => faults.arm(fault),
    };
  };
}
