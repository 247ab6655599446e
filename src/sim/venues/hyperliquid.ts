import type { RawLevel } from '../../book/levels';
import { HYPERLIQUID_BOOK, HYPERLIQUID_BOOK_LEVELS, HYPERLIQUID_WS_PATH, type HyperliquidSubscription } from '../../venues/hyperliquid';
import { HYPERLIQUID_TRADES } from '../../venues/hyperliquid-trades';
import { ArmedFaults } from '../armed-faults';
import { crossingBid } from '../crossed';
import type { SimMarket } from '../market';
import type { SimConnection, SimFeedMarkets, SimTrade, SimVenue } from '../types';
import { hyperliquidInfo } from './hyperliquid-info';

/** A followed `l2Book`: its coin and market, and the levels last pushed, so an unchanged top is not pushed again. */
interface FollowedBook {
  readonly coin: string;
  readonly market: SimMarket;
  last: string;
}

type Request = { method?: unknown; subscription?: unknown; id?: unknown; request?: unknown };

const MASK_50_BITS = (1n << 50n) - 1n;
/** An odd multiplier: multiplying by it modulo 2^50 maps distinct trade numbers to distinct 50-bit values. */
const SCATTER = 0x9e3779b97f4a7cn;

/** A trade's `tid`, "50-bit hash of (buyer_oid, seller_oid)": here a 50-bit scatter of the market's trade number. */
function tidOf(id: number): number {
  return Number((BigInt(id) * SCATTER) & MASK_50_BITS);
}

/** A 32-byte transaction hash and two 20-byte addresses, made of the trade number so that they are stable. */
const hex = (n: number, digits: number, salt: string): string => `0x${salt}${n.toString(16).padStart(digits - salt.length, '0')}`;

/** A level as a `WsLevel`, its count of orders made of its size (the simulator keeps sizes, not orders). */
function wsLevel([px, sz]: RawLevel): { px: string; sz: string; n: number } {
  return { px, sz, n: 1 + (sz.length % 5) };
}

function isSubscription(value: unknown): value is HyperliquidSubscription {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string' && typeof (value as { coin?: unknown }).coin === 'string';
}

