import type { Endpoints, FeedId } from '../venues/types';

const HOUR = 3_600_000;

/**
 * Feeds that cut every connection at a fixed age: reconnect cleanly a little before they do. Binance spot and USD-M
 * futures each say "A single connection ... is only valid for 24 hours" (their WebSocket Market Streams pages).
 */
export const CONNECTION_AGE_LIMIT_MS: Partial<Record<FeedId, number>> = {
  binance: 24 * HOUR,
  'binance-usdm': 24 * HOUR,
  asterdex: 24 * HOUR,
};

export interface VenueLinkOptions {
  /** Hosts to use; default the protocol's own (or the alternative host with `useAlternativeHost`). */
  readonly endpoints?: Endpoints;
  /**
   * Connect to the venue's alternative host (Binance.US) instead of its main one: `endpoints`, when given, are
   * where that host is reached (the simulator's). Never done silently: the status notes it.
   */
  readonly useAlternativeHost?: boolean;
  /** How `request` venues take their snapshot at first; REST switches to the WebSocket API on a CORS refusal. */
  readonly snapshotVia?: 'rest' | 'api';
  /**
   * Ask for the stream on the socket the venue's other markets share, where the protocol multiplexes and can leave a
   * market (`unsubscribe`); the transport shares it if a SharedSockets is under it, else the socket is the link's own.
   */
  readonly shareStream?: boolean;
  /** No frame for this long on an open socket: 'stale'. Default 15 s. */
  readonly staleAfterMs?: number;
  /** No frame for this long: the socket is declared dead, closed and opened again. Default 60 s. */
  readonly deadAfterMs?: number;
  /** The socket must open within this. Default 10 s. */
  readonly connectTimeoutMs?: number;
  /** A snapshot request (REST or WebSocket API) must be answered within this. Default 10 s. */
  readonly requestTimeoutMs?: number;
  /** Backoff: first delay, doubling per consecutive failure up to `backoffMaxMs`. Defaults 1 s and 60 s. */
  readonly backoffInitialMs?: number;
  readonly backoffMaxMs?: number;
  /** Relative jitter of each delay, ±. Default 0.2. */
  readonly jitter?: number;
  /** Live this long: the failure count (and so the backoff) starts again from zero. Default 60 s. */
  readonly healthyAfterMs?: number;
  /** Consecutive failures after which the venue shows as 'down' (still retrying). Default 5. */
  readonly downAfterFailures?: number;
  /** Connection age limit; default from CONNECTION_AGE_LIMIT_MS. The link reconnects before it. */
  readonly maxConnectionAgeMs?: number;
  /** How long before the age limit the planned reconnect happens. Default 5 min (at most a tenth of the limit). */
  readonly plannedReconnectMarginMs?: number;
  /** Window of the message rate. Default 5 s. */
  readonly rateWindowMs?: number;
  /** Source of jitter, [0, 1). Default Math.random. */
  readonly random?: () => number;
}

/** The timings a link runs on, every default filled in. */
export type LinkSettings = Required<Omit<VenueLinkOptions, 'endpoints' | 'snapshotVia' | 'maxConnectionAgeMs' | 'useAlternativeHost' | 'shareStream'>>;

export function linkSettings(options: VenueLinkOptions): LinkSettings {
  return {
    staleAfterMs: options.staleAfterMs ?? 15_000,
    deadAfterMs: options.deadAfterMs ?? Math.max(60_000, (options.staleAfterMs ?? 15_000) * 2),
    connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
    requestTimeoutMs: options.requestTimeoutMs ?? 10_000,
    backoffInitialMs: options.backoffInitialMs ?? 1_000,
    backoffMaxMs: options.backoffMaxMs ?? 60_000,
    jitter: options.jitter ?? 0.2,
    healthyAfterMs: options.healthyAfterMs ?? 60_000,
    downAfterFailures: options.downAfterFailures ?? 5,
    plannedReconnectMarginMs: options.plannedReconnectMarginMs ?? 5 * 60_000,
    rateWindowMs: options.rateWindowMs ?? 5_000,
    random: options.random ?? Math.random,
  };
}
