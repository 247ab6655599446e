import { describe, expect, it } from 'vitest';
import { FeedSession } from '../../../src/feed/session';
import type { RateBook } from '../../../src/market/rates';
import { PROTOCOLS } from '../../../src/venues';
import type { Market } from '../../../src/venues/types';
import type { HeatmapTrade } from '../../../src/liquidity/heatmap-trades';
import { TAPE_PER_VIEW, TradeFlow, sessionTrades, type TradeSource } from '../../../src/worker/trade-flow';
import { documented } from '../../helpers/documented';

const BNBBTC: Market = { venue: 'binance', feed: 'binance', base: 'BNB', quote: 'USDT', symbol: 'BNBBTC', kind: 'spot', contractSize: 1 };
// Binance's documented aggTrade event: BNBBTC, 100 at 0.001, the buyer the maker (so the aggressor sold), id 12345.
const EVENT = JSON.parse(documented('binance', 'agg-trade.json')) as Record<string, unknown>;

function session(): FeedSession {
  const s = new FeedSession(PROTOCOLS.binance, BNBBTC);
  s.open();
  return s;
}

/** The documented event with its id and size changed: a venue's next trades. */
const frame = (id: number, q = '100'): string => JSON.stringify({ ...EVENT, a: id, q });

const usdtRate = (mid: number): RateBook => ({ feed: 'kraken', symbol: 'USDT/USD', base: 'USDT', quote: 'USD', mid, ageMs: 0, live: true });

describe('TradeFlow: the sessions’ trades to the tape, the volumes and the heatmap', () => {
  it('lists a documented trade on the tape in the display currency and counts it in the volumes, once', () => {
    const heat: HeatmapTrade[] = [];
    const flow = new TradeFlow((t) => heat.push(...t));
    const s = session();
    const source: TradeSource = { feed: 'binance', market: BNBBTC, trades: sessionTrades(s), shown: true };
    s.frame(frame(12345), 1_000_000);
    s.frame(frame(12345), 1_000_050);
    flow.take([source], () => [usdtRate(1.0002)], 'USD');
    const { newest, skipped } = flow.delta();
    expect(skipped).toBe(0);
    expect(newest).toHaveLength(1);
    expect(newest[0]).toMatchObject({ feed: 'binance', id: '12345', rawPrice: 0.001, quote: 'USDT', size: 100, side: 'sell' });
    expect(newest[0]!.price).toBeCloseTo(0.0010002, 12);
    expect(heat).toEqual([{ feed: 'binance', t: 1_000_000, price: newest[0]!.price, size: 100, side: 'sell' }]);
    const oneMinute = flow.figures(1_000_100)['1m'];
    expect(oneMinute.all).toMatchObject({ sell: 100, buy: 0, trades: 1, cvd: -100 });
    expect(oneMinute.all.vwap).toBeCloseTo(0.0010002, 12);
    expect(flow.delta().newest).toEqual([]);
  });

  it('leaves out a feed whose quote has no rate, as its book is, and a feed not on screen', () => {
    const flow = new TradeFlow(() => {});
    const s = session();
    s.frame(frame(1), 1_000_000);
    flow.take([{ feed: 'binance', market: BNBBTC, trades: sessionTrades(s), shown: true }], () => [], 'USD');
    s.frame(frame(2), 1_000_001);
    flow.take([{ feed: 'binance', market: BNBBTC, trades: sessionTrades(s), shown: false }], () => [usdtRate(1)], 'USD');
    expect(flow.delta().newest).toEqual([]);
    expect(flow.figures(1_000_100)['1h'].all.trades).toBe(0);
    // Taken from the session all the same: they do not come back later.
    expect(s.takeTrades()).toEqual([]);
  });

  it('lists the newest of a burst bigger than a view holds, and counts every one in the volumes', () => {
    const flow = new TradeFlow(() => {});
    const s = session();
    const n = TAPE_PER_VIEW + 500;
    for (let id = 1; id <= n; id++) s.frame(frame(id, '1'), 1_000_000);
    flow.take([{ feed: 'binance', market: BNBBTC, trades: sessionTrades(s), shown: true }], () => [], 'USDT');
    const { newest, skipped } = flow.delta();
    expect(newest).toHaveLength(TAPE_PER_VIEW);
    expect(skipped).toBe(500);
    expect(newest.at(-1)!.id).toBe(String(n));
    expect(flow.figures(1_000_000)['1m'].feeds.binance).toMatchObject({ sell: n, trades: n });
  });
});
