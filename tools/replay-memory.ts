/**
 * Replay memory: how much memory the app takes to replay a large recording. Writes a recording of about `--mb` MB
 * (the committed simulator recordings of all seven venues, merged in time order and repeated with shifted times),
 * opens the production build in Debian's Chromium, loads the file through the replay file input at max speed, and
 * samples every second until the replay reaches 100 %: the resident memory of Chromium's renderer processes
 * (/proc/<pid>/status VmRSS; the page and its worker share one, the largest) and the page's and the worker's JS heap over CDP
 * (after a forced GC, so the heap is what is live). Prints the peaks as JSON. Not a test: a measurement.
 *
 *   npm run replay-memory -- [--mb 500] [--keep]
 */
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { heapProbe, openApp, sleep } from './app-driver';
import { launchChromium, serveBuild } from './built-app';

/** What the page should stay under while it replays. */
const TARGET_MB = 300;
const SAMPLE_MS = 1_000;
/** A loopback port nothing listens on: the app has no feed of its own to run beside the replay. */
const NO_FEEDS = '?feeds=local&local=http%3A%2F%2F127.0.0.1%3A9';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const n = i < 0 ? fallback : Number(process.argv[i + 1]);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} needs a positive number`);
  return n;
}

const log = (s: string): void => void process.stdout.write(`${s}\n`);
const mb = (bytes: number): number => Math.round((bytes / 2 ** 20) * 10) / 10;

/** The seven venues' simulator recordings as one, in receive-time order. */
function fixtureLines(): { t: number; line: string }[] {
  const root = join(import.meta.dirname, '../tests/fixtures');
  const lines: { t: number; line: string }[] = [];
  for (const venue of readdirSync(root)) {
    let text: string;
    try {
      text = readFileSync(join(root, venue, 'sim-btc.jsonl'), 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n')) if (line) lines.push({ t: (JSON.parse(line) as { t: number }).t, line });
  }
  return lines.sort((a, b) => a.t - b.t);
}

/** Writes about `bytes` of recording: the merged fixtures again and again, each copy later than the last. */
async function writeRecording(path: string, bytes: number): Promise<{ bytes: number; lines: number; copies: number }> {
  const lines = fixtureLines();
  const span = lines.at(-1)!.t - lines[0]!.t + 1_000;
  const out = createWriteStream(path);
  let written = 0;
  let copies = 0;
  while (written < bytes) {
    const shift = copies++ * span;
    const chunk = lines.map(({ t, line }) => line.replace(/^\{"t":\d+/, `{"t":${t + shift}`)).join('\n') + '\n';
    written += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return { bytes: statSync(path).size, lines: copies * lines.length, copies };
}

/**
 * Chromium's processes started by this one, with their kind (browser, renderer, gpu-process, …; the renderer of
 * Chromium's own UI is 'ui-renderer') and resident memory.
 */
function chromiumProcesses(): { pid: number; kind: string; rssBytes: number }[] {
  const parent = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Fields after the command name, which may hold spaces: state, ppid, …
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parent.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // Gone meanwhile.
    }
  }
  const ours = (pid: number): boolean => {
    for (let p = parent.get(pid); p !== undefined && p > 1; p = parent.get(p)) if (p === process.pid) return true;
    return false;
  };
  const out: { pid: number; kind: string; rssBytes: number }[] = [];
  for (const pid of parent.keys()) {
    if (!ours(pid)) continue;
    try {
      // Chromium's child processes rewrite their command line as one string, arguments joined by spaces.
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      if (!/^\S*chrom/i.test(cmdline)) continue;
      const type = /--type=(\S+)/.exec(cmdline)?.[1] ?? 'browser';
      const kind = type === 'renderer' && cmdline.includes('--top-chrome-webui') ? 'ui-renderer' : type;
      const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (rss) out.push({ pid, kind, rssBytes: Number(rss[1]) * 1024 });
    } catch {
      // Gone meanwhile.
    }
  }
  return out;
}

interface Sample {
  readonly at: number;
  readonly rendererMb: number;
  readonly chromiumMb: number;
  readonly pageHeapMb: number;
  readonly workerHeapMb: number;
  readonly percent: string;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'replay-memory-'));
  const path = join(dir, 'big-recording.jsonl');
  log(`writing about ${arg('mb', 500)} MB of recording to ${path}`);
  const file = await writeRecording(path, arg('mb', 500) * 1e6);
  log(`  ${mb(file.bytes)} MiB, ${file.lines.toLocaleString('en-US')} lines (${file.copies} copies of the seven venues' simulator recordings)`);
  const built = await serveBuild(log);
  const browser = await launchChromium();
  try {
    const app = await openApp(browser, built.origin, NO_FEEDS);
    const heap = await heapProbe(browser, app);
    const { page } = app;
    const sample = async (): Promise<Sample> => {
      const processes = chromiumProcesses();
      const renderers = processes.filter((p) => p.kind === 'renderer');
      return {
        at: Date.now(),
        rendererMb: mb(Math.max(0, ...renderers.map((p) => p.rssBytes))),
        chromiumMb: mb(processes.reduce((sum, p) => sum + p.rssBytes, 0)),
        pageHeapMb: await heap.page(),
        workerHeapMb: await heap.worker(),
        percent: (await page.getByTestId('replay-percent').textContent({ timeout: 100 }).catch(() => null)) ?? '',
      };
    };
    const before = await sample();
    log(`  before the replay: renderer ${before.rendererMb} MiB, all Chromium ${before.chromiumMb} MiB, page heap ${before.pageHeapMb} MiB, worker heap ${before.workerHeapMb} MiB`);
    await page.getByTestId('replay-speed').selectOption('max');
    const started = Date.now();
    await page.getByTestId('replay-file').setInputFiles(path);
    await page.getByTestId('replay-progress').waitFor({ timeout: 60_000 });
    const firstShownMs = Date.now() - started;
    const samples: Sample[] = [];
    for (;;) {
      const s = await sample();
      samples.push(s);
      if (samples.length % 10 === 0) log(`  ${Math.round((s.at - started) / 1000)} s: ${s.percent}, renderer ${s.rendererMb} MiB, page heap ${s.pageHeapMb} MiB, worker heap ${s.workerHeapMb} MiB`);
      if (s.percent === '100 %') break;
      await sleep(SAMPLE_MS);
    }
    const seconds = Math.round((Date.now() - started) / 100) / 10;
    const status = await page.getByTestId('replay-status').textContent();
    const peak = (key: 'rendererMb' | 'chromiumMb' | 'pageHeapMb' | 'workerHeapMb'): number => Math.max(...samples.map((s) => s[key]));
    await heap.close();
    const report = {
      file: { mib: mb(file.bytes), lines: file.lines },
      replay: { speed: 'max', secondsToFirstProgress: firstShownMs / 1000, secondsToEnd: seconds, status: status?.replace(/\s+/g, ' ').trim() },
      samples: samples.length,
      beforeMiB: { renderer: before.rendererMb, allChromium: before.chromiumMb, pageHeap: before.pageHeapMb, workerHeap: before.workerHeapMb },
      peakMiB: { renderer: peak('rendererMb'), allChromium: peak('chromiumMb'), pageHeap: peak('pageHeapMb'), workerHeap: peak('workerHeapMb') },
      target: `renderer (page and worker) under about ${TARGET_MB} MB`,
      met: peak('rendererMb') < TARGET_MB,
      method:
        'every second: VmRSS of each Chromium process started by this one (/proc/<pid>/status): the largest page renderer (the app\'s page and its worker), ' +
        'and the sum over all processes (shared pages counted in each); ' +
        'JS heap used after HeapProfiler.collectGarbage, over CDP, in the page and in its engine worker',
    };
    log(JSON.stringify(report, null, 2));
    process.exitCode = report.met ? 0 : 1;
  } finally {
    await browser.close().catch(() => undefined);
    await built.close();
    if (!process.argv.includes('--keep')) rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`replay-memory failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
