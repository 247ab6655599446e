import type { Engine } from './engines';
import { collect, median, rotate } from './stats';
import type { Stream } from './stream';

export interface BookResult {
  readonly engine: string;
  readonly mode: 'apply' | 'apply+top50';
  /** Median changes per second over the rounds, on the process's CPU time (robust on a shared machine). */
  readonly changesPerSec: number;
  /** The same on wall-clock time. */
  readonly wallChangesPerSec: number;
  /** Changes per CPU second of each round. */
  readonly runs: number[];
  readonly wallRuns: number[];
}

function sameTop(a: { bids: [number, number][]; asks: [number, number][] }, b: { bids: [number, number][]; asks: [number, number][] }): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Applies the whole stream to a fresh book of each engine, engines interleaved and their order rotated every
 * round; the snapshot load is not timed. With `read`, the best `read` levels of both sides are read after
 * every frame, as a screen does. Every engine's final book is checked against the simulator's.
 */
export function benchBooks(stream: Stream, engines: readonly Engine[], rounds: number, read: number, log: (s: string) => void): BookResult[] {
  const truth = { bids: stream.truth.bids.top(50), asks: stream.truth.asks.top(50) };
  const runs = new Map<string, number[]>(engines.map((e) => [e.name, []]));
  const wallRuns = new Map<string, number[]>(engines.map((e) => [e.name, []]));
  let sink = 0;
  for (let round = 0; round < rounds; round++) {
    for (const engine of rotate(engines, round)) {
      collect();
      const book = engine.create(stream.snapshot);
      const batches = stream.batches;
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      if (read > 0) {
        for (let i = 0; i < batches.length; i++) {
          book.apply(batches[i]!);
          sink += book.read(read);
        }
      } else {
        for (let i = 0; i < batches.length; i++) book.apply(batches[i]!);
      }
      const wall = (performance.now() - t0) / 1000;
      const c = process.cpuUsage(c0);
      const seconds = (c.user + c.system) / 1e6;
      if (round === 0 && !sameTop(book.top(50), truth)) throw new Error(`${engine.name}: final book differs from the stream's truth`);
      runs.get(engine.name)!.push(stream.changes / seconds);
      wallRuns.get(engine.name)!.push(stream.changes / wall);
      log(
        `  round ${round + 1}/${rounds} ${read ? `read top ${read}` : 'apply'} ${engine.name}: ${(stream.changes / seconds / 1e6).toFixed(3)} M changes/CPU s, ${(stream.changes / wall / 1e6).toFixed(3)} M/wall s`,
      );
    }
  }
  if (sink === 42) log('');
  return engines.map((e) => ({ engine: e.name, mode: read ? 'apply+top50' : 'apply', changesPerSec: median(runs.get(e.name)!),
    wallChangesPerSec: median(wallRuns.get(e.name)!),
    runs: runs.get(e.name)!,
    wallRuns: wallRuns.get(e.name)!,
  }));
}
