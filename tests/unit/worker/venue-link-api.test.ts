import { describe, expect, it } from 'vitest';
import { binance } from '../../../src/venues/binance';
import { VenueLink } from '../../../src/worker/venue-link';
import { FakeClock, FakeTransport } from './fakes';
import { testMarket } from '../../helpers/markets';

const depthAnswer = (lastUpdateId: number) =>
  JSON.stringify({ id: 'depth-BTCUSDT', status: 200, result: { lastUpdateId, bids: [['100.00', '1.5']], asks: [['101.00', '2.5']] }, rateLimits: [] });
const diff = (U: number, u: number, bid: string) =>
  JSON.stringify({ e: 'depthUpdate', E: 1, s: 'BTCUSDT', U, u, b: [['100.00', bid]], a: [] });

/** Binance with snapshots over its WebSocket API, every frame scripted by the test. */
function world() {
  const clock = new FakeClock();
  const transport = new FakeTransport(clock);
  const link = new VenueLink(binance, testMarket('binance'), transport, clock, { snapshotVia: 'api', random: () => 0.5 });
  link.start();
  const stream = transport.sockets[0]!;
  return { clock, transport, link, stream, api: () => transport.socketsAt('ws-api').at(-1)! };
}

describe('VenueLink snapshots over the WebSocket API', () => {
  it('backs off when the API refuses the request, then syncs exactly', async () => {
    const w = world();
    w.stream.open();
    await w.transport.settle();
    expect(w.link.status().snapshotPath).toBe('api');
    w.api().open();
    await w.transport.settle();
    expect(w.api().sent).toHaveLength(1);
    w.api().emit(JSON.stringify({ id: 'depth-BTCUSDT', status: 429, error: { code: -1003, msg: 'Too many requests.' } }));
    w.stream.emit(diff(10, 12, '3'));
    await w.transport.settle();
    const s = w.link.status();
    expect(s).toMatchObject({ state: 'syncing', nextAttemptAt: w.clock.now() + 1_000 });
    expect(s.reason).toMatch(/WebSocket API status 429/);
    w.clock.advance(999);
    expect(w.api().sent).toHaveLength(1);
    w.clock.advance(1);
    expect(w.api().sent).toHaveLength(2);
    w.api().emit(depthAnswer(11));
    w.stream.emit(diff(13, 13, '4'));
    await w.transport.settle();
    expect(w.link.status().state).toBe('live');
    // Buffered diff 10..12 straddles the snapshot (11) and applies; 13 follows.
    expect(w.link.session.book.bids.top(5)).toEqual([[100, 4]]);
    expect(w.link.session.book.asks.top(5)).toEqual([[101, 2.5]]);
  });

  it('closes an API socket that never answers and asks again on a fresh one', async () => {
    const w = world();
    w.stream.open();
    await w.transport.settle();
    w.api().open();
    await w.transport.settle();
    w.clock.advance(10_000);
    expect(w.link.status().reason).toMatch(/no snapshot from the WebSocket API \(ws-api\.binance\.com\) within 10 s/);
    expect(w.api().closedByClient).toBe(true);
    w.clock.advance(1_000);
    expect(w.transport.socketsAt('ws-api')).toHaveLength(2);
    w.api().open();
    await w.transport.settle();
    w.api().emit(depthAnswer(20));
    await w.transport.settle();
    expect(w.link.status().state).toBe('live');
    expect(w.link.status().counters).toMatchObject({ snapshots: 1, errors: 1 });
  });
});
