import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OrderBook } from '../../../src/book/orderbook';
import { estimateExecution } from '../../../src/market/execution';
import { quotedBook, type QuotedBook } from '../../../src/market/quoted-book';

function asks(levels: [number, number][]): OrderBook {
  const b = new OrderBook();
  b.snapshot(
    [['1', '1000']],
    levels.map(([p, q]) => [String(p), String(q)]),
  );
  return b;
}

describe('execution estimate', () => {
  const books: QuotedBook[] = [
    quotedBook('binance', asks([[100, 1], [102, 5]])),
    quotedBook('okx', asks([[101, 2], [103, 5]])),
  ];

  it('routes a buy across venues at the cheapest prices first', () => {
    const e = estimateExecution(books, 'buy', 4, 99.5);
    expect(e.routed.filled).toBe(4);
    expect(e.routed.complete).toBe(true);
    expect(e.routed.notional).toBe(100 + 2 * 101 + 102);
    expect(e.routed.averagePrice).toBe(404 / 4);
    expect(e.routed.worstPrice).toBe(102);
    expect(e.routed.venues).toEqual({ binance: { size: 2, notional: 202 }, okx: { size: 2, notional: 202 } });
    expect(e.routed.slippageBps).toBeCloseTo(((101 - 99.5) / 99.5) * 1e4, 9);
  });

  it('compares with the same order on each venue alone', () => {
    const e = estimateExecution(books, 'buy', 4, 99.5);
    expect(e.single.binance?.notional).toBe(100 + 3 * 102);
    expect(e.single.okx?.notional).toBe(2 * 101 + 2 * 103);
    expect(e.bestSingle).toBe('binance');
    expect(e.saving).toBe(406 - 404);
  });

  it('says when the books cannot fill the order', () => {
    const e = estimateExecution(books, 'buy', 100);
    expect(e.routed.complete).toBe(false);
    expect(e.routed.filled).toBe(13);
    expect(e.saving).toBeUndefined();
  });

  it('sells into the highest bids', () => {
    const b1 = new OrderBook();
    b1.snapshot([['99', '1'], ['97', '1']], []);
    const b2 = new OrderBook();
    b2.snapshot([['98', '1']], []);
    const e = estimateExecution([quotedBook('kraken', b1), quotedBook('bybit', b2)], 'sell', 2, 100);
    expect(e.routed.notional).toBe(99 + 98);
    expect(e.routed.slippageBps).toBeCloseTo(((100 - 98.5) / 100) * 1e4, 9);
    expect(e.single.kraken?.notional).toBe(99 + 97);
    expect(e.saving).toBe(1);
  });

  it('never pays more routed than on any single venue, for any books', () => {
    const side = fc.uniqueArray(fc.tuple(fc.integer({ min: 100, max: 200 }), fc.integer({ min: 1, max: 50 })), { selector: ([p]) => p, minLength: 1, maxLength: 20 });
    fc.assert(
      fc.property(side, side, fc.integer({ min: 1, max: 300 }), (a, b, size) => {
        const e = estimateExecution([quotedBook('binance', asks(a)), quotedBook('okx', asks(b))], 'buy', size);
        for (const f of Object.values(e.single)) {
          if (f.complete && e.routed.complete) expect(e.routed.notional).toBeLessThanOrEqual(f.notional + 1e-9);
          expect(e.routed.filled).toBeGreaterThanOrEqual(f.filled);
        }
      }),
    );
  });
});
