import { describe, expect, it } from 'vitest';
import { SimExchange } from '../../../src/sim/exchange';
import { binanceSim } from '../../../src/sim/venues/binance';
import { binance } from '../../../src/venues/binance';
import type { BaseAsset } from '../../../src/venues/assets';
import type { HttpAnswer, SocketEvents } from '../../../src/worker/transport';
import { connectSources, isAllowedUrl } from '../../../src/worker/allowed-hosts';
import { ALTERNATIVE_HOSTS } from '../../../src/worker/alternative-hosts';
import type { VenueLinkOptions } from '../../../src/worker/link-options';
import { VenueLink } from '../../../src/worker/venue-link';
import { topOf } from '../../helpers/books';
import { FakeClock, FakeTransport, type FakeSocket } from './fakes';
import { testMarket } from '../../helpers/markets';

const BINANCE_US = { name: 'Binance.US', stream: 'stream.binance.us:9443', rest: 'api.binance.us' };

/**
 * One Binance link on a simulated exchange whose main hosts can turn this region away: handshakes refused (the
 * browser sees 1006 before the socket opens) and REST answered with a status of the test's choosing.
 */
function world(base: BaseAsset = 'BTC', options: VenueLinkOptions = {}) {
  const clock = new FakeClock();
  const exchange = new SimExchange([binanceSim], 7);
  const transport = new FakeTransport(clock, exchange);
  const region = { streamRefused: false, restStatus: undefined as number | undefined };
  const mainStream = (url: string): boolean => url.startsWith('wss://stream.binance.com');
  transport.unreachable = (url) => region.streamRefused && mainStream(url);
  const connect = transport.connect.bind(transport);
  transport.connect = (url: string, events: SocketEvents) => {
    const socket = connect(url, events) as FakeSocket;
    if (region.streamRefused && mainStream(url)) socket.drop(1006);
    return socket;
  };
  transport.fetchHandler = (url) =>
    region.restStatus !== undefined && url.startsWith('https://api.binance.com')
      ? Promise.resolve<HttpAnswer>({ status: region.restStatus, body: '{"code":0,"msg":"Service unavailable from a restricted location"}', headers: {} })
      : undefined;
  const link = new VenueLink(binance, testMarket('binance', base), transport, clock, { random: () => 0.5, ...options });
  const run = async (ms: number): Promise<void> => {
    for (let t = 0; t < ms; t += 100) {
      clock.advance(100);
      exchange.tick(clock.now(), ['binance']);
      await transport.settle();
    }
  };
  /** Runs until the link has made `n` connection attempts. */
  const attempts = async (n: number): Promise<void> => {
    while (transport.sockets.length < n) await run(100);
    await transport.settle();
  };
  const expectExact = (): void => {
    expect(link.status().state).toBe('live');
    expect(topOf(link.session.book, 1_000)).toEqual(topOf(exchange.market('binance', `${base}USDT`)!.book, 1_000));
  };
  return { clock, transport, region, link, run, attempts, expectExact };
}

