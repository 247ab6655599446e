/**
 * The soak's browser target: the production build (vite build, served by vite preview) in Debian's Chromium, fed
 * by the loopback simulator (tools/sim-server.ts) over real WebSockets and fetch; books compared with the truth
 * through the simulator's control endpoint, the page's and the worker's JS heap read over CDP. With `record`, the
 * app's own record button is pressed once every venue is live and the recording runs to the end.
 */
import { VENUE_IDS } from '../src/venues/types';
import type { Engine } from '../src/worker/engine';
import { RECORDINGS_DIR } from '../src/worker/recording-disk';
import { FAST_LINKS, awaitExactBook, books, heapProbe, openApp, simulatorQuery, tune, waitUntil, withTicksPaused, type App } from './app-driver';
import { CHROMIUM, launchChromium, serveBuild } from './built-app';
import { startSimServer } from './sim-server';
import { sleep, type RecordingReport, type SoakOptions, type SoakTarget, type VenueCheck } from './soak';

/** How long a live book may take, with its market stopped, to take the frames still in flight. */
const SETTLE_MS = 2_000;

function allLive(app: App): Promise<boolean> {
  return waitUntil(async () => {
    const b = await books(app, 1);
    return VENUE_IDS.every((v) => b[v]?.status.state === 'live');
  }, 60_000, 250);
}

/** Presses the app's record button; recording reconnects every venue, so it waits for them to be live again. */
async function startRecording(app: App, log: (s: string) => void): Promise<void> {
  const button = app.page.getByTestId('record-button');
  await button.click();
  if (!(await waitUntil(async () => (await button.getAttribute('aria-pressed')) === 'true', 10_000))) throw new Error('the record button did not start a recording');
  if (!(await allLive(app))) log('  not all venues live again 60 s after the recording started');
}

/** The recording's state from the engine, then stopped; the file it made and the recordings folder, read in the worker. */
async function finishRecording(app: App): Promise<RecordingReport> {
  type Hooked = { engine: Engine };
  const state = await app.worker.evaluate(async () => (await (globalThis as unknown as Hooked).engine.nextView(0)).recording);
  return app.worker.evaluate(
    async ({ dirName, state }) => {
      const file = await (globalThis as unknown as Hooked).engine.stopRecording();
      let fileLines = 0;
      const reader = file.stream().getReader();
      for (let r = await reader.read(); !r.done; r = await reader.read()) for (const byte of r.value) if (byte === 10) fileLines++;
      const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle(dirName);
      const onDisk: { name: string; bytes: number }[] = [];
      // TypeScript's DOM library here lacks a directory's async iteration.
      for await (const name of (dir as unknown as { keys(): AsyncIterable<string> }).keys()) onDisk.push({ name, bytes: (await (await dir.getFileHandle(name)).getFile()).size });
      return { events: state.events, bytes: state.bytes, inMemory: state.capBytes !== undefined, halted: state.halted, fileBytes: file.size, fileLines, onDisk };
    },
    { dirName: RECORDINGS_DIR, state },
  );
}

export async function browserTarget(options: SoakOptions, log: (s: string) => void): Promise<SoakTarget> {
  const built = await serveBuild(log);
  const { origin } = built;
  const sim = await startSimServer({ port: 0, speed: options.speed, seed: options.seed });
  const browser = await launchChromium();
  // No service worker: every load is the build itself, not a precached copy.
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'block' });
  const app = await openApp(context, origin, simulatorQuery(sim));
  log(`  ${origin}/${simulatorQuery(sim)} (simulator at ${options.speed}x)`);
  await tune(app, FAST_LINKS);
  const live = await allLive(app);
  if (options.record) await startRecording(app, log);
  const first = await books(app, 1);
  if (!live) log(`  not all venues live after 60 s: ${VENUE_IDS.map((v) => `${v} ${first[v]?.status.state}`).join(', ')}`);
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
      for (const b of Object.values(await books(app, 1))) for (const [k, v] of Object.entries(b?.status.counters ?? {})) sum[k] = (sum[k] ?? 0) + v;
      return sum;
    },
    async heapMb() {
      return { worker: await heap.worker(), page: await heap.page() };
    },
    recording: options.record ? () => finishRecording(app) : undefined,
    async stop() {
      await heap.close();
      await browser.close().catch(() => undefined);
      await sim.close();
      await built.close();
    },
  };
}
