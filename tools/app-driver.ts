/**
 * Driving the real app in Chromium against the loopback simulator, shared by the end-to-end tests
 * (tests/e2e/support.ts) and the browser soak (tools/soak-browser.ts): open the app, reach the engine's test
 * hooks inside its module worker (`self.engine`: tune, books), the simulator's control endpoint, the comparison of
 * a venue's book with the simulator's truth, and the JS heap of the page and of the worker over CDP.
 */
import type { Browser, BrowserContext, CDPSession, Page, Worker } from '@playwright/test';
import { marketOf } from '../src/catalog/types';
import { simCatalog } from '../src/sim/listings';
import { PROTOCOLS } from '../src/venues';
import type { FeedId } from '../src/venues/types';
import type { BookTop, LinkTuning } from '../src/worker/engine';
import type { SimServer } from './sim-server';

/** Short timeouts so a silent socket turns stale in 2.5 s and is replaced after 5 s. */
export const FAST_LINKS: LinkTuning = { staleAfterMs: 2_500, deadAfterMs: 5_000, backoffInitialMs: 300, backoffMaxMs: 2_000, requestTimeoutMs: 4_000 };

/** A feed's book as the engine's test hook gives it: in the venue's own numbers (its quote, its size unit). */
export type VenueBook = BookTop;

