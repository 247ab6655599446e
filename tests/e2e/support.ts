/**
 * End-to-end support: the app from Vite's dev server (one per Playwright worker process), the exchange simulator
 * on loopback (one per spec file, so the worker's real WebSockets, fetches and gzip frames run), and the engine's
 * test hooks reached inside the page's module worker.
 */
import type { AddressInfo } from 'node:net';
import { test as base, expect, type Browser, type Page, type Worker } from '@playwright/test';
import { createServer } from 'vite';
import { startSimServer, type SimServer } from '../../tools/sim-server';
import { PROTOCOLS } from '../../src/venues';
import type { VenueId } from '../../src/venues/types';
import type { LinkTuning } from '../../src/worker/engine';
import type { VenueStatus } from '../../src/worker/status';

export { expect, startSimServer, type SimServer };

export const test = base.extend<object, { app: string }>({
  app: [
    async ({}, use) => {
      const server = await createServer({
        logLevel: 'error',
        clearScreen: false,
        server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false, watch: null },
      });
      await server.listen();
      const address = server.httpServer!.address() as AddressInfo;
      const origin = `http://127.0.0.1:${address.port}`;
      // Transform the page and worker graphs once, so no dependency optimisation reloads a page under test.
      await fetch(`${origin}/`).then((r) => r.text());
      await use(origin);
      await server.close();
    },
    { scope: 'worker', timeout: 60_000 },
  ],
});

/** Short timeouts so a silent socket turns stale in 2.5 s and is replaced after 5 s. */
export const FAST_LINKS: LinkTuning = { staleAfterMs: 2_500, deadAfterMs: 5_000, backoffInitialMs: 300, backoffMaxMs: 2_000, requestTimeoutMs: 4_000 };

export interface ChipEntry {
  readonly venue: VenueId;
  readonly state: string;
  readonly title: string;
  readonly t: number;
}

export interface VenueBook {
  readonly status: VenueStatus;
  readonly bids: [number, number][];
  readonly asks: [number, number][];
}

export interface App {
  readonly page: Page;
  readonly worker: Worker;
}

/**
 * Opens the app; records every change of a venue chip's state and title (a state can last less than a test's
 * poll interval, the chip log does not miss it); waits for the engine worker's hooks.
 */
export async function openApp(browser: Browser, origin: string, query: string, before?: (page: Page) => Promise<unknown>): Promise<App> {
  const page = await browser.newPage();
  await before?.(page);
  page.on('pageerror', (err) => process.stderr.write(`page error: ${err.message}\n`));
  await page.addInitScript(() => {
    const log: { venue: string; state: string; title: string; t: number }[] = [];
    const last: Record<string, string> = {};
    (globalThis as { __chips?: typeof log }).__chips = log;
    const scan = (): void => {
      for (const el of document.querySelectorAll<HTMLElement>('[data-testid^="venue-chip-"]')) {
        const venue = el.dataset.testid!.slice('venue-chip-'.length);
        const state = el.dataset.state ?? '';
        const title = el.getAttribute('title') ?? '';
        const key = `${state}|${title}`;
        if (last[venue] === key) continue;
        last[venue] = key;
        log.push({ venue, state, title, t: Date.now() });
      }
    };
    new MutationObserver(scan).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state', 'title'] });
  });
  const workerEvent = page.waitForEvent('worker');
  await page.goto(`${origin}/${query}`);
  const worker = await workerEvent;
  await expect.poll(() => worker.evaluate(() => 'engine' in globalThis), { timeout: 30_000, intervals: [100] }).toBe(true);
  return { page, worker };
}

/** The app on the loopback simulator, with short link timeouts. */
export async function openOnSimulator(browser: Browser, origin: string, sim: SimServer): Promise<App> {
  const app = await openApp(browser, origin, `?feeds=local&local=${encodeURIComponent(sim.origin)}`);
  await tune(app, FAST_LINKS);
  return app;
}

export async function tune(app: App, tuning: LinkTuning): Promise<void> {
  await app.worker.evaluate((t) => (globalThis as unknown as { engine: { tune(t: unknown): void } }).engine.tune(t), tuning);
}

/** Every venue's status and best levels, straight from the engine in the worker. */
export function books(app: App, depth = 50): Promise<Partial<Record<VenueId, VenueBook>>> {
  return app.worker.evaluate((d) => (globalThis as unknown as { engine: { books(d: number): Partial<Record<VenueId, VenueBook>> } }).engine.books(d), depth);
}

export async function chipLog(app: App, venue?: VenueId, since = 0): Promise<ChipEntry[]> {
  const log = await app.page.evaluate(() => (globalThis as unknown as { __chips: ChipEntry[] }).__chips);
  return log.filter((e) => (!venue || e.venue === venue) && e.t >= since);
}

export async function control(sim: SimServer, path: string, params: Record<string, string>): Promise<unknown> {
  const res = await fetch(`${sim.origin}/control/${path}?${new URLSearchParams(params)}`);
  expect(res.ok, `control ${path} ${JSON.stringify(params)}`).toBe(true);
  return res.json();
}

export function symbolOf(venue: VenueId, base: 'BTC' = 'BTC'): string {
  return PROTOCOLS[venue]!.market(base)!.symbol;
}

/** Levels compared per side: 50, or the venue's subscribed depth where it is smaller. */
export function compareDepth(venue: VenueId, depth = 50): number {
  return Math.min(depth, PROTOCOLS[venue]!.depth ?? depth);
}

/**
 * Stops the venue's market, then waits until the app's book for it equals the simulator's truth exactly (best
 * `depth` levels per side), and lets the market move again. Fails with both books when they never agree.
 */
export async function expectExactBook(app: App, sim: SimServer, venue: VenueId, depth = 50): Promise<void> {
  const k = compareDepth(venue, depth);
  await control(sim, 'ticks', { venue, run: '0' });
  try {
    const truth = (await control(sim, 'truth', { venue, symbol: symbolOf(venue), depth: String(k) })) as { bids: [number, number][]; asks: [number, number][] };
    await expect
      .poll(
        async () => {
          const b = (await books(app, k))[venue];
          return { state: b?.status.state, bids: b?.bids, asks: b?.asks };
        },
        { message: `${venue}'s book equals the simulator's`, timeout: 10_000 },
      )
      .toEqual({ state: 'live', bids: truth.bids, asks: truth.asks });
  } finally {
    await control(sim, 'ticks', { venue, run: '1' });
  }
}
