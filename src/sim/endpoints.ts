import type { Endpoints, VenueId, VenueProtocol } from '../venues/types';

/**
 * A venue's endpoints moved under a simulator origin: `/<venue>` followed by the real URL's path, so that
 * `wss://ws.kraken.com/v2` becomes `ws://127.0.0.1:8790/kraken/v2` and the simulated venue sees `/v2`.
 */
export function simEndpoints(protocol: VenueProtocol, origin: string): Endpoints {
  const httpOrigin = origin.replace(/\/$/, '');
  const wsOrigin = httpOrigin.replace(/^http/, 'ws');
  const move = (real: string, to: string): string => `${to}/${protocol.id}${new URL(real).pathname.replace(/\/$/, '')}`;
  const { stream, rest, api } = protocol.endpoints;
  return {
    stream: move(stream, wsOrigin),
    rest: rest === undefined ? undefined : move(rest, httpOrigin),
    api: api === undefined ? undefined : move(api, wsOrigin),
  };
}

/** Splits a simulator URL into the venue and the venue's own path (with its query). */
export function simRoute(url: string): { venue: VenueId; path: string; query: URLSearchParams } | undefined {
  const u = new URL(url);
  const match = /^\/([a-z]+)(\/.*)?$/.exec(u.pathname);
  if (!match) return undefined;
  return { venue: match[1] as VenueId, path: match[2] ?? '/', query: u.searchParams };
}
