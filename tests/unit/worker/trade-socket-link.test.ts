import { describe, expect, it } from 'vitest';
import { Replayer } from '../../../src/feed/replay';
import { SimExchange, type PrintedTrades } from '../../../src/sim/exchange';
import { binanceUsdmSim } from '../../../src/sim/venues/binance-usdm';
import { binanceUsdm } from '../../../src/venues/binance-usdm';
import type { FeedLink } from '../../../src/worker/engine';
import { createVenueLink } from '../../../src/worker/link-factory';
import { Recorder, recordingTransport } from '../../../src/worker/recorder';
import { MemoryStore } from '../../../src/worker/recording-store';
import { SharedSockets } from '../../../src/worker/shared-sockets';
import { topOf } from '../../helpers/books';
import { testMarket } from '../../helpers/markets';
import { FakeClock, FakeTransport } from './fakes';

/**
 * Binance USD-M's links as the worker builds them (createVenueLink) on the simulated fstream host, which routes
 * `/market` to `<symbol>@aggTrade` and `/public` to the book's streams as USD-M does, behind SharedSockets on a fake
 * transport and clock. The takers are still (trade speed 0): the only trades are the bursts a test prints.
 */
function world(bases: readonly string[] = ['BTC']) {
  const clock = new FakeClock();
  const exchange = new SimExchange([binanceUsdmSim], 3, { tradeSpeed: 0 });
  const transport = new FakeTransport(clock, exchange, 'binance-usdm');
  const sockets = new SharedSockets(transport, clock);
  const recorder = new Recorder(new MemoryStore());
  const { stream, rest } = binanceUsdm.endpoints;
  const links = bases.map((base): FeedLink => {
    const market = testMarket('binance-usdm', base);
    const recorded = recordingTransport(sockets, market, clock, () => recorder);
    return createVenueLink({ protocol: binanceUsdm, market, endpoints: { stream, rest }, transport: recorded, clock, onChange: () => {}, tuning: { backoffMaxMs: 4_000 } });
  });
  const run = async (ms: number): Promise<void> => {
    for (let t = 0; t < ms; t += 100) {
      clock.advance(100);
      exchange.tick(clock.now(), ['binance-usdm']);
      if (t % 1_000 === 0) exchange.heartbeat(clock.now());
      await transport.settle();
    }
  };
  const print = async (base: string, count: number): Promise<PrintedTrades> => {
    const printed = exchange.printTrades({ feed: 'binance-usdm', symbol: `${base}USDT`, side: 'buy' }, count, 0.001, clock.now());
    if ('error' in printed) throw new Error(printed.error);
    await transport.settle();
    return printed;
  };
  const truth = (base: string, depth: number) => topOf(exchange.market('binance-usdm', `${base}USDT`)!.book, depth);
  return { clock, exchange, transport, recorder, links, run, print, truth };
}

const ids = (printed: PrintedTrades): string[] => printed.trades.map((t) => String(t.id));

