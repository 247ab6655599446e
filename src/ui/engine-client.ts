/**
 * The main thread's side of the engine: spawns the worker, wraps it with Comlink and runs the render loop.
 * The loop asks for the next view, applies it inside requestAnimationFrame (so at most one per frame) and only
 * then asks again: the worker never builds views nobody will see, and a hidden tab simply stops asking. Every
 * `summaryEveryMs` it asks for the summary panels as well.
 */
import * as Comlink from 'comlink';
import type { HeatmapMemory, HeatmapReadout, HeatmapViewport } from '../liquidity/types';
import type { CatalogView, EngineApi, Settings, View } from '../worker/api';

export interface ViewFrame {
  readonly view: View;
  /** Wall time the view was painted, epoch ms. */
  readonly paintedAt: number;
}

export interface EngineClientOptions {
  /** Schedules the paint; requestAnimationFrame in the browser. */
  readonly frame?: (paint: () => void) => void;
  /** Wall clock, epoch ms. */
  readonly now?: () => number;
  /** Wait before asking again after the worker failed to answer. */
  readonly retryMs?: number;
  /** How often a view carries the summary panels (venue chips and table, depth chart, execution estimate). */
  readonly summaryEveryMs?: number;
  /**
   * How long after a paint to ask for the next view (0: at once). Asked at once, the worker builds it from what it
   * holds right then and everything that arrives in the rest of the frame waits a frame more; asked part way to the
   * next frame, that share of it is painted a frame sooner, and the view still arrives in time to be.
   */
  readonly gatherMs?: number;
  readonly onError?: (message: string) => void;
}

type Listener = (frame: ViewFrame | undefined) => void;

/** What the heatmap component asks of the engine: its canvas handed over, then its viewport and read-outs. */
export type HeatmapEngine = Pick<EngineClient, 'heatmap' | 'heatmapViewport' | 'heatmapProbe' | 'heatmapMemory'>;

function message(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (error && typeof error === 'object' && 'message' in error) return String((error as { message: unknown }).message);
  return String(error);
}

/** Drives an EngineApi (the Comlink proxy, or a fake in tests); a Svelte store of the latest painted view. */
export class EngineClient {
  private seq = 0;
  private running = false;
  private latest: ViewFrame | undefined;
  private readonly listeners = new Set<Listener>();
  private readonly frame: (paint: () => void) => void;
  private readonly now: () => number;
  private readonly retryMs: number;
  private readonly summaryEveryMs: number;
  private readonly gatherMs: number;
  private summaryAskedAt = -Infinity;
  private readonly onError: (message: string) => void;
  /** The seek the worker is doing, and the newest time asked for while it does. */
  private seeking: Promise<void> | undefined;
  private seekTo: number | undefined;

  constructor(
    readonly api: EngineApi,
    options: EngineClientOptions = {},
  ) {
    this.frame = options.frame ?? ((paint) => requestAnimationFrame(() => paint()));
    this.now = options.now ?? (() => Date.now());
    this.retryMs = options.retryMs ?? 1000;
    // A few times a second: a human reads a table no faster, and a view without it is a third of the bytes.
    this.summaryEveryMs = options.summaryEveryMs ?? 250;
    this.gatherMs = options.gatherMs ?? 0;
    this.onError = options.onError ?? ((m) => console.error(`engine: ${m}`));
  }

  /** Svelte store contract: `$client` in a component is the latest painted view. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    listener(this.latest);
    return () => this.listeners.delete(listener);
  }

  get current(): ViewFrame | undefined {
    return this.latest;
  }

  /** Sends settings; the first call starts the feeds and the render loop. */
  async configure(settings: Settings): Promise<void> {
    try {
      await this.api.configure(settings);
    } catch (error) {
      this.onError(`configure failed: ${message(error)}`);
      return;
    }
    if (!this.running) {
      this.running = true;
      void this.loop();
    }
  }

  stop(): void {
    this.running = false;
  }

