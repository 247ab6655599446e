import { ArmedFaults } from '../armed-faults';
import { crossingBid } from '../crossed';
import type { RawLevel } from '../../book/levels';
import { BITGET_BOOK_CHANNEL, BITGET_DEPTH, BITGET_PUBLIC_PATH, type BitgetInstType } from '../../venues/bitget';
import { BITGET_TRADE_CHANNEL } from '../../venues/bitget-trades';
import { okxChecksum } from '../../venues/okx';
import type { FeedId } from '../../venues/types';
import { listedMarkets } from '../listings';
import type { SimChanges, SimLevels, SimMarket } from '../market';
import type { SimConnection, SimFeedMarkets, SimTrade, SimVenue } from '../types';
import { BITGET_CONTRACTS_PATH, BITGET_SYMBOLS_PATH, bitgetAnswer, futuresContracts, spotSymbols } from './bitget-instruments';

/** The product lines the simulated Bitget serves, and the feed behind each. */
const FEEDS_BY_INST_TYPE: Readonly<Record<BitgetInstType, FeedId>> = { SPOT: 'bitget', 'USDT-FUTURES': 'bitget-futures' };

/** Levels per side the checksum covers: "the first 25 bids and asks". */
const CHECKSUM_LEVELS = 25;

/** Trades the `trade` channel's first push holds: not documented; the simulator sends the latest 50. */
const TRADE_SNAPSHOT = 50;

/** One subscription argument as Bitget names it: product line, channel and market. */
interface Arg {
  readonly instType: BitgetInstType;
  readonly channel: string;
  readonly instId: string;
}

/** One subscribed book: the `seq` of its last push, which the next push names as its `pseq`. */
interface Book {
  readonly arg: Arg;
  readonly market: SimMarket;
  seq: number;
}

function isInstType(value: unknown): value is BitgetInstType {
  return value === 'SPOT' || value === 'USDT-FUTURES';
}

/** A trade id as Bitget prints them, 19 digits ("1106914659884019713" on the wire), the trade's number in its last. */
function tradeId(id: number): string {
  return `11${String(id).padStart(17, '0')}`;
}