describe("Binance USD-M's trades on their own /market socket", () => {
  it('arrive there, keep arriving after that socket drops, and the book never notices', async () => {
    const w = world();
    const [link] = w.links as [FeedLink];
    link.start();
    await w.run(2_000);
    expect(link.status().state).toBe('live');
    const [book] = w.transport.socketsAt('/public/ws');
    const [trades] = w.transport.socketsAt('/market/ws');
    expect(w.transport.sockets.filter((s) => s.url.includes('/ws') && !s.url.includes('ws-fapi'))).toHaveLength(2);
    // The trade stream asked for on /market alone: /public would acknowledge it and send nothing.
    expect(trades!.sent.some((t) => t.includes('btcusdt@aggTrade'))).toBe(true);
    expect(book!.sent.some((t) => t.includes('aggTrade'))).toBe(false);

    const first = await w.print('BTC', 3);
    expect(link.takeTrades().map((t) => t.id)).toEqual(ids(first));

    const before = link.status();
    w.transport.drop(trades!);
    await w.transport.settle();
    const down = link.status();
    expect(down.state).toBe('live');
    expect(down.note).toMatch(/trades' socket \(fstream\.binance\.com\/market\/ws\) reconnecting: the connection dropped without a close frame \(1006\)/);

    await w.run(3_000);
    const again = w.transport.socketsAt('/market/ws');
    expect(again).toHaveLength(2);
    expect(again[1]!.sent.some((t) => t.includes('btcusdt@aggTrade'))).toBe(true);
    const second = await w.print('BTC', 2);
    expect(link.takeTrades().map((t) => t.id)).toEqual(ids(second));
    expect(link.tradeStats()).toMatchObject({ trades: 5, duplicates: 0, gaps: 0 });

    const after = link.status();
    expect(after.state).toBe('live');
    expect(after.note).toBe("trades' socket (fstream.binance.com/market/ws) reconnected once");
    // The book's socket, its snapshot and its counts are as they were: no resync, no reconnect.
    expect(book!.ended).toBe(false);
    expect(w.transport.socketsAt('/public/ws')).toHaveLength(1);
    expect(after.counters).toMatchObject({ resyncs: before.counters.resyncs, reconnects: before.counters.reconnects, snapshots: before.counters.snapshots });
    expect({ bids: link.session.book.bids.top(20), asks: link.session.book.asks.top(20) }).toEqual(w.truth('BTC', 20));

    // Recorded and replayed: both sockets' frames into the market's one session, the same trades, the same book.
    const replayer = new Replayer();
    for (const line of (await (await w.recorder.finish()).text()).split('\n')) await replayer.line(line);
    const [replayed] = [...replayer.markets.values()];
    expect(replayer.markets.size).toBe(1);
    expect(replayer.lineErrors).toBe(0);
    expect(replayed!.session.takeTrades().map((t) => t.id)).toEqual([...ids(first), ...ids(second)]);
    expect(replayed!.session.state).toBe('live');
    expect(replayed!.session.stats.resyncs).toBe(0);
    expect({ bids: replayed!.session.book.bids.top(20), asks: replayed!.session.book.asks.top(20) }).toEqual(w.truth('BTC', 20));
  });

  it("several markets share one /market socket, as their books share /public; each takes its own market's trades", async () => {
    const w = world(['BTC', 'ETH']);
    const [btc, eth] = w.links as [FeedLink, FeedLink];
    btc.start();
    eth.start();
    await w.run(2_000);
    const [trades] = w.transport.socketsAt('/market/ws');
    expect(w.transport.socketsAt('/market/ws')).toHaveLength(1);
    expect(w.transport.socketsAt('/public/ws')).toHaveLength(1);
    expect(trades!.sent.filter((t) => t.includes('SUBSCRIBE')).map((t) => (JSON.parse(t) as { params: string[] }).params)).toEqual([['btcusdt@aggTrade'], ['ethusdt@aggTrade']]);
    const btcPrinted = await w.print('BTC', 2);
    const ethPrinted = await w.print('ETH', 1);
    expect(btc.takeTrades().map((t) => t.id)).toEqual(ids(btcPrinted));
    expect(eth.takeTrades().map((t) => t.id)).toEqual(ids(ethPrinted));

    // One market leaves: it unsubscribes its trades, and the socket stays open for the other.
    eth.stop();
    await w.transport.settle();
    expect(trades!.ended).toBe(false);
    expect(trades!.sent.at(-1)).toMatch(/"UNSUBSCRIBE".*ethusdt@aggTrade/);
    const later = await w.print('BTC', 1);
    expect(btc.takeTrades().map((t) => t.id)).toEqual(ids(later));
  });

  it('a quiet market keeps its trade socket: the keepalive answer is heard where no trade comes', async () => {
    const w = world();
    const [link] = w.links as [FeedLink];
    link.start();
    await w.run(150_000);
    expect(w.transport.socketsAt('/market/ws')).toHaveLength(1);
    expect(link.status().note).toBeUndefined();
  });
});
