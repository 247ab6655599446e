import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OrderBook } from '../../../src/book/orderbook';
import { SimMarket, type SideName } from '../../../src/sim/market';
import { SIM_LISTINGS } from '../../../src/sim/listings';
import type { SimTrade } from '../../../src/sim/types';
import type { FeedId } from '../../../src/venues/types';

const T0 = 1_764_000_000_000;

/** A real listing's book: Binance BTCUSDT (lots of 0.00001 BTC), OKX BTC-USDT-SWAP (whole contracts), Kraken DOGE/USD. */
function listed(feed: FeedId, symbol: string) {
  return SIM_LISTINGS[feed].find((l) => l.market.symbol === symbol)!.spec;
}
const SPECS = [listed('binance', 'BTCUSDT'), listed('okx-swap', 'BTC-USDT-SWAP'), listed('kraken', 'DOGE/USD')];

/** A naive book side: price → size in whole lots. */
type Side = Map<number, number>;

function sideOf(market: SimMarket, side: SideName): Side {
  const levels = side === 'bid' ? market.book.bids : market.book.asks;
  return new Map(levels.top(Infinity).map(([p, s]) => [p, Math.round(s / market.spec.lot)]));
}

/** A side's levels best first, for comparing. */
const levelsOf = (side: Side, taken: SideName): [number, number][] => [...side].sort(([a], [b]) => (taken === 'bid' ? b - a : a - b));

/** What an order of `lots` takes from a naive side: best first, whole levels then part of one, never the last level. */
function naiveTake(side: Side, taker: SimTrade['side'], lots: number): [number, number][] {
  const prices = [...side.keys()].sort((a, b) => (taker === 'buy' ? a - b : b - a));
  const fills: [number, number][] = [];
  for (const price of prices.slice(0, -1)) {
    if (lots === 0) break;
    const take = Math.min(lots, side.get(price)!);
    fills.push([price, take]);
    lots -= take;
    if (take === side.get(price)) side.delete(price);
    else side.set(price, side.get(price)! - take);
  }
  return fills;
}

type Action = { readonly kind: 'trade'; readonly side: SimTrade['side']; readonly lots: number } | { readonly kind: 'step' };

const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('trade' as const), side: fc.constantFrom('buy' as const, 'sell' as const), lots: fc.integer({ min: 1, max: 200 }) }) },
  // Orders a typical level's size and more: sweeps of many levels, some of the whole side.
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('trade' as const), side: fc.constantFrom('buy' as const, 'sell' as const), lots: fc.integer({ min: 1, max: 2 ** 40 }) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'step' as const }) },
);

