/** The replay scrubber's span and position, from how far the replay has read its file. */
import type { ReplayProgress } from '../worker/api';

export interface ScrubberSpan {
  /** Recorded times, epoch ms. */
  readonly start: number;
  readonly end: number;
  readonly at: number;
  /** The file's last time is known (it was read to its end once); until then the span is what was read so far. */
  readonly ended: boolean;
  /** The span crosses midnight on the reader's clock: times show their day. */
  readonly days: boolean;
  /** One arrow key's move, ms: about 1/600 of the span in whole tenths of a second (1 s for ten minutes). */
  readonly step: number;
}

/**
 * From the first recorded time to the last, or, until the file has been read to its end once, to the newest time
 * replayed (a seek reads from the start up to a time, so only what was read can be sought until then). Undefined
 * while there is no span to seek in.
 */
export function scrubberSpan(p: ReplayProgress | undefined): ScrubberSpan | undefined {
  if (p?.startT === undefined || p.atT === undefined) return undefined;
  const end = p.endT ?? p.atT;
  if (!(end > p.startT)) return undefined;
  const at = Math.min(end, Math.max(p.startT, p.atT));
  const days = new Date(p.startT).toDateString() !== new Date(end).toDateString();
  const step = Math.max(100, Math.round((end - p.startT) / 600 / 100) * 100);
  return { start: p.startT, end, at, ended: p.endT !== undefined, days, step };
}
