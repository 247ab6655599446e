import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OrderBook } from '../../src/book/orderbook';
import type { Wall } from '../../src/liquidity/types';
import { consolidate } from '../../src/market/consolidate';
import { quotedBook } from '../../src/market/quoted-book';
import { rowOfPrice, wallsByRow } from '../../src/ui/wall-rows';

/**
 * A Binance book in USD and an OKX book in USDT at 0.999 USD: OKX holds a 52 BTC bid at 91,200 USDT among 1-2 BTC
 * levels, the wall a detector would report.
 */
function ladder(step: number, rows = 10) {
  const binance = new OrderBook();
  binance.snapshot(
    [['91200.5', '1'], ['91199', '2'], ['91150', '1.5'], ['91120', '1']],
    [['91210', '1'], ['91212', '2'], ['91300', '1']],
  );
  const okx = new OrderBook();
  okx.snapshot(
    [['91300', '1'], ['91260.1', '2'], ['91200', '52'], ['91190', '1']],
    [['91320', '1.2'], ['91330', '40'], ['91400', '1']],
  );
  return consolidate([quotedBook('binance', binance), quotedBook('okx', okx, 0.999)], step, rows);
}

function wall(over: Partial<Wall> & Pick<Wall, 'side' | 'rawPrice'>): Wall {
  return { feed: 'okx', price: over.rawPrice * 0.999, size: 52, ratio: 30, since: 1_764_000_000_000, state: 'standing', ...over };
}

describe('walls on the ladder', () => {
  it("every level: a wall is on the row holding its market's own price, whatever the rate did since it was found", () => {
    const c = ladder(0);
    // Found when USDT was 0.9985 USD: its display price then is no row's price now.
    const w = wall({ side: 'bid', rawPrice: 91200, price: 91200 * 0.9985 });
    const rows = wallsByRow(c.bids, [w], 'bid', 0);
    const [i] = [...rows.keys()];
    expect(c.bids[i!]!.rawPrices.okx).toBe(91200);
    expect(c.bids[i!]!.venues.okx).toBe(52);
    expect(rows.get(i!)).toEqual([w]);
    const ask = wall({ side: 'ask', rawPrice: 91330, size: 40 });
    const asks = wallsByRow(c.asks, [ask], 'ask', 0);
    expect(c.asks[[...asks.keys()][0]!]!.venues.okx).toBe(40);
  });

  it('grouped: a wall is on the row whose step holds it, bids rounded down and asks up, even below the row’s best level', () => {
    const c = ladder(100);
    expect(c.bids.map((r) => r.price)).toEqual([91200, 91100, 91000]);
    // 91,260.1 USDT (91,168.84 USD) is OKX's best level in the 91,100 row; its 91,200 USDT wall (91,108.8 USD) is in it too.
    expect(c.bids[1]!.rawPrices.okx).toBe(91260.1);
    const rows = wallsByRow(c.bids, [wall({ side: 'bid', rawPrice: 91200 })], 'bid', 100);
    expect([...rows.keys()]).toEqual([1]);
    const asks = wallsByRow(c.asks, [wall({ side: 'ask', rawPrice: 91330, size: 40 })], 'ask', 100);
    expect(c.asks[[...asks.keys()][0]!]!.price).toBe(91300);
  });

  it('a pulled wall, its level gone, is marked on the row where the book goes on; a filled one is not labelled', () => {
    const c = ladder(0);
    // Between Binance's 91,150 and 91,120 bids: no level there now.
    const pulled = wall({ side: 'bid', rawPrice: 91140, price: 91140, feed: 'binance', state: 'pulled', endedAt: 1_764_000_060_000 });
    const rows = wallsByRow(c.bids, [pulled], 'bid', 0);
    const [i] = [...rows.keys()];
    expect(c.bids[i!]!.price).toBeLessThan(91140);
    expect(c.bids[i! - 1]!.price).toBeGreaterThan(91140);
    const filled = wall({ side: 'bid', rawPrice: 91200, state: 'filled', endedAt: 1_764_000_060_000 });
    expect(wallsByRow(c.bids, [filled], 'bid', 0).size).toBe(0);
  });

  it('is not labelled where the rows shown do not reach it, nor on the other side', () => {
    const c = ladder(0, 2);
    expect(wallsByRow(c.bids, [wall({ side: 'bid', rawPrice: 91190, price: 91000, feed: 'binance' })], 'bid', 0).size).toBe(0);
    expect(wallsByRow(c.asks, [wall({ side: 'bid', rawPrice: 91200 })], 'ask', 0).size).toBe(0);
    // Better than the best bid (the book moved through it): no row holds it.
    expect(rowOfPrice(c.bids, c.bids[0]!.price + 1, 'bid', 0)).toBeUndefined();
    expect(rowOfPrice(c.asks, c.asks[0]!.price - 1, 'ask', 0)).toBeUndefined();
  });

  it('lists a row’s walls biggest first', () => {
    const c = ladder(100);
    const small = wall({ side: 'bid', rawPrice: 91199, feed: 'binance', price: 91199, size: 20 });
    const big = wall({ side: 'bid', rawPrice: 91200 });
    expect(wallsByRow(c.bids, [small, big], 'bid', 100).get(1)).toEqual([big, small]);
  });

  it('grouped: a price is on the row of its own bucket whenever the ladder shows that bucket', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 200 }), { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 1, max: 220 }),
        fc.constantFrom('bid' as const, 'ask' as const),
        fc.constantFrom(1, 5, 10),
        (buckets, at, side, step) => {
          // Rows best first, as the ladder gives them: bids descending, asks ascending.
          const prices = [...buckets].sort((a, b) => (side === 'bid' ? b - a : a - b)).map((b) => b * step);
          const price = (at * step) / 7;
          const own = side === 'bid' ? Math.floor(price / step) * step : Math.ceil(price / step) * step;
          const i = rowOfPrice(prices.map((p) => ({ price: p })), price, side, step);
          if (prices.includes(own)) expect(i).toBe(prices.indexOf(own));
          else if (i !== undefined) {
            // A bucket the ladder has no row for: the next worse row, never a better one.
            expect(side === 'bid' ? prices[i]! < own : prices[i]! > own).toBe(true);
            if (i > 0) expect(side === 'bid' ? prices[i - 1]! > own : prices[i - 1]! < own).toBe(true);
          }
        },
      ),
    );
  });
});
