import { ArmedFaults } from '../armed-faults';
import { crossingBid } from '../crossed';
import type { RawLevel } from '../../book/levels';
import type { SimMarket } from '../market';
import { topWindow, windowChanges } from '../top-window';
import type { SimConnection, SimFeedMarkets, SimTrade, SimVenue } from '../types';
import { CRYPTOCOM_INSTRUMENTS_PATH, cryptocomInstruments } from './cryptocom-instruments';

/** The market-data socket; spot pairs and perpetuals are both served on it. */
const MARKET_PATH = '/exchange/v1/market';
/** `depth` "Allowed values: 50, 10". */
const DEPTHS: ReadonlySet<number> = new Set([10, 50]);
const BOOK_CHANNEL = /^book\.([A-Za-z0-9_-]+)\.(\d+)$/;
const TRADE_CHANNEL = /^trade\.([A-Za-z0-9_-]+)$/;
/** "It always returns a snapshot of the last 50 trades after the initial subscription." */
const TRADE_SNAPSHOT = 50;
/** "The system will send a heartbeat message to the client every 30 seconds." */
const HEARTBEAT_MS = 30_000;
/** "In the case of no changes, an empty delta `book.update` heartbeat will be sent after 5 seconds." */
const EMPTY_DELTA_MS = 5_000;
/** Trade ids as the docs' example prints them ("2030407068"), here with the market's trade number in the last digits. */
const TRADE_ID_BASE = 2_030_400_000;

type Request = { id?: unknown; method?: unknown; params?: { channels?: unknown; book_subscription_type?: unknown } };

/** The channels a request names; none where it names them wrongly. */
function channelsOf(request: Request): unknown[] {
  const channels = request.params?.channels;
  return Array.isArray(channels) ? channels : [];
}

/** One followed book channel: the top `depth` levels last sent, so each delta carries exactly what changed in them. */
interface BookSubscription {
  readonly channel: string;
  readonly symbol: string;
  readonly depth: number;
  readonly market: SimMarket;
  /** SNAPSHOT_AND_UPDATE: deltas after the first snapshot; otherwise the whole top on every change. */
  readonly deltas: boolean;
  /** The last update sequence sent (or used up by a push lost on the way). */
  u: number;
  /** When the last push was sent: an empty delta follows 5 s of silence. */
  sentAt: number;
  bids: Map<string, string>;
  asks: Map<string, string>;
}

interface TradeSubscription {
  readonly channel: string;
  readonly symbol: string;
  readonly market: SimMarket;
}

/** A level as Crypto.com writes it, `[price, size, orders]`; the simulator counts one order a level, none once removed. */
function wire(levels: Iterable<RawLevel>): [string, string, string][] {
  return [...levels].map(([p, q]) => [p, q, q === '0' ? '0' : '1']);
}

/** The instrument a channel names, in whichever feed lists it: spot pairs and perpetuals have distinct names. */
function marketNamed(markets: SimFeedMarkets, symbol: string): SimMarket | undefined {
  return markets.get('cryptocom')?.get(symbol) ?? markets.get('cryptocom-perp')?.get(symbol);
}

