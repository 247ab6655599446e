/**
 * `npm run bench`: the book engine against ccxt, tardis-dev and a plain sorted array (snapshot load, depth
 * profiles, bytes a level); the venue adapters against JSON.parse; the consolidated ladder; the app in Chromium
 * under load; the initial bundle size. Prints a table and writes it as JSON under bench/results/. Sections can be
 * picked: `npm run bench -- book parse`. For a quick look: BENCH_ROUNDS (rounds, default 5), BENCH_LEVELS (book
 * sizes, default 1000,10000,100000), BENCH_CHANGES (changes a phase, default 300k at 1k and 10k levels, 150k at
 * 100k), BENCH_ENGINES=ours,ccxt picks book engines; the committed results use the defaults.
 */
import { execSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem, type as osType, release } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchSnapshots, benchStreams, pairedRatio, type CaseResult, type SnapshotResult, type StreamCase } from './book';
import { benchBrowser, browserReady, type BrowserResult } from './browser';
import { benchConsolidation, type LadderResult } from './consolidate';
import { ccxtEngine, loadPeers, ours, oursWithText, sortedArray, tardisEngine, type Engine } from './engines';
import { benchMemory, type MemoryResult } from './memory';
import { benchParsing, type ParseResult } from './parse';
import { buildApp, measureSize, type SizeResult } from './size';
import { fmt } from './stats';
import { makeStream, PROFILES, type Profile } from './stream';
import { VENUE_IDS } from '../src/venues/types';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const SECTIONS = ['book', 'parse', 'ladder', 'browser', 'size'] as const;
type Section = (typeof SECTIONS)[number];
const picked = process.argv.slice(2).filter((a): a is Section => (SECTIONS as readonly string[]).includes(a));
const run = (s: Section): boolean => picked.length === 0 || picked.includes(s);

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const LEVELS = (process.env.BENCH_LEVELS ?? '1000,10000,100000').split(',').map(Number).filter((n) => n > 0);
/** Changes a phase: a few hundred ms of ours at 1k and 10k; fewer at 100k, where deep changes cost the sorted array 8-15 µs (the array book before 1fe5751: up to 190 µs). */
const changesFor = (levels: number): number => Number(process.env.BENCH_CHANGES ?? (levels >= 100_000 ? 150_000 : 300_000));
const READ = 50;
/** The read-heavy case: the near profile at this many levels (or the nearest size measured), top 50 read after every frame. */
const READ_LEVELS = 10_000;
/**
 * ccxt keeps the best price first and moves its whole side (and a Float64Array index) on every insert or
 * removal: in a 100k-level book 90-140 µs a change near the top or in the middle, 7 s of every round.
 */
const CCXT_MAX_LEVELS = 100_000;

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
const files = (n: number): string => `${n} file${n === 1 ? '' : 's'}`;

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
  rows.push({ section, name: 'trades to the page a second (left off the tape)', figure: `${f.tradesPerSecond.toFixed(1)} (${f.tradesSkippedPerSecond.toFixed(1)})` });
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
  if (f.heatmap) {
    rows.push({ section, name: 'heatmap history held at the end', figure: `${f.heatmap.columns} columns, ${(f.heatmap.bytes / 2 ** 20).toFixed(2)} MB (trades ${f.heatmap.tradeCells} cells, ${(f.heatmap.tradeBytes / 2 ** 20).toFixed(2)} MB)` });
  }
}

const levelsName = (n: number): string => (n >= 1000 && n % 1000 === 0 ? `${n / 1000}k` : String(n));
const caseName = (profile: Profile, levels: number): string => `${profile} ${levelsName(levels)}`;
const ns = (x: number): string => (x >= 10_000 ? `${(x / 1000).toFixed(1)} µs` : `${x.toFixed(0)} ns`);
const micros = (x: number): string => (x >= 1e6 ? `${(x / 1e6).toFixed(2)} s` : x >= 10_000 ? `${(x / 1000).toFixed(1)} ms` : `${x.toFixed(0)} µs`);
const short: Record<string, string> = { ours: 'ours', 'ours, text kept': 'text kept', 'tardis-dev': 'tardis-dev', ccxt: 'ccxt', 'sorted array': 'sorted array' };

