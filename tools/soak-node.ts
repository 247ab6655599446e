/**
 * The soak's Node target: the worker's own venue links (createVenueLink, real clock) over the in-memory simulator
 * transport, in this process; its heap is this process's.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { simEndpoints } from '../src/sim/endpoints';
import { SimHost } from '../src/sim/host';
import { SIM_VENUES } from '../src/sim/venues';
import { PROTOCOLS } from '../src/venues';
import { marketOf } from '../src/catalog/types';
import { simCatalog } from '../src/sim/listings';
import { VENUE_IDS, type VenueId } from '../src/venues/types';
import type { FeedLink, LinkTuning } from '../src/worker/engine';
import { createVenueLink } from '../src/worker/link-factory';
import { SimTransport } from '../src/worker/sim-transport';
import { systemClock } from '../src/worker/transport';
import { sameLevels, sleep, type SoakOptions, type SoakTarget, type VenueCheck } from './soak';

/** Short timeouts so that a silent socket is declared dead and replaced within seconds. */
const TUNING: LinkTuning = { staleAfterMs: 2_000, deadAfterMs: 5_000, backoffInitialMs: 500, backoffMaxMs: 4_000, healthyAfterMs: 10_000 };

export async function nodeTarget(options: SoakOptions): Promise<SoakTarget> {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const host = new SimHost(SIM_VENUES, options.seed);
  host.start(options.speed);
  const transport = new SimTransport(host);
  const links = new Map<VenueId, FeedLink>();
  const markets = new Map<VenueId, { symbol: string; depth?: number }>();
  for (const venue of VENUE_IDS) {
    const protocol = PROTOCOLS[venue];
    const market = marketOf(simCatalog(), venue, 'BTC');
    if (!protocol || !market) continue;
    const link = createVenueLink({
      protocol,
      market,
      endpoints: simEndpoints(protocol, 'http://soak.invalid'),
      transport,
      clock: systemClock,
      tuning: TUNING,
      onChange: () => {},
    });
    links.set(venue, link);
    markets.set(venue, { symbol: market.symbol, depth: protocol.depth });
    link.start();
  }
  await sleep(5_000);
  return {
    label: 'worker venue links over the in-memory simulator, in this process',
    heapMethod: 'process.memoryUsage().heapUsed after two forced GCs',
    host,
    venues: [...links.keys()],
    restVenues: [...links.keys()].filter((v) => links.get(v)!.status().snapshotPath === 'rest'),
    deadAfterMs: TUNING.deadAfterMs!,
    async check(skip, depth): Promise<VenueCheck[]> {
      for (const venue of links.keys()) host.setTicking(venue, false);
      try {
        await sleep(150);
        await Promise.all([...links.values()].map((l) => l.idle()));
        await sleep(50);
        return [...links].map(([venue, link]): VenueCheck => {
          const status = link.status();
          if (status.state !== 'live' || skip(venue)) return { venue, outcome: 'not-live' };
          const { symbol, depth: subscribed } = markets.get(venue)!;
          const truth = host.exchange.market(venue, symbol)!.book;
          // A venue on its partial-depth channel is held to the top it shows.
          const k = Math.min(depth, status.partial?.depth ?? subscribed ?? depth);
          const book = link.session.book;
          if (sameLevels(book.bids.top(k), truth.bids.top(k)) && sameLevels(book.asks.top(k), truth.asks.top(k))) return { venue, outcome: 'ok' };
          return {
            venue,
            outcome: 'mismatch',
            detail: `bid ${JSON.stringify(book.bids.top(2))} vs ${JSON.stringify(truth.bids.top(2))}, ask ${JSON.stringify(book.asks.top(2))} vs ${JSON.stringify(truth.asks.top(2))}`,
          };
        });
      } finally {
        for (const venue of links.keys()) host.setTicking(venue, true);
      }
    },
    async totals() {
      const sum: Record<string, number> = {};
      for (const link of links.values()) for (const [k, v] of Object.entries(link.status().counters)) sum[k] = (sum[k] ?? 0) + v;
      return sum;
    },
    async heapMb() {
      gc();
      gc();
      return { process: Math.round((process.memoryUsage().heapUsed / 2 ** 20) * 10) / 10 };
    },
    async stop() {
      for (const link of links.values()) link.stop();
      host.stop();
      await sleep(500);
    },
  };
}
