import { ArmedFaults } from '../armed-faults';
import { crossingBid } from '../crossed';
import { seededRandom } from '../random';
import type { RawLevel } from '../../book/levels';
import { listedMarkets } from '../listings';
import type { SimChanges, SimMarket } from '../market';
import type { SimConnection, SimMarkets, SimTrade, SimVenue } from '../types';
import { spotSymbols, swapContracts } from './bingx-instruments';

const CHANNEL = /^([A-Z0-9]+-[A-Z0-9]+)@(incrDepth|depth(\d+)|trade)$/;

/** Levels per side of the full book sent after subscribing. */
const FULL_DEPTH = 1000;

/** BingX's ping time, in its own offset: "2022-06-07T16:27:36.323+0800". */
function pingTime(now: number): string {
  return new Date(now + 8 * 3_600_000).toISOString().replace('Z', '+0800');
}

/** Spot (`/market` on open-api-ws.bingx.com) or perpetual swap (`/swap-market` on open-api-swap.bingx.com). */
type Flavour = 'spot' | 'swap';

interface SubRequest {
  id?: unknown;
  reqType?: unknown;
  dataType?: unknown;
}

/** One `<symbol>@incrDepth` subscription: its market and the lastUpdateId of its last push, one more each push. */
interface Incremental {
  readonly market: SimMarket;
  pushId: number;
}

function connection(flavour: Flavour, markets: SimMarkets, send: (text: string) => void): SimConnection {
  const incremental = new Map<string, Incremental>();
  /** Limited depth channels (`<symbol>@depth<level>`, spot) subscribed on this socket, by data type. */
  const tops = new Map<string, { readonly symbol: string; readonly levels: number }>();
  /** Markets whose `<symbol>@trade` is subscribed on this socket. */
  const traded = new Set<string>();
  const faults = new ArmedFaults(['skip-sequence', 'crossed']);
  /** Ping ids look like the documented one: 32 hex digits, letters among them ("2177c68e4d0e4567..."). */
  const pingDigits = seededRandom(0x62696e67);

  /**
   * An `incrDepth` push. Spot (tests/fixtures/bingx/docs/SOURCE.md): sides as `{"price": "qty"}` maps and
   * `timestamp`, in the envelope of BingX's spot pushes; swap, as its page prints it: `[price, qty]` pairs and
   * `time`, in an envelope of `code`, `dataType` and `data` alone.
   */
  const push = (symbol: string, sub: Incremental, action: 'all' | 'update', bids: readonly RawLevel[], asks: readonly RawLevel[], now: number): void => {
    const dataType = `${symbol}@incrDepth`;
    if (flavour === 'swap') {
      send(JSON.stringify({ code: 0, dataType, data: { action, lastUpdateId: sub.pushId, time: now, bids, asks } }));
      return;
    }
    const data = { action, lastUpdateId: sub.pushId, timestamp: now, bids: Object.fromEntries(bids), asks: Object.fromEntries(asks) };
    send(JSON.stringify({ code: 0, dataType, data, success: true, timestamp: now }));
  };

  /**
   * A limited depth push in the form the spot page prints: `[price, qty]` pairs, asks worst first as in its example,
   * the market's own lastUpdateId, the spot envelope.
   */
  const pushTop = (dataType: string, now: number): void => {
    const { symbol, levels } = tops.get(dataType)!;
    const market = markets.get(symbol)!;
    const { bids, asks } = market.snapshot(levels);
    const data = { asks: [...asks].reverse(), bids, lastUpdateId: market.lastUpdateId };
    send(JSON.stringify({ code: 0, data, dataType, success: true, timestamp: now }));
  };

  /**
   * A market's trades as its trade channel pushes them (tests/fixtures/bingx/docs/SOURCE.md): on spot one push per
   * trade, its id `t` as text and the event time `E`, in the spot envelope; on the swap one push of them all, each
   * `q`, `p`, `T`, `m`, `s` with no id, in the swap envelope. `m`: the buyer made the market, so the taker sold.
   */
  const pushTrades = (symbol: string, market: SimMarket, trades: readonly SimTrade[], now: number): void => {
    const dataType = `${symbol}@trade`;
    const p = (t: SimTrade): string => t.price.toFixed(market.priceDecimals);
    const q = (t: SimTrade): string => t.size.toFixed(market.sizeDecimals);
    if (flavour === 'swap') {
      send(JSON.stringify({ code: 0, dataType, data: trades.map((t) => ({ q: q(t), p: p(t), T: t.time, m: t.side === 'sell', s: symbol })) }));
      return;
    }
    for (const t of trades) {
      const data = { E: now, T: t.time, e: 'trade', m: t.side === 'sell', p: p(t), q: q(t), s: symbol, t: String(t.id) };
      send(JSON.stringify({ code: 0, data, dataType, success: true, timestamp: now }));
    }
  };

  /** An answer to a request: spot's `{id, code, msg, timestamp}`, swap's `{id, code, msg, dataType, data}`. */
  const answer = (id: unknown, code: number, msg: string, now: number): void => {
    if (flavour === 'swap') send(JSON.stringify({ id, code, msg: code === 0 ? '' : msg, dataType: '', data: null }));
    else send(JSON.stringify({ id, code, msg, timestamp: now }));
  };

  const request = (req: SubRequest, now: number): void => {
    const match = typeof req.dataType === 'string' ? CHANNEL.exec(req.dataType) : null;
    const market = match ? markets.get(match[1]!) : undefined;
    if (!match || !market || (req.reqType !== 'sub' && req.reqType !== 'unsub') || (match[3] !== undefined && flavour === 'swap')) {
      return answer(req.id, 100400, 'ILLEGAL_ARGUMENT', now);
    }
    const [dataType, symbol] = [match[0], match[1]!];
    if (match[2] === 'trade') {
      if (req.reqType === 'sub') traded.add(symbol);
      else traded.delete(symbol);
      return answer(req.id, 0, 'SUCCESS', now);
    }
    if (match[3] !== undefined) {
      if (req.reqType === 'sub') tops.set(dataType, { symbol, levels: Number(match[3]) });
      else tops.delete(dataType);
      answer(req.id, 0, 'SUCCESS', now);
      if (req.reqType === 'sub') pushTop(dataType, now);
      return;
    }
    if (req.reqType === 'unsub') {
      incremental.delete(symbol);
      return answer(req.id, 0, 'SUCCESS', now);
    }
    if (incremental.has(symbol)) return answer(req.id, 100205, 'REPEAT_REQUEST', now);
    const sub: Incremental = { market, pushId: market.lastUpdateId };
    incremental.set(symbol, sub);
    answer(req.id, 0, 'SUCCESS', now);
    const { bids, asks } = market.snapshot(FULL_DEPTH);
    push(symbol, sub, 'all', bids, asks, now);
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
      request(req, now);
    },
    update(market: SimMarket, changes: SimChanges, now: number) {
      for (const [dataType, top] of tops) if (markets.get(top.symbol) === market) pushTop(dataType, now);
      for (const [symbol, sub] of incremental) {
        if (sub.market !== market) continue;
        sub.pushId++;
        if (faults.take('skip-sequence')) continue;
        const crossing = faults.take('crossed') ? crossingBid(market) : undefined;
        push(symbol, sub, 'update', crossing ? [...changes.bids, crossing] : changes.bids, changes.asks, now);
      }
    },
    trades(market: SimMarket, trades: readonly SimTrade[], now: number) {
      for (const symbol of traded) if (markets.get(symbol) === market) pushTrades(symbol, market, trades, now);
    },
    heartbeat(now: number) {
      if (flavour === 'swap') return send('Ping');
      const ping = Array.from({ length: 4 }, () => Math.floor(pingDigits() * 2 ** 32).toString(16).padStart(8, '0')).join('');
      send(JSON.stringify({ ping, time: pingTime(now) }));
    },
    fault: (fault) => faults.arm(fault),
  };
}