/**
 * The book section: snapshot load at each size in venue order and reversed; the depth profiles near, uniform and
 * bottom at each size, every engine in every round on the same stream and its whole book checked after every
 * run; the read-heavy case; bytes a level for every venue. Every target is a ratio measured in this run.
 */
async function bookSection(result: Record<string, unknown>): Promise<void> {
  const peers = await loadPeers();
  const only = process.env.BENCH_ENGINES?.split(',');
  const ccxt = ccxtEngine(peers.ccxt.cls, peers.ccxt.version);
  const tardis = tardisEngine(peers.tardis.cls, peers.tardis.version);
  const engines: Engine[] = [ours, oursWithText, tardis, ccxt, sortedArray].filter((e) => !only || only.includes(e.name));
  const has = (name: string): boolean => engines.some((e) => e.name === name);

  log(`book: building the streams (${PROFILES.join(', ')} at ${LEVELS.map(levelsName).join(', ')} levels a side)`);
  const cases: StreamCase[] = LEVELS.map((levels) => ({
    stream: makeStream(levels, PROFILES, changesFor(levels)),
    names: PROFILES.map((p) => caseName(p, levels)),
    read: 0,
    engines: levels >= CCXT_MAX_LEVELS ? engines.filter((e) => e !== ccxt) : engines,
  }));
  const readLevels = LEVELS.reduce((best, n) => (Math.abs(n - READ_LEVELS) < Math.abs(best - READ_LEVELS) ? n : best), LEVELS[0]!);
  const readName = `${caseName('near', readLevels)}, read top ${READ} a frame`;
  cases.push({ stream: makeStream(readLevels, ['near'], changesFor(readLevels), 7), names: [readName], read: READ, engines });

  // 1. Snapshot load.
  const snapshotVariants = [
    { name: 'ours, venue order', engine: ours, order: 'venue' as const },
    { name: 'ours, reversed', engine: ours, order: 'reversed' as const },
    { name: 'ours text kept, venue order', engine: oursWithText, order: 'venue' as const },
    { name: 'tardis-dev', engine: tardis, order: 'venue' as const },
    { name: 'sorted array', engine: sortedArray, order: 'venue' as const },
  ].filter((v) => has(v.engine.name));
  const snapshotRounds = Math.min(ROUNDS, 3);
  log(`book: snapshot load, ${snapshotRounds} rounds`);
  const snapshots: SnapshotResult[] = has('ours') ? benchSnapshots(cases.slice(0, LEVELS.length).map((c) => c.stream), snapshotVariants, snapshotRounds, log) : [];
  for (const levels of LEVELS) {
    const at = (v: string): SnapshotResult | undefined => snapshots.find((r) => r.levels === levels && r.variant === v);
    const venue = at('ours, venue order');
    const reversed = at('ours, reversed');
    if (!venue || !reversed) continue;
    const ratio = pairedRatio(venue.runs, reversed.runs);
    const others = snapshotVariants.slice(2).map((v) => `${v.name} ${micros(at(v.name)!.micros)}`);
    const graded = levels === Math.max(...LEVELS) && levels >= 100_000;
    rows.push({
      section: '1 book: snapshot',
      name: `${levelsName(levels)} levels a side: ours in venue order (best first) / reversed`,
      figure: `${micros(venue.micros)} / ${micros(reversed.micros)}: ${fmt.ratio(ratio)}; ${others.join(', ')}`,
      target: graded ? 'venue order <= 2x reversed' : undefined,
      verdict: graded ? verdict(ratio <= 2) : undefined,
    });
  }

  // 2. Depth profiles, and the read-heavy case, in the same rounds.
  log(`book: ${cases.length} books x ${engines.length} engines x ${ROUNDS} rounds`);
  const results: CaseResult[] = benchStreams(cases, ROUNDS, log, cases.filter((c) => c.stream.levels === Math.min(...LEVELS) && !c.read));
  const get = (name: string, engine: string): CaseResult | undefined => results.find((r) => r.name === name && r.engine === engine);
  const left = cases.filter((c) => has('ccxt') && !c.engines.includes(ccxt)).flatMap((c) => c.names);
  for (const c of [...cases.filter((x) => !x.read), undefined, ...cases.filter((x) => x.read)]) {
    if (!c) {
      if (left.length) rows.push({ section: '1 book: changes', name: `ccxt left out of ${left.join(', ')}`, figure: 'it moves its whole side on every insert and removal: 90-140 µs a change near the top and in the middle of 100k levels' });
      continue;
    }
    for (const [i, phase] of c.stream.phases.entries()) {
      const name = c.names[i]!;
      const mine = get(name, 'ours');
      const theirs = get(name, 'tardis-dev');
      const text = get(name, 'ours, text kept');
      const shape = phase.shape;
      const where = phase.profile === 'bottom' ? `${(shape.bottom20 * 100).toFixed(0)} % in the worst 20` : `${(shape.top20 * 100).toFixed(0)} % in the top 20`;
      const costs = c.engines.map((e) => `${short[e.name] ?? e.name} ${ns(get(name, e.name)!.nsPerChange)}`).join(', ');
      const ratio = mine && theirs ? pairedRatio(theirs.ns, mine.ns) : NaN;
      const textRatio = theirs && text ? pairedRatio(theirs.ns, text.ns) : NaN;
      const isRead = c.read > 0;
      rows.push({
        section: isRead ? '1 book: read-heavy' : '1 book: changes',
        name: `${name}${isRead ? '' : ` (${where})`}, ${fmt.rate(phase.changes)} changes`,
        figure: `${costs} a change${mine ? ` (ours ${fmt.rate(mine.changesPerSec)} changes/s)` : ''}; vs tardis-dev: ours ${fmt.ratio(ratio)}, text kept ${fmt.ratio(textRatio)}`,
        target: isRead ? 'ours >= 5x tardis-dev' : 'ours >= 2x tardis-dev',
        verdict: Number.isFinite(ratio) ? verdict(ratio >= (isRead ? 5 : 2)) : undefined,
      });
      const array = get(name, 'sorted array');
      if (isRead && mine && array) {
        const vsArray = pairedRatio(array.ns, mine.ns);
        rows.push({ section: '1 book: read-heavy', name: `${name}: ours vs the sorted array (best at the end)`, figure: `ours ${fmt.ratio(vsArray)}`, target: 'ours >= 1x', verdict: verdict(vsArray >= 1) });
      }
    }
  }
  const far = get(caseName('uniform', 100_000), 'ours');
  const near = get(caseName('near', 1000), 'ours');
  if (far && near) {
    const ratio = pairedRatio(far.ns, near.ns);
    rows.push({
      section: '1 book: depth',
      name: 'ours: a change anywhere in 100k levels (uniform 100k) / near the top of 1k (near 1k)',
      figure: `${ns(far.nsPerChange)} / ${ns(near.nsPerChange)}: ${fmt.ratio(ratio)}`,
      target: '<= 4x',
      verdict: verdict(ratio <= 4),
    });
  }

  // 3. Bytes a level, every venue, as a session builds its book.
  log('book: bytes a level, every venue');
  const memory: MemoryResult[] = has('ours') ? benchMemory(log) : [];
  for (const m of memory) {
    const worst = Math.max(m.snapshotBytesPerLevel, m.streamBytesPerLevel);
    rows.push({
      section: '1 book: memory',
      name: `${m.venue}: ${m.books} books x ${levelsName(m.levelsPerSide)} levels a side${m.depthCap === null ? '' : ' (its depth cap)'}, ${m.keepText ? 'text kept' : 'no text'}`,
      figure: `${m.snapshotBytesPerLevel.toFixed(1)} B a level loaded, ${m.streamBytesPerLevel.toFixed(1)} B after ${levelsName(m.changesPerBook)} changes a book`,
      target: '<= 24 B',
      verdict: verdict(worst <= 24),
    });
  }

  result.book = {
    rounds: ROUNDS,
    snapshotRounds,
    engines: Object.fromEntries(engines.map((e) => [e.name, e.what])),
    streams: cases.flatMap((c) =>
      c.stream.phases.map((p, i) => ({
        name: c.names[i],
        profile: p.profile,
        levelsPerSide: c.stream.levels,
        phase: `${i + 1} of ${c.stream.phases.length}`,
        changes: p.changes,
        frames: p.frames,
        readTopPerFrame: c.read,
        shape: p.shape,
      })),
    ),
    snapshot: snapshots,
    changes: results,
    memory,
  };
}