describe("a simulated market's trades take liquidity from its book", () => {
  it('any sequence of orders takes from the book exactly what a naive book loses, and the next update carries it', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SPECS), fc.integer({ min: 1, max: 1e6 }), fc.array(action, { minLength: 1, maxLength: 25 }), (spec, seed, actions) => {
        const market = new SimMarket(spec, seed);
        // A subscriber's book: the snapshot, then every update the market made.
        const subscriber = new OrderBook();
        const full = market.snapshot(Infinity);
        subscriber.snapshot(full.bids, full.asks);
        const deliver = (changes: ReturnType<SimMarket['step']>): void => void subscriber.update(changes.bids, changes.asks);
        let ids = 0;
        let now = T0;
        for (const a of actions) {
          now += 100;
          if (a.kind === 'step') {
            deliver(market.step());
            continue;
          }
          const taken: SideName = a.side === 'buy' ? 'ask' : 'bid';
          const reference = sideOf(market, taken);
          const untouchedLevels = market.book[taken === 'bid' ? 'asks' : 'bids'].top(Infinity);
          const bestBefore = (taken === 'ask' ? market.book.asks : market.book.bids).priceAt(0)!;
          const fills = naiveTake(reference, a.side, a.lots);

          const trades = market.trade(a.side, a.lots * spec.lot, now);

          expect(trades.map((t) => [t.price, Math.round(t.size / spec.lot)])).toEqual(fills);
          expect(levelsOf(sideOf(market, taken), taken)).toEqual(levelsOf(reference, taken));
          expect(market.book[taken === 'bid' ? 'asks' : 'bids'].top(Infinity)).toEqual(untouchedLevels);
          for (const t of trades) {
            expect(t.id).toBe(++ids);
            expect(t.side).toBe(a.side);
            expect(t.time).toBe(now);
            if (a.side === 'buy') expect(t.price).toBeGreaterThanOrEqual(bestBefore);
            else expect(t.price).toBeLessThanOrEqual(bestBefore);
          }
          expect(market.lastTradeId).toBe(ids);
          // Half the time the trades' changes go alone, the other half with the next step's.
          deliver(a.lots % 2 ? market.flush() : market.step());
          expect(subscriber.bids.top(Infinity)).toEqual(market.book.bids.top(Infinity));
          expect(subscriber.asks.top(Infinity)).toEqual(market.book.asks.top(Infinity));
        }
      }),
      { numRuns: 40 },
    );
  }, 60_000);

  it("an order's size is rounded to whole lots, at least one, and update ids run on from the last update", () => {
    const spec = listed('okx-swap', 'BTC-USDT-SWAP');
    const market = new SimMarket(spec, 3);
    const before = market.lastUpdateId;
    const best = market.book.bids.level(0)!;
    expect(best.size).toBeGreaterThan(5 * spec.lot);
    const [one] = market.trade('sell', 0.2 * spec.lot, T0);
    expect(one).toEqual({ id: 1, price: best.price, size: spec.lot, side: 'sell', time: T0 });
    const [three] = market.trade('sell', 2.6 * spec.lot, T0 + 1);
    expect(three).toEqual({ id: 2, price: best.price, size: Number((3 * spec.lot).toFixed(market.sizeDecimals)), side: 'sell', time: T0 + 1 });
    const left = Math.round(best.size / spec.lot) - 4;
    expect(market.flush()).toEqual({ bids: [[best.priceText, (left * spec.lot).toFixed(market.sizeDecimals)]], asks: [], first: before + 1, last: before + 1 });
    expect(market.flush()).toEqual({ bids: [], asks: [], first: before + 2, last: before + 1 });
  });

  it('a planted wall is liquidity like any other: an order reaching it takes it in part, then whole, and it is planted no more', () => {
    const spec = listed('binance', 'BTCUSDT');
    const market = new SimMarket(spec, 5);
    const planted = market.plantWall('ask', 2, 40 * spec.typicalSize);
    if ('refused' in planted) throw new Error(planted.refused);
    const wall = Number(planted.price);
    const lotsTo = (limit: number): number => Math.round(market.book.asks.depthTo(limit).size / spec.lot);
    const wallLots = Math.round(Number(planted.size) / spec.lot);

    // Everything before the wall and half of it.
    const ahead = lotsTo(wall) - wallLots;
    const first = market.trade('buy', (ahead + wallLots / 2) * spec.lot, T0);
    expect(first.at(-1)!.price).toBe(wall);
    expect(market.book.asks.priceAt(0)).toBe(wall);
    expect(market.wall('ask')).toBe(planted.price);
    expect(Math.round(market.book.asks.sizeAt(0)! / spec.lot)).toBe(wallLots - wallLots / 2);

    const second = market.trade('buy', wallLots * spec.lot, T0);
    expect(second[0]!.price).toBe(wall);
    expect(second.at(-1)!.price).toBeGreaterThan(wall);
    expect(market.wall('ask')).toBeUndefined();
    expect(market.pullWall('ask')).toBeUndefined();
    // Its tick is the makers' again: a step may quote it like any other.
    market.flush();
    for (let i = 0; i < 5; i++) market.step();
    expect(market.book.asks.priceAt(0)).toBeLessThan(wall);
  });

  it("an order larger than the whole side stops at the side's last level: the book keeps a mid", () => {
    const market = new SimMarket(listed('kraken', 'DOGE/USD'), 9);
    const last = market.book.bids.level(market.book.bids.length - 1)!;
    const trades = market.trade('sell', 1e15, T0);
    expect(market.book.bids.length).toBe(1);
    expect(market.book.bids.level(0)).toEqual(last);
    expect(trades.at(-1)!.price).toBeGreaterThan(last.price);
    expect(market.trade('sell', 1, T0)).toEqual([]);
    expect(market.book.mid()).toBeDefined();
  });
});
