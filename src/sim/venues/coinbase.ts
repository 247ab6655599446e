import { ArmedFaults } from '../armed-faults';
import { crossingBid } from '../crossed';
import type { RawLevel } from '../../book/levels';
import { stepText } from '../decimals';
import { listedMarkets } from '../listings';
import type { SimChanges, SimMarket } from '../market';
import type { SimConnection, SimMarkets, SimTrade, SimVenue } from '../types';
import { publicProducts } from './coinbase-products';

/** Coinbase stamps its messages with nanosecond RFC 3339 times. */
function rfc3339(now: number): string {
  return new Date(now).toISOString().replace('Z', '000000Z');
}

/** Go's default time format, as the heartbeats channel writes `current_time`. */
function goTime(now: number): string {
  return `${new Date(now).toISOString().replace('T', ' ').replace('Z', '000000')} +0000 UTC`;
}

function levelUpdates(bids: readonly RawLevel[], asks: readonly RawLevel[], eventTime: string): object[] {
  const side = (name: 'bid' | 'offer') => ([price, size]: RawLevel) => ({ side: name, event_time: eventTime, price_level: price, new_quantity: size });
  return [...bids.map(side('bid')), ...asks.map(side('offer'))];
}

/**
 * Market trades as the Market Trades Channel prints them: price and size as decimal strings at the product's
 * precision, `time` with milliseconds, and `side` the maker's ("refers to the makers side"): a taker's buy is a SELL.
 */
function marketTrades(productId: string, market: SimMarket, trades: readonly SimTrade[]): object[] {
  return trades.map((t) => ({
    trade_id: String(t.id),
    product_id: productId,
    price: stepText(t.price, market.priceDecimals),
    size: stepText(t.size, market.sizeDecimals),
    side: t.side === 'buy' ? 'SELL' : 'BUY',
    time: new Date(t.time).toISOString(),
  }));
}

/** Trades a `market_trades` snapshot holds at most; Coinbase does not say how many it sends. */
const TRADE_SNAPSHOT = 50;

interface SubscribeRequest {
  type?: unknown;
  product_ids?: unknown;
  channel?: unknown;
}

/**
 * One market-data socket: every message it sends takes the next `sequence_num`, whatever its channel, which is
 * how a client sees that it lost one.
 */
function connection(markets: SimMarkets, send: (text: string) => void): SimConnection {
  let sequence = 0;
  /** An integer, as the AsyncAPI has it; the prose example prints it as a string. */
  let heartbeatCounter = 0;
  const faults = new ArmedFaults(['skip-sequence', 'crossed']);
  const level2 = new Set<string>();
  const marketTradeIds = new Set<string>();
  let heartbeats = false;

  const push = (channel: string, now: number, events: object[]): void => {
    // No client_id: Coinbase's AsyncAPI, checked against the production feed, has none (the prose examples do).
    send(JSON.stringify({ channel, timestamp: rfc3339(now), sequence_num: sequence++, events }));
  };
  /** Each product channel: its products, its messages' channel, and the event a new subscription starts with. */
  const productChannels = {
    level2: {
      ids: level2,
      name: 'l2_data',
      snapshot: (id: string, market: SimMarket): object => {
        const { bids, asks } = market.snapshot(Number.POSITIVE_INFINITY);
        return { type: 'snapshot', product_id: id, updates: levelUpdates(bids, asks, '1970-01-01T00:00:00Z') };
      },
    },
    market_trades: {
      ids: marketTradeIds,
      name: 'market_trades',
      snapshot: (id: string, market: SimMarket): object => ({ type: 'snapshot', trades: marketTrades(id, market, market.recentTrades(TRADE_SNAPSHOT)) }),
    },
  };
  const confirm = (now: number): void => {
    const subscriptions: Record<string, string[]> = {};
    if (level2.size) subscriptions.level2 = [...level2];
    if (marketTradeIds.size) subscriptions.market_trades = [...marketTradeIds];
    if (heartbeats) subscriptions.heartbeats = ['heartbeats'];
    push('subscriptions', now, [{ subscriptions }]);
  };
  const error = (message: string): void => send(JSON.stringify({ type: 'error', message }));

  return {
    receive(text: string, now: number) {
      let request: SubscribeRequest;
      try {
        request = JSON.parse(text) as SubscribeRequest;
      } catch {
        error('failure to parse message');
        return;
      }
      const subscribe = request.type === 'subscribe';
      if (!subscribe && request.type !== 'unsubscribe') return error(`invalid type ${String(request.type)}`);
      const ids = Array.isArray(request.product_ids) ? (request.product_ids as unknown[]).map(String) : [];
      if (request.channel === 'heartbeats') {
        heartbeats = subscribe;
      } else if (request.channel === 'level2' || request.channel === 'market_trades') {
        const channel = productChannels[request.channel];
        const unknown = ids.find((id) => !markets.has(id));
        if (unknown) return error(`failure to subscribe: unknown product ${unknown}`);
        for (const id of ids) {
          if (!subscribe) {
            channel.ids.delete(id);
            continue;
          }
          channel.ids.add(id);
          push(channel.name, now, [channel.snapshot(id, markets.get(id)!)]);
        }
      } else {
        return error(`failure to subscribe: unknown channel ${String(request.channel)}`);
      }
      confirm(now);
    },
    update(market: SimMarket, changes: SimChanges, now: number) {
      const symbol = [...level2].find((id) => markets.get(id) === market);
      if (symbol === undefined) return;
      if (faults.take('skip-sequence')) {
        // Withheld, but its number is spent: the next message's sequence_num jumps.
        sequence++;
        return;
      }
      const crossing = faults.take('crossed') ? crossingBid(markets.get(symbol)!) : undefined;
      const bids = crossing ? [...changes.bids, crossing] : changes.bids;
      push('l2_data', now, [{ type: 'update', product_id: symbol, updates: levelUpdates(bids, changes.asks, rfc3339(now)) }]);
    },
    trades(market: SimMarket, trades: readonly SimTrade[], now: number) {
      for (const id of marketTradeIds) {
        if (markets.get(id) === market) push('market_trades', now, [{ type: 'update', trades: marketTrades(id, market, trades) }]);
      }
    },
    heartbeat(now: number) {
      if (heartbeats) push('heartbeats', now, [{ current_time: goTime(now), heartbeat_counter: ++heartbeatCounter }]);
    },
    fault: (fault) => level2.size > 0 && faults.arm(fault),
  };
}

/**
 * Coinbase Advanced Trade market data at the root path: `level2` for one product or several on one socket (a full
 * snapshot each on subscribe, then updates, until unsubscribed), `market_trades` (a snapshot of the market's last
 * trades, then each batch printed) and `heartbeats`, all numbered by one per-connection `sequence_num`. Coinbase publishes no checksum. REST `/api/v3/brokerage/market/products` lists
 * the products (src/sim/venues/coinbase-products.ts).
 */
export const coinbaseSim: SimVenue = {
  host: 'coinbase',
  connect(path, markets, send) {
    return path === '/' ? connection(markets.get('coinbase')!, send) : undefined;
  },
  rest(path, _query, markets) {
    if (path !== '/api/v3/brokerage/market/products') return undefined;
    return publicProducts(listedMarkets('coinbase', markets), markets.get('coinbase')!);
  },
};
