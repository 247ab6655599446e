/**
 * The only places the app may connect to: every venue's own hosts (read from the protocols, so the list never
 * drifts from the code that dials them), the alternative hosts a venue can be switched to, and the exchange
 * simulator on loopback at its one configured port (`npm run sim`, `?feeds=local`; src/sim/port.ts).
 *
 * The build writes this list into the page's Content-Security-Policy (`connect-src`). A policy in a <meta> tag
 * does not reach a dedicated worker, though (a worker takes its policy from its own response headers, and GitHub
 * Pages sends none), and the worker is where every connection is made: so the worker's transport checks the same
 * list itself before it dials (`guardedTransport`).
 */
import { CATALOG_SOURCES } from '../catalog/sources';
import { SIM_ORIGIN } from '../sim/port';
import { PROTOCOLS } from '../venues/index';
import type { Endpoints } from '../venues/types';
import { ALTERNATIVE_HOSTS } from './alternative-hosts';
import type { Transport } from './transport';

/**
 * The loopback simulator, plain HTTP and WebSocket (it never leaves the machine), on its configured port only:
 * any other port on the machine may be another program that the page has no business talking to.
 */
export const LOOPBACK_SOURCES: readonly string[] = [new URL(SIM_ORIGIN).origin, new URL(SIM_ORIGIN.replace(/^http/, 'ws')).origin];

function origins(endpoints: Endpoints): string[] {
  return [endpoints.stream, endpoints.rest, endpoints.api].filter((u): u is string => !!u).map((u) => new URL(u).origin);
}

/** Origins (scheme, host and port when not the default) of every venue host and alternative host, sorted. */
export function venueOrigins(): string[] {
  const all = [
    ...Object.values(PROTOCOLS).flatMap((p) => origins(p.endpoints)),
    ...Object.values(ALTERNATIVE_HOSTS).flatMap((a) => (a ? origins(a.endpoints) : [])),
    // The instrument lists, where a venue serves them on a host its books are not on (api.kraken.com, ...).
    ...Object.values(CATALOG_SOURCES).flatMap(({ endpoint }) => [endpoint.rest, endpoint.api].filter((u): u is string => !!u).map((u) => new URL(u).origin)),
  ];
  return [...new Set(all)].sort();
}

/** The CSP `connect-src` sources: the page itself, the venues and loopback. */
export function connectSources(): string[] {
  return ["'self'", ...venueOrigins(), ...LOOPBACK_SOURCES];
}

/** The page's Content-Security-Policy, as the build writes it into index.html. */
export function contentSecurityPolicy(): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "worker-src 'self'",
    `connect-src ${connectSources().join(' ')}`,
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');
}

/**
 * Whether the worker may connect to `url`: a venue or alternative host over https:/wss:, or the loopback simulator
 * over http:/ws:. Any other scheme is refused by name, not by its origin: a `blob:` URL's origin is the origin it
 * was made under (`blob:https://api.binance.com/…` has a venue's), and `data:`, `javascript:` or `file:` have none.
 */
export function isAllowedUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.username || parsed.password) return false;
  switch (parsed.protocol) {
    case 'https:':
    case 'wss:':
      allowedOrigins ??= new Set(venueOrigins());
      return allowedOrigins.has(parsed.origin);
    case 'http:':
    case 'ws:':
      return LOOPBACK_SOURCES.includes(parsed.origin);
    default:
      return false;
  }
}

let allowedOrigins: Set<string> | undefined;

/** A transport that refuses any URL `isAllowedUrl` does not accept, the way the CSP does on the page. */
export function guardedTransport(inner: Transport, allowed: (url: string) => boolean = isAllowedUrl): Transport {
  const refuse = (url: string): Error => new Error(`refused: ${new URL(url, 'http://invalid').host || url} is not a venue host`);
  return {
    connect(url, events) {
      if (!allowed(url)) throw refuse(url);
      return inner.connect(url, events);
    },
    fetch(url, timeoutMs) {
      if (!allowed(url)) return Promise.reject(refuse(url));
      return inner.fetch(url, timeoutMs);
    },
  };
}
