/**
 * End-to-end support: the app from Vite's dev server (one per Playwright worker process), the exchange simulator
 * on loopback (one per spec file, so the worker's real WebSockets, fetches and gzip frames run), and the engine's
 * test hooks reached inside the page's module worker.
 *
 * The app accepts loopback on the one port it was built for (SIM_PORT), so each Playwright worker takes a free
 * port, sets SIM_PORT to it before its Vite server (or a build) reads the config, and every spec's simulator
 * listens there (startSimServer's default). Spec files run one after another in a worker, so they share it.
 */
import type { AddressInfo } from 'node:net';
import { test as base, expect, type Browser, type Page } from '@playwright/test';
import { createServer } from 'vite';
import { FAST_LINKS, awaitExactBook, books, openApp as openPage, simulatorQuery, tune, withTicksPaused, type App, type VenueBook } from '../../tools/app-driver';
import { startSimServer, type SimServer } from '../../tools/sim-server';
import { freeLoopbackPort } from '../../tools/sim-port';
import { VENUE_IDS, type VenueId } from '../../src/venues/types';

export { expect, startSimServer, type SimServer };
export { FAST_LINKS, books, compareDepth, control, symbolOf, tune, type App, type VenueBook } from '../../tools/app-driver';

export const test = base.extend<object, { simPort: number; app: string }>({
  simPort: [
    async ({}, use) => {
      const before = process.env.SIM_PORT;
      const port = await freeLoopbackPort();
      process.env.SIM_PORT = String(port);
      await use(port);
      if (before === undefined) delete process.env.SIM_PORT;
      else process.env.SIM_PORT = before;
    },
    { scope: 'worker', auto: true },
  ],
  app: [
    async ({ simPort: _ }, use) => {
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

export interface ChipEntry {
  readonly venue: VenueId;
  readonly state: string;
  readonly title: string;
  readonly t: number;
}

/**
 * Opens the app; records every change of a venue chip's state and title (a state can last less than a test's
 * poll interval, the chip log does not miss it); waits for the engine worker's hooks.
 */
export function openApp(browser: Browser, origin: string, query: string, before?: (page: Page) => Promise<unknown>): Promise<App> {
  return openPage(browser, origin, query, async (page) => {
    await before?.(page);
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
  });
}

/** The app on the loopback simulator, with short link timeouts. */
/**
 * Every venue's first feed (its spot market, or the perpetual of a venue whose main market it is: AsterDEX, Deribit,
 * Hyperliquid), the ones the specs of the connection and its faults follow: `markets=` names them, `kinds=` shows
 * both kinds so the perpetuals are among them.
 */
export const VENUE_FEEDS = `&kinds=spot,perpetual&markets=${VENUE_IDS.join(',')}`;

export async function openOnSimulator(browser: Browser, origin: string, sim: SimServer): Promise<App> {
  const app = await openApp(browser, origin, simulatorQuery(sim) + VENUE_FEEDS);
  await tune(app, FAST_LINKS);
  return app;
}

/** Every venue's chip shows it live. */
export async function expectAllLive(app: App): Promise<void> {
  for (const venue of VENUE_IDS) await expect(app.page.getByTestId(`venue-chip-${venue}`)).toHaveAttribute('data-state', 'live', { timeout: 20_000 });
}

export async function chipLog(app: App, venue?: VenueId, since = 0): Promise<ChipEntry[]> {
  const log = await app.page.evaluate(() => (globalThis as unknown as { __chips: ChipEntry[] }).__chips);
  return log.filter((e) => (!venue || e.venue === venue) && e.t >= since);
}

/**
 * Stops the venue's market, then waits until the app's book for it equals the simulator's truth exactly (best
 * `depth` levels per side), and lets the market move again. Fails with both books when they never agree.
 */
export async function expectExactBook(app: App, sim: SimServer, venue: VenueId, depth = 50): Promise<void> {
  const { got, want } = await withTicksPaused(sim, [venue], () => awaitExactBook(app, sim, venue, depth, 10_000));
  expect(got, `${venue}'s book equals the simulator's`).toEqual(want);
}

/**
 * Waits until each of `others` has received more messages than it had in `before`: a fault can be over within
 * a few hundred ms, less than a quiet venue's gap between frames. With `exact`, each must also be live on its
 * exact book, not a partial channel.
 */
export async function expectOthersKeptReceiving(app: App, others: readonly VenueId[], before: Partial<Record<VenueId, VenueBook>>, exact = false): Promise<void> {
  await expect
    .poll(
      async () => {
        const after = await books(app, 1);
        return others.filter(
          (v) =>
            // Exact where the venue publishes an exact book: Hyperliquid's are only ever its top 20 (partial.only).
            (exact && (after[v]!.status.state !== 'live' || (after[v]!.status.partial !== undefined && !after[v]!.status.partial.only))) ||
            after[v]!.status.counters.messages <= before[v]!.status.counters.messages,
        );
      },
      { message: exact ? 'the other venues kept receiving, exact' : 'the other venues kept receiving', timeout: 10_000 },
    )
    .toEqual([]);
}
