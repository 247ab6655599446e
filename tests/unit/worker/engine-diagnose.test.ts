import { afterEach, describe, expect, it } from 'vitest';
import { SimHost } from '../../../src/sim/host';
import { SIM_VENUES } from '../../../src/sim/venues';
import { VENUE_IDS } from '../../../src/venues/types';
import { parseRecordedEvent } from '../../../src/feed/recording';
import { Engine } from '../../../src/worker/engine';
import { createVenueLink } from '../../../src/worker/link-factory';
import { MemoryStore } from '../../../src/worker/recording-store';
import { systemClock, type Transport } from '../../../src/worker/transport';
import { FakeClock, catalogLoader } from './fakes';

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe('the engine runs the conformance check (?diagnose)', () => {
  const hosts: SimHost[] = [];
  afterEach(() => {
    for (const host of hosts.splice(0)) host.stop();
  });

  it('reports every venue live on the demo simulator, and hands over the recording of it', async () => {
    const host = new SimHost(SIM_VENUES, 3);
    hosts.push(host);
    const network: Transport = { connect: () => { throw new Error('unused'); }, fetch: () => Promise.reject(new Error('unused')) };
    const engine = new Engine({ clock: systemClock, network, createLink: createVenueLink, demo: () => (host.start(2), host), recordingStore: async () => new MemoryStore(), loadCatalog: catalogLoader(systemClock) });
    const running = engine.diagnose({ source: 'demo', venues: [...VENUE_IDS], seconds: 2 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const partial = await engine.diagnosis();
    expect(partial?.done).toBe(false);
    expect(partial?.rows.every((r) => r.verdict === undefined)).toBe(true);

    const final = await running;
    expect(final.done).toBe(true);
    expect(final.rows.map((r) => [r.venue, r.verdict, r.connected])).toEqual(VENUE_IDS.map((v) => [v, 'live', true]));
    for (const row of final.rows) {
      expect(row.secondsToLive).toBeLessThan(2);
      expect(row.bestBid).toBeLessThan(row.bestAsk!);
    }
    expect(await engine.diagnosis()).toEqual(final);
    const lines = (await (await engine.stopRecording()).text()).trim().split('\n').map(parseRecordedEvent);
    expect(new Set(lines.filter((e) => e.kind === 'open').map((e) => e.venue))).toEqual(new Set(VENUE_IDS));
  });

  it('reports venues nothing of which answers as unreachable, and never swaps in the demo', async () => {
    const clock = new FakeClock();
    // What a page sees with no network: every socket drops without a close frame, every fetch is a TypeError.
    const offline: Transport = {
      connect(_url, events) {
        clock.setTimeout(() => events.close(1006, ''), 20);
        return { send() {}, close() {} };
      },
      fetch: () => Promise.reject(new TypeError('Failed to fetch')),
    };
    const engine = new Engine({ clock, network: offline, createLink: createVenueLink, recordingStore: async () => new MemoryStore(), loadCatalog: catalogLoader(clock) });
    const running = engine.diagnose({ source: 'live', venues: [...VENUE_IDS], seconds: 30 });
    await settle();
    for (let s = 0; s < 30; s++) {
      clock.advance(1000);
      await settle();
    }
    const final = await running;
    expect(final.rows.map((r) => [r.venue, r.verdict, r.connected])).toEqual(VENUE_IDS.map((v) => [v, 'unreachable', false]));
    expect(final.rows.every((r) => r.frames === 0 && r.bestBid === undefined)).toBe(true);
    // 30 s is past the 10 s after which the trading screen falls back to the demo: the check did not.
    expect((await engine.nextView(0)).dataNote).toBeUndefined();
  });
});
