import { CATALOG_SOURCES, type CatalogEndpoint } from '../catalog/sources';
import { FEED_IDS, type Endpoints, type FeedId, type VenueProtocol } from '../venues/types';
import { isSimHost, simHostOf, type SimHostId } from './hosts';

/**
 * Where the simulator serves a feed's alternative host (Binance.US for Binance spot): the same simulated host under
 * a prefix of its own, so a region block can refuse the main host's paths and let these through.
 */
export const SIM_ALTERNATIVE_PREFIXES: Partial<Record<FeedId, string>> = { binance: 'binanceus' };

/** `real` (a stream, REST or WebSocket API URL) moved under a simulator origin, behind `/<prefix>`: its path kept. */
function moved(real: string, origin: string, prefix: string): string {
  const httpOrigin = origin.replace(/\/$/, '');
  const to = /^wss?:/.test(real) ? httpOrigin.replace(/^http/, 'ws') : httpOrigin;
  return `${to}/${prefix}${new URL(real).pathname.replace(/\/$/, '')}`;
}

/**
 * Any URL of a feed's venue host moved under a simulator origin: `/<host>` followed by the real URL's path, so that
 * `https://api.kraken.com` becomes `http://127.0.0.1:8790/kraken` and the simulated host sees what follows it
 * (`/0/public/AssetPairs`). Feeds on one real host get one prefix (OKX spot and SWAP both `/okx`, Bybit spot and
 * linear both `/bybit`), feeds on hosts of their own one each (`/binance-usdm`, `/bingx-swap`): src/sim/hosts.ts.
 * For URLs a feed's protocol does not hold, such as its instrument list's.
 */
export function simUrl(feed: FeedId, real: string, origin: string): string {
  return moved(real, origin, simHostOf(feed));
}

/** Where every feed's instrument list is asked for on a simulator origin: the real hosts' URLs moved under it. */
export function simCatalogEndpoints(origin: string): Record<FeedId, CatalogEndpoint> {
  const entries = FEED_IDS.map((feed): [FeedId, CatalogEndpoint] => {
    const { rest, api } = CATALOG_SOURCES[feed].endpoint;
    return [feed, { rest: simUrl(feed, rest, origin), api: api === undefined ? undefined : simUrl(feed, api, origin) }];
  });
  return Object.fromEntries(entries) as Record<FeedId, CatalogEndpoint>;
}

/**
 * A feed's endpoints moved under a simulator origin (see `simUrl`): `wss://ws.kraken.com/v2` becomes
 * `ws://127.0.0.1:8790/kraken/v2` and the simulated host sees `/v2`. Given the feed's alternative host's endpoints,
 * those move under its prefix instead (`/binanceus/...`).
 */
export function simEndpoints(protocol: VenueProtocol, origin: string, alternative?: Endpoints): Endpoints {
  const prefix = alternative ? SIM_ALTERNATIVE_PREFIXES[protocol.id] : simHostOf(protocol.id);
  if (!prefix) throw new Error(`the simulator serves no alternative host for ${protocol.id}`);
  const { stream, rest, api } = alternative ?? protocol.endpoints;
  return {
    stream: moved(stream, origin, prefix),
    rest: rest === undefined ? undefined : moved(rest, origin, prefix),
    api: api === undefined ? undefined : moved(api, origin, prefix),
  };
}

/** A simulator URL split: the host, whether it was reached as its alternative host, and its own path and query. */
export interface SimRoute {
  readonly host: SimHostId;
  readonly alternative: boolean;
  readonly path: string;
  readonly query: URLSearchParams;
}

/** The simulated host a simulator URL reaches, and the path it asks there; undefined for no host's prefix. */
export function simRoute(url: string): SimRoute | undefined {
  const u = new URL(url);
  const match = /^\/([a-z-]+)(\/.*)?$/.exec(u.pathname);
  if (!match) return undefined;
  const prefix = match[1]!;
  const alternativeOf = (Object.keys(SIM_ALTERNATIVE_PREFIXES) as FeedId[]).find((feed) => SIM_ALTERNATIVE_PREFIXES[feed] === prefix);
  const host = alternativeOf ? simHostOf(alternativeOf) : prefix;
  if (!isSimHost(host)) return undefined;
  return { host, alternative: alternativeOf !== undefined, path: match[2] ?? '/', query: u.searchParams };
}
