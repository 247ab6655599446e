import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { median, percentile } from './stats';
import { taskFigures, type TaskFigures } from './trace-tasks';
import { topFrames, type CpuProfile } from './top-frames';
import type { HeatmapMemory } from '../src/liquidity/types';
import { VENUE_IDS } from '../src/venues/types';

export interface BrowserFigures {
  seconds: number;
  venuesLive: number;
  fps: number;
  /** Frames more than 1.5 refresh intervals after the previous one. */
  droppedFrames: number;
  longestTaskMs: number;
  longTasks: number;
  paints: number;
  paintDelayMedianMs: number;
  paintDelayP99Ms: number;
  /** CPU time of the engine worker's thread over wall time (1 = one core busy). */
  workerCpuShare?: number;
  mainThreadCpuShare?: number;
  heapStartBytes: number;
  heapEndBytes: number;
  workerHeapStartBytes?: number;
  workerHeapEndBytes?: number;
  /** Share of both cores' time the whole machine was busy (every process) during the window, from /proc/stat. */
  machineBusyShare?: number;
  /** Main-thread tasks of a Chrome trace taken after the window: wall time against the thread's own CPU time. */
  trace?: TaskFigures;
  /** The liquidity heatmap's history at the end of the window: what the worker holds, drawn on screen throughout. */
  heatmap?: HeatmapMemory;
  /** Where the main thread's time went: top self-time frames of a CPU profile taken after the window. */
  mainThreadProfile?: string[];
  /** Trades the views carried to the page a second, and those a burst left off the tape (still in the volumes). */
  tradesPerSecond: number;
  tradesSkippedPerSecond: number;
}

export interface BrowserResult {
  ok: boolean;
  note?: string;
  figures?: BrowserFigures;
}

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** The browser section needs the app's worker, the Playwright setup, the app's page and Chromium. */
export function browserReady(root: string): { ok: boolean; note?: string } {
  const missing = ['src/worker/worker.ts', 'playwright.config.ts', 'index.html'].filter((f) => !existsSync(join(root, f)));
  if (!existsSync(CHROMIUM)) missing.push(CHROMIUM);
  return missing.length ? { ok: false, note: `missing ${missing.join(', ')}` } : { ok: true };
}

/**
 * Installed in the page before the app runs: counts animation frames, watches long tasks, and taps the engine
 * worker's messages (Comlink answers carry each View) to time each view from its newest frame's arrival in the
 * worker (view.newestFrameAt, worker wall clock) to just after the frame that painted it.
 */
const PROBE = `(() => {
  const m = { on: false, frames: 0, gaps: [], longest: 0, longTasks: 0, delays: [], included: 0, views: 0, trades: 0, tradesSkipped: 0 };
  globalThis.__bench = m;
  try {
    new PerformanceObserver((list) => {
      if (!m.on) return;
      for (const e of list.getEntries()) { m.longest = Math.max(m.longest, e.duration); if (e.duration > 50) m.longTasks++; }
    }).observe({ type: 'longtask' });
  } catch {}
  let last = 0;
  const tick = (t) => { if (m.on) { m.frames++; if (last) m.gaps.push(t - last); } last = t; requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
  const Native = globalThis.Worker;
  globalThis.Worker = class extends Native {
    constructor(url, options) {
      super(url, options);
      // Added before Comlink's own listener: this rAF callback runs in the same frame as the app's paint.
      this.addEventListener('message', (event) => {
        const v = event.data && event.data.value;
        if (!v || typeof v !== 'object' || typeof v.seq !== 'number' || !('consolidated' in v)) return;
        m.views++;
        m.included = Array.isArray(v.included) ? v.included.length : 0;
        const arrived = v.newestFrameAt;
        if (m.on && v.trades) { m.trades += v.trades.newest.length; m.tradesSkipped += v.trades.skipped; }
        if (!m.on || typeof arrived !== 'number') return;
        requestAnimationFrame(() => {
          // A message posted during rAF is delivered once that frame has been rendered.
          const channel = new MessageChannel();
          channel.port1.onmessage = () => m.delays.push(performance.timeOrigin + performance.now() - arrived);
          channel.port2.postMessage(0);
        });
      });
    }
  };
})();`;

