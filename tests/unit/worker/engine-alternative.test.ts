import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SimHost } from '../../../src/sim/host';
import { SIM_VENUES } from '../../../src/sim/venues';
import type { Settings } from '../../../src/worker/api';
import { Engine } from '../../../src/worker/engine';
import { createVenueLink } from '../../../src/worker/link-factory';
import { systemClock, type Transport } from '../../../src/worker/transport';
import { catalogLoader } from './fakes';

const unused: Transport = {
  connect: () => {
    throw new Error('the demo source never uses the network');
  },
  fetch: () => Promise.reject(new Error('the demo source never uses the network')),
};

// Two text venues: no gzip, so fake timers drive everything.
const settings: Settings = { base: 'BTC', kinds: ['spot'], feeds: ['binance', 'okx'], currency: 'USDT', step: 0, rows: 10, executionSide: 'buy', executionSize: 1, source: 'demo' };

describe('the engine and a venue switched to its alternative host', () => {
  let host: SimHost;
  let engine: Engine;

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    host = new SimHost(SIM_VENUES, 3);
    engine = new Engine({ clock: systemClock, network: unused, createLink: createVenueLink, demo: () => (host.start(1), host), loadCatalog: catalogLoader(systemClock) });
  });

  afterEach(() => {
    host.stop();
    vi.useRealTimers();
  });

  const status = (venue: 'binance' | 'okx') => engine.books(1)[venue]!.status;
  async function until(check: () => boolean, what: string): Promise<void> {
    for (let i = 0; i < 600 && !check(); i++) await vi.advanceTimersByTimeAsync(100);
    expect(check(), what).toBe(true);
  }

  it('reconnects that venue alone, on the alternative host, and back on the main one when asked', async () => {
    await engine.configure(settings);
    await until(() => status('binance').state === 'live' && status('okx').state === 'live', 'both live');

    host.inject('binance', 'region-block');
    host.inject('binance', 'drop');
    await until(() => status('binance').regionHint !== undefined, 'the region hint');
    expect(status('binance')).toMatchObject({ state: 'down', alternative: { name: 'Binance.US' } });

    const okxBefore = status('okx').counters;
    await engine.configure({ ...settings, alternativeHosts: ['binance'] });
    await until(() => status('binance').state === 'live', 'Binance live on Binance.US');
    expect(status('binance')).toMatchObject({ note: 'connected to Binance.US (demo.invalid), by choice', regionHint: undefined, alternative: undefined });
    expect(status('binance').counters.snapshots).toBe(1);
    // OKX's link was left alone: no reconnect, and it kept receiving.
    await vi.advanceTimersByTimeAsync(1_000);
    expect(status('okx')).toMatchObject({ state: 'live', counters: { reconnects: okxBefore.reconnects } });
    expect(status('okx').counters.messages).toBeGreaterThan(okxBefore.messages);

    host.inject('binance', 'region-open');
    await engine.configure(settings);
    await until(() => status('binance').state === 'live', 'Binance live on its main host');
    expect(status('binance').note).toBeUndefined();
  });
});
