import { describe, expect, it } from 'vitest';
import { FeedSession } from '../../../src/feed/session';
import { hyperliquid, hyperliquidSpot, parseHyperliquidFrame } from '../../../src/venues/hyperliquid';
import { testMarket } from '../../helpers/markets';
import { tradeOf, tradesPush } from './hyperliquid-documented';

/**
 * Hyperliquid's public trades (`trades`, data `WsTrade[]`): "Side ... B = Bid = Buy, A = Ask = Short. Side is
 * aggressing side for trades" (API / Notation), sizes "in units of coin, i.e. base currency", and a trade known by
 * its block time and `tid` ("For a globally unique trade id, use (block_time, coin, tid)").
 */

const trades = (text: string) => parseHyperliquidFrame(text).flatMap((m) => (m.type === 'trades' ? m.trades.map((t) => ({ symbol: m.symbol, ...t })) : []));

describe('Hyperliquid trades', () => {
  it('reads the aggressor from side: B bought (lifted an ask), A sold (hit a bid)', () => {
    const read = trades(tradesPush([tradeOf({ side: 'B', tid: 1 }), tradeOf({ side: 'A', tid: 2 })]));
    expect(read.map((t) => t.side)).toEqual(['buy', 'sell']);
  });

  it('refuses a side that is neither, and a trade without a price, size, time or tid', () => {
    for (const bad of [{ side: 'S' }, { side: 'buy' }, { px: '0' }, { sz: '-1' }, { sz: 12.5 }, { time: '1708622398623x' }, { tid: undefined }, { coin: undefined }]) {
      expect(() => parseHyperliquidFrame(tradesPush([tradeOf(bad)])), JSON.stringify(bad)).toThrow();
    }
    expect(() => parseHyperliquidFrame('{"channel":"trades","data":{}}')).toThrow(/not a list/);
  });

  it('sizes trades in the coin on both feeds (contracts are one coin each)', () => {
    expect(trades(tradesPush([tradeOf({ sz: '0.00123' })]))[0]!.size).toBe(0.00123);
    expect(testMarket('hyperliquid').contractSize).toBe(1);
    expect(hyperliquidSpot.parse(tradesPush([tradeOf({ coin: '@142', sz: '0.5' })]))).toMatchObject([{ type: 'trades', symbol: '@142', trades: [{ size: 0.5 }] }]);
  });

  it('lists a push’s trades oldest first, split by the coin each names', () => {
    const read = trades(
      tradesPush([tradeOf({ time: 3, tid: 30 }), tradeOf({ coin: 'BTC', time: 1, tid: 10 }), tradeOf({ time: 2, tid: 20 }), tradeOf({ time: 2, tid: 21 })]),
    );
    expect(read.map((t) => [t.symbol, t.id])).toEqual([
      ['SOL', '2-20'],
      ['SOL', '2-21'],
      ['SOL', '3-30'],
      ['BTC', '1-10'],
    ]);
    expect(read.every((t) => t.seq === undefined)).toBe(true);
  });

  it('takes a trade the venue sends again (a resubscription, a reconnect) once, and counts the repeat', () => {
    const s = new FeedSession(hyperliquid, testMarket('hyperliquid', 'SOL', { symbol: 'SOL' }));
    s.open();
    s.frame(tradesPush([tradeOf({ tid: 1 }), tradeOf({ tid: 2, side: 'A' })]), 1);
    s.frame(tradesPush([tradeOf({ tid: 2, side: 'A' }), tradeOf({ tid: 3 })]), 2);
    expect(s.takeTrades().map((t) => [t.id, t.side])).toEqual([
      ['1708622398623-1', 'buy'],
      ['1708622398623-2', 'sell'],
      ['1708622398623-3', 'buy'],
    ]);
    expect(s.stats.trades).toMatchObject({ trades: 3, duplicates: 1, gaps: 0 });
  });

  it('takes trades while the book waits for its first push', () => {
    const s = new FeedSession(hyperliquid, testMarket('hyperliquid', 'SOL', { symbol: 'SOL' }));
    s.open();
    s.frame(tradesPush([tradeOf()]), 1);
    expect(s.state).toBe('syncing');
    expect(s.takeTrades()).toHaveLength(1);
  });
});
