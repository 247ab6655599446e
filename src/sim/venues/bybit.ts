import { ArmedFaults } from '../armed-faults';
import { crossingBid } from '../crossed';
import type { RawLevel } from '../../book/levels';
import type { SimMarket } from '../market';
import type { SimConnection, SimMarkets, SimTrade, SimVenue } from '../types';
import { topWindow as levels, windowChanges as changed } from '../top-window';
import { instrumentsInfo } from './bybit-instruments';

/** The spot depths Bybit serves; depth 1 is pushed as snapshots only. */
const DEPTHS: ReadonlySet<number> = new Set([1, 50, 200, 1000]);
const TOPIC = /^orderbook\.(\d+)\.([A-Z0-9]+)$/;
const TRADE_TOPIC = /^publicTrade\.([A-Z0-9]+)$/;
/** "For Futures and Spot, a single message may have up to 1024 trades." */
const TRADES_PER_PUSH = 1024;

/** Bybit's public sockets by path: one category each, on the same host. */
const CATEGORIES: Readonly<Record<string, BybitCategory>> = { '/v5/public/spot': 'spot', '/v5/public/linear': 'linear' };
type BybitCategory = 'spot' | 'linear';

/** One followed topic: the top `depth` levels last sent, so each push carries exactly what changed in them. */
interface Subscription {
  readonly topic: string;
  readonly symbol: string;
  readonly depth: number;
  readonly market: SimMarket;
  /** Update id of the last push; Bybit counts one per push on a topic. */
  u: number;
  bids: Map<string, string>;
  asks: Map<string, string>;
}

type Request = { op?: unknown; args?: unknown; req_id?: unknown };

/** A followed `publicTrade` topic, and the tick direction (`L`) of the last trade sent on it. */
interface TradeSubscription {
  readonly symbol: string;
  readonly market: SimMarket;
  lastPrice?: number;
  direction: TickDirection;
}

/** Bybit's tick direction: the price up or down from the last trade, or unchanged after a rise or a fall. */
type TickDirection = 'PlusTick' | 'ZeroPlusTick' | 'MinusTick' | 'ZeroMinusTick';

function tickDirection(sub: TradeSubscription, price: number): TickDirection {
  if (sub.lastPrice === undefined || price === sub.lastPrice) return sub.direction.endsWith('MinusTick') ? 'ZeroMinusTick' : 'ZeroPlusTick';
  return price > sub.lastPrice ? 'PlusTick' : 'MinusTick';
}

/**
 * A trade id as each category prints it: spot's are digits ("2100000000007764263" in the recent trades example),
 * linear's UUIDs (the trade channel's example, "20f43950-d8dd-5b31-9112-a178eb6023af", here with the trade's number
 * in its last group).
 */
function tradeId(category: BybitCategory, id: number): string {
  if (category === 'spot') return `21${String(id).padStart(17, '0')}`;
  return `20f43950-d8dd-5b31-9112-${id.toString(16).padStart(12, '0')}`;
}

