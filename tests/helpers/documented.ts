import { readFileSync } from 'node:fs';
import type { FeedId, VenueId } from '../../src/venues/types';
import { simHostOf } from '../../src/sim/hosts';
import { SimExchange } from '../../src/sim/exchange';
import { recordSimulatedFeed } from '../../src/sim/record-feed';
import { SIM_VENUES } from '../../src/sim/venues';

/** The text of a venue's documented example message: tests/fixtures/<venue>/docs/<file> (sources in SOURCE.md). */
export function documented(venue: VenueId, file: string): string {
  return readFileSync(new URL(`../fixtures/${venue}/docs/${file}`, import.meta.url), 'utf8');
}

/** What a client receives from the simulated venue in a short run: every frame and REST body, parsed. */
export interface SimulatedTraffic {
  readonly frames: readonly Record<string, unknown>[];
  readonly rest: readonly { readonly url: string; readonly status: number; readonly body: Record<string, unknown> }[];
}

/** Records a client's first `steps` market steps against the simulated venue (heartbeats every tenth step). */
export async function simulatedTraffic(feed: FeedId, options: { base?: string; steps?: number; snapshotVia?: 'rest' | 'api' } = {}): Promise<SimulatedTraffic> {
  const exchange = new SimExchange(SIM_VENUES, 1);
  const { events } = await recordSimulatedFeed({ exchange, feed, base: options.base ?? 'BTC', steps: options.steps ?? 30, snapshotVia: options.snapshotVia });
  const frames: Record<string, unknown>[] = [];
  const rest: { url: string; status: number; body: Record<string, unknown> }[] = [];
  for (const e of events) {
    if (e.kind === 'ws' && 'data' in e) frames.push(JSON.parse(e.data) as Record<string, unknown>);
    if (e.kind === 'rest') rest.push({ url: e.url, status: e.status, body: JSON.parse(e.data) as Record<string, unknown> });
  }
  return { frames, rest };
}

/** The frames the simulated venue sends back on a socket opened at `path` after each of `requests`. */
export function simulatedAnswers(feed: FeedId, path: string, requests: readonly string[]): Record<string, unknown>[] {
  const exchange = new SimExchange(SIM_VENUES, 1);
  const sent: string[] = [];
  const conn = exchange.connect(simHostOf(feed), path, (text) => sent.push(text));
  if (!conn) throw new Error(`the simulated ${feed} serves no socket at ${path}`);
  requests.forEach((request, k) => conn.receive(request, 1_764_000_000_000 + k));
  return sent.map((text) => JSON.parse(text) as Record<string, unknown>);
}

/** The simulated venue's REST answer at `path`. */
export function simulatedRest(feed: FeedId, path: string, query: string): { status: number; body: Record<string, unknown> } {
  const answer = new SimExchange(SIM_VENUES, 1).rest(simHostOf(feed), path, new URLSearchParams(query));
  return { status: answer.status, body: JSON.parse(answer.body) as Record<string, unknown> };
}

/** The frames the simulated venue sends on a socket opened at `path`, after `requests`, over `steps` market steps and a heartbeat. */
export function simulatedPushes(feed: FeedId, path: string, requests: readonly string[], steps = 5): Record<string, unknown>[] {
  const exchange = new SimExchange(SIM_VENUES, 1);
  const sent: string[] = [];
  const conn = exchange.connect(simHostOf(feed), path, (text) => sent.push(text));
  if (!conn) throw new Error(`the simulated ${feed} serves no socket at ${path}`);
  const t0 = 1_764_000_000_000;
  for (const request of requests) conn.receive(request, t0);
  for (let k = 1; k <= steps; k++) exchange.tick(t0 + k * 100, [feed]);
  exchange.heartbeat(t0 + steps * 100 + 1);
  return sent.map((text) => JSON.parse(text) as Record<string, unknown>);
}
