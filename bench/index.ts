/**
 * `npm run bench`: the book engine against ccxt, tardis-dev and a plain sorted array; the venue adapters against
 * JSON.parse; the consolidated ladder; the app in Chromium under load; the initial bundle size. Prints a table
 * and writes it as JSON under bench/results/. Sections can be picked: `npm run bench -- book parse`.
 * BENCH_CHANGES and BENCH_ROUNDS shrink a run for a quick look, BENCH_ENGINES=ours,ccxt picks book engines (for
 * profiling one at a time); the committed results use the defaults.
 */
import { execSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem, type as osType, release } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchBooks } from './book';
import { benchBrowser, browserReady, type BrowserResult } from './browser';
import { benchConsolidation, type LadderResult } from './consolidate';
import { ccxtEngine, loadPeers, ours, oursWithText, sortedArray, tardisEngine, type Engine } from './engines';
import { benchParsing, type ParseResult } from './parse';
import { buildApp, measureSize, type SizeResult } from './size';
import { fmt } from './stats';
import { makeStream } from './stream';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const SECTIONS = ['book', 'parse', 'ladder', 'browser', 'size'] as const;
type Section = (typeof SECTIONS)[number];
const picked = process.argv.slice(2).filter((a): a is Section => (SECTIONS as readonly string[]).includes(a));
const run = (s: Section): boolean => picked.length === 0 || picked.includes(s);

