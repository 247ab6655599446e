/**
 * The soak's browser target: the production build (vite build, served by vite preview) in Debian's Chromium, fed
 * by the loopback simulator (tools/sim-server.ts) over real WebSockets and fetch; books compared with the truth
 * through the simulator's control endpoint, the page's and the worker's JS heap read over CDP.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium } from '@playwright/test';
import { preview } from 'vite';
import { buildApp } from '../bench/size';
import { CHROMIUM } from '../playwright.config';
import { VENUE_IDS } from '../src/venues/types';
import { FAST_LINKS, awaitExactBook, books, heapProbe, openApp, simulatorQuery, tune, waitUntil, withTicksPaused } from './app-driver';
import { startSimServer } from './sim-server';
import { sleep, type SoakOptions, type SoakTarget, type VenueCheck } from './soak';

const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
/** How long a live book may take, with its market stopped, to take the frames still in flight. */
const SETTLE_MS = 2_000;

export async function browserTarget(options: SoakOptions, log: (s: string) => void): Promise<SoakTarget> {
  const root = join(import.meta.dirname, '..');
  const outDir = mkdtempSync(join(tmpdir(), 'soak-dist-'));
  const built = buildApp(root, outDir, log);
  if (!built.ok) throw new Error(built.note);
  const server = await preview({ root, logLevel: 'error', build: { outDir }, preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false } });
  const origin = `http://127.0.0.1:${(server.httpServer.address() as AddressInfo).port}`;
  const sim = await startSimServer({ port: 0, speed: options.speed, seed: options.seed });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  // No service worker: every load is the build itself, not a precached copy.
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'block' });
  const app = await openApp(context, origin, simulatorQuery(sim));
  log(`  ${origin}/${simulatorQuery(sim)} (simulator at ${options.speed}x)`);
  await tune(app, FAST_LINKS);
  const allLive = await waitUntil(async () => {
    const b = await books(app, 1);
    return VENUE_IDS.every((v) => b[v]?.status.state === 'live');
  }, 60_000, 250);
  const first = await books(app, 1);
  if (!allLive) log(`  not all venues live after 60 s: ${VENUE_IDS.map((v) => `${v} ${first[v]?.status.state}`).join(', ')}`);
  const heap = await heapProbe(browser, app);
  await sleep(5_000);
  const venues = VENUE_IDS.filter((v) => first[v]);
  return {
    label: `the production build in ${CHROMIUM}, simulator on ${sim.origin}`,
    heapMethod: 'CDP Runtime.getHeapUsage after HeapProfiler.collectGarbage: page session for the page, the worker target attached from the browser session (non-flat) for the worker',
    host: sim.host,
    venues,
    restVenues: venues.filter((v) => first[v]!.status.snapshotPath === 'rest'),
    deadAfterMs: FAST_LINKS.deadAfterMs!,
    check: (skip, depth) =>
      withTicksPaused(sim, venues, async () => {
        await sleep(150);
        const now = await books(app, 1);
        return Promise.all(
          venues.map(async (venue): Promise<VenueCheck> => {
            if (now[venue]?.status.state !== 'live' || skip(venue)) return { venue, outcome: 'not-live' };
            const r = await awaitExactBook(app, sim, venue, depth, SETTLE_MS);
            if (r.equal) return { venue, outcome: 'ok' };
            const top = (b: { bids?: [number, number][]; asks?: [number, number][] }): string => `bid ${JSON.stringify(b.bids?.slice(0, 2))} ask ${JSON.stringify(b.asks?.slice(0, 2))}`;
            return { venue, outcome: 'mismatch', detail: `${r.got.state}: ${top(r.got)} vs truth ${top(r.want)}` };
          }),
        );
      }),
    async totals() {
      const sum: Record<string, number> = {};
      for (const b of Object.values(await books(app, 1))) for (const [k, v] of Object.entries(b.status.counters)) sum[k] = (sum[k] ?? 0) + v;
      return sum;
    },
    async heapMb() {
      return { worker: await heap.worker(), page: await heap.page() };
    },
    async stop() {
      await heap.close();
      await browser.close().catch(() => undefined);
      await sim.close();
      await server.close();
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}
