import { ArmedFaults } from '../armed-faults';
import { crossingBid } from '../crossed';
import { OrderBook } from '../../book/orderbook';
import type { RawLevel } from '../../book/levels';
import { BULK_UPDATES, OB_CHECKSUM, SEQ_ALL, bitfinexChecksum } from '../../venues/bitfinex';
import { BITFINEX_PAIR_LISTS } from '../../catalog/bitfinex';
import { listedMarkets } from '../listings';
import type { SimLevels, SimMarket } from '../market';
import type { SimConnection, SimFeedMarkets, SimMarkets, SimTrade, SimVenue } from '../types';
import { pairList } from './bitfinex-pairs';

/** The `len` values the book channel accepts. */
const LENGTHS: ReadonlySet<unknown> = new Set(['1', '25', '100', '250', 1, 25, 100, 250]);

/** Bitfinex sends `[CHAN_ID, "hb"]` on a channel that has been quiet for 15 seconds. */
const HEARTBEAT_MS = 15_000;

/** Trades a `trades` snapshot holds. */
const TRADE_SNAPSHOT = 30;

/** A book entry `[PRICE, COUNT, AMOUNT]`: the simulator keeps no orders, so a level standing is one order. */
type Entry = [number, number, number];

function entry([price, size]: RawLevel, side: 'bid' | 'ask'): Entry {
  const amount = Number(size);
  // COUNT 0 deletes: AMOUNT 1 from the bids, -1 from the asks.
  if (amount === 0) return [Number(price), 0, side === 'bid' ? 1 : -1];
  return [Number(price), 1, side === 'bid' ? amount : -amount];
}

/**
 * The entries that take a subscriber from `before` to `after` (each the best `len` levels of a side): a delete for
 * every level that left the window (the server keeps the subscriber's book at `len` levels), and new or resized levels.
 */
function windowEntries(before: readonly RawLevel[], after: readonly RawLevel[], side: 'bid' | 'ask'): { deletes: Entry[]; changes: Entry[] } {
  const was = new Map(before);
  const now = new Map(after);
  const deletes = before.filter(([p]) => !now.has(p)).map(([p]) => entry([p, '0'], side));
  return { deletes, changes: after.filter(([p, q]) => was.get(p) !== q).map((level) => entry(level, side)) };
}

function checksumOf(view: SimLevels): number {
  const book = new OrderBook();
  book.snapshot(view.bids, view.asks);
  return bitfinexChecksum(book);
}

/** A trade `[ID, MTS, AMOUNT, PRICE]`: AMOUNT positive for a buy, negative for a sell, as the taker's side. */
function tradeEntry(t: SimTrade): [number, number, number, number] {
  return [t.id, t.time, t.side === 'buy' ? t.size : -t.size, t.price];
}

interface Channel {
  readonly chanId: number;
  readonly kind: 'book' | 'trades';
  readonly symbol: string;
  readonly market: SimMarket;
  readonly len: number;
  /** The book as this subscriber holds it: the market's best `len` levels when last sent. */
  view: SimLevels;
  lastSent: number;
}

