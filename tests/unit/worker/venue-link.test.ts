import { describe, expect, it } from 'vitest';
import { SimExchange } from '../../../src/sim/exchange';
import { binanceSim } from '../../../src/sim/venues/binance';
import { binance } from '../../../src/venues/binance';
import type { Endpoints } from '../../../src/venues/types';
import type { HttpAnswer } from '../../../src/worker/transport';
import { CONNECTION_AGE_LIMIT_MS, type VenueLinkOptions } from '../../../src/worker/link-options';
import { parseRetryAfter } from '../../../src/worker/rest-snapshot';
import { VenueLink } from '../../../src/worker/venue-link';
import { topOf } from '../../helpers/books';
import { FakeClock, FakeTransport } from './fakes';
import { testMarket } from '../../helpers/markets';

const never = new Promise<HttpAnswer>(() => {});

/**
 * Two Binance links side by side on one simulated exchange, each through a transport of its own (their stream
 * sockets have one URL, the markets being subscribed by frames): A (BTCUSDT) meets the faults, B (ETHUSDT) must not
 * notice. Jitter is pinned (random 0.5), so backoff delays are exact: 1 s, 2 s, 4 s, ...
 */
function world(optionsA: VenueLinkOptions = {}) {
  const clock = new FakeClock();
  // No trades: the message rate these tests read counts the book's updates, ten a second.
  const exchange = new SimExchange([binanceSim], 7, { tradeSpeed: 0 });
  const transport = new FakeTransport(clock, exchange);
  const transportB = new FakeTransport(clock, exchange);
  const changes = { a: 0, b: 0 };
  const a = new VenueLink(binance, testMarket('binance'), transport, clock, { random: () => 0.5, ...optionsA }, () => changes.a++);
  const b = new VenueLink(binance, testMarket('binance', 'ETH'), transportB, clock, { random: () => 0.5 }, () => changes.b++);
  const t0 = clock.now();
  const settle = async (): Promise<void> => {
    await transport.settle();
    await transportB.settle();
  };
  /** Runs the market for `ms` in 100 ms steps, delivering every frame and answer on the way. */
  const run = async (ms: number): Promise<void> => {
    for (let t = 0; t < ms; t += 100) {
      clock.advance(100);
      exchange.tick(clock.now(), ['binance']);
      await settle();
    }
  };
  const start = async (): Promise<void> => {
    a.start();
    b.start();
    await settle();
    await run(1_000);
  };
  const truth = (symbol: string) => topOf(exchange.market('binance', symbol)!.book, 1_000);
  const expectExact = (link: VenueLink, symbol: string): void => {
    expect(link.status().state).toBe('live');
    expect(link.session.book.empty).toBe(false);
    expect(topOf(link.session.book, 1_000)).toEqual(truth(symbol));
  };
  /** B ran beside A the whole time: one connection, one snapshot, no error, exact. */
  const expectUntouched = (): void => {
    expectExact(b, 'ETHUSDT');
    expect(b.status().counters).toMatchObject({ snapshots: 1, resyncs: 0, gaps: 0, reconnects: 0, errors: 0, checksumFailures: 0 });
    expect(transportB.sockets).toHaveLength(1);
    expect(transportB.fetches).toHaveLength(1);
  };
  /** A's stream sockets, oldest first (its WebSocket API sockets left out). */
  const streamsA = () => transport.sockets.filter((socket) => !socket.url.includes('ws-api'));
  const streamA = () => streamsA().at(-1)!;
  const fetchesA = () => transport.fetches;
  return { clock, exchange, transport, a, b, t0, settle, run, start, expectExact, expectUntouched, streamsA, streamA, fetchesA, changes };
}

