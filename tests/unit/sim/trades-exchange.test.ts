import { describe, expect, it } from 'vitest';
import { OrderBook } from '../../../src/book/orderbook';
import { SimExchange, type PrintedTrades, type TradeRefusal } from '../../../src/sim/exchange';
import type { SimChanges, SimLevels, SimMarket } from '../../../src/sim/market';
import { tradesOf } from '../../../src/sim/profiles';
import type { SimConnection, SimTrade, SimVenue } from '../../../src/sim/types';

const T0 = 1_764_000_000_000;
const SYMBOL = 'BTCUSDT';

type Heard = { readonly kind: 'trades'; readonly trades: readonly SimTrade[]; readonly time: number } | { readonly kind: 'update'; readonly changes: SimChanges };

/**
 * A subscriber to Binance's BTCUSDT that hears what the exchange tells every connection, in order, from the book
 * it joined with: any venue's wire format is made of exactly this.
 */
interface Listener {
  readonly joined: SimLevels;
  readonly heard: Heard[];
}

/**
 * The listener's book after all it heard: the book it joined with and every update since. `onTrades` sees each
 * batch of trades with the book as it stood when they came, and what came next.
 */
function replay(listener: Listener, onTrades: (trades: readonly SimTrade[], book: OrderBook, next: Heard | undefined) => void = () => {}): OrderBook {
  const book = new OrderBook();
  book.snapshot(listener.joined.bids, listener.joined.asks);
  listener.heard.forEach((h, i) => {
    if (h.kind === 'update') book.update(h.changes.bids, h.changes.asks);
    else onTrades(h.trades, book, listener.heard[i + 1]);
  });
  return book;
}

function listeningVenue(listeners: Listener[]): SimVenue {
  return {
    host: 'binance',
    connect(_path, markets): SimConnection {
      const market = markets.get('binance')!.get(SYMBOL)!;
      const listener: Listener = { joined: market.snapshot(Infinity), heard: [] };
      listeners.push(listener);
      const ours = (m: SimMarket): boolean => m === market;
      return {
        receive: () => {},
        update: (m, changes) => {
          if (ours(m)) listener.heard.push({ kind: 'update', changes });
        },
        trades: (m, trades, now) => {
          if (ours(m)) listener.heard.push({ kind: 'trades', trades, time: now });
        },
        heartbeat: () => {},
        fault: () => false,
      };
    },
  };
}

/** An exchange with only Binance's spot feed and one listener on its BTCUSDT, stepped 10 times a second for `seconds`. */
function run(seed: number, seconds: number, tradeSpeed?: number) {
  const listeners: Listener[] = [];
  const exchange = new SimExchange([listeningVenue(listeners)], seed, tradeSpeed === undefined ? {} : { tradeSpeed });
  exchange.connect('binance', '/ws', () => {});
  const listener = listeners[0]!;
  const truth = exchange.market('binance', SYMBOL)!;
  const mids: number[] = [];
  let now = T0;
  for (let i = 0; i < seconds * 10; i++) {
    now += 100;
    mids.push(truth.book.mid()!);
    exchange.tick(now);
  }
  const trades = listener.heard.flatMap((h) => (h.kind === 'trades' ? h.trades : []));
  return { exchange, listener, truth, trades, mids, now };
}

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

