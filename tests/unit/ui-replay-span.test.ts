import { describe, expect, it } from 'vitest';
import { scrubberSpan } from '../../src/ui/replay-span';
import type { ReplayProgress } from '../../src/worker/api';

const T = Date.UTC(2026, 11, 2, 12);
const progress = (p: Partial<ReplayProgress>): ReplayProgress => ({ name: 'r.jsonl', speed: 1, bytesRead: 10, totalBytes: 100, lines: 3, unreadable: 0, done: false, ...p });

describe('the replay scrubber’s span', () => {
  it('runs from the first recorded time to the last once the file was read to its end', () => {
    expect(scrubberSpan(progress({ startT: T, atT: T + 5_000, endT: T + 60_000 }))).toEqual({ start: T, end: T + 60_000, at: T + 5_000, ended: true, days: false, step: 100 });
  });

  it('until then, runs to the newest time replayed: only what was read can be sought', () => {
    expect(scrubberSpan(progress({ startT: T, atT: T + 5_000 }))).toMatchObject({ end: T + 5_000, at: T + 5_000, ended: false });
  });

  it('is not there before two distinct times were read, nor without a replay', () => {
    expect(scrubberSpan(undefined)).toBeUndefined();
    expect(scrubberSpan(progress({ startT: T }))).toBeUndefined();
    expect(scrubberSpan(progress({ startT: T, atT: T }))).toBeUndefined();
  });

  it('moves about 1/600 of the span a key, in tenths of a second', () => {
    expect(scrubberSpan(progress({ startT: T, atT: T, endT: T + 600_000 }))?.step).toBe(1_000);
    expect(scrubberSpan(progress({ startT: T, atT: T, endT: T + 3_600_000 }))?.step).toBe(6_000);
    expect(scrubberSpan(progress({ startT: T, atT: T, endT: T + 5_000 }))?.step).toBe(100);
  });

  it('shows the day for a span across midnight on the reader’s clock', () => {
    const start = new Date(2026, 11, 2, 23, 59).getTime();
    expect(scrubberSpan(progress({ startT: start, atT: start, endT: start + 120_000 }))?.days).toBe(true);
  });
});