function connection(category: BybitCategory, markets: SimMarkets, send: (text: string) => void): SimConnection {
  const subscriptions = new Map<string, Subscription>();
  const tradeSubscriptions = new Map<string, TradeSubscription>();
  const faults = new ArmedFaults(['skip-sequence', 'crossed']);
  const connId = `sim-bybit-${category}`;

  /**
   * Answers as each category's documented examples do: spot echoes a request's req_id when it had one and says
   * "subscribe" on success (its pong to a ping without one has none); linear always carries req_id, "" when the
   * request had none, and an empty ret_msg on success.
   */
  const reply = (op: string, reqId: unknown, success: boolean, retMsg: string): void => {
    const echoed = typeof reqId === 'string' ? { req_id: reqId } : category === 'linear' ? { req_id: '' } : {};
    const msg = success && op === 'subscribe' && category === 'linear' ? '' : retMsg;
    send(JSON.stringify({ success, ret_msg: msg, conn_id: connId, ...echoed, op }));
  };

  const push = (sub: Subscription, type: 'snapshot' | 'delta', bids: readonly RawLevel[], asks: readonly RawLevel[], now: number): void => {
    const data = { s: sub.symbol, b: bids, a: asks, u: sub.u, seq: sub.market.lastUpdateId };
    // Spot (and level 1 everywhere) puts "ts" before "type", futures' other levels after it, as Bybit's docs point out.
    const frame = category === 'spot' || sub.depth === 1 ? { topic: sub.topic, ts: now, type, data, cts: now - 1 } : { topic: sub.topic, type, ts: now, data, cts: now - 1 };
    send(JSON.stringify(frame));
  };

  const subscribe = (request: Request, now: number): void => {
    const args = Array.isArray(request.args) ? request.args.filter((a): a is string => typeof a === 'string') : [];
    const added: Subscription[] = [];
    const addedTrades = new Map<string, TradeSubscription>();
    for (const topic of args) {
      if (subscriptions.has(topic) || tradeSubscriptions.has(topic)) {
        reply('subscribe', request.req_id, false, `error:already subscribed,topic:${topic}`);
        return;
      }
      const trade = TRADE_TOPIC.exec(topic);
      const traded = trade ? markets.get(trade[1]!) : undefined;
      if (trade && traded) {
        addedTrades.set(topic, { symbol: trade[1]!, market: traded, direction: 'ZeroPlusTick' });
        continue;
      }
      const match = TOPIC.exec(topic);
      const market = match ? markets.get(match[2]!) : undefined;
      if (!match || !market || !DEPTHS.has(Number(match[1]))) {
        reply('subscribe', request.req_id, false, `error:invalid topic ${topic}`);
        return;
      }
      const depth = Number(match[1]);
      added.push({ topic, symbol: match[2]!, depth, market, u: market.lastUpdateId, ...levels(market, depth) });
    }
    reply('subscribe', request.req_id, true, 'subscribe');
    for (const [topic, sub] of addedTrades) tradeSubscriptions.set(topic, sub);
    for (const sub of added) {
      subscriptions.set(sub.topic, sub);
      push(sub, 'snapshot', [...sub.bids], [...sub.asks], now);
    }
  };

  return {
    receive(text: string, now: number) {
      let request: Request;
      try {
        request = JSON.parse(text) as Request;
      } catch {
        reply('', undefined, false, 'error:request is not JSON');
        return;
      }
      switch (request.op) {
        case 'ping':
          reply('ping', request.req_id, true, 'pong');
          break;
        case 'subscribe':
          subscribe(request, now);
          break;
        case 'unsubscribe':
          for (const topic of Array.isArray(request.args) ? request.args : []) {
            subscriptions.delete(String(topic));
            tradeSubscriptions.delete(String(topic));
          }
          reply('unsubscribe', request.req_id, true, '');
          break;
        default:
          reply(String(request.op ?? ''), request.req_id, false, 'error:handler not found');
      }
    },
    update(market: SimMarket, _changes, now: number) {
      for (const sub of subscriptions.values()) {
        if (sub.market !== market) continue;
        const next = levels(sub.market, sub.depth);
        const bids = changed(sub.bids, next.bids);
        const asks = changed(sub.asks, next.asks);
        if (!bids.length && !asks.length) continue;
        sub.bids = next.bids;
        sub.asks = next.asks;
        sub.u++;
        // The push is lost on the way: its u is used up, so the next one arrives with a jump.
        if (faults.take('skip-sequence')) continue;
        const crossing = faults.take('crossed') ? crossingBid(sub.market) : undefined;
        if (sub.depth === 1) push(sub, 'snapshot', crossing ? [crossing] : [...next.bids], [...next.asks], now);
        else push(sub, 'delta', crossing ? [...bids, crossing] : bids, asks, now);
      }
    },
    trades(market: SimMarket, printed: readonly SimTrade[], now: number) {
      for (const [topic, sub] of tradeSubscriptions) {
        if (sub.market !== market) continue;
        const data = printed.map((t) => {
          sub.direction = tickDirection(sub, t.price);
          sub.lastPrice = t.price;
          return {
            T: t.time,
            s: sub.symbol,
            S: t.side === 'buy' ? 'Buy' : 'Sell',
            v: t.size.toFixed(market.sizeDecimals),
            p: t.price.toFixed(market.priceDecimals),
            // "Unique field for Perps & futures".
            ...(category === 'linear' ? { L: sub.direction } : {}),
            i: tradeId(category, t.id),
            BT: false,
            seq: market.lastUpdateId,
          };
        });
        for (let k = 0; k < data.length; k += TRADES_PER_PUSH) send(JSON.stringify({ topic, type: 'snapshot', ts: now, data: data.slice(k, k + TRADES_PER_PUSH) }));
      }
    },
    heartbeat() {},
    fault: (fault) => faults.arm(fault),
  };
}

/**
 * Bybit v5 public sockets on one host, spot at `/v5/public/spot` and linear perpetuals at `/v5/public/linear`:
 * `orderbook.{depth}.{symbol}` topics, several on one socket, each answered with an ack and a snapshot, then deltas
 * of the top `depth` levels whose update id u grows by one per push, until unsubscribed; linear sizes are in the
 * base coin. `publicTrade.{symbol}` topics push the trades a market prints, oldest first, up to 1024 a push. Bybit
 * publishes no checksum, so `skip-sequence` and `crossed` can be played. REST `/v5/market/instruments-info` lists both categories (src/sim/venues/bybit-instruments.ts).
 */
export const bybitSim: SimVenue = {
  host: 'bybit',
  connect(path, markets, send) {
    const category = CATEGORIES[path];
    if (!category) return undefined;
    return connection(category, markets.get(category === 'spot' ? 'bybit' : 'bybit-linear')!, send);
  },
  rest(path, query, markets, now) {
    if (path !== '/v5/market/instruments-info') return undefined;
    return instrumentsInfo(query, markets, now);
  },
};
