import { ArmedFaults } from '../armed-faults';
import { crossingBid } from '../crossed';
import type { SimMarket } from '../market';
import type { SimConnection, SimMarkets, SimTrade, SimVenue } from '../types';
import { topWindow, windowChanges } from '../top-window';
import type { GateApp } from '../../venues/gate';
import { GATE_CONTRACTS_PATH, GATE_PAIRS_PATH, contracts, currencyPairs } from './gate-instruments';

/** The V2 levels Gate serves: 400 every 100 ms, 50 every 20 ms. */
const LEVELS: ReadonlySet<number> = new Set([400, 50]);
const STREAM = /^ob\.([A-Z0-9]+_[A-Z0-9]+)\.(\d+)$/;

/** The connection and trace ids of the V2 subscription example in Gate's docs. */
const CONN_ID = 'd7de96c024f2a5b2';
const TRACE_ID = 'e6fd9bdd617fcdb80d0762ffa33e71f6';

/** One followed V2 stream: the top `level` levels last sent, so each push carries exactly what changed in them. */
interface BookSubscription {
  readonly stream: string;
  readonly level: number;
  readonly market: SimMarket;
  /** The book id the last push ended at (`u`). */
  u: number;
  bids: Map<string, string>;
  asks: Map<string, string>;
}

type Request = { time?: unknown; id?: unknown; channel?: unknown; event?: unknown; payload?: unknown };

/** A spot trade as `spot.trades` pushes it, one a message; `id_market` numbers the market's trades one by one. */
function spotTrade(symbol: string, market: SimMarket, t: SimTrade): object {
  return {
    id: 300_000_000 + t.id,
    id_market: t.id,
    create_time: Math.floor(t.time / 1000),
    create_time_ms: `${t.time}.0000`,
    side: t.side,
    currency_pair: symbol,
    amount: t.size.toFixed(market.sizeDecimals),
    price: t.price.toFixed(market.priceDecimals),
    range: `${t.id}-${t.id}`,
  };
}

/** A futures trade as `futures.trades` pushes it: contracts, negative when the taker sold. */
function futuresTrade(symbol: string, market: SimMarket, t: SimTrade): object {
  const size = Number(t.size.toFixed(market.sizeDecimals));
  return {
    size: t.side === 'sell' ? -size : size,
    id: 27_000_000 + t.id,
    create_time: Math.floor(t.time / 1000),
    create_time_ms: t.time,
    price: t.price.toFixed(market.priceDecimals),
    contract: symbol,
  };
}

