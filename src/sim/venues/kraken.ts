import { ArmedFaults } from '../armed-faults';
import { crossingBid } from '../crossed';
import { OrderBook } from '../../book/orderbook';
import type { RawLevel } from '../../book/levels';
import { KRAKEN_DEPTHS, krakenChecksum } from '../../venues/kraken';
import type { SimMarket, SimLevels } from '../market';
import { listedMarkets } from '../listings';
import { stepText } from '../decimals';
import type { SimConnection, SimMarkets, SimTrade, SimVenue } from '../types';
import { assetPairs } from './kraken-pairs';

/** Kraken's RFC 3339 times carry microseconds. */
function rfc3339(now: number): string {
  return new Date(now).toISOString().replace('Z', '000Z');
}

/** Levels as Kraken v2 writes them: price and qty as bare JSON numbers whose text keeps the pair's precision. */
function levelsJson(levels: readonly RawLevel[]): string {
  return `[${levels.map(([p, q]) => `{"price":${p},"qty":${q}}`).join(',')}]`;
}

function bookFrame(type: 'snapshot' | 'update', symbol: string, levels: SimLevels, checksum: number, now: number): string {
  return (
    `{"channel":"book","type":"${type}","data":[{"symbol":${JSON.stringify(symbol)},` +
    `"bids":${levelsJson(levels.bids)},"asks":${levelsJson(levels.asks)},"checksum":${checksum},"timestamp":"${rfc3339(now)}"}]}`
  );
}

/**
 * A `trade` message as …/spot-websocket-v2/trade prints it: the taker's side, price and qty as bare JSON numbers at
 * the pair's precision, `trade_id` the pair's trade number. The simulator's takers send market orders.
 */
function tradeFrame(type: 'snapshot' | 'update', symbol: string, market: SimMarket, trades: readonly SimTrade[]): string {
  const data = trades.map(
    (t) =>
      `{"symbol":${JSON.stringify(symbol)},"side":"${t.side}","price":${stepText(t.price, market.priceDecimals)},` +
      `"qty":${stepText(t.size, market.sizeDecimals)},"ord_type":"market","trade_id":${t.id},"timestamp":"${rfc3339(t.time)}"}`,
  );
  return `{"channel":"trade","type":"${type}","data":[${data.join(',')}]}`;
}

/** Trades a `trade` snapshot holds: "the most recent 50 trades". */
const TRADE_SNAPSHOT = 50;

function checksumOf(view: SimLevels): number {
  const book = new OrderBook();
  book.snapshot(view.bids, view.asks);
  return krakenChecksum(book);
}

/**
 * What a subscriber must change to go from `before` to `after` (each the best `depth` levels of a side): every
 * level that is new or resized, and a qty 0 for a level the market removed. A level merely pushed below the
 * subscribed depth is not sent: the subscriber truncates it, as Kraken's docs require.
 */
function sideChanges(before: readonly RawLevel[], after: readonly RawLevel[], stillListed: ReadonlySet<string>): RawLevel[] {
  const was = new Map(before);
  const now = new Map(after);
  const out: RawLevel[] = after.filter(([p, q]) => was.get(p) !== q);
  for (const [p] of before) if (!now.has(p) && !stillListed.has(p)) out.push([p, '0']);
  return out;
}

/** Kraken numbers each connection for its support staff; clients never read it. */
const CONNECTION_ID = 8_432_109_617;

interface Subscription {
  readonly symbol: string;
  readonly market: SimMarket;
  readonly depth: number;
  /** The book as this subscriber holds it: the market's best `depth` levels when last sent. */
  view: SimLevels;
}