async function main(): Promise<void> {
  const started = new Date();
  const result: Record<string, unknown> = { date: started.toISOString(), machine: machine() };

  if (run('book')) await bookSection(result);

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
    // The target was set for the first seven venues; every venue's book is measured too, against no target.
    log('ladder: simulated BTC books, the first seven venues, then all');
    const ladder: LadderResult[] = [VENUE_IDS.slice(0, 7), VENUE_IDS].flatMap((venues) => benchConsolidation(venues, 1000, [0.01, 1, 10], 50, log));
    result.ladder = ladder;
    for (const l of ladder) {
      const seven = l.books === 7;
      rows.push({
        section: '3 ladder',
        name: `${l.books} books x ${l.levelsPerSide}+ levels, step ${l.step}, ${l.rows} rows`,
        figure: `${l.micros.toFixed(1)} µs (${l.levelsWalked} levels walked, ${l.bidRows}/${l.askRows} rows)`,
        ...(seven ? { target: '< 200 µs', verdict: verdict(l.micros < 200) } : {}),
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
      // Runs as books:trades speeds. Ten times the venues' rate is the stress run (with the profile); their normal rate
      // is what a trader sees; and the tape at ten times the normal trade rate on top of the books at theirs.
      const runsAsked = (process.env.BENCH_BROWSER_SPEEDS ?? '10,1,1:10').split(',').map((r) => r.split(':').map(Number));
      const seconds = (speed: number): number => Number(process.env.BENCH_BROWSER_SECONDS ?? (speed >= 10 ? 60 : 30));
      const runs: Record<string, BrowserResult> = {};
      for (const [k, [speed = 1, tradeSpeed = speed]] of runsAsked.entries()) {
        if (!(speed > 0) || !(tradeSpeed >= 0)) continue;
        const label = tradeSpeed === speed ? `${speed}x` : `${speed}x, trades ${tradeSpeed}x`;
        const browser: BrowserResult = b.ok ? await benchBrowser(root, browserDir, log, speed, seconds(speed), k === 0, tradeSpeed) : { ok: false, note: b.note };
        runs[label] = browser;
        browserRows(browser, `4 browser ${label} ${seconds(speed)} s`);
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
      rows.push({ section: '5 size', name: `initial JS, page (${files(size.js.length)})`, figure: `${(size.jsGzip / 1000).toFixed(1)} kB gzip`, target: '< 60 kB', verdict: verdict(size.jsGzip < 60_000) });
      rows.push({
        section: '5 size',
        name: `initial JS, page + the worker it starts at once (${files(size.js.length + size.worker.length)})`,
        figure: `${(size.withWorkerGzip / 1000).toFixed(1)} kB gzip (worker ${((size.withWorkerGzip - size.jsGzip) / 1000).toFixed(1)} kB)`,
      });
      rows.push({ section: '5 size', name: `initial CSS (${files(size.css.length)})`, figure: `${(size.cssGzip / 1000).toFixed(1)} kB gzip` });
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
  console.log('sections 1-3 time CPU seconds of the bench process (book wall-clock rates are in the JSON); ratios are medians of per-round ratios, engines back to back in each round');
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
