import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadCatalog } from '../../../src/catalog/load';
import { consolidate } from '../../../src/market/consolidate';
import { quotedBook } from '../../../src/market/quoted-book';
import { SimHost } from '../../../src/sim/host';
import { SIM_VENUES } from '../../../src/sim/venues';
import { FEED_IDS, type FeedId } from '../../../src/venues/types';
import type { Settings, View } from '../../../src/worker/api';
import { Engine } from '../../../src/worker/engine';
import { createVenueLink } from '../../../src/worker/link-factory';
import { systemClock, type Transport } from '../../../src/worker/transport';

/** A network with no venue reachable: sockets never open, fetches fail, as on a plane. */
const offline: Transport = {
  connect: (_url, events) => {
    queueMicrotask(() => events.close(1006, 'unreachable'));
    return { send() {}, close() {} };
  },
  fetch: () => Promise.reject(new TypeError('Failed to fetch')),
};

const settings: Settings = {
  base: 'BTC',
  kinds: ['spot', 'perpetual'],
  feeds: [...FEED_IDS],
  currency: 'USD',
  step: 0,
  rows: 20,
  executionSide: 'buy',
  executionSize: 2,
  source: 'demo',
};

// Taken before the fake timers replace it: BingX's gzip runs on Node's thread pool, in real time.
const realSetTimeout = globalThis.setTimeout;
const realSleep = (ms: number): Promise<void> => new Promise((resolve) => realSetTimeout(resolve, ms));

async function settle(ms: number): Promise<void> {
  await vi.advanceTimersByTimeAsync(ms);
  // BingX frames are gzipped by real streams that fake timers do not drive.
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
  await vi.advanceTimersByTimeAsync(0);
}