function connection(markets: SimFeedMarkets, send: (text: string) => void): SimConnection {
  const books = new Map<string, Book>();
  const trades = new Map<string, { readonly arg: Arg; readonly market: SimMarket }>();
  const faults = new ArmedFaults(['skip-sequence', 'corrupt-checksum', 'crossed']);

  const marketOf = (arg: Arg): SimMarket | undefined => markets.get(FEEDS_BY_INST_TYPE[arg.instType])?.get(arg.instId);
  const key = (arg: Arg): string => `${arg.instType} ${arg.channel} ${arg.instId}`;

  const error = (code: number, msg: string, extra: object = {}): void => {
    send(JSON.stringify({ event: 'error', ...extra, code, msg }));
  };

  /**
   * A `books` push: the levels, the market's serial number and the one before it, and the checksum of the best 25
   * levels a side after it. `crossing`: the 'crossed' fault's bid, counted in the checksum as a venue whose own book
   * crossed would count it, so only the crossing itself tells that the book is wrong.
   */
  const pushBook = (book: Book, action: 'snapshot' | 'update', levels: SimLevels, pseq: number, now: number, crossing?: RawLevel): void => {
    const top = book.market.snapshot(CHECKSUM_LEVELS);
    let checksum = okxChecksum(crossing ? [crossing, ...top.bids] : top.bids, top.asks);
    if (action === 'update' && faults.take('corrupt-checksum')) {
      // Never 0, which reads as no checksum.
      const bumped = (checksum + 1) | 0;
      checksum = bumped === 0 ? 1 : bumped;
    }
    const bids = crossing ? [...levels.bids, crossing] : levels.bids;
    const data = { asks: levels.asks, bids, checksum, seq: book.seq, pseq, ts: String(now) };
    send(JSON.stringify({ action, arg: book.arg, data: [data], ts: now }));
  };

  /** A `trade` push, newest first as Bitget's example lists them, sizes in the base coin. */
  const pushTrades = (arg: Arg, market: SimMarket, action: 'snapshot' | 'update', printed: readonly SimTrade[], now: number): void => {
    if (printed.length === 0) return;
    const data = [...printed].reverse().map((t) => ({
      ts: String(t.time),
      price: t.price.toFixed(market.priceDecimals),
      size: t.size.toFixed(market.sizeDecimals),
      side: t.side,
      tradeId: tradeId(t.id),
    }));
    send(JSON.stringify({ action, arg, data, ts: now }));
  };

  const subscribe = (arg: Arg, market: SimMarket, now: number): void => {
    if (arg.channel === BITGET_TRADE_CHANNEL) {
      trades.set(key(arg), { arg, market });
      pushTrades(arg, market, 'snapshot', market.recentTrades(TRADE_SNAPSHOT), now);
      return;
    }
    const book: Book = { arg, market, seq: market.lastUpdateId };
    books.set(key(arg), book);
    pushBook(book, 'snapshot', market.snapshot(BITGET_DEPTH), 0, now);
  };

  return {
    receive(text: string, now: number) {
      if (text === 'ping') {
        send('pong');
        return;
      }
      let request: { op?: unknown; args?: unknown };
      try {
        request = JSON.parse(text);
      } catch {
        error(30002, `Unrecognized request:${text}`);
        return;
      }
      const { op, args } = request;
      if ((op !== 'subscribe' && op !== 'unsubscribe') || !Array.isArray(args)) {
        error(30002, `Unrecognized request:${text}`);
        return;
      }
      for (const raw of args as { instType?: unknown; channel?: unknown; instId?: unknown }[]) {
        const instType = raw?.instType;
        const channel = raw?.channel;
        const instId = raw?.instId;
        const known = isInstType(instType) && (channel === BITGET_BOOK_CHANNEL || channel === BITGET_TRADE_CHANNEL) && typeof instId === 'string';
        const arg: Arg | undefined = known ? { instType, channel, instId } : undefined;
        const market = arg && marketOf(arg);
        if (!arg || !market) {
          error(30001, `instType:${String(instType)},channel:${String(channel)},instId:${String(instId)} doesn't exist`, { arg: { instType, channel, instId }, op });
          continue;
        }
        send(JSON.stringify({ event: op, arg }));
        if (op === 'subscribe') subscribe(arg, market, now);
        else if (arg.channel === BITGET_TRADE_CHANNEL) trades.delete(key(arg));
        else books.delete(key(arg));
      }
    },
    update(market: SimMarket, changes: SimChanges, now: number) {
      for (const book of books.values()) {
        if (book.market !== market) continue;
        const pseq = book.seq;
        book.seq = changes.last;
        // Lost on the way: the venue moved on, the subscriber never saw it.
        if (faults.take('skip-sequence')) continue;
        pushBook(book, 'update', changes, pseq, now, faults.take('crossed') ? crossingBid(market) : undefined);
      }
    },
    trades(market: SimMarket, printed: readonly SimTrade[], now: number) {
      for (const t of trades.values()) if (t.market === market) pushTrades(t.arg, market, 'update', printed, now);
    },
    heartbeat() {},
    fault: (fault) => books.size > 0 && faults.arm(fault),
  };
}

/**
 * Bitget's v2 public socket `/v2/ws/public`, spot and USDT-M futures on one connection, each subscription naming its
 * product line (`instType`), channel and market: `books` opens with a snapshot of the book (`seq`, `pseq` 0) and
 * then pushes each step's changes, `pseq` the `seq` before, each with the checksum of the best 25 levels a side
 * (documented, though today's pushes leave it out); `trade` opens with the latest trades and pushes each step's,
 * newest first. Answers the text `ping` with `pong`. REST: the spot symbol list and the futures contract list
 * (src/sim/venues/bitget-instruments.ts).
 */
export const bitgetSim: SimVenue = {
  host: 'bitget',
  connect(path, markets, send) {
    return path === BITGET_PUBLIC_PATH ? connection(markets, send) : undefined;
  },
  rest(path, query, markets, now) {
    if (path === BITGET_SYMBOLS_PATH) return spotSymbols(listedMarkets('bitget', markets), query, now);
    if (path !== BITGET_CONTRACTS_PATH) return undefined;
    if (query.get('productType')?.toUpperCase() !== 'USDT-FUTURES') return bitgetAnswer(400, '40020', 'Parameter productType error', null, now);
    return futuresContracts(listedMarkets('bitget-futures', markets), query, now);
  },
};
