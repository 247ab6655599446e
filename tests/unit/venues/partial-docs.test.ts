import { describe, expect, it } from 'vitest';
import type { FeedId, VenueId } from '../../../src/venues/types';
import { asterdexTop, binanceTop, binanceUsdmTop } from '../../../src/venues/binance-top';
import { bingxTop } from '../../../src/venues/bingx-top';
import { okxSwapTop, okxTop } from '../../../src/venues/okx-top';
import { PARTIAL_PROTOCOLS } from '../../../src/venues/partial';
import { PROTOCOLS } from '../../../src/venues';
import { documented, simulatedPushes } from '../../helpers/documented';
import { testMarket } from '../../helpers/markets';
import { shapeDifferences } from '../../helpers/shape';

/**
 * The partial-depth channels' documented push examples (each venue's tests/fixtures/<venue>/docs/SOURCE.md), read by
 * the partial protocols, and the simulator's pushes held to their shape.
 */
const docJson = (venue: VenueId, file: string): Record<string, unknown> => JSON.parse(documented(venue, file)) as Record<string, unknown>;
const market = (feed: FeedId) => testMarket(feed);

describe('documented partial-depth pushes, read as whole-book snapshots', () => {
  it("Binance spot's partial book depth stream", () => {
    expect(binanceTop.parse(documented('binance', 'partial-depth.json'))).toEqual([
      { type: 'snapshot', last: 160, time: undefined, bids: [['0.0024', '10']], asks: [['0.0026', '100']] },
    ]);
  });

  it("AsterDEX's partial stream: a depthUpdate event holding every level", () => {
    const [m] = asterdexTop.parse(documented('asterdex', 'partial-depth.json'));
    expect(m).toMatchObject({ type: 'snapshot', symbol: 'BTCUSDT', last: 390497878, time: 1571889248277 });
    expect(m).toHaveProperty('bids', [['7403.89', '0.002'], ['7403.90', '3.906'], ['7404.00', '1.428'], ['7404.85', '5.239'], ['7405.43', '2.562']]);
    expect(m).toHaveProperty('asks', [['7405.96', '3.340'], ['7406.63', '4.525'], ['7407.08', '2.475'], ['7407.15', '4.800'], ['7407.20', '0.175']]);
  });

  it("Binance USD-M's partial stream: the futures form, a depthUpdate event holding every level", () => {
    const [m] = binanceUsdmTop.parse(documented('binance', 'usdm-partial-depth.json'));
    expect(m).toMatchObject({ type: 'snapshot', symbol: 'BTCUSDT', last: 390497878, time: 1571889248277 });
    expect(m).toHaveProperty('bids', [['7403.89', '0.002'], ['7403.90', '3.906'], ['7404.00', '1.428'], ['7404.85', '5.239'], ['7405.43', '2.562']]);
    expect(m).toHaveProperty('asks', [['7405.96', '3.340'], ['7406.63', '4.525'], ['7407.08', '2.475'], ['7407.15', '4.800'], ['7407.20', '0.175']]);
  });

  it("OKX's books5 push, a swap's (sizes in contracts, as sent): five levels a side, seqId, no action", () => {
    for (const top of [okxTop, okxSwapTop]) {
      const [m] = top.parse(documented('okx', 'ws-books5.json'));
      expect(m).toMatchObject({ type: 'snapshot', symbol: 'BCH-USDT-SWAP', last: 363996337, time: 1670324386802 });
      expect(m).toHaveProperty('bids', [['111.05', '57745'], ['111.04', '57109'], ['111.03', '69563'], ['111.02', '71248'], ['111.01', '65090']]);
      expect(m).toHaveProperty('asks', [['111.06', '55154'], ['111.07', '53276'], ['111.08', '72435'], ['111.09', '70312'], ['111.1', '67272']]);
    }
  });

  it("BingX spot's depth50 push: pairs, asks listed worst first", () => {
    const doc = docJson('bingx', 'depth50-spot-page.json');
    const data = doc.data as { bids: string[][]; asks: string[][] };
    const [m] = bingxTop.parse(documented('bingx', 'depth50-spot-page.json'));
    expect(m).toEqual({ type: 'snapshot', symbol: 'BTC-USDT', last: 14669994934, time: 1760066405887, bids: data.bids, asks: data.asks });
  });

  it('the channels each name: a frame of the exact channel is not read as a partial one', () => {
    expect(() => okxTop.parse(documented('okx', 'ws-books-update.json'))).toThrow(/not a books5 or trades push/);
    expect(() => bingxTop.parse(documented('bingx', 'incrdepth-all-spot-shape.json'))).toThrow(/unknown message/);
  });
});

