import { describe, expect, it } from 'vitest';
import { SimExchange, type PrintedTrades } from '../../../src/sim/exchange';
import { asterdexSim } from '../../../src/sim/venues/asterdex';
import { asterdex } from '../../../src/venues/asterdex';
import type { FeedLink } from '../../../src/worker/engine';
import { createVenueLink } from '../../../src/worker/link-factory';
import type { HttpAnswer } from '../../../src/worker/transport';
import { testMarket } from '../../helpers/markets';
import { FakeClock, FakeTransport } from './fakes';

/**
 * AsterDEX's link as the worker builds it, on the simulated venue behind a fake transport and clock, its REST
 * snapshot refused by CORS so that it falls back to the partial-depth channel. The takers are still (trade speed
 * 0): the only trades are the bursts a test prints.
 */
function world() {
  const clock = new FakeClock();
  const exchange = new SimExchange([asterdexSim], 3, { tradeSpeed: 0 });
  const transport = new FakeTransport(clock, exchange, 'asterdex');
  const { stream, rest } = asterdex.endpoints;
  const link: FeedLink = createVenueLink({ protocol: asterdex, market: testMarket('asterdex'), endpoints: { stream, rest }, transport, clock, onChange: () => {} });
  const run = async (ms: number): Promise<void> => {
    for (let t = 0; t < ms; t += 100) {
      clock.advance(100);
      exchange.tick(clock.now(), ['asterdex']);
      if (t % 1_000 === 0) exchange.heartbeat(clock.now());
      await transport.settle();
    }
  };
  const print = async (count: number): Promise<string[]> => {
    const printed: PrintedTrades | { error: string } = exchange.printTrades({ feed: 'asterdex', symbol: 'BTCUSDT', side: 'sell' }, count, 0.001, clock.now());
    if ('error' in printed) throw new Error(printed.error);
    await transport.settle();
    return printed.trades.map((t) => String(t.id));
  };
  /** The simulated venue's REST answer to `url`, as it stands when asked. */
  const answer = (url: string): HttpAnswer => {
    const u = new URL(url);
    const a = exchange.rest('asterdex', u.pathname, u.searchParams);
    return { status: a.status, body: a.body, headers: {} };
  };
  const partialSockets = () => transport.streamsOf('@depth20@100ms').filter((s) => !s.ended);
  const exactSockets = () => transport.sockets.filter((s) => s.url.endsWith('/ws') && !s.ended);
  return { clock, transport, link, run, print, answer, partialSockets, exactSockets };
}

describe('trades while the book is on its partial-depth fallback', () => {
  it('keep coming on the partial socket, each taken once while exact sync is tried beside it, and go on after the switch back', async () => {
    const w = world();
    w.transport.fetchHandler = () => Promise.reject(new TypeError('Failed to fetch'));
    w.link.start();
    await w.run(1_000);
    expect(w.link.status().partial).toBeDefined();
    expect(w.exactSockets()).toHaveLength(0);
    const [partial] = w.partialSockets();
    expect(partial!.sent.map((t) => JSON.parse(t) as unknown)).toEqual([expect.objectContaining({ method: 'SUBSCRIBE', params: ['btcusdt@aggTrade'] })]);
    const onPartial = await w.print(2);
    expect(w.link.takeTrades().map((t) => t.id)).toEqual(onPartial);

    // Exact sync is tried again, its snapshot held unanswered: both sockets carry the market's trades meanwhile.
    let release: (() => void) | undefined;
    w.transport.fetchHandler = (url) => new Promise<HttpAnswer>((resolve) => (release = () => resolve(w.answer(url))));
    await w.run(w.link.status().partial!.exactRetryAt! - w.clock.now() + 500);
    expect(release).toBeDefined();
    expect(w.exactSockets()).toHaveLength(1);
    expect(w.partialSockets()).toHaveLength(1);
    expect(w.link.status().partial).toBeDefined();
    const onBoth = await w.print(3);
    expect(w.link.takeTrades().map((t) => t.id)).toEqual(onBoth);

    // The snapshot comes: exact is live, the partial socket closes, and the trades go on on the exact socket.
    release!();
    await w.run(500);
    expect(w.link.status().partial).toBeUndefined();
    expect(w.partialSockets()).toHaveLength(0);
    const onExact = await w.print(1);
    expect(w.link.takeTrades().map((t) => t.id)).toEqual(onExact);
    expect(w.link.tradeStats()).toMatchObject({ trades: 6, duplicates: 3, gaps: 0, missed: 0 });
  });
});
