import { describe, expect, it } from 'vitest';
import { SimExchange } from '../../../src/sim/exchange';
import { asterdexSim } from '../../../src/sim/venues/asterdex';
import { binanceSim } from '../../../src/sim/venues/binance';
import { PROTOCOLS } from '../../../src/venues';
import type { VenueId } from '../../../src/venues/types';
import type { FeedLink, LinkTuning } from '../../../src/worker/engine';
import { EXACT_PROBE_MS } from '../../../src/worker/fallback-link';
import { createVenueLink } from '../../../src/worker/link-factory';
import type { HttpAnswer } from '../../../src/worker/transport';
import { topOf } from '../../helpers/books';
import { FakeClock, FakeTransport } from './fakes';
import { testMarket } from '../../helpers/markets';

const corsRefusal = (): Promise<HttpAnswer> => Promise.reject(new TypeError('Failed to fetch'));

/**
 * One venue's link as the worker builds it (createVenueLink), on a simulated exchange behind a fake transport and
 * clock; snapshots by REST (no WebSocket API endpoint), so the transport's fetch handler can refuse or stale them.
 */
function world(venue: Extract<VenueId, 'binance' | 'asterdex'>, tuning: LinkTuning = {}) {
  const clock = new FakeClock();
  const exchange = new SimExchange([venue === 'binance' ? binanceSim : asterdexSim], 3);
  const transport = new FakeTransport(clock, exchange, venue);
  const protocol = PROTOCOLS[venue];
  const market = testMarket(venue);
  const { stream, rest } = protocol.endpoints;
  const link: FeedLink = createVenueLink({
    protocol,
    market,
    endpoints: { stream, rest },
    transport,
    clock,
    onChange: () => {},
    tuning: { backoffMaxMs: 4_000, ...tuning },
  });
  const run = async (ms: number): Promise<void> => {
    for (let t = 0; t < ms; t += 100) {
      clock.advance(100);
      exchange.tick(clock.now(), [venue]);
      if (t % 1_000 === 0) exchange.heartbeat(clock.now());
      await transport.settle();
    }
  };
  const truth = (depth: number) => topOf(exchange.market(venue, market.symbol)!.book, depth);
  const partialSockets = () => transport.streamsOf('@depth20@100ms');
  const exactSockets = () => transport.streamsOf('@depth@100ms');
  return { clock, exchange, transport, link, run, truth, partialSockets, exactSockets };
}

describe('the fallback to a partial-depth channel', () => {
  it('waits twice as long after each failed try at exact sync, up to its cap', async () => {
    const w = world('asterdex', { exactProbeMs: 4_000, exactProbeMaxMs: 10_000 });
    w.transport.fetchHandler = corsRefusal;
    w.link.start();
    await w.run(500);
    const waits: number[] = [];
    for (let i = 0; i < 5; i++) {
      const at = w.link.status().partial!.exactRetryAt!;
      waits.push(Math.ceil((at - w.clock.now()) / 1_000));
      await w.run(at - w.clock.now() + 500);
    }
    // Each wait read within a second of the failed try that set it: 4 s, then 8 s, then the 10 s cap.
    expect(waits).toEqual([4, 8, 10, 10, 10]);
    expect(w.link.status().partial?.why).toMatch(/CORS/);
  });

  it('AsterDEX, its REST snapshot refused by CORS: the top 20 at once, live and marked; exact again by itself', async () => {
    const w = world('asterdex');
    w.transport.fetchHandler = corsRefusal;
    w.link.start();
    await w.run(1_000);
    const s = w.link.status();
    expect(s.state).toBe('live');
    expect(s.partial).toMatchObject({ depth: 20, why: expect.stringMatching(/CORS/) });
    expect(s.partial!.exactRetryAt).toBeGreaterThan(w.clock.now() - 1_000 + EXACT_PROBE_MS);
    expect(s.partial!.exactRetryAt).toBeLessThanOrEqual(w.clock.now() + EXACT_PROBE_MS);
    expect(w.partialSockets().filter((k) => !k.ended)).toHaveLength(1);
    expect(w.exactSockets().every((k) => k.ended)).toBe(true);
    expect(topOf(w.link.session.book, 25)).toEqual(w.truth(20));
    expect(s.counters).toMatchObject({ malformed: 0, invalid: 0, crossed: 0, foreign: 0 });

    // Still refused at the first try: the partial book stays, and the next try waits twice as long.
    await w.run(EXACT_PROBE_MS);
    expect(w.link.status().partial?.exactRetryAt).toBeGreaterThan(w.clock.now() + EXACT_PROBE_MS);
    expect(topOf(w.link.session.book, 25)).toEqual(w.truth(20));

    // The venue serves the snapshot again: the next try goes live exact, and the partial socket is closed.
    w.transport.fetchHandler = undefined;
    await w.run(2 * EXACT_PROBE_MS + 2_000);
    const back = w.link.status();
    expect(back.state).toBe('live');
    expect(back.partial).toBeUndefined();
    expect(w.partialSockets().every((k) => k.ended)).toBe(true);
    expect(topOf(w.link.session.book, 1_000)).toEqual(w.truth(1_000));
  });

  it('Binance, its snapshots stale again and again: partial once the failures reach the down threshold', async () => {
    const w = world('binance');
    let first: string | undefined;
    w.transport.fetchHandler = () => {
      if (first === undefined) return undefined;
      return Promise.resolve({ status: 200, body: first, headers: {} });
    };
    // The first answer is kept and sent again for every later request: older than the stream each time.
    const u = new URL(`${PROTOCOLS.binance.endpoints.rest}/api/v3/depth?symbol=BTCUSDT&limit=1000`);
    first = w.exchange.rest('binance', u.pathname, u.searchParams).body;
    w.exchange.tick(w.clock.now(), ['binance']);
    w.link.start();
    await w.run(20_000);
    const s = w.link.status();
    expect(s.partial).toMatchObject({ depth: 20, why: expect.stringMatching(/5 snapshots failed in a row: snapshot \d+ older than the stream/) });
    expect(s.state).toBe('live');
    expect(topOf(w.link.session.book, 25)).toEqual(w.truth(20));
  });

  it('Binance, frames it cannot read five times in a row: partial', async () => {
    const w = world('binance');
    w.link.start();
    await w.run(1_000);
    expect(w.link.status().partial).toBeUndefined();
    const stream = w.exactSockets().at(-1)!;
    for (let k = 0; k < 5; k++) stream.emit('{"truncated":');
    await w.run(1_000);
    const s = w.link.status();
    expect(s.partial?.why).toMatch(/5 frames in a row could not be read/);
    expect(topOf(w.link.session.book, 25)).toEqual(w.truth(20));
  });

  it('a stopped link leaves no socket and no timer behind', async () => {
    const w = world('asterdex');
    w.transport.fetchHandler = corsRefusal;
    w.link.start();
    await w.run(1_000);
    expect(w.link.status().partial).toBeDefined();
    w.link.stop();
    await w.transport.settle();
    expect(w.transport.sockets.every((k) => k.ended)).toBe(true);
    expect(w.link.status().state).toBe('disabled');
    expect(w.clock.pending).toBe(0);
  });
});