describe('partial-depth subscriptions', () => {
  it('are the documented stream names and requests', () => {
    expect(binanceTop.streamUrl(market('binance'), binanceTop.endpoints)).toBe('wss://stream.binance.com:9443/ws/btcusdt@depth20@100ms');
    expect(binanceUsdmTop.streamUrl(market('binance-usdm'), binanceUsdmTop.endpoints)).toBe('wss://fstream.binance.com/public/ws/btcusdt@depth20@100ms');
    expect(asterdexTop.streamUrl(market('asterdex'), asterdexTop.endpoints)).toBe('wss://fstream.asterdex.com/ws/btcusdt@depth20@100ms');
    expect(JSON.parse(okxTop.subscribe(market('okx'))[0]!)).toMatchObject({ op: 'subscribe', args: [{ channel: 'books5', instId: 'BTC-USDT' }, {}] });
    expect(JSON.parse(okxSwapTop.subscribe(market('okx-swap'))[0]!)).toMatchObject({ op: 'subscribe', args: [{ channel: 'books5', instId: 'BTC-USDT-SWAP' }, {}] });
    expect(JSON.parse(bingxTop.subscribe(market('bingx'))[0]!)).toMatchObject({ reqType: 'sub', dataType: 'BTC-USDT@depth50' });
    expect([binanceTop.depth, binanceUsdmTop.depth, asterdexTop.depth, okxTop.depth, okxSwapTop.depth, bingxTop.depth]).toEqual([20, 20, 20, 5, 5, 50]);
  });

  it('are each the fallback of their own feed, on its venue and kind, on a socket of their own', () => {
    for (const [feed, top] of Object.entries(PARTIAL_PROTOCOLS)) {
      const exact = PROTOCOLS[feed as FeedId];
      expect(top).toMatchObject({ id: feed, venue: exact.venue, kind: exact.kind, endpoints: exact.endpoints, snapshotSource: 'stream' });
      expect(top.multiplex).toBeUndefined();
    }
  });
});

describe("the simulator's partial-depth pushes have the documented shapes and the whole top", () => {
  it('Binance spot', () => {
    const frames = simulatedPushes('binance', '/ws/btcusdt@depth20@100ms', []);
    expect(frames.length).toBeGreaterThan(5);
    for (const f of frames) {
      expect(shapeDifferences(f, docJson('binance', 'partial-depth.json'))).toEqual([]);
      expect((f.bids as unknown[]).length).toBe(20);
    }
  });

  it('AsterDEX', () => {
    const frames = simulatedPushes('asterdex', '/ws/btcusdt@depth20@100ms', []);
    expect(frames.length).toBeGreaterThan(5);
    for (const f of frames) {
      expect(shapeDifferences(f, docJson('asterdex', 'partial-depth.json'))).toEqual([]);
      expect((f.a as unknown[]).length).toBe(20);
    }
  });

  it('OKX books5', () => {
    const frames = simulatedPushes('okx', '/ws/v5/public', [okxTop.subscribe(market('okx'))[0]!]);
    const [ack] = frames;
    const pushes = frames.filter((f) => (f.arg as { channel?: string } | undefined)?.channel === 'books5' && 'data' in f);
    expect(shapeDifferences(ack, docJson('okx', 'ws-subscribe-response.json'), ['id'])).toEqual([]);
    expect(pushes.length).toBeGreaterThan(0);
    for (const f of pushes) expect(shapeDifferences(f, docJson('okx', 'ws-books5.json'))).toEqual([]);
  });

  it('BingX depth50', () => {
    const frames = simulatedPushes('bingx', '/market', [bingxTop.subscribe(market('bingx'))[0]!]);
    const pushes = frames.filter((f) => f.dataType === 'BTC-USDT@depth50');
    expect(pushes.length).toBeGreaterThan(0);
    for (const f of pushes) expect(shapeDifferences(f, docJson('bingx', 'depth50-spot-page.json'))).toEqual([]);
  });
});

