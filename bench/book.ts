import { readFileSync } from 'node:fs';
import type { RawLevel } from '../src/book/levels';
import type { BookUnderTest, Engine, WholeBook } from './engines';
import { collect, median, rotate } from './stats';
import type { Batch, Stream } from './stream';

/** How long the collector's background threads get to finish after the collections before a timed run. */
const SETTLE_MS = 30;

/**
 * Collects twice before a timed run, then waits: the collector sweeps and frees on background threads after
 * `gc()` returns, and on this 2-core machine that work ran beside (and slowed) the run that followed.
 */
function settle(): void {
  collect();
  collect();
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, SETTLE_MS);
}

/**
 * CPU seconds of this thread (Linux: /proc/thread-self/schedstat, in ns), else of the process. The thread's own
 * time leaves out the collector's background threads, which an earlier engine's garbage kept busy; collection
 * work done on this thread, an engine's own allocation included, still counts.
 */
function cpuNow(): number {
  try {
    return Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1e9;
  } catch {
    const c = process.cpuUsage();
    return (c.user + c.system) / 1e6;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Whole-book equality

const numeric = (levels: readonly RawLevel[]): [number, number][] => levels.map(([p, q]) => [Number(p), Number(q)]);

/** The truth a book must equal: numbers for every engine, the venue's text for one that keeps it. */
export interface Expected {
  readonly numbers: WholeBook;
  readonly texts: Batch;
}

export function expected(truth: Batch): Expected {
  return { numbers: { bids: numeric(truth.bids), asks: numeric(truth.asks) }, texts: truth };
}

function firstDifference(side: string, got: readonly (readonly [unknown, unknown])[], want: readonly (readonly [unknown, unknown])[]): string | undefined {
  const n = Math.max(got.length, want.length);
  for (let k = 0; k < n; k++) {
    const g = got[k];
    const w = want[k];
    if (!g || !w || g[0] !== w[0] || g[1] !== w[1]) {
      return `${side} level ${k} (of ${got.length}, expected ${want.length}): got ${JSON.stringify(g ?? null)}, expected ${JSON.stringify(w ?? null)}`;
    }
  }
  return undefined;
}

/** Throws unless every level of both sides (and, where kept, its text) equals the truth. */
export function checkWhole(book: BookUnderTest, want: Expected, what: string): void {
  const got = book.all();
  const diff = firstDifference('bids', got.bids, want.numbers.bids) ?? firstDifference('asks', got.asks, want.numbers.asks);
  if (diff) throw new Error(`${what}: the whole book differs from the reference: ${diff}`);
  if (book.texts) {
    const texts = book.texts();
    const textDiff = firstDifference('bid text', texts.bids, want.texts.bids) ?? firstDifference('ask text', texts.asks, want.texts.asks);
    if (textDiff) throw new Error(`${what}: the kept venue text differs from what was sent: ${textDiff}`);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Snapshot load

export interface SnapshotVariant {
  readonly name: string;
  readonly engine: Engine;
  /** venue: best first, as every venue sends it; reversed: worst first. */
  readonly order: 'venue' | 'reversed';
}

export interface SnapshotResult {
  readonly levels: number;
  readonly variant: string;
  /** Median over rounds of each round's CPU µs per load. */
  readonly micros: number;
  /** Each round's CPU µs per load, and how many loads were timed in it. */
  readonly runs: number[];
  readonly reps: number[];
}

/** Loads taking longer than this are timed once (the quadratic load of 100k levels takes seconds). */
const SLOW_LOAD_S = 1;
const MIN_LOADS = 3;
const MIN_SECONDS = 0.3;

/**
 * CPU µs per load of `snapshot` into a fresh book: one untimed warm-up load, then at least 3 loads and 0.3 s;
 * a warm-up over 1 s is the only load (timed). The last book is returned, for the equality check.
 */
function timeLoads(engine: Engine, snapshot: Batch): { micros: number; reps: number; book: BookUnderTest } {
  settle();
  let c0 = cpuNow();
  let book = engine.create(snapshot);
  const first = cpuNow() - c0;
  if (first > SLOW_LOAD_S) return { micros: first * 1e6, reps: 1, book };
  let reps = 0;
  let seconds = 0;
  while (reps < MIN_LOADS || seconds < MIN_SECONDS) {
    const chunk = Math.max(1, Math.min(64, Math.ceil((MIN_SECONDS - seconds) / Math.max(first, 1e-6))));
    c0 = cpuNow();
    for (let i = 0; i < chunk; i++) book = engine.create(snapshot);
    seconds += cpuNow() - c0;
    reps += chunk;
  }
  return { micros: (seconds / reps) * 1e6, reps, book };
}

/**
 * Times each variant's snapshot load at each size, variants in a rotated order every round; after every load
 * timed, the whole book is checked against the snapshot.
 */
export function benchSnapshots(streams: readonly Stream[], variants: readonly SnapshotVariant[], rounds: number, log: (s: string) => void): SnapshotResult[] {
  const runs = new Map<string, { micros: number[]; reps: number[] }>();
  const key = (levels: number, variant: string): string => `${levels}/${variant}`;
  for (let round = 0; round < rounds; round++) {
    for (const stream of streams) {
      const snapshot = stream.snapshot();
      const levels = stream.levels;
      const want = expected(snapshot);
      const reversed: Batch = { bids: [...snapshot.bids].reverse(), asks: [...snapshot.asks].reverse() };
      for (const v of rotate(variants, round)) {
        const t = timeLoads(v.engine, v.order === 'venue' ? snapshot : reversed);
        checkWhole(t.book, want, `snapshot ${levels}/side ${v.name}, round ${round + 1}`);
        const r = runs.get(key(levels, v.name)) ?? { micros: [], reps: [] };
        r.micros.push(t.micros);
        r.reps.push(t.reps);
        runs.set(key(levels, v.name), r);
        log(`  snapshot round ${round + 1}/${rounds} ${levels}/side ${v.name}: ${t.micros.toFixed(0)} µs (${t.reps} loads)`);
      }
    }
  }
  return streams.flatMap((s) =>
    variants.map((v) => {
      const r = runs.get(key(s.levels, v.name))!;
      return { levels: s.levels, variant: v.name, micros: median(r.micros), runs: r.micros, reps: r.reps };
    }),
  );
}

// ---------------------------------------------------------------------------------------------------------
// Streams of changes

export interface StreamCase {
  readonly stream: Stream;
  /** A name for each phase of the stream, e.g. "near 1k" (the results are keyed by it). */
  readonly names: readonly string[];
  /** Levels of each side read after every frame (0: apply only). */
  readonly read: number;
  readonly engines: readonly Engine[];
}

export interface CaseResult {
  /** The phase's name. */
  readonly name: string;
  readonly engine: string;
  /** CPU ns per change, each round (in round order, so that ratios can be paired within a round). */
  readonly ns: number[];
  readonly wallNs: number[];
  /** Medians over rounds. */
  readonly nsPerChange: number;
  readonly changesPerSec: number;
  readonly wallChangesPerSec: number;
}

/**
 * Every round runs every case: each engine's book is loaded from the case's snapshot (in venue order, not
 * timed), then for each phase of the stream every engine applies that phase's frames back to back, in an order
 * rotated each round, the heap collected before each run; only the frames are timed. After every run the
 * engine's whole book is checked against the stream's truth. `warm` cases run once first, untimed, so that
 * round 1 does not pay for the JIT.
 */
export function benchStreams(cases: readonly StreamCase[], rounds: number, log: (s: string) => void, warm: readonly StreamCase[] = []): CaseResult[] {
  const runs = new Map<string, { ns: number[]; wall: number[] }>();
  const key = (c: string, e: string): string => `${c}/${e}`;
  let sink = 0;
  const runCase = (c: StreamCase, round: number, timed: boolean): void => {
    const snapshot = c.stream.snapshot();
    const engines = rotate(c.engines, round);
    const books = engines.map((e) => e.create(snapshot));
    for (const [i, phase] of c.stream.phases.entries()) {
      // Written out afresh for each phase and round: only the phase being run holds its strings.
      const batches = phase.batches();
      const truth = expected(phase.truth());
      const name = c.names[i]!;
      for (const [k, engine] of engines.entries()) {
        const book = books[k]!;
        settle();
        const c0 = cpuNow();
        const t0 = performance.now();
        if (c.read > 0) {
          for (let f = 0; f < batches.length; f++) {
            book.apply(batches[f]!);
            sink += book.read(c.read);
          }
        } else {
          for (let f = 0; f < batches.length; f++) book.apply(batches[f]!);
        }
        const wall = (performance.now() - t0) / 1000;
        const seconds = cpuNow() - c0;
        checkWhole(book, truth, `${name}: ${engine.name}, ${timed ? `round ${round + 1}` : 'warm-up'}`);
        if (!timed) continue;
        const r = runs.get(key(name, engine.name)) ?? { ns: [], wall: [] };
        r.ns.push((seconds * 1e9) / phase.changes);
        r.wall.push((wall * 1e9) / phase.changes);
        runs.set(key(name, engine.name), r);
        log(`  round ${round + 1}/${rounds} ${name} ${engine.name}: ${((seconds * 1e9) / phase.changes).toFixed(0)} ns/change (CPU), ${(phase.changes / seconds / 1e6).toFixed(3)} M changes/CPU s`);
      }
    }
  };
  for (const c of warm) runCase(c, 0, false);
  if (warm.length) log(`  warmed up on ${warm.flatMap((c) => c.names).join(', ')}`);
  for (let round = 0; round < rounds; round++) for (const c of cases) runCase(c, round, true);
  if (sink === 42) log('');
  return cases.flatMap((c) =>
    c.names.flatMap((name) =>
      c.engines.map((e) => {
        const r = runs.get(key(name, e.name))!;
        const ns = median(r.ns);
        return { name, engine: e.name, ns: r.ns, wallNs: r.wall, nsPerChange: ns, changesPerSec: 1e9 / ns, wallChangesPerSec: 1e9 / median(r.wall) };
      }),
    ),
  );
}

/** Median over rounds of a / b within each round (paired), never a ratio of medians. */
export function pairedRatio(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  const ratios: number[] = [];
  for (let i = 0; i < n; i++) ratios.push(a[i]! / b[i]!);
  return median(ratios);
}