function connection(markets: SimMarkets, send: (text: string) => void): SimConnection {
  const channels = new Map<number, Channel>();
  let nextChanId = 17_082;
  let flags = 0;
  /** The connection's public sequence number, on every channel message once SEQ_ALL is on. */
  let seq = 0;
  const faults = new ArmedFaults(['skip-sequence', 'corrupt-checksum', 'crossed']);

  const event = (o: Record<string, unknown>): void => send(JSON.stringify(o));
  // A refusal names the request's channel and symbol, so that the client can tell which subscription it was.
  const error = (msg: string, code: number, request: Record<string, unknown> = {}): void => event({ ...request, event: 'error', msg, code });
  const channelMessage = (c: Channel, body: unknown[], now: number): void => {
    c.lastSent = now;
    if ((flags & SEQ_ALL) === 0) {
      send(JSON.stringify([c.chanId, ...body]));
      return;
    }
    seq++;
    // Lost on the way: the venue numbered it, the subscriber never saw it.
    if (faults.take('skip-sequence')) return;
    send(JSON.stringify([c.chanId, ...body, seq]));
  };
  const checksum = (c: Channel, view: SimLevels, now: number): void => {
    if ((flags & OB_CHECKSUM) === 0) return;
    let value = checksumOf(view);
    if (faults.take('corrupt-checksum')) value = (value + 1) | 0;
    channelMessage(c, ['cs', value], now);
  };

  const subscribe = (request: Record<string, unknown>, now: number): void => {
    const { channel, symbol } = request;
    const market = typeof symbol === 'string' ? markets.get(symbol) : undefined;
    if ((channel !== 'book' && channel !== 'trades') || !market) return error('symbol: invalid', 10_300, request);
    if ([...channels.values()].some((c) => c.kind === channel && c.symbol === symbol)) return error('subscribe: dup', 10_301, request);
    if (channel === 'book' && ((request.prec ?? 'P0') !== 'P0' || !LENGTHS.has(request.len ?? '25'))) return error('subscribe: invalid', 10_300, request);
    const len = channel === 'book' ? Number(request.len ?? 25) : 0;
    const c: Channel = { chanId: nextChanId++, kind: channel, symbol: symbol as string, market, len, view: market.snapshot(len), lastSent: now };
    channels.set(c.chanId, c);
    const pair = (symbol as string).slice(1);
    const subId = request.subId === undefined ? {} : { subId: request.subId };
    if (channel === 'book') {
      event({ event: 'subscribed', channel, chanId: c.chanId, symbol, prec: 'P0', freq: request.freq ?? 'F0', len: String(len), ...subId, pair });
      channelMessage(c, [[...c.view.bids.map((l) => entry(l, 'bid')), ...c.view.asks.map((l) => entry(l, 'ask'))]], now);
      checksum(c, c.view, now);
    } else {
      event({ event: 'subscribed', channel, chanId: c.chanId, symbol, ...subId, pair });
      channelMessage(c, [market.recentTrades(TRADE_SNAPSHOT).map(tradeEntry).reverse()], now);
    }
  };

  const unsubscribe = (request: Record<string, unknown>): void => {
    const chanId = request.chanId;
    if (typeof chanId !== 'number' || !channels.delete(chanId)) return error('unsubscribe: invalid', 10_400, request);
    event({ event: 'unsubscribed', status: 'OK', chanId });
  };

  event({ event: 'info', version: 2, platform: { status: 1 } });

  return {
    receive(text: string, now: number) {
      let request: Record<string, unknown>;
      try {
        request = JSON.parse(text) as Record<string, unknown>;
      } catch {
        return error('unknown event', 10_000);
      }
      switch (request.event) {
        case 'ping':
          return event({ event: 'pong', ts: now, cid: request.cid });
        case 'conf':
          flags = typeof request.flags === 'number' ? request.flags : 0;
          return event({ event: 'conf', status: 'OK', flags });
        case 'subscribe':
          return subscribe(request, now);
        case 'unsubscribe':
          return unsubscribe(request);
        default:
          return error('unknown event', 10_000);
      }
    },
    update(market: SimMarket, _changes, now: number) {
      for (const c of channels.values()) {
        if (c.kind !== 'book' || c.market !== market) continue;
        const view = market.snapshot(c.len);
        const bids = windowEntries(c.view.bids, view.bids, 'bid');
        const asks = windowEntries(c.view.asks, view.asks, 'ask');
        // Deletes first, as a matching engine takes a level before the order that took it rests: one level a message,
        // a book between two of them is then never crossed.
        const entries = [...bids.deletes, ...asks.deletes, ...bids.changes, ...asks.changes];
        c.view = view;
        if (!entries.length) continue;
        const crossing = faults.take('crossed') ? crossingBid(market) : undefined;
        if (crossing) entries.push(entry(crossing, 'bid'));
        if (flags & BULK_UPDATES) channelMessage(c, [entries], now);
        else for (const e of entries) channelMessage(c, [e], now);
        // A crossing bid counts in the checksum, as in a venue's own crossed book: only the crossing tells.
        checksum(c, crossing ? { bids: [crossing, ...view.bids], asks: view.asks } : view, now);
      }
    },
    trades(market: SimMarket, printed: readonly SimTrade[], now: number) {
      for (const c of channels.values()) {
        if (c.kind !== 'trades' || c.market !== market) continue;
        // "te" at execution, "tu" once the trade is written, with the same ID.
        for (const t of printed) {
          channelMessage(c, ['te', tradeEntry(t)], now);
          channelMessage(c, ['tu', tradeEntry(t)], now);
        }
      }
    },
    heartbeat(now: number) {
      for (const c of channels.values()) if (now - c.lastSent >= HEARTBEAT_MS) channelMessage(c, ['hb'], now);
    },
    fault: (fault) => faults.arm(fault),
  };
}

/** Both feeds' markets by symbol, which never collide (tBTCUSD, tBTCF0:USTF0): one socket serves them all. */
function bySymbol(markets: SimFeedMarkets): SimMarkets {
  return new Map([...(markets.get('bitfinex') ?? []), ...(markets.get('bitfinex-perp') ?? [])]);
}

/**
 * Bitfinex, spot and perpetual on one host: the public WebSocket `/ws/2`, which opens with an `info` event and takes
 * `conf` (SEQ_ALL: a sequence number on every channel message; OB_CHECKSUM: `[CHAN_ID, "cs", CHECKSUM]` after each
 * book update; BULK_UPDATES: a step's levels in one message), `ping`, and `book` (P0, len 1/25/100/250: a snapshot,
 * then the changed levels, one a message unless bulk) and `trades`
 * subscriptions on per-connection channel ids; heartbeats on quiet channels. REST: the pair lists
 * (src/sim/venues/bitfinex-pairs.ts).
 */
export const bitfinexSim: SimVenue = {
  host: 'bitfinex',
  connect(path, markets, send) {
    return path === '/ws/2' ? connection(bySymbol(markets), send) : undefined;
  },
  rest(path, _query, markets) {
    if (path === BITFINEX_PAIR_LISTS.bitfinex) return pairList(listedMarkets('bitfinex', markets));
    if (path === BITFINEX_PAIR_LISTS['bitfinex-perp']) return pairList(listedMarkets('bitfinex-perp', markets));
    return undefined;
  },
};
