import { ArmedFaults } from '../armed-faults';
import { crossingBid } from '../crossed';
import type { RawLevel } from '../../book/levels';
import { OKX_CHANNEL, OKX_DEPTH, okxChecksum } from '../../venues/okx';
import type { SimChanges, SimLevels, SimMarket } from '../market';
import type { SimConnection, SimMarkets, SimVenue } from '../types';

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

function publicSocket(markets: SimMarkets, send: (text: string) => void): SimConnection {
  const subscriptions = new Map<string, Subscription>();
  const faults = new ArmedFaults(['skip-sequence', 'corrupt-checksum', 'crossed']);

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
    const data = { asks: wire(levels.asks), bids: wire(levels.bids), ts: String(s.lastPush), checksum, prevSeqId, seqId: s.seqId };
    send(JSON.stringify({ arg: { channel: OKX_CHANNEL, instId }, action, data: [data] }));
  };

  const subscribe = (instId: string, now: number): void => {
    const market = markets.get(instId)!;
    const window = market.snapshot(OKX_DEPTH);
    const s: Subscription = { market, window, seqId: market.lastUpdateId, lastPush: now };
    subscriptions.set(instId, s);
    push(instId, 'snapshot', window, s, -1);
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
        if (arg?.channel !== OKX_CHANNEL || !markets.has(instId)) {
          error('60018', `Wrong URL or channel:${String(arg?.channel)},instId:${instId} doesn't exist. Please use the correct URL, channel and parameters referring to API document.`, id);
          continue;
        }
        send(JSON.stringify({ ...(id === undefined ? {} : { id }), event: op, arg: { channel: OKX_CHANNEL, instId }, connId: CONN_ID }));
        if (op === 'subscribe') subscribe(instId, now);
        else subscriptions.delete(instId);
      }
    },
    update(symbol: string, changes: SimChanges, now: number) {
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

/**
 * OKX spot, public WebSocket `/ws/v5/public`: the `books` channel answers a subscription with a 400-level
 * snapshot, then sends the changes to that window with seqId/prevSeqId and the checksum of its best 25 levels.
 * Answers the text `ping` with `pong`.
 */
export const okxSim: SimVenue = {
  venue: 'okx',
  connect(path, markets, send) {
    return path === '/ws/v5/public' ? publicSocket(markets, send) : undefined;
  },
};
