import type { RawLevel } from '../../book/levels';
import { DERIBIT_INTERVAL } from '../../venues/deribit';
import { ArmedFaults } from '../armed-faults';
import { crossingBid } from '../crossed';
import type { SimChanges, SimMarket } from '../market';
import type { SimConnection, SimFeedMarkets, SimTrade, SimVenue } from '../types';
import { DERIBIT_INSTRUMENTS_PATH, deribitInstruments } from './deribit-instruments';

/** The one socket path of Deribit's JSON-RPC API: every market and every method. */
const SOCKET_PATH = '/ws/api/v2';
const CHANNEL = new RegExp(`^(book|trades)\\.([^.]+)\\.${DERIBIT_INTERVAL}$`);
/** "The heartbeat interval in seconds, but not less than 10". */
const MIN_HEARTBEAT_SECONDS = 10;
/** What `public/test` answers: the API's version. */
const API_VERSION = '1.2.26';

type Entry = [action: 'new' | 'change' | 'delete', price: number, amount: number];

/** One followed book: the levels the subscriber holds, so each change says new, change or delete, and the change_id last sent. */
interface BookSubscription {
  readonly channel: string;
  readonly symbol: string;
  readonly market: SimMarket;
  readonly bids: Map<string, string>;
  readonly asks: Map<string, string>;
  changeId: number;
}

interface TradeSubscription {
  readonly channel: string;
  readonly symbol: string;
  readonly market: SimMarket;
  lastPrice?: number;
  tick: 0 | 1 | 2 | 3;
}

/** Deribit's tick direction: 0 plus, 1 zero-plus, 2 minus, 3 zero-minus (from the last trade's price). */
function tickDirection(sub: TradeSubscription, price: number): 0 | 1 | 2 | 3 {
  if (sub.lastPrice === undefined || price === sub.lastPrice) return sub.tick === 2 || sub.tick === 3 ? 3 : 1;
  return price > sub.lastPrice ? 0 : 2;
}

/** The subscriber's view of a side brought to `changes`, and the entries that say so; a level it never held is not deleted. */
function entries(view: Map<string, string>, changes: readonly RawLevel[]): Entry[] {
  const out: Entry[] = [];
  for (const [p, q] of changes) {
    const held = view.has(p);
    if (Number(q) === 0) {
      if (!held) continue;
      view.delete(p);
      out.push(['delete', Number(p), 0]);
    } else {
      view.set(p, q);
      out.push([held ? 'change' : 'new', Number(p), Number(q)]);
    }
  }
  return out;
}

type Request = { id?: unknown; method?: unknown; params?: { channels?: unknown; interval?: unknown; currency?: unknown; kind?: unknown } };

