/**
 * Reads a Chrome trace (devtools.timeline) of the page: the renderer main thread's tasks with their wall time and
 * their own thread (CPU) time, and where that thread's time went by rendering phase. On a machine with fewer cores
 * than busy threads a task's wall time includes the time the thread waited to be scheduled; its thread time does
 * not, and is what the page itself cost.
 */

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

export interface TaskFigures {
  seconds: number;
  tasks: number;
  longestWallMs: number;
  /** Thread time of the task with the longest wall time. */
  longestWallThreadMs: number;
  longestThreadMs: number;
  wallOver50: number;
  threadOver50: number;
  /** Main-thread wall time per second of trace, by phase (inclusive, top-level occurrences only). */
  phaseMsPerSecond: Record<string, number>;
}

/** Top-level devtools.timeline events, grouped the way the Performance panel colours them. */
const PHASES: Record<string, string> = {
  FunctionCall: 'script',
  FireAnimationFrame: 'script',
  EventDispatch: 'script',
  TimerFire: 'script',
  EvaluateScript: 'script',
  MajorGC: 'gc',
  MinorGC: 'gc',
  'V8.GC_SCAVENGER': 'gc',
  UpdateLayoutTree: 'style',
  Layout: 'layout',
  PrePaint: 'paint',
  Paint: 'paint',
  Layerize: 'paint',
  Commit: 'commit',
};

export function taskFigures(trace: { traceEvents?: TraceEvent[] } | TraceEvent[]): TaskFigures {
  const events = Array.isArray(trace) ? trace : (trace.traceEvents ?? []);
  const names = new Map<string, string>();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name' && e.args?.name) names.set(`${e.pid}:${e.tid}`, e.args.name);
  // The page's main thread is the busiest CrRendererMain (other renderers belong to other frames or are idle).
  const busy = new Map<string, number>();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (e.ph === 'X' && e.name === 'RunTask' && names.get(key) === 'CrRendererMain') busy.set(key, (busy.get(key) ?? 0) + (e.dur ?? 0));
  }
  const main = [...busy.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  const onMain = events.filter((e) => e.ph === 'X' && `${e.pid}:${e.tid}` === main).sort((a, b) => a.ts - b.ts);
  const tasks = onMain.filter((e) => e.name === 'RunTask');
  let first = Infinity;
  let last = 0;
  for (const t of tasks) {
    first = Math.min(first, t.ts);
    last = Math.max(last, t.ts + (t.dur ?? 0));
  }
  const seconds = tasks.length ? (last - first) / 1e6 : 0;
  let longest: TraceEvent | undefined;
  let longestThread = 0;
  for (const t of tasks) {
    if (!longest || (t.dur ?? 0) > (longest.dur ?? 0)) longest = t;
    longestThread = Math.max(longestThread, t.tdur ?? 0);
  }
  // A phase counts once where it is outermost, so nested script inside script is not added twice.
  const phases: Record<string, number> = {};
  const open: { end: number; phase: string }[] = [];
  for (const e of onMain) {
    while (open.length && (open[open.length - 1] as { end: number }).end <= e.ts) open.pop();
    const phase = PHASES[e.name];
    if (!phase) continue;
    if (!open.some((o) => o.phase === phase)) phases[phase] = (phases[phase] ?? 0) + (e.dur ?? 0) / 1000;
    open.push({ end: e.ts + (e.dur ?? 0), phase });
  }
  for (const k of Object.keys(phases)) phases[k] = (phases[k] as number) / (seconds || 1);
  return {
    seconds,
    tasks: tasks.length,
    longestWallMs: (longest?.dur ?? 0) / 1000,
    longestWallThreadMs: (longest?.tdur ?? 0) / 1000,
    longestThreadMs: longestThread / 1000,
    wallOver50: tasks.filter((t) => (t.dur ?? 0) > 50_000).length,
    threadOver50: tasks.filter((t) => (t.tdur ?? 0) > 50_000).length,
    phaseMsPerSecond: phases,
  };
}
