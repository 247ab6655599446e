import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { Replayer } from '../../../src/feed/replay';
import { replayedSession } from '../../helpers/markets';
import { SimHost } from '../../../src/sim/host';
import { SIM_VENUES } from '../../../src/sim/venues';
import { FEED_IDS } from '../../../src/venues/types';
import type { Settings, View } from '../../../src/worker/api';
import { Engine, type EngineDeps } from '../../../src/worker/engine';
import { createVenueLink } from '../../../src/worker/link-factory';
import { MEMORY_CAP_BYTES, MemoryStore } from '../../../src/worker/recording-store';
import { catalogLoader } from './fakes';
import { systemClock, type Transport } from '../../../src/worker/transport';

/** The demo source runs on the engine's own simulator: the network is never used. */
const noNetwork: Transport = {
  connect: () => {
    throw new Error('the demo source does not use the network');
  },
  fetch: () => Promise.reject(new Error('the demo source does not use the network')),
};

const settings: Settings = { base: 'BTC', kinds: ['spot', 'perpetual'], feeds: [...FEED_IDS], currency: 'USD', step: 0, rows: 10, executionSide: 'buy', executionSize: 1, source: 'demo' };
const fixture = readFileSync(new URL('../../fixtures/binance/nknusdt-recording.jsonl', import.meta.url), 'utf8');
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('the engine records and replays files', () => {
  const hosts: SimHost[] = [];
  afterEach(() => {
    for (const host of hosts.splice(0)) host.stop();
  });

  function engine(deps: Partial<EngineDeps> = {}): Engine {
    const host = new SimHost(SIM_VENUES, 5);
    hosts.push(host);
    return new Engine({ clock: systemClock, network: noNetwork, createLink: createVenueLink, demo: () => (host.start(4), host), loadCatalog: catalogLoader(systemClock), ...deps });
  }

  /** The newest view, built now. */
  async function viewOf(e: Engine): Promise<View> {
    const last = await e.nextView(0);
    return e.nextView(last.seq, true);
  }

  it('keeps a recording in memory, with its cap on the view, where there is no file storage (Node)', async () => {
    const e = engine();
    await e.configure(settings);
    await e.startRecording();
    await sleep(500);
    const view = await viewOf(e);
    expect(view.recording).toMatchObject({ active: true, capBytes: MEMORY_CAP_BYTES });
    expect(view.recording.events).toBeGreaterThan(10);
    const file = await e.stopRecording();
    expect(file.size).toBeGreaterThanOrEqual(view.recording.bytes);
    expect((await viewOf(e)).recording).toEqual({ active: false, events: 0, bytes: 0 });
  });

  it('stops recording at the cap and says so on the view', async () => {
    const e = engine({ recordingStore: async () => new MemoryStore(30_000) });
    await e.configure(settings);
    await e.startRecording();
    let view = await viewOf(e);
    for (let i = 0; i < 50 && !view.recording.halted; i++) {
      await sleep(100);
      view = await viewOf(e);
    }
    expect(view.recording.halted).toMatch(/limit/);
    const file = await e.stopRecording();
    expect(file.size).toBe(view.recording.bytes);
    expect(file.size).toBeLessThanOrEqual(30_000);
  });

  it('replays a file with unreadable lines to its end, the view carrying the progress', async () => {
    const e = engine();
    await e.configure(settings);
    const lines = fixture.trim().split('\n');
    lines.splice(10, 0, 'not a line of a recording', '{"t":1}');
    const file = new File([lines.join('\n')], 'mixed.jsonl');
    await e.replay(file, Infinity);
    const view = await viewOf(e);
    expect(view.replaying).toBe(true);
    expect(view.replay).toEqual({
      name: 'mixed.jsonl',
      speed: Infinity,
      bytesRead: file.size,
      totalBytes: file.size,
      lines: 154,
      unreadable: 2,
      done: true,
      failed: undefined,
      // The recording's span, for the scrubber: its first and last events' times.
      startT: 1633998511159,
      atT: 1633998542077,
      endT: 1633998542077,
    });
    expect(view.included).toEqual(['binance']);
    expect(view.consolidated.bids[0]?.price).toBe(0.3527);
  });

  it('seeks back in a replay to the book the recording held then, and plays on from there', async () => {
    const e = engine();
    await e.configure(settings);
    const file = new File([fixture], 'nkn.jsonl');
    await e.replay(file, Infinity);
    const end = await viewOf(e);
    // The book as the recording had it half way: the same lines fed to a replayer up to that time.
    const lines = fixture.trim().split('\n');
    const half = (JSON.parse(lines[0]!) as { t: number }).t + 15_000;
    const expected = new Replayer();
    for (const line of lines) if ((JSON.parse(line) as { t: number }).t <= half) await expected.line(line);
    const wanted = replayedSession(expected, 'binance').book.bids.top(5);
    expect(end.consolidated.bids.slice(0, 5).map((r) => [r.price, r.size])).not.toEqual(wanted);
    // A slow replay from there, so the seek target can be watched before it plays on.
    await e.stopReplay();
    const slow = e.replay(new File([fixture], 'nkn.jsonl'), 0.01);
    await sleep(50);
    await e.seekReplay(half);
    let seen: View | undefined;
    for (let i = 0; i < 100; i++) {
      seen = await viewOf(e);
      if ((seen.replay?.atT ?? 0) >= half - 1_000) break;
      await sleep(20);
    }
    expect(seen!.replay!.atT).toBeLessThanOrEqual(half);
    expect(seen!.consolidated.bids.slice(0, 5).map((r) => [r.price, r.size])).toEqual(wanted);
    await e.stopReplay();
    await slow;
  });

  it('keeps the recorded timing at the chosen speed', async () => {
    const e = engine();
    await e.configure(settings);
    const t = 1_700_000_000_000;
    const events = [0, 200, 400].map((dt) => JSON.stringify({ t: t + dt, venue: 'binance', kind: 'close' }));
    const started = Date.now();
    await e.replay(new Blob([events.join('\n')]), 2);
    // 400 ms of recording at 2x: 200 ms.
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('refuses a file that is not a recording and stays on the feeds', async () => {
    const e = engine();
    await e.configure(settings);
    await expect(e.replay(new File([randomBytes(100_000)], 'noise.bin'), 1)).rejects.toThrow(/not a recording: none of its first [\d,]+ lines is a recorded event/);
    const view = await viewOf(e);
    expect(view.replaying).toBe(false);
    expect(view.replay).toBeUndefined();
    expect(view.dataNote).toMatch(/Demo mode/);
  });
});