function connection(markets: SimFeedMarkets, send: (text: string) => void): SimConnection {
  const books = new Map<string, BookSubscription>();
  const trades = new Map<string, TradeSubscription>();
  const faults = new ArmedFaults(['skip-sequence', 'crossed']);
  let heartbeatAt: number | undefined;

  /** A push on a book channel: a `book` snapshot or a `book.update` delta, with id -1 as the docs' examples. */
  const push = (sub: BookSubscription, channel: 'book' | 'book.update', data: object): void => {
    const result = { instrument_name: sub.symbol, subscription: sub.channel, channel, depth: sub.depth, data: [data] };
    send(JSON.stringify({ id: -1, method: 'subscribe', code: 0, result }));
  };

  const snapshot = (sub: BookSubscription, now: number): void => {
    push(sub, 'book', { asks: wire(sub.asks), bids: wire(sub.bids), tt: now - 1, t: now, u: sub.u });
    sub.sentAt = now;
  };

  const delta = (sub: BookSubscription, bids: readonly RawLevel[], asks: readonly RawLevel[], now: number): void => {
    const pu = sub.u;
    // Increasing and unique per instrument, not one by one: the market's own count of changes, deep ones included.
    sub.u = Math.max(sub.u + 1, sub.market.lastUpdateId);
    sub.sentAt = now;
    // The push is lost on the way: its u is used up, so the next one names it as its pu.
    if (faults.take('skip-sequence')) return;
    push(sub, 'book.update', { update: { asks: wire(asks), bids: wire(bids) }, tt: now - 1, t: now, u: sub.u, pu });
  };

  const tradeData = (sub: TradeSubscription, printed: readonly SimTrade[]): object[] =>
    // Newest first, as a trade list is read from its top.
    [...printed].reverse().map((t) => ({
      d: String(TRADE_ID_BASE + t.id),
      t: t.time,
      p: t.price.toFixed(sub.market.priceDecimals),
      q: t.size.toFixed(sub.market.sizeDecimals),
      s: t.side === 'buy' ? 'BUY' : 'SELL',
      i: sub.symbol,
    }));

  const sendTrades = (id: unknown, sub: TradeSubscription, printed: readonly SimTrade[]): void => {
    send(JSON.stringify({ id, method: 'subscribe', code: 0, result: { instrument_name: sub.symbol, subscription: sub.channel, channel: 'trade', data: tradeData(sub, printed) } }));
  };

  const refuse = (request: Request, text: string, message: string): void => {
    send(JSON.stringify({ id: typeof request.id === 'number' ? request.id : -1, method: String(request.method ?? 'ERROR'), code: 40003, message, original: text }));
  };

  const subscribe = (request: Request, text: string, now: number): void => {
    const channels = channelsOf(request);
    const deltas = request.params?.book_subscription_type === 'SNAPSHOT_AND_UPDATE';
    const addedBooks: BookSubscription[] = [];
    const addedTrades: TradeSubscription[] = [];
    for (const channel of channels) {
      const book = typeof channel === 'string' ? BOOK_CHANNEL.exec(channel) : null;
      const trade = typeof channel === 'string' ? TRADE_CHANNEL.exec(channel) : null;
      const market = book ? marketNamed(markets, book[1]!) : trade ? marketNamed(markets, trade[1]!) : undefined;
      if (!market || (book && !DEPTHS.has(Number(book[2])))) return refuse(request, text, 'INVALID_REQUEST');
      if (book) {
        const depth = Number(book[2]);
        addedBooks.push({ channel: book[0], symbol: book[1]!, depth, market, deltas, u: market.lastUpdateId, sentAt: now, ...topWindow(market, depth) });
      } else {
        addedTrades.push({ channel: trade![0], symbol: trade![1]!, market });
      }
    }
    send(JSON.stringify({ id: request.id, code: 0, method: 'subscribe' }));
    // A channel subscribed again starts over with a snapshot: "no need to issue an `unsubscribe` request before this".
    for (const sub of addedBooks) {
      books.set(sub.channel, sub);
      snapshot(sub, now);
    }
    for (const sub of addedTrades) {
      const known = trades.has(sub.channel);
      trades.set(sub.channel, sub);
      // The snapshot answers the request: it carries its id, as the docs' trade example does.
      if (!known) sendTrades(request.id, sub, sub.market.recentTrades(TRADE_SNAPSHOT));
    }
  };

  return {
    receive(text: string, now: number) {
      let request: Request;
      try {
        request = JSON.parse(text) as Request;
      } catch {
        return refuse({}, text, 'BAD_REQUEST');
      }
      switch (request.method) {
        case 'subscribe':
          return subscribe(request, text, now);
        case 'unsubscribe':
          for (const channel of channelsOf(request)) {
            books.delete(String(channel));
            trades.delete(String(channel));
          }
          return send(JSON.stringify({ id: request.id, code: 0, method: 'unsubscribe' }));
        case 'public/respond-heartbeat':
          return;
        default:
          return refuse(request, text, 'METHOD_NOT_FOUND');
      }
    },
    update(market: SimMarket, _changes, now: number) {
      for (const sub of books.values()) {
        if (sub.market !== market) continue;
        const next = topWindow(market, sub.depth);
        const bids = windowChanges(sub.bids, next.bids);
        const asks = windowChanges(sub.asks, next.asks);
        if (!bids.length && !asks.length) continue;
        sub.bids = next.bids;
        sub.asks = next.asks;
        if (!sub.deltas) {
          sub.u = Math.max(sub.u + 1, market.lastUpdateId);
          snapshot(sub, now);
          continue;
        }
        const crossing = faults.take('crossed') ? crossingBid(market) : undefined;
        delta(sub, crossing ? [...bids, crossing] : bids, asks, now);
      }
    },
    trades(market: SimMarket, printed: readonly SimTrade[]) {
      for (const sub of trades.values()) if (sub.market === market) sendTrades(-1, sub, printed);
    },
    heartbeat(now: number) {
      for (const sub of books.values()) if (sub.deltas && now - sub.sentAt >= EMPTY_DELTA_MS) delta(sub, [], [], now);
      if (heartbeatAt !== undefined && now - heartbeatAt < HEARTBEAT_MS) return;
      heartbeatAt = now;
      send(JSON.stringify({ id: now, method: 'public/heartbeat', code: 0 }));
    },
    fault: (fault) => faults.arm(fault),
  };
}

/**
 * Crypto.com Exchange's market-data socket at `/exchange/v1/market`, spot pairs (`BTC_USDT`) and perpetuals
 * (`BTCUSD-PERP`) alike: `book.{instrument}.{depth}` channels (10 or 50), several on one socket, each answered with an
 * ack and a `book` snapshot, then for the SNAPSHOT_AND_UPDATE subscription `book.update` deltas of the top levels
 * whose `pu` is the `u` before (an empty delta after 5 s without change), else the whole top again on every change;
 * `trade.{instrument}` channels (the last 50 trades, then every trade, newest first); `public/heartbeat` every 30 s.
 * No checksum is published, so `skip-sequence` and `crossed` can be played. REST `/exchange/v1/public/get-instruments`
 * lists both kinds (src/sim/venues/cryptocom-instruments.ts).
 */
export const cryptocomSim: SimVenue = {
  host: 'cryptocom',
  connect(path, markets, send) {
    return path === MARKET_PATH ? connection(markets, send) : undefined;
  },
  rest(path, _query, markets) {
    return path === CRYPTOCOM_INSTRUMENTS_PATH ? cryptocomInstruments(markets) : undefined;
  },
};