describe('the worker engine on the demo simulator', () => {
  let host: SimHost;
  let engine: Engine;

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    host = new SimHost(SIM_VENUES, 3);
    engine = new Engine({
      clock: systemClock,
      network: offline,
      createLink: createVenueLink,
      demo: () => (host.start(1), host),
      loadCatalog: (transport, endpoints) => loadCatalog({ transport, clock: systemClock, endpoints }),
    });
  });

  afterEach(() => {
    host.stop();
    vi.useRealTimers();
  });

  /** Every live book in the engine (the feeds' and the rate books) is the simulator's, to 20 levels a side. */
  function booksAreTruth(): boolean {
    return Object.values(engine.books(20)).every((b) => {
      if (!b || b.status.state !== 'live') return true;
      const truth = host.exchange.market(b.market!.feed, b.market!.symbol)?.book;
      return truth !== undefined && JSON.stringify([b.bids, b.asks]) === JSON.stringify([truth.bids.top(20), truth.asks.top(20)]);
    });
  }

  /** Stops the markets, lets every frame in flight land (a gzipped one may take real time), and returns the next view. */
  async function frozenView(after: number): Promise<View> {
    host.stop();
    await settle(100);
    await settle(100);
    for (let i = 0; i < 100 && !booksAreTruth(); i++) {
      await realSleep(20);
      await settle(0);
    }
    return engine.nextView(after);
  }

  it('brings every feed live and shows exactly the simulator books, converted into USD by the rates it shows', async () => {
    await engine.configure(settings);
    await settle(3_000);
    const view = await frozenView(0);
    expect(view.dataNote).toMatch(/simulated/i);
    expect([...view.included].sort()).toEqual([...FEED_IDS].sort());
    for (const v of view.summary!.venues) expect(v.status.state).toBe('live');
    // USDT (and USDC, through USDT) priced from the venues' own stablecoin books, never taken at par.
    const rates = new Map(view.rates.map((r) => [r.from, r]));
    expect(rates.get('USDT')?.sources.length).toBeGreaterThan(0);
    expect(rates.get('USDT')?.rate).not.toBe(1);
    expect(rates.get('USDT')?.stale).toBe(false);

    const truth = view.summary!.venues.map((v) => {
      const rate = v.market!.quote === 'USD' ? 1 : rates.get(v.market!.quote)!.rate!;
      return quotedBook(v.feed, host.exchange.market(v.feed, v.market!.symbol)!.book, rate, v.market!.contractSize, v.market!.inverse === true);
    });
    const expected = consolidate(truth, 0, 20);
    expect(view.consolidated.bids).toEqual(expected.bids);
    expect(view.consolidated.asks).toEqual(expected.asks);
    expect(view.consolidated.bestBid).toEqual(expected.bestBid);
    // OKX SWAP's contracts of 0.01 BTC are shown as BTC.
    const swap = view.summary!.venues.find((v) => v.feed === 'okx-swap')!;
    expect(swap.market!.contractSize).toBe(0.01);
    expect(view.basis?.[0]?.bps).toBeGreaterThan(0);
    expect(view.summary?.execution?.routed.complete).toBe(true);
    expect(view.summary?.execution?.routed.filled).toBeCloseTo(2, 9);
  });

  it('switches pair, drops a venue and changes the step without a restart of the others', async () => {
    await engine.configure(settings);
    await settle(2_000);
    const first = await engine.nextView(0);
    await engine.configure({ ...settings, base: 'ETH', feeds: FEED_IDS.filter((f) => f !== 'kraken'), step: 1 });
    await settle(2_000);
    const view = await frozenView(first.seq);
    expect(view.included).not.toContain('kraken');
    // The first view after the change carries the summary unasked, so the venue panels follow at once.
    expect(view.summary?.venues.find((v) => v.feed === 'kraken')?.status.state).toBe('disabled');
    for (const v of view.summary!.venues.filter((x) => x.feed !== 'kraken')) expect(v.market?.base).toBe('ETH');
    expect(view.consolidated.bestBid!.price).toBeGreaterThan(2_000);
    expect(view.consolidated.bestBid!.price).toBeLessThan(5_000);
    for (const row of view.consolidated.bids) expect(Number.isInteger(row.price)).toBe(true);
  });

  it('builds the summary panels only when asked, at once when the last view had none, and first after a settings change', async () => {
    await engine.configure(settings);
    await settle(1_000);
    const first = await engine.nextView(0);
    expect(first.summary).toBeDefined();
    await settle(500);
    const plain = await frozenView(first.seq);
    expect(plain.summary).toBeUndefined();
    // The market is quiet (nothing changes), yet the summary of the latest books comes without waiting.
    const asked = await engine.nextView(plain.seq, true);
    expect(asked.seq).toBe(plain.seq + 1);
    expect(asked.consolidated).toEqual(plain.consolidated);
    expect(asked.summary?.venues).toHaveLength(FEED_IDS.length);
    expect(asked.summary?.depth.bids.prices.length).toBeGreaterThan(0);
    expect(asked.summary?.execution?.routed.filled).toBeCloseTo(2, 9);
    await engine.configure({ ...settings, step: 1 });
    const afterChange = await engine.nextView(asked.seq);
    expect(afterChange.summary).toBeDefined();
  });

  it('sends the summary unasked when a venue changes state, so its chip shows even a brief outage', async () => {
    await engine.configure(settings);
    await settle(1_000);
    let last = await engine.nextView(0);
    host.inject('okx', 'drop');
    const seen: string[] = [];
    for (let i = 0; i < 40 && !seen.includes('live'); i++) {
      await settle(50);
      last = await engine.nextView(last.seq);
      const okx = last.summary?.venues.find((v) => v.feed === 'okx')?.status.state;
      if (okx && okx !== seen.at(-1)) seen.push(okx);
    }
    expect(seen[0]).not.toBe('live');
    expect(seen.at(-1)).toBe('live');
  });

  it('answers nextView only when something changed since the view the UI holds', async () => {
    await engine.configure(settings);
    await settle(1_000);
    const a = await engine.nextView(0);
    let b: View | undefined;
    void engine.nextView(a.seq).then((v) => (b = v));
    await Promise.resolve();
    expect(b).toBeUndefined();
    await settle(200);
    expect(b!.seq).toBe(a.seq + 1);
  });

  it('falls back to the demo when no venue is reachable from the live source', async () => {
    await engine.configure({ ...settings, source: 'live' });
    await settle(2_000);
    const early = await engine.nextView(0);
    expect(early.included).toEqual([]);
    expect(early.dataNote).toBeUndefined();
    await settle(10_000);
    const view = await frozenView(early.seq);
    expect(view.dataNote).toMatch(/No venue reachable/);
    expect(view.included.length).toBe(FEED_IDS.length);
  });

  it('records raw traffic that replays into the same books', async () => {
    await engine.configure(settings);
    await engine.startRecording();
    await settle(2_000);
    const live = await frozenView(0);
    const recording = await engine.stopRecording();
    expect((await recording.text()).split('\n').length).toBeGreaterThan(50);
    vi.useRealTimers();
    await engine.replay(recording, Infinity);
    const replayed = await engine.nextView(live.seq);
    expect(replayed.replaying).toBe(true);
    expect(replayed.dataNote).toMatch(/Replaying/);
    const venues = (v: View): FeedId[] => [...v.included].sort();
    expect(venues(replayed)).toEqual(venues(live));
    expect(replayed.consolidated.bids).toEqual(live.consolidated.bids);
    expect(replayed.consolidated.asks).toEqual(live.consolidated.asks);
  });
});
