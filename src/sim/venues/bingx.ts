import { ArmedFaults } from '../armed-faults';
import { crossingBid } from '../crossed';
import { seededRandom } from '../random';
import type { RawLevel } from '../../book/levels';
import type { SimChanges } from '../market';
import type { SimConnection, SimMarkets, SimVenue } from '../types';

const CHANNEL = /^([A-Z0-9]+-[A-Z0-9]+)@(incrDepth|depth(\d+))$/;

/** Levels per side of the full book sent after subscribing. */
const FULL_DEPTH = 1000;

/** BingX's ping time, in its own offset: "2022-06-07T16:27:36.323+0800". */
function pingTime(now: number): string {
  return new Date(now + 8 * 3_600_000).toISOString().replace('Z', '+0800');
}

interface SubRequest {
  id?: unknown;
  reqType?: unknown;
  dataType?: unknown;
}

function connection(markets: SimMarkets, send: (text: string) => void): SimConnection {
  let subscribed: string | undefined;
  /** The limited depth channel (`<symbol>@depth<level>`) subscribed on this socket, with its level. */
  let top: { readonly symbol: string; readonly levels: number } | undefined;
  /**
   * This socket's lastUpdateId: each push counts one, as the docs describe. Kept per connection because the
   * market's own ids count changed levels, not pushes.
   */
  let pushId: number | undefined;
  const faults = new ArmedFaults(['skip-sequence', 'crossed']);
  /** Ping ids look like the documented one: 32 hex digits, letters among them ("2177c68e4d0e4567..."). */
  const pingDigits = seededRandom(0x62696e67);

  /**
   * The spot form (tests/fixtures/bingx/docs/SOURCE.md): sides as `{"price": "qty"}` maps and `timestamp`, where
   * the swap socket sends `[price, qty]` pairs and `time`; the envelope is the one of BingX's spot depth pushes.
   */
  const push = (symbol: string, action: 'all' | 'update', bids: readonly RawLevel[], asks: readonly RawLevel[], now: number): void => {
    const data = { action, lastUpdateId: pushId, timestamp: now, bids: Object.fromEntries(bids), asks: Object.fromEntries(asks) };
    send(JSON.stringify({ code: 0, dataType: `${symbol}@incrDepth`, data, success: true, timestamp: now }));
  };

  /**
   * A limited depth push in the form the spot page prints: `[price, qty]` pairs, asks worst first as in its example,
   * the market's own lastUpdateId, the spot envelope.
   */
  const pushTop = (now: number): void => {
    if (!top) return;
    const { bids, asks } = markets.get(top.symbol)!.snapshot(top.levels);
    const data = { asks: [...asks].reverse(), bids, lastUpdateId: markets.get(top.symbol)!.lastUpdateId };
    send(JSON.stringify({ code: 0, data, dataType: `${top.symbol}@depth${top.levels}`, success: true, timestamp: now }));
  };

  const answer = (id: unknown, code: number, msg: string, now: number): void => {
    send(JSON.stringify({ id, code, msg, timestamp: now }));
  };

  return {
    receive(text: string, now: number) {
      if (text === 'Pong') return;
      let req: SubRequest & { pong?: unknown };
      try {
        req = JSON.parse(text);
      } catch {
        send(JSON.stringify({ code: 100400, msg: 'ILLEGAL_ARGUMENT', timestamp: now }));
        return;
      }
      if (req.pong !== undefined) return;
      const match = typeof req.dataType === 'string' ? CHANNEL.exec(req.dataType) : null;
      const market = match ? markets.get(match[1]!) : undefined;
      if (!match || !market) {
        answer(req.id, 100400, 'ILLEGAL_ARGUMENT', now);
        return;
      }
      const symbol = match[1]!;
      if (match[3] !== undefined) {
        if (req.reqType !== 'sub' && req.reqType !== 'unsub') return answer(req.id, 100400, 'ILLEGAL_ARGUMENT', now);
        top = req.reqType === 'sub' ? { symbol, levels: Number(match[3]) } : undefined;
        answer(req.id, 0, 'SUCCESS', now);
        pushTop(now);
        return;
      }
      if (req.reqType === 'unsub') {
        if (subscribed === symbol) subscribed = undefined;
        answer(req.id, 0, 'SUCCESS', now);
        return;
      }
      if (req.reqType !== 'sub') {
        answer(req.id, 100400, 'ILLEGAL_ARGUMENT', now);
        return;
      }
      if (subscribed === symbol) {
        answer(req.id, 100205, 'REPEAT_REQUEST', now);
        return;
      }
      subscribed = symbol;
      pushId ??= market.lastUpdateId;
      answer(req.id, 0, 'SUCCESS', now);
      const { bids, asks } = market.snapshot(FULL_DEPTH);
      push(symbol, 'all', bids, asks, now);
    },
    update(symbol: string, changes: SimChanges, now: number) {
      if (symbol === top?.symbol) pushTop(now);
      if (symbol !== subscribed || pushId === undefined) return;
      pushId++;
      if (faults.take('skip-sequence')) return;
      const crossing = faults.take('crossed') ? crossingBid(markets.get(symbol)!) : undefined;
      push(symbol, 'update', crossing ? [...changes.bids, crossing] : changes.bids, changes.asks, now);
    },
    heartbeat(now: number) {
      const ping = Array.from({ length: 4 }, () => Math.floor(pingDigits() * 2 ** 32).toString(16).padStart(8, '0')).join('');
      send(JSON.stringify({ ping, time: pingTime(now) }));
    },
    fault: (fault) => faults.arm(fault),
  };
}

/**
 * BingX spot at `/market`: the `<symbol>@incrDepth` channel (a full book with `action: "all"`, then diffs
 * whose lastUpdateId grows by one per push, each side a price → size map), the limited depth channel
 * `<symbol>@depth<level>` (the whole top on every step) and a JSON ping every heartbeat. Every
 * frame goes out gzipped.
 */
export const bingxSim: SimVenue = {
  venue: 'bingx',
  gzip: true,
  connect(path, markets, send) {
    return path === '/market' ? connection(markets, send) : undefined;
  },
};