  /** The instrument catalog's bases and where each feed's list came from: the pair picker's list. */
  catalog(): Promise<CatalogView> {
    return this.api.catalog();
  }

  startRecording(): Promise<void> {
    return this.api.startRecording();
  }

  stopRecording(): Promise<Blob> {
    return this.api.stopRecording();
  }

  replay(recording: Blob, speed: number): Promise<void> {
    return this.api.replay(recording, speed);
  }

  stopReplay(): Promise<void> {
    return this.api.stopReplay();
  }

  /**
   * Moves the replay to recorded time `t`. A scrubber dragged or stepped with a key asks many times while a seek
   * (which may replay the file from its start) runs: only the newest time asked meanwhile is sought next, the ones
   * between are skipped. Resolves when the replay stands at the newest time asked.
   */
  seekReplay(t: number): Promise<void> {
    this.seekTo = t;
    this.seeking ??= this.seekNewest();
    return this.seeking;
  }

  private async seekNewest(): Promise<void> {
    try {
      while (this.seekTo !== undefined) {
        const t = this.seekTo;
        this.seekTo = undefined;
        await this.api.seekReplay(t);
      }
    } catch (error) {
      // Every caller waiting fails with it, the time asked meanwhile too: the replay is not where anyone asked.
      this.seekTo = undefined;
      throw error;
    } finally {
      // In the same turn as the loop's last look at seekTo: a time asked after it starts a new seek.
      this.seeking = undefined;
    }
  }

  /** Hands the heatmap's canvas over to the worker (transferred, not copied), which draws on it from then on. */
  heatmap(canvas: OffscreenCanvas, viewport: HeatmapViewport): Promise<void> {
    return this.api.heatmap(Comlink.transfer(canvas, [canvas]), viewport);
  }

  heatmapViewport(viewport: HeatmapViewport): Promise<void> {
    return this.api.heatmapViewport(viewport);
  }

  heatmapProbe(x: number, y: number): Promise<HeatmapReadout | undefined> {
    return this.api.heatmapProbe(x, y);
  }

  heatmapMemory(): Promise<HeatmapMemory> {
    return this.api.heatmapMemory();
  }

  private async loop(): Promise<void> {
    while (this.running) {
      let view: View;
      const summary = this.now() - this.summaryAskedAt >= this.summaryEveryMs;
      if (summary) this.summaryAskedAt = this.now();
      // A summary takes longer to build: asked at once, so it too is ready for the next frame.
      else if (this.gatherMs > 0 && this.latest) await new Promise((resolve) => setTimeout(resolve, this.gatherMs));
      try {
        view = await this.api.nextView(this.seq, summary);
      } catch (error) {
        this.onError(`no view from the worker: ${message(error)}`);
        await new Promise((resolve) => setTimeout(resolve, this.retryMs));
        continue;
      }
      if (!this.running) break;
      await new Promise<void>((resolve) =>
        this.frame(() => {
          this.apply(view);
          resolve();
        }),
      );
    }
  }

  private apply(view: View): void {
    if (view.seq <= this.seq && this.latest) return;
    this.seq = view.seq;
    this.latest = { view, paintedAt: this.now() };
    for (const listener of this.listeners) {
      try {
        listener(this.latest);
      } catch (error) {
        this.onError(`render failed: ${message(error)}`);
      }
    }
  }
}

/** The real engine: a module worker behind Comlink. */
export function spawnEngine(onError: (message: string) => void): { client: EngineClient; worker: Worker } {
  const worker = new Worker(new URL('../worker/worker.ts', import.meta.url), { type: 'module', name: 'engine' });
  worker.addEventListener('error', (event) => onError(`worker error: ${event.message || 'failed to start'}`));
  worker.addEventListener('messageerror', () => onError('worker sent a message that could not be read'));
  const api = Comlink.wrap<EngineApi>(worker) as unknown as EngineApi;
  // Half a frame at 60 Hz: the rest leaves the worker time to build the view and the page to receive it.
  return { client: new EngineClient(api, { onError, gatherMs: 8 }), worker };
}