function connection(markets: SimFeedMarkets, send: (text: string) => void): SimConnection {
  const books = new Map<string, BookSubscription>();
  const trades = new Map<string, TradeSubscription>();
  // Deribit publishes no checksum.
  const faults = new ArmedFaults(['skip-sequence', 'crossed']);
  let heartbeatMs: number | undefined;
  let lastBeat = 0;

  const marketOf = (symbol: string): SimMarket | undefined => markets.get('deribit')?.get(symbol) ?? markets.get('deribit-spot')?.get(symbol);

  /** An answer with Deribit's extensions: `testnet`, and the request's receipt and reply times in µs. */
  const answer = (id: unknown, body: { result: unknown } | { error: { code: number; message: string } }, now: number): void => {
    send(JSON.stringify({ jsonrpc: '2.0', id, ...body, usIn: now * 1000, usOut: now * 1000 + 15, usDiff: 15, testnet: false }));
  };

  const notify = (channel: string, data: unknown): void => send(JSON.stringify({ jsonrpc: '2.0', method: 'subscription', params: { channel, data } }));

  const bookData = (sub: BookSubscription, type: 'snapshot' | 'change', bids: Entry[], asks: Entry[], now: number, prev?: number): object => ({
    type,
    timestamp: now,
    ...(prev === undefined ? {} : { prev_change_id: prev }),
    instrument_name: sub.symbol,
    change_id: sub.changeId,
    bids,
    asks,
  });

  const subscribeBook = (channel: string, symbol: string, market: SimMarket, now: number): void => {
    const { bids, asks } = market.snapshot(Infinity);
    const sub: BookSubscription = { channel, symbol, market, bids: new Map(bids), asks: new Map(asks), changeId: market.lastUpdateId };
    books.set(channel, sub);
    const side = (levels: readonly RawLevel[]): Entry[] => levels.map(([p, q]) => ['new', Number(p), Number(q)]);
    notify(channel, bookData(sub, 'snapshot', side(bids), side(asks), now));
  };

  const subscribe = (request: Request, now: number): void => {
    const asked = Array.isArray(request.params?.channels) ? request.params.channels.filter((c): c is string => typeof c === 'string') : [];
    // Deribit subscribes what it knows and lists it back; an unknown channel is left out of the answer.
    const known = asked.filter((channel) => {
      const match = CHANNEL.exec(channel);
      return match !== null && marketOf(match[2]!) !== undefined;
    });
    answer(request.id, { result: known }, now);
    for (const channel of known) {
      const [, kind, symbol] = CHANNEL.exec(channel)!;
      const market = marketOf(symbol!)!;
      if (kind === 'trades') trades.set(channel, { channel, symbol: symbol!, market, tick: 1 });
      else subscribeBook(channel, symbol!, market, now);
    }
  };

  const unsubscribe = (request: Request, now: number): void => {
    const asked = Array.isArray(request.params?.channels) ? request.params.channels.filter((c): c is string => typeof c === 'string') : [];
    const left = asked.filter((channel) => books.delete(channel) || trades.delete(channel));
    answer(request.id, { result: left }, now);
  };

  return {
    receive(text: string, now: number) {
      let request: Request;
      try {
        request = JSON.parse(text) as Request;
      } catch {
        answer(null, { error: { code: -32700, message: 'Parse error' } }, now);
        return;
      }
      switch (request.method) {
        case 'public/subscribe':
          return subscribe(request, now);
        case 'public/unsubscribe':
          return unsubscribe(request, now);
        case 'public/set_heartbeat': {
          const interval = Number(request.params?.interval);
          if (!(interval >= MIN_HEARTBEAT_SECONDS)) return answer(request.id, { error: { code: 11029, message: 'invalid_arguments' } }, now);
          heartbeatMs = interval * 1000;
          lastBeat = now;
          return answer(request.id, { result: 'ok' }, now);
        }
        case 'public/test':
          return answer(request.id, { result: { version: API_VERSION } }, now);
        case 'public/get_instruments':
          return answer(request.id, { result: deribitInstruments(markets, request.params ?? {}) }, now);
        default:
          answer(request.id, { error: { code: -32601, message: 'Method not found' } }, now);
      }
    },
    update(market: SimMarket, changes: SimChanges, now: number) {
      for (const sub of books.values()) {
        if (sub.market !== market) continue;
        const bids = entries(sub.bids, changes.bids);
        const asks = entries(sub.asks, changes.asks);
        if (!bids.length && !asks.length) continue;
        const prev = sub.changeId;
        sub.changeId = changes.last;
        // The notification is lost on the way: the next one's prev_change_id names it.
        if (faults.take('skip-sequence')) continue;
        const crossing = faults.take('crossed') ? crossingBid(market) : undefined;
        if (crossing) bids.push(['new', Number(crossing[0]), Number(crossing[1])]);
        notify(sub.channel, bookData(sub, 'change', bids, asks, now, prev));
      }
    },
    trades(market: SimMarket, printed: readonly SimTrade[]) {
      for (const sub of trades.values()) {
        if (sub.market !== market) continue;
        const data = printed.map((t) => {
          sub.tick = tickDirection(sub, t.price);
          sub.lastPrice = t.price;
          const amount = Number(t.size.toFixed(market.sizeDecimals));
          return {
            trade_seq: t.id,
            trade_id: String(48_079_268 + t.id),
            timestamp: t.time,
            tick_direction: sub.tick,
            price: Number(t.price.toFixed(market.priceDecimals)),
            mark_price: Number(t.price.toFixed(market.priceDecimals)),
            instrument_name: sub.symbol,
            index_price: Number(t.price.toFixed(market.priceDecimals)),
            direction: t.side,
            amount,
            contracts: amount / market.spec.lot,
          };
        });
        notify(sub.channel, data);
      }
    },
    heartbeat(now: number) {
      if (heartbeatMs === undefined || now - lastBeat < heartbeatMs) return;
      lastBeat = now;
      send(JSON.stringify({ jsonrpc: '2.0', method: 'heartbeat', params: { type: 'test_request' } }));
    },
    fault: (fault) => faults.arm(fault),
  };
}

/**
 * Deribit's JSON-RPC API on one host: the socket `/ws/api/v2` carries the perpetuals and the spot pairs alike,
 * `book.<instrument>.100ms` (a full snapshot, then changes `[new|change|delete, price, amount]` chained by
 * change_id / prev_change_id) and `trades.<instrument>.100ms` notifications, several channels on one socket, the
 * heartbeat (`test_request` every interval once set) and `public/get_instruments`, which `GET
 * /api/v2/public/get_instruments` answers too. Prices and amounts are JSON numbers; an inverse perpetual's amounts
 * are USD, multiples of its contract. No checksum is published, so `skip-sequence` and `crossed` can be played.
 */
export const deribitSim: SimVenue = {
  host: 'deribit',
  connect(path, markets, send) {
    return path === SOCKET_PATH ? connection(markets, send) : undefined;
  },
  rest(path, query, markets, now) {
    if (path !== DERIBIT_INSTRUMENTS_PATH) return undefined;
    const result = deribitInstruments(markets, { currency: query.get('currency') ?? undefined, kind: query.get('kind') ?? undefined });
    return { status: 200, body: JSON.stringify({ jsonrpc: '2.0', result, usIn: now * 1000, usOut: now * 1000 + 15, usDiff: 15, testnet: false }) };
  },
};
