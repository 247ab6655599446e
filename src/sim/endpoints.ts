import type { Endpoints, VenueId, VenueProtocol } from '../venues/types';

/**
 * Where the simulator serves a venue's alternative host (Binance.US for Binance): the same simulated venue under a
 * prefix of its own, so a region block can refuse the main host's paths and let these through.
 */
export const SIM_ALTERNATIVE_PREFIXES: Partial<Record<VenueId, string>> = { binance: 'binanceus' };

/**
 * A venue's endpoints moved under a simulator origin: `/<venue>` followed by the real URL's path, so that
 * `wss://ws.kraken.com/v2` becomes `ws://127.0.0.1:8790/kraken/v2` and the simulated venue sees `/v2`. Given the
 * venue's alternative host's endpoints, those move under its prefix instead (`/binanceus/...`).
 */
export function simEndpoints(protocol: VenueProtocol, origin: string, alternative?: Endpoints): Endpoints {
  const prefix = alternative ? SIM_ALTERNATIVE_PREFIXES[protocol.id] : protocol.id;
  if (!prefix) throw new Error(`the simulator serves no alternative host for ${protocol.id}`);
  const httpOrigin = origin.replace(/\/$/, '');
  const wsOrigin = httpOrigin.replace(/^http/, 'ws');
  const move = (real: string, to: string): string => `${to}/${prefix}${new URL(real).pathname.replace(/\/$/, '')}`;
  const { stream, rest, api } = alternative ?? protocol.endpoints;
  return {
    stream: move(stream, wsOrigin),
    rest: rest === undefined ? undefined : move(rest, httpOrigin),
    api: api === undefined ? undefined : move(api, wsOrigin),
  };
}

/** A simulator URL split: the venue, whether it was reached as its alternative host, and its own path and query. */
export interface SimRoute {
  readonly venue: VenueId;
  readonly alternative: boolean;
  readonly path: string;
  readonly query: URLSearchParams;
}

export function simRoute(url: string): SimRoute | undefined {
  const u = new URL(url);
  const match = /^\/([a-z]+)(\/.*)?$/.exec(u.pathname);
  if (!match) return undefined;
  const prefix = match[1]!;
  const alternativeOf = (Object.keys(SIM_ALTERNATIVE_PREFIXES) as VenueId[]).find((v) => SIM_ALTERNATIVE_PREFIXES[v] === prefix);
  return { venue: alternativeOf ?? (prefix as VenueId), alternative: alternativeOf !== undefined, path: match[2] ?? '/', query: u.searchParams };
}