export interface App {
  readonly page: Page;
  readonly worker: Worker;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` every `everyMs` until it holds; false when `ms` ran out. */
export async function waitUntil(check: () => Promise<boolean>, ms: number, everyMs = 100): Promise<boolean> {
  const end = Date.now() + ms;
  for (;;) {
    if (await check().catch(() => false)) return true;
    if (Date.now() >= end) return false;
    await sleep(everyMs);
  }
}

/** Opens the app at `origin/query` (in a new page of `target`) and waits for the engine worker's hooks. */
export async function openApp(target: Browser | BrowserContext, origin: string, query: string, before?: (page: Page) => Promise<unknown>): Promise<App> {
  const page = await target.newPage();
  await before?.(page);
  page.on('pageerror', (err) => process.stderr.write(`page error: ${err.message}\n`));
  const workerEvent = page.waitForEvent('worker');
  await page.goto(`${origin}/${query}`);
  const worker = await workerEvent;
  if (!(await waitUntil(() => worker.evaluate(() => 'engine' in globalThis), 30_000))) throw new Error('the engine worker never exposed self.engine');
  return { page, worker };
}

/** The app's query for the loopback simulator. */
export function simulatorQuery(sim: SimServer): string {
  return `?feeds=local&local=${encodeURIComponent(sim.origin)}`;
}

export async function tune(app: App, tuning: LinkTuning): Promise<void> {
  await app.worker.evaluate((t) => (globalThis as unknown as { engine: { tune(t: unknown): void } }).engine.tune(t), tuning);
}

/** Every shown feed's status, market and best levels (and the rate books, as `rate:<feed>|<symbol>`), straight from the engine in the worker. */
export function books(app: App, depth = 50): Promise<Partial<Record<FeedId, VenueBook>> & Record<`rate:${string}`, VenueBook | undefined>> {
  return app.worker.evaluate(
    (d) => (globalThis as unknown as { engine: { books(d: number): Partial<Record<FeedId, VenueBook>> & Record<`rate:${string}`, VenueBook | undefined> } }).engine.books(d),
    depth,
  );
}

/** The simulator's control endpoint (`/control/<path>?...`); throws on an error answer. */
export async function control(sim: SimServer, path: string, params: Record<string, string>): Promise<unknown> {
  const res = await fetch(`${sim.origin}/control/${path}?${new URLSearchParams(params)}`);
  if (!res.ok) throw new Error(`control ${path} ${JSON.stringify(params)}: HTTP ${res.status} ${await res.text()}`);
  return res.json();
}

/** The feed's market name for `base` in the simulator. */
export function symbolOf(feed: FeedId, base = 'BTC'): string {
  return marketOf(simCatalog(), feed, base)!.symbol;
}

/** Levels compared per side: 50, or the venue's subscribed depth where it is smaller. */
export function compareDepth(venue: FeedId, depth = 50): number {
  return Math.min(depth, PROTOCOLS[venue]!.depth ?? depth);
}

/** Stops these venues' markets in the simulator, runs `fn`, and lets them move again. */
export async function withTicksPaused<T>(sim: SimServer, venues: readonly FeedId[], fn: () => Promise<T>): Promise<T> {
  await Promise.all(venues.map((venue) => control(sim, 'ticks', { venue, run: '0' })));
  try {
    return await fn();
  } finally {
    await Promise.all(venues.map((venue) => control(sim, 'ticks', { venue, run: '1' })));
  }
}

export interface BookComparison {
  readonly equal: boolean;
  /** The app's book for the venue, with its state. */
  readonly got: { state?: string; bids?: [number, number][]; asks?: [number, number][] };
  /** What it must be: live, with the simulator's levels. */
  readonly want: { state: 'live'; bids: [number, number][]; asks: [number, number][] };
}

/**
 * With the venue's market stopped (withTicksPaused): waits up to `timeoutMs` for the app's book to equal the
 * simulator's truth exactly (best `depth` levels per side, and live), and returns the last comparison.
 */
export async function awaitExactBook(app: App, sim: SimServer, venue: FeedId, depth = 50, timeoutMs = 10_000): Promise<BookComparison> {
  const k = compareDepth(venue, depth);
  const truth = (await control(sim, 'truth', { venue, symbol: symbolOf(venue), depth: String(k) })) as { bids: [number, number][]; asks: [number, number][] };
  const want = { state: 'live' as const, bids: truth.bids, asks: truth.asks };
  let got: BookComparison['got'] = {};
  const equal = await waitUntil(async () => {
    const b = (await books(app, k))[venue];
    got = { state: b?.status.state, bids: b?.bids, asks: b?.asks };
    return JSON.stringify(got) === JSON.stringify(want);
  }, timeoutMs);
  return { equal, got, want };
}

/** Runtime.getHeapUsage's used bytes after a full GC, in MB (one decimal). */
async function usedMb(send: (method: string, params?: object) => Promise<unknown>): Promise<number> {
  await send('HeapProfiler.collectGarbage');
  const { usedSize } = (await send('Runtime.getHeapUsage')) as { usedSize: number };
  return Math.round((usedSize / 2 ** 20) * 10) / 10;
}

/**
 * The JS heap of the app's page and of its engine worker, over CDP. The page: a CDP session on the page. The
 * worker (Playwright's newCDPSession takes only a Page or Frame, and `performance.memory` does not exist in a
 * Chromium worker): the browser-level session attaches to the worker's target (non-flat) and relays
 * Runtime.getHeapUsage through Target.sendMessageToTarget. Each reading follows a forced GC.
 */
export async function heapProbe(browser: Browser, app: App): Promise<{ page(): Promise<number>; worker(): Promise<number>; close(): Promise<void> }> {
  const pageSession: CDPSession = await app.page.context().newCDPSession(app.page);
  const browserSession = await browser.newBrowserCDPSession();
  const workerUrl = app.worker.url();
  const { targetInfos } = (await browserSession.send('Target.getTargets')) as { targetInfos: { targetId: string; type: string; url: string }[] };
  const target = targetInfos.find((t) => t.type === 'worker' && t.url === workerUrl);
  if (!target) throw new Error(`no worker target for ${workerUrl}`);
  const { sessionId } = (await browserSession.send('Target.attachToTarget', { targetId: target.targetId, flatten: false })) as { sessionId: string };
  let nextId = 0;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  browserSession.on('Target.receivedMessageFromTarget', (event: { sessionId: string; message: string }) => {
    if (event.sessionId !== sessionId) return;
    const m = JSON.parse(event.message) as { id?: number; result?: unknown; error?: { message: string } };
    const p = m.id === undefined ? undefined : pending.get(m.id);
    if (!p) return;
    pending.delete(m.id!);
    if (m.error) p.reject(new Error(m.error.message));
    else p.resolve(m.result);
  });
  const toWorker = (method: string, params: object = {}): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const id = ++nextId;
      pending.set(id, { resolve, reject });
      browserSession.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) }).catch(reject);
    });
  // The attached target is the app's engine worker: it holds the test hook.
  const hook = (await toWorker('Runtime.evaluate', { expression: 'typeof self.engine', returnByValue: true })) as { result: { value: unknown } };
  if (hook.result.value !== 'object') throw new Error(`worker target ${workerUrl} has no self.engine`);
  return {
    page: () => usedMb((method, params) => pageSession.send(method as 'Runtime.getHeapUsage', params)),
    worker: () => usedMb(toWorker),
    close: async () => {
      await browserSession.send('Target.detachFromTarget', { sessionId }).catch(() => undefined);
      await browserSession.detach().catch(() => undefined);
      await pageSession.detach().catch(() => undefined);
    },
  };
}
