import { ArmedFaults } from '../armed-faults';
import { crossingBid } from '../crossed';
import type { RawLevel } from '../../book/levels';
import { OKX_BOOKS_PATH, OKX_CHANNEL, OKX_DEPTH, okxChecksum } from '../../venues/okx';
import { OKX_TOP_CHANNEL } from '../../venues/okx-top';
import { OKX_TRADES_CHANNEL } from '../../venues/okx-trades';
import type { FeedId } from '../../venues/types';
import { listedMarkets } from '../listings';
import type { SimChanges, SimLevels, SimMarket } from '../market';
import type { ProtocolFault, SimConnection, SimFeedMarkets, SimHttpResponse, SimMarkets, SimTrade, SimVenue } from '../types';
import { OKX_INSTRUMENTS_PATH, instruments } from './okx-instruments';

/**
 * Which OKX the simulator plays (changelog, https://www.okx.com/docs-v5/log_en):
 * - 'rest-snapshot': OKX since it delisted the initial snapshot (production, early August 2026): a subscription
 *   gets updates alone, their checksum 0 (deprecated since 23 June 2026), and the snapshot comes from
 *   `GET /api/v5/market/books`;
 * - 'stream-snapshot': OKX from 2022 until then: a 400-level snapshot on subscribing, seqId/prevSeqId and a checksum;
 * - 'checksum-only': OKX before it added seqId/prevSeqId (2022): snapshot and updates proved by the checksum alone.
 */
export type OkxSimMode = 'rest-snapshot' | 'stream-snapshot' | 'checksum-only';

/** The faults each mode's frames can carry: no checksum to corrupt since the deprecation. */
const FAULTS: Record<OkxSimMode, readonly ProtocolFault[]> = {
  'rest-snapshot': ['skip-sequence', 'crossed'],
  'stream-snapshot': ['skip-sequence', 'corrupt-checksum', 'crossed'],
  'checksum-only': ['skip-sequence', 'corrupt-checksum', 'crossed'],
};

/** The connection id OKX's documentation shows in its examples. */
const CONN_ID = 'a4d3ae55';

/** OKX pushes an empty update on a book that has not changed for about a minute, to show the feed is alive. */
const IDLE_PUSH_MS = 60_000;

/** One subscribed book: the 400-level window the subscriber was last sent, and the seqId it ended at. */
interface Subscription {
  readonly market: SimMarket;
  window: SimLevels;
  seqId: number;
  lastPush: number;
}

/** A level as OKX sends it: price, size, a deprecated field that is always "0", and the number of orders. */
function wire(levels: readonly RawLevel[]): string[][] {
  return levels.map(([p, q]) => [p, q, '0', '1']);
}

function worse(price: number, than: number, side: 'bid' | 'ask'): boolean {
  return side === 'bid' ? price < than : price > than;
}

/**
 * What changed in one side's 400-level window: levels new or resized, and levels gone from the book. A level
 * pushed past the 400th is still in the book, so the venue stops reporting it instead of deleting it; the
 * client cuts its book at 400 levels for that reason.
 */
function windowChanges(before: readonly RawLevel[], after: readonly RawLevel[], side: 'bid' | 'ask'): RawLevel[] {
  const was = new Map(before);
  const now = new Map(after);
  const out: RawLevel[] = [];
  for (const [p, q] of after) if (was.get(p) !== q) out.push([p, q]);
  const edge = after.length === OKX_DEPTH ? Number(after[after.length - 1]![0]) : undefined;
  for (const [p] of before) {
    if (now.has(p) || (edge !== undefined && worse(Number(p), edge, side))) continue;
    out.push([p, '0']);
  }
  return out;
}

/** The book fields of a push in `mode`: the ids and the checksum of its era. */
function bookFields(mode: OkxSimMode, checksum: number, prevSeqId: number, seqId: number): Record<string, number> {
  switch (mode) {
    case 'rest-snapshot':
      return { checksum: 0, prevSeqId, seqId };
    case 'stream-snapshot':
      return { checksum, prevSeqId, seqId };
    case 'checksum-only':
      return { checksum };
  }
}

/** Levels per side of a `books5` push. */
const TOP_LEVELS = 5;

/** The channels a subscription may name. */
const CHANNELS: ReadonlySet<unknown> = new Set([OKX_CHANNEL, OKX_TOP_CHANNEL, OKX_TRADES_CHANNEL]);

/**
 * A trade as the `trades` channel pushes it: one taker's fill at one price, so one match (`count` "1") from a normal
 * order (`source` "0"), its size in the book's unit (contracts on SWAP); `seqId` the book's id, as OKX publishes
 * "order book and the aggregated trades data ... sequentially".
 */