function connection(markets: SimFeedMarkets, send: (text: string) => void): SimConnection {
  const books = new Map<string, FollowedBook>();
  const trades = new Map<string, SimMarket>();
  const faults = new ArmedFaults(['crossed']);
  const marketOf = (coin: string): SimMarket | undefined => markets.get('hyperliquid')?.get(coin) ?? markets.get('hyperliquid-spot')?.get(coin);
  const refuse = (text: string): void => send(JSON.stringify({ channel: 'error', data: text }));

  /** The top 20 a side, whole, as a `WsBook`; `crossing` adds a bid at the best ask to this push alone. */
  const pushBook = (book: FollowedBook, now: number, crossing?: RawLevel): void => {
    const { bids, asks } = book.market.snapshot(HYPERLIQUID_BOOK_LEVELS);
    const levels = [(crossing ? [crossing, ...bids] : bids).map(wsLevel), asks.map(wsLevel)];
    book.last = JSON.stringify(levels);
    send(JSON.stringify({ channel: HYPERLIQUID_BOOK, data: { coin: book.coin, time: now, levels } }));
  };

  const answer = (method: 'subscribe' | 'unsubscribe', subscription: HyperliquidSubscription): void =>
    send(JSON.stringify({ channel: 'subscriptionResponse', data: { method, subscription } }));

  const subscribe = (subscription: HyperliquidSubscription, now: number): void => {
    const market = marketOf(subscription.coin);
    const followed = subscription.type === HYPERLIQUID_BOOK ? books : subscription.type === HYPERLIQUID_TRADES ? trades : undefined;
    if (!market || !followed) return refuse(`Invalid subscription ${JSON.stringify(subscription)}`);
    if (followed.has(subscription.coin)) return refuse(`Already subscribed: ${JSON.stringify(subscription)}`);
    answer('subscribe', subscription);
    if (subscription.type === HYPERLIQUID_TRADES) {
      trades.set(subscription.coin, market);
      return;
    }
    const book: FollowedBook = { coin: subscription.coin, market, last: '' };
    books.set(subscription.coin, book);
    pushBook(book, now);
  };

  const unsubscribe = (subscription: HyperliquidSubscription): void => {
    const followed = subscription.type === HYPERLIQUID_BOOK ? books : trades;
    if (!followed.delete(subscription.coin)) return refuse(`Already unsubscribed: ${JSON.stringify(subscription)}`);
    answer('unsubscribe', subscription);
  };

  /** A post request: an info request is answered with its data, anything else with an error, both under its id. */
  const post = (request: Request): void => {
    const inner = typeof request.request === 'object' && request.request !== null ? (request.request as { type?: unknown; payload?: { type?: unknown } }) : {};
    const data = inner.type === 'info' ? hyperliquidInfo(inner.payload?.type, markets) : undefined;
    const response = data === undefined ? { type: 'error', payload: '422 Unprocessable Entity: Failed to deserialize the JSON body' } : { type: 'info', payload: { type: inner.payload?.type, data } };
    send(JSON.stringify({ channel: 'post', data: { id: request.id, response } }));
  };

  return {
    receive(text: string, now: number) {
      let request: Request;
      try {
        request = JSON.parse(text) as Request;
      } catch {
        return refuse(`Error parsing JSON into valid websocket request: ${text}`);
      }
      if (request.method === 'ping') return send(JSON.stringify({ channel: 'pong' }));
      if (request.method === 'post' && typeof request.id === 'number') return post(request);
      if ((request.method === 'subscribe' || request.method === 'unsubscribe') && isSubscription(request.subscription)) {
        return request.method === 'subscribe' ? subscribe(request.subscription, now) : unsubscribe(request.subscription);
      }
      refuse(`Error parsing JSON into valid websocket request: ${text}`);
    },
    update(market: SimMarket, _changes, now: number) {
      for (const book of books.values()) {
        if (book.market !== market) continue;
        if (faults.take('crossed')) {
          pushBook(book, now, crossingBid(market));
          continue;
        }
        const { bids, asks } = market.snapshot(HYPERLIQUID_BOOK_LEVELS);
        if (JSON.stringify([bids.map(wsLevel), asks.map(wsLevel)]) !== book.last) pushBook(book, now);
      }
    },
    trades(market: SimMarket, printed: readonly SimTrade[]) {
      for (const [coin, followed] of trades) {
        if (followed !== market) continue;
        const data = printed.map((t) => ({
          coin,
          side: t.side === 'buy' ? 'B' : 'A',
          px: t.price.toFixed(market.priceDecimals),
          sz: t.size.toFixed(market.sizeDecimals),
          hash: hex(t.id, 64, 'b5'),
          time: t.time,
          tid: tidOf(t.id),
          users: [hex(t.id, 40, 'a1'), hex(t.id, 40, 'c3')],
        }));
        if (data.length) send(JSON.stringify({ channel: HYPERLIQUID_TRADES, data }));
      }
    },
    heartbeat() {},
    fault: (fault) => faults.arm(fault),
  };
}

/**
 * Hyperliquid's socket `/ws`, perpetuals and spot on one connection: `l2Book` subscriptions answered with a
 * `subscriptionResponse` and the book's whole top 20 a side, pushed again whenever that top changes; `trades` with
 * the trades a market prints, the aggressor's side as B (buy) or A (sell); `{"method":"ping"}` with
 * `{"channel":"pong"}`; info requests posted on the socket (`metaAndAssetCtxs`, `spotMetaAndAssetCtxs`, the catalog's)
 * with their data. The venue publishes no ids and no checksum, so of the protocol faults only `crossed` applies.
 */
export const hyperliquidSim: SimVenue = {
  host: 'hyperliquid',
  connect(path, markets, send) {
    return path === HYPERLIQUID_WS_PATH ? connection(markets, send) : undefined;
  },
};