function connection(markets: SimMarkets, send: (text: string) => void): SimConnection {
  const subscriptions = new Map<string, Subscription>();
  /** Pairs whose trades this socket is subscribed to, by name. */
  const tradeSubscriptions = new Map<string, SimMarket>();
  // Kraken's book has no sequence ids to skip; a lost update shows only through the checksum.
  const faults = new ArmedFaults(['corrupt-checksum', 'crossed']);

  const reply = (o: Record<string, unknown>, reqId: unknown, now: number): void => {
    const stamp = rfc3339(now);
    send(JSON.stringify({ ...o, ...(reqId === undefined ? {} : { req_id: reqId }), time_in: stamp, time_out: stamp }));
  };
  const refuse = (method: string, error: string, reqId: unknown, now: number, symbol?: string): void => {
    reply({ error, method, success: false, ...(symbol === undefined ? {} : { symbol }) }, reqId, now);
  };

  const subscribe = (symbol: string, depth: number, snapshot: boolean, reqId: unknown, now: number): void => {
    const market = markets.get(symbol);
    if (!market) return refuse('subscribe', `Currency pair not supported ${symbol}`, reqId, now, symbol);
    if (subscriptions.has(symbol)) return refuse('subscribe', 'Already subscribed', reqId, now, symbol);
    const view = market.snapshot(depth);
    subscriptions.set(symbol, { symbol, market, depth, view });
    reply({ method: 'subscribe', result: { channel: 'book', depth, snapshot, symbol }, success: true }, reqId, now);
    if (snapshot) send(bookFrame('snapshot', symbol, view, checksumOf(view), now));
  };

  const subscribeTrades = (symbol: string, snapshot: boolean, reqId: unknown, now: number): void => {
    const market = markets.get(symbol);
    if (!market) return refuse('subscribe', `Currency pair not supported ${symbol}`, reqId, now, symbol);
    if (tradeSubscriptions.has(symbol)) return refuse('subscribe', 'Already subscribed', reqId, now, symbol);
    tradeSubscriptions.set(symbol, market);
    reply({ method: 'subscribe', result: { channel: 'trade', snapshot, symbol }, success: true }, reqId, now);
    if (snapshot) send(tradeFrame('snapshot', symbol, market, market.recentTrades(TRADE_SNAPSHOT)));
  };

  const unsubscribeTrades = (symbol: string, reqId: unknown, now: number): void => {
    if (!tradeSubscriptions.delete(symbol)) return refuse('unsubscribe', 'Subscription Not Found', reqId, now, symbol);
    reply({ method: 'unsubscribe', result: { channel: 'trade', symbol }, success: true }, reqId, now);
  };

  const unsubscribe = (symbol: string, reqId: unknown, now: number): void => {
    const sub = subscriptions.get(symbol);
    if (!sub) return refuse('unsubscribe', 'Subscription Not Found', reqId, now, symbol);
    subscriptions.delete(symbol);
    reply({ method: 'unsubscribe', result: { channel: 'book', depth: sub.depth, symbol }, success: true }, reqId, now);
  };

  send(JSON.stringify({ channel: 'status', type: 'update', data: [{ version: '2.0.10', system: 'online', api_version: 'v2', connection_id: CONNECTION_ID }] }));

  return {
    receive(text: string, now: number) {
      let request: { method?: unknown; params?: { channel?: unknown; symbol?: unknown; depth?: unknown; snapshot?: unknown }; req_id?: unknown };
      try {
        request = JSON.parse(text);
      } catch {
        return refuse('unknown', 'Malformed request', undefined, now);
      }
      const { method, params, req_id: reqId } = request;
      if (method === 'ping') return reply({ method: 'pong' }, reqId, now);
      if (method !== 'subscribe' && method !== 'unsubscribe') return refuse(String(method), 'Method not found', reqId, now);
      if (params?.channel === 'trade') {
        if (!Array.isArray(params.symbol)) return refuse(method, 'Missing symbol', reqId, now);
        // The trade snapshot is off unless asked for (the docs' default), the book's on.
        for (const symbol of params.symbol.map(String)) {
          if (method === 'subscribe') subscribeTrades(symbol, params.snapshot === true, reqId, now);
          else unsubscribeTrades(symbol, reqId, now);
        }
        return;
      }
      if (params?.channel !== 'book') return refuse(method, 'Channel not supported', reqId, now);
      const depth = params.depth ?? 10;
      if (!(KRAKEN_DEPTHS as readonly unknown[]).includes(depth)) return refuse(method, `Invalid depth ${String(depth)}`, reqId, now);
      if (!Array.isArray(params.symbol)) return refuse(method, 'Missing symbol', reqId, now);
      for (const symbol of params.symbol.map(String)) {
        if (method === 'subscribe') subscribe(symbol, depth as number, params.snapshot !== false, reqId, now);
        else unsubscribe(symbol, reqId, now);
      }
    },
    update(market: SimMarket, _changes, now: number) {
      const sub = [...subscriptions.values()].find((s) => s.market === market);
      if (!sub) return;
      // The whole book, to tell a level the market removed from one pushed out of the subscribed range.
      const listed = market.snapshot(Infinity);
      const view = market.snapshot(sub.depth);
      const changes: SimLevels = {
        bids: sideChanges(sub.view.bids, view.bids, new Set(listed.bids.map(([p]) => p))),
        asks: sideChanges(sub.view.asks, view.asks, new Set(listed.asks.map(([p]) => p))),
      };
      sub.view = view;
      if (!changes.bids.length && !changes.asks.length) return;
      const crossing = faults.take('crossed') ? crossingBid(market) : undefined;
      if (crossing) changes.bids.push(crossing);
      // A crossing bid is counted in the checksum, as a venue whose own book crossed would count it: only the
      // crossing itself tells the client that the book is wrong.
      let checksum = checksumOf(crossing ? { bids: [crossing, ...view.bids].slice(0, sub.depth), asks: view.asks } : view);
      if (faults.take('corrupt-checksum')) {
        checksum = (checksum + 1) >>> 0;
      }
      send(bookFrame('update', sub.symbol, changes, checksum, now));
    },
    trades(market: SimMarket, trades) {
      for (const [symbol, subscribed] of tradeSubscriptions) if (subscribed === market) send(tradeFrame('update', symbol, market, trades));
    },
    heartbeat() {
      send('{"channel":"heartbeat"}');
    },
    fault: (fault) => faults.arm(fault),
  };
}

/**
 * Kraken spot: WebSocket v2 at `/v2`, where `book` subscriptions (one symbol or several a request, on one socket)
 * at depth 10 to 1000 are answered with an ack and a snapshot each, then updates of the subscribed range, each with
 * the CRC32 of the subscriber's top 10 levels, until unsubscribed; `trade` subscriptions with an ack, a snapshot
 * when asked for, then each batch of trades the pair prints; a status message on connect, heartbeats and pong. REST `/0/public/AssetPairs` lists the pairs (src/sim/venues/kraken-pairs.ts).
 */
export const krakenSim: SimVenue = {
  host: 'kraken',
  connect(path, markets, send) {
    if (path !== '/v2') return undefined;
    return connection(markets.get('kraken')!, send);
  },
  rest(path, query, markets) {
    if (path !== '/0/public/AssetPairs') return undefined;
    return assetPairs(listedMarkets('kraken', markets), query.get('pair'));
  },
};
