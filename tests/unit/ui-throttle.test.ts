import { afterEach, describe, expect, it, vi } from 'vitest';
import { throttled } from '../../src/ui/throttle';

describe('throttled: a redraw at most every so often, the last call never lost', () => {
  afterEach(() => vi.useRealTimers());

  it('runs at once, folds the calls within the interval into one at its end, then runs at once again', () => {
    vi.useFakeTimers();
    let t = 0;
    const runs: number[] = [];
    const call = throttled(100, () => runs.push(t), () => t);
    call();
    expect(runs).toEqual([0]);
    t = 30;
    call();
    t = 60;
    call();
    expect(runs).toEqual([0]);
    t = 100;
    vi.advanceTimersByTime(70);
    expect(runs).toEqual([0, 100]);
    t = 250;
    call();
    expect(runs).toEqual([0, 100, 250]);
    t = 260;
    call();
    call.cancel();
    vi.advanceTimersByTime(200);
    expect(runs).toEqual([0, 100, 250]);
  });
});