describe('VenueLink region hint', () => {
  it('suspects a region block after three handshakes refused without a close frame, and offers Binance.US', async () => {
    const w = world();
    w.region.streamRefused = true;
    w.link.start();
    await w.attempts(2);
    expect(w.link.status()).toMatchObject({ state: 'reconnecting', regionHint: undefined, alternative: undefined });
    await w.attempts(3);
    const s = w.link.status();
    expect(s.state).toBe('down');
    expect(s.regionHint).toBe('possibly blocked in your region: 3 handshakes refused without a close frame');
    expect(s.reason).toMatch(/cannot connect: the connection dropped without a close frame \(1006\)/);
    expect(s.alternative).toEqual(BINANCE_US);
    await w.attempts(4);
    expect(w.link.status().regionHint).toMatch(/: 4 handshakes refused/);
  });

  it('does not count refusals across a socket that opened in between', async () => {
    const w = world();
    w.region.streamRefused = true;
    w.link.start();
    await w.attempts(2);
    w.region.streamRefused = false;
    await w.attempts(3);
    w.transport.drop(w.transport.sockets.at(-1)!, 1006);
    w.region.streamRefused = true;
    await w.attempts(5);
    expect(w.link.status()).toMatchObject({ regionHint: undefined, alternative: undefined });
    await w.attempts(6);
    expect(w.link.status().regionHint).toMatch(/: 3 handshakes refused/);
  });

  it('suspects a region block on REST 403, saying what the host said, and offers Binance.US', async () => {
    const w = world();
    w.region.restStatus = 403;
    w.link.start();
    await w.run(500);
    const s = w.link.status();
    expect(s.state).toBe('down');
    expect(s.regionHint).toBe('possibly blocked in your region: HTTP 403 from api.binance.com');
    expect(s.reason).toBe('api.binance.com forbids access (HTTP 403): Service unavailable from a restricted location');
    expect(s.alternative).toEqual(BINANCE_US);
    expect(w.link.session.book.empty).toBe(true);
  });

  it('clears the hint once the venue is live', async () => {
    const w = world();
    w.region.streamRefused = true;
    w.link.start();
    await w.attempts(3);
    expect(w.link.status().regionHint).toBeDefined();
    w.region.streamRefused = false;
    while (w.link.status().state !== 'live') await w.run(100);
    const s = w.link.status();
    expect(s.regionHint).toBeUndefined();
    expect(s.alternative).toBeUndefined();
    w.expectExact();
  });

  it('offers Binance.US only for a pair it lists', async () => {
    expect(ALTERNATIVE_HOSTS.binance!.symbols).not.toContain('XRPUSDT');
    const w = world('XRP');
    w.region.restStatus = 451;
    w.link.start();
    await w.run(500);
    const s = w.link.status();
    expect(s.regionHint).toBe('possibly blocked in your region: HTTP 451 from api.binance.com');
    expect(s.alternative).toBeUndefined();
  });

  it('on Binance.US by choice: syncs exactly there, and a pair it does not list shows as unlisted there', async () => {
    const w = world('SOL', { useAlternativeHost: true });
    w.region.streamRefused = true;
    w.region.restStatus = 451;
    w.link.start();
    await w.run(1_000);
    w.expectExact();
    expect(w.link.status().note).toBe('connected to Binance.US (stream.binance.us:9443), by choice');
    expect(w.transport.sockets.every((s) => s.url.startsWith('wss://stream.binance.us:9443/'))).toBe(true);

    const xrp = world('XRP', { useAlternativeHost: true });
    xrp.link.start();
    await xrp.run(500);
    expect(xrp.link.status()).toMatchObject({ state: 'unlisted', reason: 'Binance.US lists no XRPUSDT' });
    expect(xrp.transport.sockets).toHaveLength(0);
  });

  it("lets the worker and the page's CSP reach every Binance.US host, its WebSocket API too", () => {
    const { stream, rest, api } = ALTERNATIVE_HOSTS.binance!.endpoints;
    for (const url of [`${stream}/ws/btcusdt@depth@100ms`, `${rest}/api/v3/depth?symbol=BTCUSDT`, api!]) expect(isAllowedUrl(url), url).toBe(true);
    expect(connectSources()).toEqual(expect.arrayContaining(['wss://stream.binance.us:9443', 'https://api.binance.us', 'wss://ws-api.binance.us']));
  });

  it('does not offer Binance.US again when Binance.US itself turns the region away', async () => {
    const w = world('BTC', { useAlternativeHost: true, endpoints: binance.endpoints });
    w.region.streamRefused = true;
    w.link.start();
    await w.attempts(3);
    expect(w.link.status().regionHint).toMatch(/3 handshakes refused/);
    expect(w.link.status().alternative).toBeUndefined();
  });
});