describe('a simulated exchange prints trades on every market as it steps', () => {
  it('tells a subscriber the trades before the update carrying their changes: its book stays the truth, every trade at a level it held', () => {
    const { listener, truth, trades } = run(2, 60);
    expect(trades.length).toBeGreaterThan(100);
    expect(trades.map((t) => t.id)).toEqual(trades.map((_, i) => i + 1));
    let batches = 0;
    const book = replay(listener, (batch, before, next) => {
      batches++;
      expect(next?.kind).toBe('update');
      // What the batch took at each price, out of what the subscriber's book held there.
      const taken = new Map<string, number>();
      for (const t of batch) {
        const side = t.side === 'buy' ? before.asks : before.bids;
        const held = new Map(side.top(Infinity)).get(t.price);
        expect(held, `trade ${t.id} at ${t.price}`).toBeDefined();
        const key = `${t.side} ${t.price}`;
        taken.set(key, (taken.get(key) ?? 0) + t.size);
        expect(taken.get(key)!).toBeLessThanOrEqual(held! + 1e-9);
      }
    });
    expect(batches).toBeGreaterThan(100);
    expect(book.bids.top(Infinity)).toEqual(truth.book.bids.top(Infinity));
    expect(book.asks.top(Infinity)).toEqual(truth.book.asks.top(Infinity));
  });

  it("prints at the feed's normal rate, buys and sells balanced, sizes heavy-tailed, and tradeSpeed times as many when asked", () => {
    const seconds = 120;
    const normal = run(3, seconds);
    const expected = tradesOf('binance') * seconds;
    // A Poisson count of orders, within 4 sigma; an order reaching two levels prints two trades.
    expect(normal.trades.length).toBeGreaterThan(expected - 4 * Math.sqrt(expected));
    expect(normal.trades.length).toBeLessThan(expected * 1.3 + 4 * Math.sqrt(expected));
    const buys = normal.trades.filter((t) => t.side === 'buy').length / normal.trades.length;
    expect(buys).toBeGreaterThan(0.35);
    expect(buys).toBeLessThan(0.65);
    const sizes = normal.trades.map((t) => t.size).sort((a, b) => a - b);
    const median = sizes[sizes.length >> 1]!;
    expect(sizes.at(-1)! / median).toBeGreaterThan(20);

    const fast = run(3, seconds, 10);
    expect(fast.trades.length / normal.trades.length).toBeGreaterThan(8);
    expect(fast.trades.length / normal.trades.length).toBeLessThan(12);
    expect(run(3, seconds, 0).trades).toEqual([]);
  });

  it('leans with the market: more buys while its price rises than while it falls', () => {
    const { trades, mids } = run(4, 300, 5);
    const tickOf = (t: SimTrade): number => (t.time - T0) / 100 - 1;
    const share = (rising: boolean): number => {
      const chosen = trades.filter((t) => {
        const k = tickOf(t);
        const next = mids[k + 1];
        return next !== undefined && next !== mids[k] && next > mids[k]! === rising;
      });
      return chosen.filter((t) => t.side === 'buy').length / chosen.length;
    };
    expect(share(true)).toBeGreaterThan(share(false) + 0.1);
  });

  it('is the same for the same seed, and another for another', () => {
    expect(run(5, 20).trades).toEqual(run(5, 20).trades);
    expect(run(6, 20).trades).not.toEqual(run(5, 20).trades);
  });

  it('prints a burst by hand: each order takes the book, one update carries them all, the answer says what printed', () => {
    const { exchange, listener, truth, now } = run(7, 5);
    const from = listener.heard.length;
    const lastId = truth.lastTradeId;
    const asks = truth.book.asks.top(Infinity);
    const lot = truth.spec.lot;
    // Three orders of one and a half times the best ask's size: the second and third reach beyond it.
    const size = Number(((asks[0]![1] * 1.5) / lot).toFixed(0)) * lot;
    const answer = exchange.printTrades({ feed: 'binance', symbol: SYMBOL, side: 'buy' }, 3, size, now) as PrintedTrades;
    expect(answer.side).toBe('buy');
    const printed = answer.trades;
    expect(printed.map((t) => t.id)).toEqual(printed.map((_, i) => lastId + i + 1));
    expect(sum(printed.map((t) => t.base))).toBeCloseTo(3 * size, 9);
    expect(printed[0]).toEqual({ id: lastId + 1, price: asks[0]![0].toFixed(2), size: asks[0]![1].toFixed(5), base: asks[0]![1] });
    for (const t of printed) expect(Number(t.price)).toBeGreaterThanOrEqual(asks[0]![0]);

    const heard = listener.heard.slice(from);
    expect(heard.map((h) => h.kind)).toEqual(['trades', 'update']);
    const told = heard[0] as Extract<Heard, { kind: 'trades' }>;
    expect(told.trades.map((t) => [t.id, t.price.toFixed(2), t.size.toFixed(5)])).toEqual(printed.map((t) => [t.id, t.price, t.size]));
    expect(replay(listener).asks.top(Infinity)).toEqual(truth.book.asks.top(Infinity));
    expect(truth.book.asks.priceAt(0)).toBeGreaterThan(asks[0]![0]);
  });

  it('refuses a burst on an unknown market, of no orders, too many, or of no size, and tells nobody', () => {
    const { exchange, listener, now } = run(8, 1);
    const from = listener.heard.length;
    const error = (count: number, size: number, symbol = SYMBOL): string | undefined => {
      const answer = exchange.printTrades({ feed: 'binance', symbol, side: 'sell' }, count, size, now);
      return (answer as TradeRefusal).error;
    };
    expect(error(1, 1, 'NOPEUSDT')).toMatch(/no simulated market/);
    expect(error(0, 1)).toMatch(/count must be a whole number/);
    expect(error(1.5, 1)).toMatch(/count must be a whole number/);
    expect(error(100_000, 1)).toMatch(/count must be a whole number/);
    expect(error(1, 0)).toMatch(/size must be/);
    expect(error(1, Number.NaN)).toMatch(/size must be/);
    expect(listener.heard.length).toBe(from);
  });
});