describe('VenueLink on the simulated Binance', () => {
  it('connects, takes its snapshot and keeps an exact book, with counters', async () => {
    const w = world();
    await w.start();
    await w.run(4_000);
    w.expectExact(w.a, 'BTCUSDT');
    w.expectUntouched();
    const s = w.a.status();
    expect(s.snapshotPath).toBe('rest');
    expect(s.counters.messages).toBeGreaterThan(40);
    expect(s.counters.updates).toBeGreaterThan(40);
    expect(s.messageRate).toBe(10);
    expect(s.latencyMs).toBe(0);
    expect(s.lastUpdateAgeMs).toBe(0);
    expect(w.changes.a).toBeGreaterThan(40);
  });

  it('marks a silent socket stale, then closes it as a zombie and reconnects', async () => {
    const w = world();
    await w.start();
    const zombie = w.streamA();
    w.transport.mute(zombie);
    await w.run(14_900);
    expect(w.a.status().state).toBe('live');
    await w.run(200);
    expect(w.a.status()).toMatchObject({ state: 'stale', reason: expect.stringMatching(/no data for 15\.\d s/) });
    await w.run(44_800);
    expect(w.a.status().state).toBe('stale');
    await w.run(200);
    const s = w.a.status();
    expect(s.state).toBe('reconnecting');
    expect(s.reason).toMatch(/no data for 60 s.*zombie/);
    expect(s.nextAttemptAt).toBe(w.clock.now() - 100 + 1_000);
    expect(zombie.closedByClient).toBe(true);
    await w.run(1_500);
    expect(w.streamsA()).toHaveLength(2);
    w.expectExact(w.a, 'BTCUSDT');
    expect(w.a.status().counters.reconnects).toBe(1);
    w.expectUntouched();
  });

  it('reconnects after a close 1006 with no close frame', async () => {
    const w = world();
    await w.start();
    w.transport.drop(w.streamA(), 1006);
    await w.settle();
    const s = w.a.status();
    expect(s).toMatchObject({ state: 'reconnecting', nextAttemptAt: w.clock.now() + 1_000 });
    expect(s.reason).toMatch(/dropped without a close frame \(1006\)/);
    expect(w.a.session.book.empty).toBe(true);
    await w.run(2_000);
    w.expectExact(w.a, 'BTCUSDT');
    expect(w.a.status().counters.reconnects).toBe(1);
    w.expectUntouched();
  });

  it('counts a malformed frame, resyncs (it may have been an update) and ends exact', async () => {
    const w = world();
    await w.start();
    w.streamA().emit('{"truncated":');
    await w.run(1_000);
    w.expectExact(w.a, 'BTCUSDT');
    expect(w.a.status().counters).toMatchObject({ errors: 1, malformed: 1, resyncs: 1, resyncReasons: { malformed: 1 }, snapshots: 2 });
    expect(w.a.status().lastError).toMatch(/malformed frame/);
    w.expectUntouched();
  });

  it('resyncs on a sequence gap by taking a new snapshot, on the same socket', async () => {
    const w = world();
    await w.start();
    w.transport.mute(w.streamA());
    await w.run(100);
    w.transport.unmute(w.streamA());
    await w.run(1_000);
    w.expectExact(w.a, 'BTCUSDT');
    expect(w.a.status().counters).toMatchObject({ gaps: 1, resyncs: 1, snapshots: 2, reconnects: 0 });
    expect(w.fetchesA()).toHaveLength(2);
    expect(w.streamsA()).toHaveLength(1);
    w.expectUntouched();
  });

  it('honours Retry-After on REST 429 (seconds) and then syncs', async () => {
    const w = world();
    let calls = 0;
    w.transport.fetchHandler = (url) =>
      url.includes('BTCUSDT') && calls++ === 0 ? Promise.resolve({ status: 429, body: '{"code":-1003,"msg":"Too many requests"}', headers: { 'retry-after': '7' } }) : undefined;
    await w.start();
    const s = w.a.status();
    expect(s.state).toBe('syncing');
    expect(s.reason).toMatch(/rate limit reached \(HTTP 429\); Retry-After 7 s/);
    const refusedAt = w.fetchesA()[0]!.at;
    expect(s.nextAttemptAt).toBe(refusedAt + 7_000);
    await w.run(5_500);
    expect(w.fetchesA()).toHaveLength(1);
    await w.run(1_000);
    expect(w.fetchesA()).toHaveLength(2);
    expect(w.fetchesA()[1]!.at).toBe(refusedAt + 7_000);
    w.expectExact(w.a, 'BTCUSDT');
    expect(w.a.status().counters.errors).toBe(1);
    w.expectUntouched();
  });

  it('waits at least 10 s after a 429 whose Retry-After the page cannot read', async () => {
    const w = world();
    let calls = 0;
    w.transport.fetchHandler = (url) =>
      url.includes('BTCUSDT') && calls++ === 0 ? Promise.resolve({ status: 429, body: '{"code":-1003,"msg":"Too many requests"}', headers: {} }) : undefined;
    await w.start();
    const refusedAt = w.fetchesA()[0]!.at;
    expect(w.a.status().reason).toMatch(/HTTP 429\); waiting 10 s/);
    expect(w.a.status().nextAttemptAt).toBe(refusedAt + 10_000);
    await w.run(refusedAt + 9_500 - w.clock.now());
    expect(w.fetchesA()).toHaveLength(1);
    await w.run(1_000);
    expect(w.fetchesA()).toHaveLength(2);
    w.expectExact(w.a, 'BTCUSDT');
    w.expectUntouched();
  });

  it('waits for the next minute when the venue says its request weight is nearly used up', async () => {
    const w = world();
    w.transport.fetchHandler = (url) => {
      if (!url.includes('BTCUSDT')) return undefined;
      const u = new URL(url);
      const answer = w.exchange.rest('binance', u.pathname, u.searchParams);
      return Promise.resolve({ status: answer.status, body: answer.body, headers: { 'x-mbx-used-weight-1m': '5200' } });
    };
    await w.start();
    w.expectExact(w.a, 'BTCUSDT');
    expect(w.a.status().note).toMatch(/weight 5200 of 6000/);
    w.transport.mute(w.streamA());
    await w.run(100);
    w.transport.unmute(w.streamA());
    await w.run(100);
    const s = w.a.status();
    expect(s.state).toBe('syncing');
    const nextMinute = Math.floor(w.clock.now() / 60_000 + 1) * 60_000;
    expect(s.nextAttemptAt).toBe(nextMinute);
    expect(w.fetchesA()).toHaveLength(1);
    await w.run(nextMinute - w.clock.now() + 200);
    expect(w.fetchesA()).toHaveLength(2);
    expect(w.fetchesA()[1]!.at).toBeGreaterThanOrEqual(nextMinute);
    w.expectExact(w.a, 'BTCUSDT');
    w.expectUntouched();
  });

  it('honours Retry-After as an HTTP date on 418, and reads both forms', async () => {
    expect(parseRetryAfter('120', 0)).toBe(120_000);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', Date.UTC(2015, 9, 21, 7, 27, 30))).toBe(30_000);
    expect(parseRetryAfter('soon', 0)).toBeUndefined();
    const w = world();
    let calls = 0;
    w.transport.fetchHandler = (url) =>
      url.includes('BTCUSDT') && calls++ === 0
        ? Promise.resolve({ status: 418, body: '{}', headers: { 'retry-after': new Date(w.clock.now() + 30_000).toUTCString() } })
        : undefined;
    await w.start();
    expect(w.a.status().reason).toMatch(/banned this IP.*HTTP 418/);
    await w.run(28_000);
    expect(w.fetchesA()).toHaveLength(1);
    await w.run(2_000);
    w.expectExact(w.a, 'BTCUSDT');
    w.expectUntouched();
  });

  it('says so when REST answers an HTML page where JSON was due, and retries after a backoff', async () => {
    const w = world();
    let calls = 0;
    w.transport.fetchHandler = (url) =>
      url.includes('BTCUSDT') && calls++ < 2
        ? Promise.resolve({ status: 200, body: '<!DOCTYPE html><html><body>Please wait…</body></html>', headers: { 'content-type': 'text/html' } })
        : undefined;
    w.a.start();
    w.b.start();
    await w.settle();
    const s = w.a.status();
    expect(s).toMatchObject({ state: 'syncing', nextAttemptAt: w.clock.now() + 1_000 });
    expect(s.reason).toMatch(/an HTML page where JSON was due/);
    await w.run(1_000);
    expect(w.a.status()).toMatchObject({ state: 'syncing', nextAttemptAt: w.fetchesA()[1]!.at + 2_000 });
    await w.run(2_000);
    expect(w.fetchesA().map((f) => f.at - w.t0)).toEqual([0, 1_000, 3_000]);
    await w.run(500);
    w.expectExact(w.a, 'BTCUSDT');
    expect(w.a.status().counters.errors).toBe(2);
    w.expectUntouched();
  });

  it('reports a 451 region refusal with a region hint and the alternative host, backing off while it lasts', async () => {
    const w = world();
    w.transport.fetchHandler = (url) =>
      url.includes('BTCUSDT') ? Promise.resolve({ status: 451, body: '{"code":0,"msg":"Service unavailable from a restricted location"}', headers: {} }) : undefined;
    await w.start();
    await w.run(20_000);
    const s = w.a.status();
    expect(s.state).toBe('down');
    expect(s.reason).toBe('Binance refuses this region (HTTP 451 from api.binance.com): Service unavailable from a restricted location');
    expect(s.regionHint).toBe('possibly blocked in your region: HTTP 451 from api.binance.com');
    expect(s.alternative).toEqual({ name: 'Binance.US', stream: 'stream.binance.us:9443', rest: 'api.binance.us' });
    expect(w.fetchesA().map((f) => f.at - w.t0)).toEqual([0, 1_000, 3_000, 7_000, 15_000]);
    expect(w.a.session.book.empty).toBe(true);
    w.expectUntouched();
  });

  it('uses the alternative host only when asked to', async () => {
    const w = world({ useAlternativeHost: true });
    await w.start();
    expect(w.streamA().url).toBe('wss://stream.binance.us:9443/ws');
    expect(w.fetchesA()[0]!.url).toMatch(/^https:\/\/api\.binance\.us\/api\/v3\/depth\?symbol=BTCUSDT/);
    expect(w.a.status().note).toMatch(/Binance\.US/);
    w.expectExact(w.a, 'BTCUSDT');
    w.expectUntouched();
  });

  it('moves snapshots to the WebSocket API when CORS refuses REST', async () => {
    const w = world();
    w.transport.fetchHandler = (url) => (url.includes('BTCUSDT') ? Promise.reject(new TypeError('Failed to fetch')) : undefined);
    await w.start();
    const s = w.a.status();
    expect(s.snapshotPath).toBe('api');
    expect(s.note).toMatch(/CORS.*WebSocket API/);
    expect(w.transport.socketsAt('ws-api')).toHaveLength(1);
    w.expectExact(w.a, 'BTCUSDT');
    // A later resync asks the API again, not REST.
    w.transport.mute(w.streamA());
    await w.run(100);
    w.transport.unmute(w.streamA());
    await w.run(500);
    w.expectExact(w.a, 'BTCUSDT');
    expect(w.fetchesA()).toHaveLength(1);
    expect(w.a.status().counters).toMatchObject({ snapshots: 2, gaps: 1, errors: 1 });
    w.expectUntouched();
  });

  it('reports "blocked by CORS" where the venue has no WebSocket API', async () => {
    const endpoints: Endpoints = { stream: binance.endpoints.stream, rest: binance.endpoints.rest };
    const w = world({ endpoints });
    w.transport.fetchHandler = (url) => (url.includes('BTCUSDT') ? Promise.reject(new TypeError('Failed to fetch')) : undefined);
    await w.start();
    const s = w.a.status();
    expect(s.state).toBe('syncing');
    expect(s.snapshotPath).toBe('rest');
    expect(s.reason).toMatch(/blocked by CORS/);
    expect(s.nextAttemptAt).toBeGreaterThan(w.clock.now());
    expect(w.transport.socketsAt('ws-api')).toHaveLength(0);
    w.expectUntouched();
  });

  it('clips a failed request\'s error text before it shows in the status', async () => {
    const w = world();
    let calls = 0;
    const page = '<html><body>' + 'proxy error '.repeat(50_000);
    w.transport.fetchHandler = (url) => (url.includes('BTCUSDT') && calls++ === 0 ? Promise.reject(new Error(page)) : undefined);
    w.a.start();
    w.b.start();
    await w.settle();
    const s = w.a.status();
    expect(s.state).toBe('syncing');
    expect(s.reason).toMatch(/^REST snapshot from api\.binance\.com failed: <html><body>proxy error .*… \(600,012 chars\)$/);
    expect(s.reason!.length).toBeLessThan(400);
    expect(s.lastError).toBe(s.reason);
    await w.run(2_000);
    w.expectExact(w.a, 'BTCUSDT');
    w.expectUntouched();
  });

  it('gives up on a REST request that never answers, and asks again', async () => {
    const w = world();
    let calls = 0;
    w.transport.fetchHandler = (url) => (url.includes('BTCUSDT') && calls++ === 0 ? never : undefined);
    await w.start();
    await w.run(8_000);
    expect(w.a.status().state).toBe('syncing');
    expect(w.fetchesA()).toHaveLength(1);
    await w.run(1_000);
    expect(w.a.status().reason).toMatch(/timed out after 10 s/);
    await w.run(1_500);
    expect(w.fetchesA()).toHaveLength(2);
    w.expectExact(w.a, 'BTCUSDT');
    w.expectUntouched();
  });

  it('keeps retrying a venue that never answers, with capped exponential backoff, then recovers', async () => {
    const w = world();
    let reachable = false;
    w.transport.unreachable = () => !reachable;
    await w.start();
    expect(w.a.status().state).toBe('connecting');
    const delays: number[] = [];
    const states: string[] = [];
    for (let i = 0; i < 8; i++) {
      // Wait for the connect timeout, then read the backoff it chose.
      while (w.a.status().state === 'connecting') await w.run(100);
      const s = w.a.status();
      states.push(s.state);
      expect(s.reason).toMatch(/no answer from stream\.binance\.com:9443 within 10 s \(connect timeout\)/);
      delays.push(s.nextAttemptAt! - w.clock.now());
      while (w.a.status().state !== 'connecting') await w.run(100);
    }
    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000]);
    expect(states).toEqual(['reconnecting', 'reconnecting', 'reconnecting', 'reconnecting', 'down', 'down', 'down', 'down']);
    expect(w.streamsA().slice(0, -1).every((s) => s.closedByClient)).toBe(true);
    reachable = true;
    while (w.a.status().state !== 'live') await w.run(100);
    await w.run(1_000);
    w.expectExact(w.a, 'BTCUSDT');
    // Healthy for a minute: the next failure starts the backoff from the beginning again.
    await w.run(60_000);
    w.transport.drop(w.streamA());
    await w.settle();
    expect(w.a.status()).toMatchObject({ state: 'reconnecting', nextAttemptAt: w.clock.now() + 1_000 });
    await w.run(2_000);
    w.expectExact(w.a, 'BTCUSDT');
    w.expectUntouched();
  });

  it('reconnects cleanly before the connection age limit', async () => {
    expect(CONNECTION_AGE_LIMIT_MS.binance).toBe(24 * 3_600_000);
    expect(CONNECTION_AGE_LIMIT_MS.asterdex).toBe(24 * 3_600_000);
    const w = world({ maxConnectionAgeMs: 60_000 });
    await w.start();
    await w.run(52_000);
    expect(w.streamsA()).toHaveLength(1);
    await w.run(2_000);
    expect(w.streamsA()).toHaveLength(2);
    expect(w.streamsA()[0]!.closedByClient).toBe(true);
    w.expectExact(w.a, 'BTCUSDT');
    expect(w.a.status().counters).toMatchObject({ reconnects: 1, errors: 0 });
    w.expectUntouched();
  });

  it('stops cleanly: disabled, sockets closed, book empty, and starts again', async () => {
    const w = world();
    await w.start();
    w.a.stop();
    await w.run(500);
    expect(w.a.status().state).toBe('disabled');
    expect(w.a.session.book.empty).toBe(true);
    expect(w.streamA().closedByClient).toBe(true);
    w.a.start();
    await w.run(1_000);
    w.expectExact(w.a, 'BTCUSDT');
    w.expectUntouched();
  });

  it('never throws out of a handler, even when its listener does', async () => {
    const clock = new FakeClock();
    const exchange = new SimExchange([binanceSim], 7);
    const transport = new FakeTransport(clock, exchange);
    const link = new VenueLink(binance, testMarket('binance'), transport, clock, {}, () => {
      throw new Error('listener broke');
    });
    link.start();
    await transport.settle();
    exchange.tick(clock.now(), ['binance']);
    await transport.settle();
    expect(link.status().state).toBe('live');
    const unlisted = new VenueLink(binance, undefined, transport, clock);
    unlisted.start();
    expect(unlisted.status().state).toBe('unlisted');
  });
});
