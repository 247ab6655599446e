import { describe, expect, it } from 'vitest';
import { EngineClient } from '../../src/ui/engine-client';
import type { EngineApi, Settings, View } from '../../src/worker/api';
import { DEFAULTS, engineSettings } from '../../src/ui/settings';

function view(seq: number, settings: Settings): View {
  return {
    seq,
    builtAt: 0,
    settings,
    consolidated: { bids: [], asks: [] },
    included: [],
    excluded: [],
    rates: [],
    partial: [],
    replaying: false,
    recording: { active: false, events: 0, bytes: 0 },
    trades: { newest: [], skipped: 0 },
  };
}

/** A fake engine: nextView answers when the test publishes a newer view. */
function fakeEngine() {
  let settings = engineSettings(DEFAULTS);
  let latest = 0;
  const asked: number[] = [];
  const summaries: boolean[] = [];
  const waiting: { after: number; resolve: (v: View) => void }[] = [];
  const seeks: { t: number; done: () => void; fail: (e: Error) => void }[] = [];
  const api: EngineApi = {
    async catalog() {
      return { bases: [], feeds: [] };
    },
    async configure(s) {
      settings = s;
    },
    nextView(after, summary) {
      asked.push(after);
      summaries.push(summary ?? false);
      return new Promise((resolve) => {
        if (latest > after) resolve(view(latest, settings));
        else waiting.push({ after, resolve });
      });
    },
    async startRecording() {},
    async stopRecording() {
      return new Blob([]);
    },
    async replay() {},
    async stopReplay() {},
    seekReplay(t) {
      return new Promise((done, fail) => seeks.push({ t, done, fail }));
    },
    async heatmap() {},
    async heatmapViewport() {},
    async heatmapProbe() {
      return undefined;
    },
    async heatmapMemory() {
      return { columns: 0, bytes: 0, tradeCells: 0, tradeBytes: 0 };
    },
  };
  return {
    api,
    asked,
    summaries,
    seeks,
    publish() {
      latest++;
      for (const w of waiting.splice(0)) w.resolve(view(latest, settings));
    },
  };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('engine client render loop', () => {
  it('paints at most one view per frame and asks again only after painting', async () => {
    const engine = fakeEngine();
    const frames: (() => void)[] = [];
    const client = new EngineClient(engine.api, { frame: (paint) => frames.push(paint), now: () => 1 });
    const seen: number[] = [];
    client.subscribe((f) => f && seen.push(f.view.seq));

    await client.configure(engineSettings(DEFAULTS));
    await tick();
    expect(engine.asked).toEqual([0]);

    engine.publish();
    engine.publish();
    engine.publish();
    await tick();
    // One view waits for the frame; the worker was not asked again meanwhile.
    expect(frames).toHaveLength(1);
    expect(engine.asked).toEqual([0]);

    frames.shift()!();
    await tick();
    expect(seen).toEqual([1]);
    // Asked for anything after 1: gets the newest (3) in the next frame, skipping 2.
    expect(engine.asked).toEqual([0, 1]);
    frames.shift()!();
    await tick();
    expect(seen).toEqual([1, 3]);
    client.stop();
  });

  it('with gatherMs, asks for the next view that long after a paint, so what arrives meanwhile is in it', async () => {
    const engine = fakeEngine();
    const frames: (() => void)[] = [];
    let now = 1_000;
    const client = new EngineClient(engine.api, { frame: (paint) => frames.push(paint), now: () => now, summaryEveryMs: 10_000, gatherMs: 20 });
    const seen: number[] = [];
    client.subscribe((f) => f && seen.push(f.view.seq));
    await client.configure(engineSettings(DEFAULTS));
    await tick();
    engine.publish();
    await tick();
    frames.shift()!();
    await tick();
    expect(seen).toEqual([1]);
    // Painted: the next question waits, and the books that change meanwhile are all in the one view it brings.
    expect(engine.asked).toEqual([0]);
    engine.publish();
    now += 5;
    engine.publish();
    await new Promise((r) => setTimeout(r, 40));
    expect(engine.asked).toEqual([0, 1]);
    frames.shift()!();
    await tick();
    expect(seen).toEqual([1, 3]);
    client.stop();
  });

  it('asks for the summary panels with the first view and then once per summaryEveryMs', async () => {
    const engine = fakeEngine();
    let now = 1_000;
    const client = new EngineClient(engine.api, { frame: (paint) => paint(), now: () => now, summaryEveryMs: 250 });
    await client.configure(engineSettings(DEFAULTS));
    for (let i = 0; i < 6; i++) {
      await tick();
      now += 100;
      engine.publish();
    }
    await tick();
    // Asked at t = 1000 (first), 1100, 1200, then due again at 1300, not at 1400 or 1500, due at 1600.
    expect(engine.summaries).toEqual([true, false, false, true, false, false, true]);
    client.stop();
  });

  it('reports worker failures and keeps asking', async () => {
    const engine = fakeEngine();
    let fail = true;
    const errors: string[] = [];
    const api: EngineApi = {
      ...engine.api,
      nextView(after) {
        if (fail) {
          fail = false;
          return Promise.reject(new Error('boom'));
        }
        return engine.api.nextView(after);
      },
    };
    const client = new EngineClient(api, { frame: (paint) => paint(), retryMs: 1, onError: (m) => errors.push(m) });
    await client.configure(engineSettings(DEFAULTS));
    await new Promise((r) => setTimeout(r, 10));
    expect(errors).toEqual(['no view from the worker: boom']);
    engine.publish();
    await tick();
    expect(client.current?.view.seq).toBe(1);
    client.stop();
  });

  it('reports a failed configure without starting twice', async () => {
    const engine = fakeEngine();
    const errors: string[] = [];
    const client = new EngineClient(
      { ...engine.api, configure: () => Promise.reject(new Error('bad settings')) },
      { frame: (paint) => paint(), onError: (m) => errors.push(m) },
    );
    await client.configure(engineSettings(DEFAULTS));
    expect(errors).toEqual(['configure failed: bad settings']);
    expect(engine.asked).toEqual([]);
  });

  it('seeks a replay to the newest time asked, skipping those asked while a seek ran', async () => {
    const engine = fakeEngine();
    const client = new EngineClient(engine.api, { frame: (paint) => paint() });
    const resolved: number[] = [];
    const first = client.seekReplay(1_000).then(() => resolved.push(1_000));
    const second = client.seekReplay(2_000).then(() => resolved.push(2_000));
    const third = client.seekReplay(3_000).then(() => resolved.push(3_000));
    expect(engine.seeks.map((s) => s.t)).toEqual([1_000]);
    engine.seeks[0]!.done();
    await tick();
    // The worker is asked for 3 000 alone; nobody is told the seek is done before the replay stands there.
    expect(engine.seeks.map((s) => s.t)).toEqual([1_000, 3_000]);
    expect(resolved).toEqual([]);
    engine.seeks[1]!.done();
    await Promise.all([first, second, third]);
    expect(resolved).toEqual([1_000, 2_000, 3_000]);
    // Idle again: the next time asked is sought at once.
    void client.seekReplay(500);
    expect(engine.seeks.map((s) => s.t)).toEqual([1_000, 3_000, 500]);
  });

  it('fails those waiting on a seek that failed, and seeks afresh when asked again', async () => {
    const engine = fakeEngine();
    const client = new EngineClient(engine.api, { frame: (paint) => paint() });
    const failed = client.seekReplay(1_000);
    const meanwhile = client.seekReplay(2_000);
    engine.seeks[0]!.fail(new Error('not a recording'));
    await expect(failed).rejects.toThrow('not a recording');
    await expect(meanwhile).rejects.toThrow('not a recording');
    void client.seekReplay(4_000);
    expect(engine.seeks.map((s) => s.t)).toEqual([1_000, 4_000]);
  });
});
