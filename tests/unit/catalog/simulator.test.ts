import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../../src/catalog/load';
import { SimHost } from '../../../src/sim/host';
import { simCatalogEndpoints } from '../../../src/sim/endpoints';
import { simCatalog } from '../../../src/sim/listings';
import { SIM_VENUES } from '../../../src/sim/venues';
import { FEED_IDS } from '../../../src/venues/types';
import { SimTransport } from '../../../src/worker/sim-transport';
import type { Transport } from '../../../src/worker/transport';
import { FakeClock } from '../worker/fakes';

describe("the catalog on the simulator's instrument endpoints", () => {
  it('reads every feed live, each list equal to what the simulator lists (Binance spot over its WebSocket API)', async () => {
    const origin = 'http://sim.invalid';
    const endpoints = simCatalogEndpoints(origin);
    const sim = new SimTransport(new SimHost(SIM_VENUES, 1));
    const fetched: string[] = [];
    const transport: Transport = { connect: (url, events) => sim.connect(url, events), fetch: (url) => (fetched.push(url), sim.fetch(url)) };
    const catalog = await loadCatalog({ transport, clock: new FakeClock(), endpoints });
    expect(fetched.filter((url) => url.includes('/binance/'))).toEqual([]);
    const listed = simCatalog();
    for (const feed of FEED_IDS) {
      expect(catalog[feed]?.source, feed).toBe('live');
      expect(catalog[feed]?.markets, feed).toEqual(listed[feed]?.markets);
    }
  });
});