function connection(app: GateApp, markets: SimMarkets, send: (text: string) => void): SimConnection {
  const books = new Map<string, BookSubscription>();
  /** Markets whose trades are followed, by the venue's name for them. */
  const trades = new Map<SimMarket, string>();
  const faults = new ArmedFaults(['skip-sequence', 'crossed']);
  const book = `${app}.obu`;

  /**
   * An answer to a request in the shape of the docs' answers for its channel: the V2 book's echo their payload with
   * connection and trace ids, the others are the common response ("error ... Null if the server accepts").
   */
  const answer = (r: Request, now: number, error?: string): void => {
    const outcome = error === undefined ? { result: { status: 'success' } } : { error: { code: 2, message: error }, result: { status: 'fail' } };
    const id = r.id === undefined ? {} : { id: r.id };
    if (r.channel === book) {
      send(JSON.stringify({ time: Math.floor(now / 1000), time_ms: now, ...id, conn_id: CONN_ID, trace_id: TRACE_ID, channel: r.channel, event: r.event, payload: r.payload, ...outcome }));
    } else {
      // Spot's common answer says `"error": null` on success (API Overview → Server Response); futures' leaves it out.
      const noError = app === 'spot' && error === undefined ? { error: null } : {};
      send(JSON.stringify({ time: Math.floor(now / 1000), time_ms: now, ...id, channel: r.channel, event: r.event, ...noError, ...outcome }));
    }
  };

  /** The pong as each socket's docs show it: spot's with `error` and no `time_ms`, futures' the other way round. */
  const pong = (now: number): string =>
    JSON.stringify(
      app === 'spot'
        ? { time: Math.floor(now / 1000), channel: 'spot.pong', event: '', error: null, result: null }
        : { time: Math.floor(now / 1000), time_ms: now, channel: 'futures.pong', event: '', result: null },
    );

  const push = (result: Record<string, unknown>, now: number): void => {
    send(JSON.stringify({ channel: book, result: { t: now, ...result }, time_ms: now }));
  };

  const subscribeBooks = (r: Request, streams: readonly string[], now: number): void => {
    const added: BookSubscription[] = [];
    for (const stream of streams) {
      const match = STREAM.exec(stream);
      const market = match ? markets.get(match[1]!) : undefined;
      if (books.has(stream)) return answer(r, now, `Alert sub ${stream}`);
      if (!match || !market || !LEVELS.has(Number(match[2]))) return answer(r, now, `unknown stream ${stream}`);
      const level = Number(match[2]);
      added.push({ stream, level, market, u: market.lastUpdateId, ...topWindow(market, level) });
    }
    answer(r, now);
    for (const sub of added) {
      books.set(sub.stream, sub);
      push({ full: true, s: sub.stream, u: sub.u, b: [...sub.bids], a: [...sub.asks] }, now);
    }
  };

  const request = (r: Request, now: number): void => {
    const names = Array.isArray(r.payload) ? r.payload.filter((p): p is string => typeof p === 'string') : [];
    if (r.channel === `${app}.ping`) {
      send(pong(now));
      return;
    }
    if (r.channel === book && r.event === 'subscribe') return subscribeBooks(r, names, now);
    if (r.channel === book && r.event === 'unsubscribe') {
      for (const name of names) books.delete(name);
      return answer(r, now);
    }
    if (r.channel === `${app}.trades` && (r.event === 'subscribe' || r.event === 'unsubscribe')) {
      const unknown = names.find((n) => !markets.has(n));
      if (unknown !== undefined) return answer(r, now, `unknown currency pair ${unknown}`);
      for (const n of names) {
        if (r.event === 'subscribe') trades.set(markets.get(n)!, n);
        else trades.delete(markets.get(n)!);
      }
      return answer(r, now);
    }
    answer(r, now, 'Invalid argument provided');
  };

  return {
    receive(text, now) {
      let r: unknown;
      try {
        r = JSON.parse(text);
      } catch {
        r = undefined;
      }
      if (typeof r !== 'object' || r === null) {
        send(JSON.stringify({ time: Math.floor(now / 1000), time_ms: now, channel: '', event: '', error: { code: 1, message: 'Invalid request body format' }, result: null }));
        return;
      }
      request(r as Request, now);
    },
    update(market, _changes, now) {
      for (const sub of books.values()) {
        if (sub.market !== market) continue;
        const next = topWindow(market, sub.level);
        const bids = windowChanges(sub.bids, next.bids);
        const asks = windowChanges(sub.asks, next.asks);
        if (!bids.length && !asks.length) continue;
        sub.bids = next.bids;
        sub.asks = next.asks;
        const first = sub.u + 1;
        sub.u = Math.max(first, market.lastUpdateId);
        // The push is lost on the way: its ids are used up, so the next one starts past the client's u + 1.
        if (faults.take('skip-sequence')) continue;
        const crossing = faults.take('crossed') ? crossingBid(market) : undefined;
        const b = crossing ? [...bids, crossing] : bids;
        // A side with no change is left out, as in the docs' futures example.
        push({ s: sub.stream, U: first, u: sub.u, ...(b.length ? { b } : {}), ...(asks.length ? { a: asks } : {}) }, now);
      }
    },
    trades(market, printed, now) {
      const symbol = trades.get(market);
      if (symbol === undefined) return;
      const channel = `${app}.trades`;
      const envelope = { time: Math.floor(now / 1000), time_ms: now, channel, event: 'update' };
      if (app === 'futures') send(JSON.stringify({ ...envelope, result: printed.map((t) => futuresTrade(symbol, market, t)) }));
      else for (const t of printed) send(JSON.stringify({ ...envelope, result: spotTrade(symbol, market, t) }));
    },
    heartbeat() {},
    fault: (fault) => faults.arm(fault),
  };
}

/**
 * Gate spot's public socket at `/ws/v4/`: `spot.obu` streams `ob.{pair}.{400|50}`, each answered and then sent a full
 * snapshot and updates of the top levels whose ids run on from U = the last u + 1, several on one socket, until
 * unsubscribed; `spot.trades` one trade a message; `spot.ping` answered `spot.pong`. V2 carries no checksum, so
 * `skip-sequence` and `crossed` can be played. REST `/api/v4/spot/currency_pairs` lists its pairs.
 */
export const gateSim: SimVenue = {
  host: 'gate',
  connect(path, markets, send) {
    if (path !== '/ws/v4/' && path !== '/ws/v4') return undefined;
    return connection('spot', markets.get('gate')!, send);
  },
  rest(path, _query, markets) {
    return path === GATE_PAIRS_PATH ? currencyPairs(markets) : undefined;
  },
};

/**
 * Gate's USDT perpetual futures on their own host, `/v4/ws/usdt`: the same V2 book as spot as `futures.obu`, sizes in
 * contracts; `futures.trades` lists trades with signed sizes; `futures.ping`. REST `/api/v4/futures/usdt/contracts`
 * lists the contracts with their `quanto_multiplier`.
 */
export const gateFuturesSim: SimVenue = {
  host: 'gate-futures',
  connect(path, markets, send) {
    if (path !== '/v4/ws/usdt') return undefined;
    return connection('futures', markets.get('gate-futures')!, send);
  },
  rest(path, _query, markets) {
    return path === GATE_CONTRACTS_PATH ? contracts(markets) : undefined;
  },
};
