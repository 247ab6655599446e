import { describe, expect, it } from 'vitest';
import { Stagger } from '../../src/ui/stagger';

/** A hand-cranked animation frame: `tick` runs what the last frame scheduled. */
function frames(): { frame: (run: () => void) => void; tick: () => void; waiting: () => number } {
  let queue: (() => void)[] = [];
  return {
    frame: (run) => queue.push(run),
    tick: () => {
      const now = queue;
      queue = [];
      for (const run of now) run();
    },
    waiting: () => queue.length,
  };
}

function panels(n: number): { got: (string | undefined)[][]; consumers: ((v: string) => void)[] } {
  const got: (string | undefined)[][] = Array.from({ length: n }, () => []);
  return { got, consumers: got.map((list) => (v: string) => list.push(v)) };
}

describe('Stagger: a summary handed to the panels a frame apart', () => {
  it('serves the first panel at once and one more each frame, then stops asking for frames', () => {
    const f = frames();
    const { got, consumers } = panels(4);
    const s = new Stagger(consumers, f.frame);
    s.push('a');
    expect(got).toEqual([['a'], [], [], []]);
    f.tick();
    expect(got).toEqual([['a'], ['a'], [], []]);
    f.tick();
    f.tick();
    expect(got).toEqual([['a'], ['a'], ['a'], ['a']]);
    expect(f.waiting()).toBe(0);
  });

  it('gives the panels still waiting the newest value, never an older one after it', () => {
    const f = frames();
    const { got, consumers } = panels(3);
    const s = new Stagger(consumers, f.frame);
    s.push('a');
    f.tick();
    s.push('b');
    f.tick();
    f.tick();
    f.tick();
    expect(got[0]).toEqual(['a', 'b']);
    expect(got[1]).toEqual(['a', 'b']);
    expect(got[2]).toEqual(['b']);
    expect(f.waiting()).toBe(0);
  });

  it('starves no panel when a value comes every frame: each is served within one frame per panel', () => {
    const f = frames();
    const { got, consumers } = panels(4);
    const s = new Stagger(consumers, f.frame);
    for (let i = 0; i < 12; i++) {
      s.push(`v${i}`);
      f.tick();
    }
    for (const list of got) expect(list.length).toBeGreaterThanOrEqual(3);
    // The last value reaches every panel once the pushes stop.
    for (let i = 0; i < 4; i++) f.tick();
    for (const list of got) expect(list.at(-1)).toBe('v11');
  });
});
