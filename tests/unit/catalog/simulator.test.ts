import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../../src/catalog/load';
import { CATALOG_SOURCES, type CatalogEndpoint } from '../../../src/catalog/sources';
import { SimHost } from '../../../src/sim/host';
import { simHostOf } from '../../../src/sim/hosts';
import { simCatalog } from '../../../src/sim/listings';
import { SIM_VENUES } from '../../../src/sim/venues';
import { FEED_IDS, type FeedId } from '../../../src/venues/types';
import { SimTransport } from '../../../src/worker/sim-transport';
import type { Transport } from '../../../src/worker/transport';
import { FakeClock } from '../worker/fakes';

/** A feed's instrument hosts under a simulator origin, as the simulator serves every host: `/<host>` + the real path. */
function simCatalogEndpoint(feed: FeedId, origin: string): CatalogEndpoint {
  const { rest, api } = CATALOG_SOURCES[feed].endpoint;
  const move = (real: string, to: string): string => `${to}/${simHostOf(feed)}${new URL(real).pathname.replace(/\/$/, '')}`;
  return { rest: move(rest, origin), api: api && move(api, origin.replace(/^http/, 'ws')) };
}

describe("the catalog on the simulator's instrument endpoints", () => {
  it('reads every feed live, each list equal to what the simulator lists (Binance spot over its WebSocket API)', async () => {
    const origin = 'http://sim.invalid';
    const endpoints = Object.fromEntries(FEED_IDS.map((feed) => [feed, simCatalogEndpoint(feed, origin)]));
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
