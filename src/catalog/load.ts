import { FEED_IDS, type FeedId } from '../venues/types';
import { describe } from '../worker/status-text';
import type { Clock, Transport } from '../worker/transport';
import { builtInMarkets } from './built-in';
import { buildTimeFeed, readBuildTimeCatalog } from './build-time';
import { fetchFeedMarkets, getText } from './fetch-feed';
import { CATALOG_SOURCES, type CatalogEndpoint } from './sources';
import type { Catalog, FeedCatalog } from './types';

/** Time a feed's live list may take, all its requests together, before the build-time one is used. */
export const LIVE_TIMEOUT_MS = 10_000;
/** Time the site's own `catalog.json` may take. */
export const BUILD_TIME_TIMEOUT_MS = 5_000;

export interface CatalogDeps {
  /** How the venues are reached: the worker's guarded browser transport, or the simulator's. */
  readonly transport: Transport;
  readonly clock: Clock;
  /**
   * The catalog the site was built with: its URL (`catalog.json` beside the app) and how to fetch it (the page's
   * own origin, which is not a venue host); undefined where there is none (the in-worker demo, tests).
   */
  readonly buildTime?: { readonly url: string; readonly fetch: Transport['fetch'] };
  /** Where each feed's list is asked for, where not at the venue's own hosts (the loopback simulator). */
  readonly endpoints?: Partial<Record<FeedId, CatalogEndpoint>>;
  /** The feeds to load; every feed by default. */
  readonly feeds?: readonly FeedId[];
  /** Time a feed's live list may take; LIVE_TIMEOUT_MS by default. */
  readonly liveTimeoutMs?: number;
}

/**
 * `work`, or a rejection saying `late` once `ms` have passed without it; `work` is still seen through, so its end
 * is never an unhandled rejection.
 */
function withDeadline<T>(work: Promise<T>, clock: Clock, ms: number, late: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = clock.setTimeout(() => reject(new Error(`${late} in ${ms / 1000} s`)), ms);
    work.then(
      (value) => {
        clock.clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clock.clearTimeout(timer);
        reject(error);
      },
    );
  });
}

type BuildTimeFile = ReturnType<typeof readBuildTimeCatalog>;

async function fetchBuildTime(deps: CatalogDeps): Promise<BuildTimeFile> {
  if (!deps.buildTime) throw new Error('none in this mode');
  const text = getText(deps.buildTime.fetch, deps.buildTime.url, BUILD_TIME_TIMEOUT_MS);
  return readBuildTimeCatalog(await withDeadline(text, deps.clock, BUILD_TIME_TIMEOUT_MS, 'no answer'));
}

/** One feed's catalog from the best source that answers: its venue now, the site's build, the code. */
async function loadFeed(feed: FeedId, deps: CatalogDeps, buildTime: () => Promise<BuildTimeFile>): Promise<FeedCatalog> {
  const source = CATALOG_SOURCES[feed];
  const liveTimeoutMs = deps.liveTimeoutMs ?? LIVE_TIMEOUT_MS;
  let live: string;
  try {
    const options = { transport: deps.transport, clock: deps.clock, sockets: true, timeoutMs: liveTimeoutMs };
    const markets = await withDeadline(fetchFeedMarkets(source, deps.endpoints?.[feed] ?? source.endpoint, options), deps.clock, liveTimeoutMs, 'no full list');
    return { feed, source: 'live', fetchedAt: deps.clock.now(), markets };
  } catch (error) {
    live = `live list: ${describe(error)}`;
  }
  let build: string;
  try {
    const entry = buildTimeFeed((await buildTime()).feeds, feed);
    if (entry) return { feed, source: 'build', fetchedAt: entry.fetchedAt, markets: entry.markets, note: live };
    build = "site's catalog: the build could not fetch this feed";
  } catch (error) {
    build = `site's catalog: ${describe(error)}`;
  }
  return { feed, source: 'built-in', markets: builtInMarkets(feed), note: `${live}; ${build}` };
}

/**
 * The instrument catalog: every feed's list from its venue (live), else from the catalog the site was built with
 * (fetched once, when a feed first needs it), else the built-in list; each says where it came from, how old it is
 * and why a better source was not used. Feeds load concurrently, each within its own time, so a venue that fails
 * or hangs holds no other back. Never rejects.
 */
export async function loadCatalog(deps: CatalogDeps): Promise<Catalog> {
  let file: Promise<BuildTimeFile> | undefined;
  const buildTime = (): Promise<BuildTimeFile> => (file ??= fetchBuildTime(deps));
  const feeds = await Promise.all((deps.feeds ?? FEED_IDS).map((feed) => loadFeed(feed, deps, buildTime)));
  return Object.fromEntries(feeds.map((c) => [c.feed, c])) as Catalog;
}