interface Probe {
  frames: number;
  gaps: number[];
  longest: number;
  longTasks: number;
  delays: number[];
  included: number;
  views: number;
  trades: number;
  tradesSkipped: number;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

async function waitFor(check: () => Promise<boolean>, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** The renderer's main thread and its dedicated worker thread(s), as /proc stat files, for the renderer pids Chromium reports. */
function rendererThreads(renderers: readonly number[]): { main?: string; worker?: string[] } {
  for (const pid of renderers) {
    let tasks: string[];
    try {
      tasks = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    const workers = tasks.filter((t) => {
      try {
        return readFileSync(`/proc/${pid}/task/${t}/comm`, 'utf8').startsWith('DedicatedWorker');
      } catch {
        return false;
      }
    });
    if (workers.length) return { main: `/proc/${pid}/task/${pid}/stat`, worker: workers.map((t) => `/proc/${pid}/task/${t}/stat`) };
  }
  return {};
}

/** Busy and total jiffies of all cores since boot. */
function machineJiffies(): { busy: number; total: number } {
  const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
  const total = fields.reduce((a, b) => a + b, 0);
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
  return { busy: total - idle, total };
}

function cpuSeconds(statFile: string): number {
  const stat = readFileSync(statFile, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) / 100;
}

/**
 * The built app served by `vite preview`, fed by the loopback exchange simulator (tools/sim-server.ts) with
 * every venue at `speed` times its normal rate, in Debian's Chromium for `seconds`; then a trace and,
 * with `profile`, a CPU profile of the main thread.
 */
export async function benchBrowser(
  root: string,
  outDir: string,
  log: (s: string) => void,
  speed: number,
  seconds: number,
  profile: boolean,
  tradeSpeed = speed,
): Promise<BrowserResult> {
  const { chromium } = await import('@playwright/test');
  const { startSimServer } = await import('../tools/sim-server');
  const sim = await startSimServer({ speed, seed: 1, tradeSpeed });
  const port = await freePort();
  let preview: ChildProcess | undefined;
  let browser: Awaited<ReturnType<typeof chromium.launch>> | undefined;
  try {
    preview = spawn(join(root, 'node_modules/.bin/vite'), ['preview', '--outDir', outDir, '--host', '127.0.0.1', '--port', String(port), '--strictPort'], {
      cwd: root,
      stdio: 'ignore',
    });
    const origin = `http://127.0.0.1:${port}`;
    await waitFor(async () => (await fetch(origin)).ok, 30_000, 'vite preview');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'block' });
    await context.addInitScript(PROBE);
    const page = await context.newPage();
    // Every venue's first feed (its spot market, or the perpetual where that is its main market): seven venues until
    // 2026-12-02, thirteen since. The heatmap is on screen at this width, drawn by the worker (the tape instead, in a
    // run of the tape).
    const url = `${origin}/?feeds=local&local=${encodeURIComponent(sim.origin)}&kinds=spot,perpetual&markets=${VENUE_IDS.join(',')}`;
    log(`  ${url} (simulator: books at ${speed}x, trades at ${tradeSpeed}x)`);
    await page.goto(url);
    const probe = (): Promise<Probe> => page.evaluate(() => (globalThis as unknown as { __bench: Probe }).__bench);
    await waitFor(async () => (await probe()).included >= VENUE_IDS.length, 30_000, 'every venue live').catch(async () => {
      log(`  only ${(await probe()).included} venues live after 30 s; measuring anyway`);
    });
    // A run for the tape has it on screen: the page scrolled to the trades panel (the heatmap is then above).
    if (tradeSpeed !== speed) await page.evaluate(() => document.querySelector('.panel.trades')?.scrollIntoView({ block: 'center' }));
    const cdp = await context.newCDPSession(page);
    const heap = async (): Promise<number> => ((await cdp.send('Runtime.getHeapUsage')) as { usedSize: number }).usedSize;
    const worker = page.workers()[0];
    const workerHeap = async (): Promise<number | undefined> =>
      worker?.evaluate(() => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize).catch(() => undefined);
    // Chromium names the renderer processes; /proc then splits their CPU time by thread.
    const browserCdp = await browser.newBrowserCDPSession();
    const info = (await browserCdp.send('SystemInfo.getProcessInfo')) as { processInfo: { type: string; id: number }[] };
    const threads = rendererThreads(info.processInfo.filter((p) => p.type === 'renderer').map((p) => p.id));
    const cpu = (): { main?: number; worker?: number } => ({
      main: threads.main ? cpuSeconds(threads.main) : undefined,
      worker: threads.worker ? threads.worker.reduce((s, f) => s + cpuSeconds(f), 0) : undefined,
    });

    const heapStart = await heap();
    const workerHeapStart = await workerHeap();
    const cpu0 = cpu();
    const machine0 = machineJiffies();
    const t0 = Date.now();
    await page.evaluate(() => {
      (globalThis as unknown as { __bench: { on: boolean } }).__bench.on = true;
    });
    log(`  measuring for ${seconds} s`);
    await new Promise((r) => setTimeout(r, seconds * 1000));
    await page.evaluate(() => {
      (globalThis as unknown as { __bench: { on: boolean } }).__bench.on = false;
    });
    const wall = (Date.now() - t0) / 1000;
    const cpu1 = cpu();
    const machine1 = machineJiffies();
    const m = await probe();
    const heapEnd = await heap();
    const workerHeapEnd = await workerHeap();
    const heatmap = await worker
      ?.evaluate(() => (globalThis as unknown as { engine: { heatmapMemory(): Promise<HeatmapMemory> } }).engine.heatmapMemory())
      .catch(() => undefined);
    const traceSeconds = Number(process.env.BENCH_BROWSER_TRACE_SECONDS ?? 10);
    let trace: TaskFigures | undefined;
    if (traceSeconds > 0) {
      log(`  tracing the page for ${traceSeconds} s`);
      await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
      await new Promise((r) => setTimeout(r, traceSeconds * 1000));
      trace = taskFigures(JSON.parse((await browser.stopTracing()).toString('utf8')));
    }
    const profileSeconds = profile ? Number(process.env.BENCH_BROWSER_PROFILE_SECONDS ?? 10) : 0;
    let mainThreadProfile: string[] | undefined;
    if (profileSeconds > 0) {
      log(`  profiling the main thread for ${profileSeconds} s`);
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.start');
      await new Promise((r) => setTimeout(r, profileSeconds * 1000));
      const { profile } = (await cdp.send('Profiler.stop')) as { profile: CpuProfile };
      mkdirSync(join(root, 'bench', '.prof'), { recursive: true });
      writeFileSync(join(root, 'bench', '.prof', 'browser-main.cpuprofile'), JSON.stringify(profile));
      mainThreadProfile = topFrames(profile, 12);
    }
    const interval = median(m.gaps);
    return {
      ok: true,
      figures: {
        seconds: wall,
        venuesLive: m.included,
        fps: m.frames / wall,
        droppedFrames: m.gaps.filter((g) => g > interval * 1.5).length,
        longestTaskMs: m.longest,
        longTasks: m.longTasks,
        paints: m.delays.length,
        paintDelayMedianMs: median(m.delays),
        paintDelayP99Ms: percentile(m.delays, 99),
        tradesPerSecond: m.trades / wall,
        tradesSkippedPerSecond: m.tradesSkipped / wall,
        workerCpuShare: cpu0.worker !== undefined && cpu1.worker !== undefined ? (cpu1.worker - cpu0.worker) / wall : undefined,
        mainThreadCpuShare: cpu0.main !== undefined && cpu1.main !== undefined ? (cpu1.main - cpu0.main) / wall : undefined,
        heapStartBytes: heapStart,
        heapEndBytes: heapEnd,
        workerHeapStartBytes: workerHeapStart,
        workerHeapEndBytes: workerHeapEnd,
        machineBusyShare: (machine1.busy - machine0.busy) / (machine1.total - machine0.total || 1),
        trace,
        heatmap,
        mainThreadProfile,
      },
    };
  } catch (e) {
    return { ok: false, note: `browser run failed: ${(e as Error).message.split('\n')[0]}` };
  } finally {
    await browser?.close().catch(() => undefined);
    preview?.kill();
    await sim.close();
  }
}