describe("the partial-depth channels carry the market's trades, as the exact feed does", () => {
  const binanceTrade = { type: 'trades', symbol: 'BNBBTC', time: 1672515782136, trades: [{ id: '12345', seq: 12345, time: 1672515782136, price: 0.001, size: 100, side: 'sell' }] };

  it("Binance spot and AsterDEX: the market's aggTrade stream, asked for on the partial socket with the documented request", () => {
    for (const [top, feed] of [[binanceTop, 'binance'], [asterdexTop, 'asterdex']] as const) {
      expect(top.trades).toBe(true);
      const [request] = top.subscribe(market(feed)).map((t) => JSON.parse(t) as Record<string, unknown>);
      expect(shapeDifferences(request, docJson('binance', 'subscribe-request.json'))).toEqual([]);
      expect(request).toMatchObject({ method: 'SUBSCRIBE', params: ['btcusdt@aggTrade'] });
      // The same reading as the exact feed's, from the venue's documented event.
      const event = documented(feed, 'agg-trade.json');
      expect(top.parse(event)).toEqual(PROTOCOLS[feed].parse(event));
    }
    expect(binanceTop.parse(documented('binance', 'agg-trade.json'))).toEqual([binanceTrade]);
  });

  it('Binance USD-M: none on the /public partial socket, whose trades come on their own /market socket', () => {
    expect(binanceUsdmTop.trades).toBeUndefined();
    expect(binanceUsdmTop.subscribe(market('binance-usdm'))).toEqual([]);
  });

  it("OKX: the trades channel beside books5, the documented push read as the exact feed reads it; a resync leaves it subscribed", () => {
    for (const [top, feed] of [[okxTop, 'okx'], [okxSwapTop, 'okx-swap']] as const) {
      expect(top.trades).toBe(true);
      const [request] = top.subscribe(market(feed)).map((t) => JSON.parse(t) as { args: { channel: string }[] });
      // The documented trades subscription's argument, for this market.
      const [documentedArg] = docJson('okx', 'ws-trades-subscribe.json').args as object[];
      expect(request!.args[1]).toEqual({ ...documentedArg, instId: market(feed).symbol });
      for (const frame of top.resubscribe!(market(feed))) expect(frame).not.toContain('"trades"');
    }
    const push = documented('okx', 'ws-trades.json');
    expect(okxTop.parse(push)).toEqual(PROTOCOLS.okx.parse(push));
    expect(okxTop.parse(push)[0]).toMatchObject({ type: 'trades', symbol: 'BTC-USDT' });
  });

  it("BingX spot: the market's trade channel beside depth50, the documented push read as the exact feed reads it", () => {
    expect(bingxTop.trades).toBe(true);
    const requests = bingxTop.subscribe(market('bingx')).map((t) => JSON.parse(t) as Record<string, unknown>);
    expect(requests).toHaveLength(2);
    expect(shapeDifferences(requests[1], docJson('bingx', 'trade-subscribe.json'))).toEqual([]);
    expect(requests[1]).toMatchObject({ reqType: 'sub', dataType: 'BTC-USDT@trade' });
    for (const frame of bingxTop.resubscribe!(market('bingx'))) expect(frame).not.toContain('@trade');
    const push = documented('bingx', 'trade-spot-page.json');
    expect(bingxTop.parse(push)).toEqual(PROTOCOLS.bingx.parse(push));
    expect(bingxTop.parse(push)[0]).toMatchObject({ type: 'trades' });
  });
});