function tradePush(instId: string, market: SimMarket, t: SimTrade): string {
  const data = {
    instId,
    tradeId: String(t.id),
    px: t.price.toFixed(market.priceDecimals),
    sz: t.size.toFixed(market.sizeDecimals),
    side: t.side,
    ts: String(t.time),
    count: '1',
    source: '0',
    seqId: market.lastUpdateId,
  };
  return JSON.stringify({ arg: { channel: OKX_TRADES_CHANNEL, instId }, data: [data] });
}

function publicSocket(mode: OkxSimMode, markets: SimMarkets, send: (text: string) => void): SimConnection {
  const subscriptions = new Map<string, Subscription>();
  /** `books5` subscriptions: the top five last pushed (as text, to tell a change), by market. */
  const tops = new Map<string, string>();
  /** Markets whose `trades` are subscribed, by instId. */
  const trades = new Set<string>();
  const faults = new ArmedFaults(FAULTS[mode]);

  const error = (code: string, msg: string, id?: unknown): void => {
    send(JSON.stringify({ ...(id === undefined ? {} : { id }), event: 'error', code, msg, connId: CONN_ID }));
  };

  /**
   * `crossing`: the 'crossed' fault's bid, sent with the levels and counted in the checksum as a venue whose own
   * book crossed would count it, so only the crossing itself tells that the book is wrong.
   */
  const push = (instId: string, action: 'snapshot' | 'update', changes: SimLevels, s: Subscription, prevSeqId: number, crossing?: RawLevel): void => {
    let checksum = okxChecksum(crossing ? [crossing, ...s.window.bids] : s.window.bids, s.window.asks);
    const levels = crossing ? { bids: [...changes.bids, crossing], asks: changes.asks } : changes;
    if (action === 'update' && faults.take('corrupt-checksum')) {
      // Never 0: that value means "no checksum" since OKX deprecated the field.
      const bumped = (checksum + 1) | 0;
      checksum = bumped === 0 ? 1 : bumped;
    }
    const data = { asks: wire(levels.asks), bids: wire(levels.bids), ts: String(s.lastPush), ...bookFields(mode, checksum, prevSeqId, s.seqId) };
    send(JSON.stringify({ arg: { channel: OKX_CHANNEL, instId }, action, data: [data] }));
  };

  const subscribe = (instId: string, now: number): void => {
    const market = markets.get(instId)!;
    const window = market.snapshot(OKX_DEPTH);
    const s: Subscription = { market, window, seqId: market.lastUpdateId, lastPush: now };
    subscriptions.set(instId, s);
    if (mode !== 'rest-snapshot') push(instId, 'snapshot', window, s, -1);
  };

  /** The `books5` push: the whole top five, sent when it changed ("every 100 ms when there are changes"). */
  const pushTop = (instId: string, now: number): void => {
    const market = markets.get(instId)!;
    const { bids, asks } = market.snapshot(TOP_LEVELS);
    const levels = JSON.stringify([bids, asks]);
    if (tops.get(instId) === levels) return;
    tops.set(instId, levels);
    const data = { asks: wire(asks), bids: wire(bids), instId, ts: String(now), seqId: market.lastUpdateId };
    send(JSON.stringify({ arg: { channel: OKX_TOP_CHANNEL, instId }, data: [data] }));
  };

  return {
    receive(text: string, now: number) {
      if (text === 'ping') {
        send('pong');
        return;
      }
      let request: { id?: unknown; op?: unknown; args?: unknown };
      try {
        request = JSON.parse(text);
      } catch {
        error('60012', `Invalid request: ${text}`);
        return;
      }
      const { id, op, args } = request;
      if ((op !== 'subscribe' && op !== 'unsubscribe') || !Array.isArray(args)) {
        error('60012', `Invalid request: ${text}`, id);
        return;
      }
      for (const arg of args as { channel?: unknown; instId?: unknown }[]) {
        const instId = typeof arg?.instId === 'string' ? arg.instId : '';
        const channel = arg?.channel;
        if (!CHANNELS.has(channel) || !markets.has(instId)) {
          error('60018', `Wrong URL or channel:${String(channel)},instId:${instId} doesn't exist. Please use the correct URL, channel and parameters referring to API document.`, id);
          continue;
        }
        send(JSON.stringify({ ...(id === undefined ? {} : { id }), event: op, arg: { channel, instId }, connId: CONN_ID }));
        if (channel === OKX_TRADES_CHANNEL) {
          if (op === 'subscribe') trades.add(instId);
          else trades.delete(instId);
        } else if (channel === OKX_TOP_CHANNEL) {
          tops.delete(instId);
          if (op === 'subscribe') pushTop(instId, now);
        } else if (op === 'subscribe') subscribe(instId, now);
        else subscriptions.delete(instId);
      }
    },
    update(market: SimMarket, changes: SimChanges, now: number) {
      const symbol = [...subscriptions.keys(), ...tops.keys()].find((instId) => markets.get(instId) === market);
      if (symbol === undefined) return;
      if (tops.has(symbol)) pushTop(symbol, now);
      const s = subscriptions.get(symbol);
      if (!s) return;
      const window = s.market.snapshot(OKX_DEPTH);
      const levels = { bids: windowChanges(s.window.bids, window.bids, 'bid'), asks: windowChanges(s.window.asks, window.asks, 'ask') };
      if (!levels.bids.length && !levels.asks.length) return;
      const prevSeqId = s.seqId;
      s.window = window;
      s.seqId = changes.last;
      s.lastPush = now;
      // Lost on the way: the venue moved on, the subscriber never saw it.
      if (faults.take('skip-sequence')) return;
      push(symbol, 'update', levels, s, prevSeqId, faults.take('crossed') ? crossingBid(s.market) : undefined);
    },
    trades(market: SimMarket, printed: readonly SimTrade[]) {
      // OKX pushes once per taker order and price: each simulated trade is one.
      for (const instId of trades) {
        if (markets.get(instId) !== market) continue;
        for (const t of printed) send(tradePush(instId, market, t));
      }
    },
    heartbeat(now: number) {
      for (const [instId, s] of subscriptions) {
        if (now - s.lastPush < IDLE_PUSH_MS) continue;
        s.lastPush = now;
        push(instId, 'update', { bids: [], asks: [] }, s, s.seqId);
      }
    },
    fault: (fault) => subscriptions.size > 0 && faults.arm(fault),
  };
}