/**
 * BingX spot at `/market`: `<symbol>@incrDepth` channels, several on one socket (each a full book with
 * `action: "all"`, then diffs whose lastUpdateId grows by one per push, each side a price → size map, until
 * `unsub`), the limited depth channel `<symbol>@depth<level>` (the whole top on every step), `<symbol>@trade` (a
 * push per trade) and a JSON ping every heartbeat. Every frame goes out gzipped. REST `/openApi/spot/v1/common/symbols` lists the symbols.
 */
export const bingxSim: SimVenue = {
  host: 'bingx',
  gzip: true,
  connect(path, markets, send) {
    return path === '/market' ? connection('spot', markets.get('bingx')!, send) : undefined;
  },
  rest(path, query, markets) {
    return path === '/openApi/spot/v1/common/symbols' ? spotSymbols(listedMarkets('bingx', markets), query) : undefined;
  },
};

/**
 * BingX perpetual swap at `/swap-market` on its own host: `<symbol>@incrDepth` channels, several on one socket, as
 * the swap page documents them (`[price, qty]` pairs in the base coin, `time`), `<symbol>@trade` (the trades of a
 * step in one push, sizes in coins), the text `Ping` every heartbeat,
 * answered `Pong`; gzipped like spot. REST `/openApi/swap/v2/quote/contracts` lists the contracts.
 */
export const bingxSwapSim: SimVenue = {
  host: 'bingx-swap',
  gzip: true,
  connect(path, markets, send) {
    return path === '/swap-market' ? connection('swap', markets.get('bingx-swap')!, send) : undefined;
  },
  rest(path, query, markets) {
    return path === '/openApi/swap/v2/quote/contracts' ? swapContracts(listedMarkets('bingx-swap', markets), query) : undefined;
  },
};