const CHANGES = Number(process.env.BENCH_CHANGES ?? 1_000_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const BATCH = 10;
const READ = 50;

const log = (s: string): void => {
  process.stderr.write(`${s}\n`);
};

interface Row {
  readonly section: string;
  readonly name: string;
  readonly figure: string;
  readonly target?: string;
  readonly verdict?: 'PASS' | 'MISS';
}
const rows: Row[] = [];
const verdict = (ok: boolean): 'PASS' | 'MISS' => (ok ? 'PASS' : 'MISS');

function machine(): Record<string, unknown> {
  const cpu = cpus();
  let commit = '';
  try {
    commit = execSync('git rev-parse --short HEAD', { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
  } catch {
    commit = 'unknown';
  }
  return {
    cpu: cpu[0]?.model ?? 'unknown',
    cores: cpu.length,
    memoryGB: Number((totalmem() / 2 ** 30).toFixed(1)),
    os: `${osType()} ${release()}`,
    node: process.version,
    commit,
    loadAverageAtStart: loadavg().map((x) => Number(x.toFixed(2))),
    gcBetweenRuns: typeof (globalThis as { gc?: unknown }).gc === 'function',
  };
}

/** The browser section's rows for one run. */
function browserRows(browser: BrowserResult, section: string): void {
  if (!browser.ok || !browser.figures) {
    rows.push({ section, name: 'not measured', figure: browser.note ?? 'unknown failure' });
    return;
  }
  const f = browser.figures;
  rows.push({ section, name: `main-thread frames per second (${f.venuesLive} venues live)`, figure: `${f.fps.toFixed(1)} fps`, target: '>= 60 fps', verdict: verdict(f.fps >= 59) });
  rows.push({ section, name: 'longest main-thread task', figure: `${f.longestTaskMs.toFixed(0)} ms (${f.longTasks} tasks > 50 ms)`, target: '<= 50 ms', verdict: verdict(f.longestTaskMs <= 50) });
  rows.push({ section, name: 'arrival to paint, median', figure: `${f.paintDelayMedianMs.toFixed(1)} ms over ${f.paints} paints` });
  rows.push({ section, name: 'arrival to paint, p99', figure: `${f.paintDelayP99Ms.toFixed(1)} ms`, target: '< 50 ms', verdict: verdict(f.paintDelayP99Ms < 50) });
  const share = (x: number | undefined): string => (x === undefined ? 'n/a' : `${(x * 100).toFixed(1)} % of a core`);
  rows.push({ section, name: 'CPU share: worker / main thread', figure: `${share(f.workerCpuShare)} / ${share(f.mainThreadCpuShare)}` });
  if (f.machineBusyShare !== undefined) rows.push({ section, name: 'machine busy (every process, every core)', figure: `${(f.machineBusyShare * 100).toFixed(0)} %` });
  const t = f.trace;
  if (t) {
    rows.push({ section, name: `traced ${t.seconds.toFixed(0)} s: longest task, wall / its CPU`, figure: `${t.longestWallMs.toFixed(0)} ms / ${t.longestWallThreadMs.toFixed(0)} ms (${t.wallOver50} tasks > 50 ms wall)` });
    rows.push({ section, name: 'traced: longest task CPU time', figure: `${t.longestThreadMs.toFixed(0)} ms (${t.threadOver50} tasks > 50 ms CPU)`, target: '<= 50 ms', verdict: verdict(t.longestThreadMs <= 50) });
    const phases = Object.entries(t.phaseMsPerSecond).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ');
    rows.push({ section, name: 'traced: main thread ms per s', figure: phases });
  }
  rows.push({ section, name: 'JS heap start -> end', figure: `${(f.heapStartBytes / 2 ** 20).toFixed(1)} MB -> ${(f.heapEndBytes / 2 ** 20).toFixed(1)} MB (main thread)` });
}

async function main(): Promise<void> {
  const started = new Date();
  const result: Record<string, unknown> = { date: started.toISOString(), machine: machine() };

  if (run('book')) {
    log(`book: building the stream (${CHANGES} changes, frames of ~${BATCH})`);
    const stream = makeStream(CHANGES, BATCH);
    const peers = await loadPeers();
    const only = process.env.BENCH_ENGINES?.split(',');
    const engines: Engine[] = [ours, oursWithText, ccxtEngine(peers.ccxt.cls, peers.ccxt.version), tardisEngine(peers.tardis.cls, peers.tardis.version), sortedArray].filter(
      (e) => !only || only.includes(e.name),
    );
    const apply = benchBooks(stream, engines, ROUNDS, 0, log);
    const read = benchBooks(stream, engines, ROUNDS, READ, log);
    result.book = {
      stream: {
        snapshotLevelsPerSide: stream.snapshot.bids.length,
        changes: stream.changes,
        frames: stream.batches.length,
        meanChangesPerFrame: Number(stream.shape.meanBatch.toFixed(2)),
        within20LevelsOfTop: stream.shape.top20,
        deeper: stream.shape.deeper,
        deletes: stream.shape.deletes,
        inserts: stream.shape.inserts,
      },
      rounds: ROUNDS,
      engines: Object.fromEntries(engines.map((e) => [e.name, e.what])),
      results: [...apply, ...read],
    };
    const targets: Record<string, number> = { ccxt: 20, 'tardis-dev': 3, 'sorted array': 1 };
    for (const [mode, set] of [
      ['apply', apply],
      [`apply + read top ${READ} per frame`, read],
    ] as const) {
      const mine = set.find((r) => r.engine === 'ours');
      if (!mine) continue;
      for (const r of set) {
        if (r.engine.startsWith('ours')) {
          rows.push({ section: '1 book', name: `${mode}: ${r.engine}`, figure: `${fmt.rate(r.changesPerSec)} changes/s` });
          continue;
        }
        const ratio = mine.changesPerSec / r.changesPerSec;
        const t = targets[r.engine]!;
        const graded = set === read;
        rows.push({
          section: '1 book',
          name: `${mode}: ${r.engine}`,
          figure: `${fmt.rate(r.changesPerSec)} changes/s, ours ${fmt.ratio(ratio)}`,
          target: graded ? `ours >= ${t}x` : undefined,
          verdict: graded ? verdict(ratio >= t) : undefined,
        });
      }
    }
  }

  if (run('parse')) {
    log('parse: recording each venue simulator');
    const parse: ParseResult[] = await benchParsing(ROUNDS, log);
    result.parse = parse;
    for (const p of parse) {
      rows.push({
        section: '2 parse',
        name: `${p.venue}${p.gzip ? ' (gunzip+parse)' : ''}`,
        figure: `${fmt.rate(p.adapterFps)} frames/s vs JSON.parse ${fmt.rate(p.floorFps)}: ${fmt.ratio(p.ratio)}${p.gzip ? ` (text only ${fmt.ratio(p.textRatio)})` : ''}`,
        target: '<= 2x JSON.parse',
        verdict: verdict(p.ratio <= 2),
      });
    }
  }

  if (run('ladder')) {
    log('ladder: seven simulated BTC books');
    const ladder: LadderResult[] = benchConsolidation(1000, [0.01, 1, 10], 50, log);
    result.ladder = ladder;
    for (const l of ladder) {
      rows.push({
        section: '3 ladder',
        name: `7 books x ${l.levelsPerSide}+ levels, step ${l.step}, ${l.rows} rows`,
        figure: `${l.micros.toFixed(1)} µs (${l.levelsWalked} levels walked, ${l.bidRows}/${l.askRows} rows)`,
        target: '< 200 µs',
        verdict: verdict(l.micros < 200),
      });
    }
  }

  const outDir = join(here, '.dist');
  let build: { ok: boolean; note?: string } | undefined;
  const ensureBuild = (): { ok: boolean; note?: string } => (build ??= buildApp(root, outDir, log));

  if (run('browser')) {
    const ready = browserReady(root);
    if (!ready.ok) {
      result.browser = { placeholder: true, note: ready.note };
      rows.push({ section: '4 browser', name: 'placeholder', figure: `run after the app lands (${ready.note})` });
    } else {
      log('browser: building the app and opening it in Chromium');
      // BENCH_BROWSER_UNMINIFIED=1 runs the browser section on an unminified build, so its profile names functions.
      const unminified = process.env.BENCH_BROWSER_UNMINIFIED === '1';
      const browserDir = unminified ? join(here, '.dist-unminified') : outDir;
      const b = unminified ? buildApp(root, browserDir, log, false) : ensureBuild();
      // Ten times the venues' rate is the stress run (with the profile); their normal rate is what a trader sees.
      const speeds = (process.env.BENCH_BROWSER_SPEEDS ?? '10,1').split(',').map(Number).filter((x) => x > 0);
      const seconds = (speed: number): number => Number(process.env.BENCH_BROWSER_SECONDS ?? (speed >= 10 ? 60 : 30));
      const runs: Record<string, BrowserResult> = {};
      for (const [k, speed] of speeds.entries()) {
        const browser: BrowserResult = b.ok ? await benchBrowser(root, browserDir, log, speed, seconds(speed), k === 0) : { ok: false, note: b.note };
        runs[`${speed}x`] = browser;
        browserRows(browser, `4 browser ${speed}x ${seconds(speed)} s`);
      }
      result.browser = runs;
    }
  }

  if (run('size')) {
    log('size: initial bundle');
    const size: SizeResult = measureSize(outDir, ensureBuild());
    result.size = size;
    if (!size.built) {
      rows.push({ section: '5 size', name: 'initial JS / CSS', figure: size.note ?? 'not built' });
    } else {
      rows.push({ section: '5 size', name: `initial JS (${size.js.length} files)`, figure: `${(size.jsGzip / 1000).toFixed(1)} kB gzip`, target: '< 60 kB', verdict: verdict(size.jsGzip < 60_000) });
      rows.push({ section: '5 size', name: `initial CSS (${size.css.length} files)`, figure: `${(size.cssGzip / 1000).toFixed(1)} kB gzip` });
    }
  }

  (result.machine as Record<string, unknown>).loadAverageAtEnd = loadavg().map((x) => Number(x.toFixed(2)));
  result.table = rows;
  printTable(result.machine as Record<string, unknown>);
  mkdirSync(join(here, 'results'), { recursive: true });
  const file = join(here, 'results', `${started.toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`\nwritten ${file.slice(root.length + 1)}`);
}

function printTable(m: Record<string, unknown>): void {
  const head = ['section', 'measure', 'figure', 'target', ''];
  const body = rows.map((r) => [r.section, r.name, r.figure, r.target ?? '', r.verdict ?? '']);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  console.log(
    `\n${String(m.cpu)} x${String(m.cores)}, ${String(m.node)}, commit ${String(m.commit)}, load average ${String(m.loadAverageAtStart)} -> ${String(m.loadAverageAtEnd)}`,
  );
  console.log('sections 1-3 time CPU seconds of the bench process (book wall-clock rates are in the JSON); medians of interleaved rounds');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  let section = '';
  for (const b of body) {
    console.log(line(b[0] === section ? ['', ...b.slice(1)] : b));
    section = b[0]!;
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