/** An answer of OKX's REST API: `code` "0" with the data, or an error code and message (HTTP status per the docs). */
function answer(status: number, code: string, msg: string, data: unknown[]): SimHttpResponse {
  return { status, body: JSON.stringify({ code, msg, data }), headers: { 'access-control-allow-origin': '*' } };
}

/**
 * `GET /api/v5/market/books?instId=..&sz=..`: the best `sz` levels a side (1 by default, at most 400) with the
 * seqId of the last change, so that a client can join it to the `books` channel.
 */
function orderBook(query: URLSearchParams, markets: SimMarkets, now: number): SimHttpResponse {
  const market = markets.get(query.get('instId') ?? '');
  if (!market) return answer(200, '51001', "Instrument ID, Instrument ID code or Spread ID doesn't exist.", []);
  const sz = Number(query.get('sz') ?? 1);
  if (!Number.isInteger(sz) || sz < 1 || sz > OKX_DEPTH) return answer(400, '51000', 'Parameter sz error', []);
  const { bids, asks } = market.snapshot(sz);
  return answer(200, '0', '', [{ asks: wire(asks), bids: wire(bids), ts: String(now), seqId: market.lastUpdateId }]);
}

/** The instrument types the simulated OKX lists, and the feed behind each. */
const INST_TYPES: Readonly<Record<string, FeedId>> = { SPOT: 'okx', SWAP: 'okx-swap' };

/** Both feeds' markets by instId, which never collide (BTC-USDT, BTC-USDT-SWAP): one socket serves them all. */
function byInstId(markets: SimFeedMarkets): SimMarkets {
  return new Map([...(markets.get('okx') ?? []), ...(markets.get('okx-swap') ?? [])]);
}

/**
 * OKX in `mode`, spot and perpetual SWAP on the same host: the public WebSocket `/ws/v5/public`, where one socket
 * carries `books`, `books5` and `trades` subscriptions to any instrument (BTC-USDT and BTC-USDT-SWAP alike, SWAP sizes in
 * contracts), each push naming its instrument in `arg`; the `books` channel sends the changes to a 400-level
 * window with the checksum of its best 25 levels (and, since 2022, seqId/prevSeqId), opening with a snapshot of
 * that window until the delisting; `trades` pushes each trade the market prints. REST: `GET /api/v5/market/books` and `GET /api/v5/public/instruments`
 * (src/sim/venues/okx-instruments.ts). Answers the text `ping` with `pong`.
 */
export function okxSimulator(mode: OkxSimMode): SimVenue {
  return {
    host: 'okx',
    connect(path, markets, send) {
      return path === '/ws/v5/public' ? publicSocket(mode, byInstId(markets), send) : undefined;
    },
    rest(path, query, markets, now) {
      if (path === OKX_BOOKS_PATH) return orderBook(query, byInstId(markets), now);
      if (path !== OKX_INSTRUMENTS_PATH) return undefined;
      const feed = INST_TYPES[query.get('instType') ?? ''];
      if (!feed) return answer(400, '51000', 'Parameter instType error', []);
      return answer(200, '0', '', instruments(listedMarkets(feed, markets), query));
    },
  };
}

/** OKX as it is since the delisting: no snapshot on the stream, the snapshot by REST. */
export const okxSim: SimVenue = okxSimulator('rest-snapshot');
