/**
 * The heatmap in the worker: keeps the history, owns the canvas the page transferred and its viewport, and redraws
 * at most once per animation frame of the worker, only when something changed (a new column, a new viewport).
 *
 * The engine calls `sample(t, books)` every 100 ms with the books the consolidated view includes (converted by the
 * rates and contract sizes, as buildView has them), `trades(trades)` with the trades as they are taken, `reset()` when the history no longer applies (a replay seeks
 * back; another pair or display currency), and passes the page's calls through as they come.
 */
import { HeatmapHistory } from '../liquidity/heatmap-history';
import { HeatmapRenderer, pointAt, resolveFrame, type HeatmapContext } from '../liquidity/heatmap-render';
import { HEATMAP_THEMES } from '../liquidity/heatmap-palette';
import type { HeatmapTrade } from '../liquidity/heatmap-trades';
import { drawWalls } from '../liquidity/heatmap-walls';
import type { HeatmapMemory, HeatmapReadout, HeatmapViewport, Wall } from '../liquidity/types';
import type { QuotedBook } from '../market/quoted-book';
import { FEED_IDS } from '../venues/types';

/** Runs `draw` once, at the next animation frame. */
export type FrameScheduler = (draw: () => void) => void;

/** Where there is no animation frame in a worker, a redraw waits this long. */
const FALLBACK_FRAME_MS = 100;

/**
 * The worker's requestAnimationFrame (Chromium and Firefox give dedicated workers one), else a 100 ms timer.
 */
export function workerFrames(scope: { requestAnimationFrame?: (cb: FrameRequestCallback) => number } = globalThis): FrameScheduler {
  const raf = scope.requestAnimationFrame?.bind(scope);
  return raf ? (draw) => void raf(draw) : (draw) => void setTimeout(draw, FALLBACK_FRAME_MS);
}

/** A canvas the heatmap draws on: the OffscreenCanvas the page transferred (a fake in tests). */
export interface HeatmapCanvas {
  width: number;
  height: number;
  getContext(kind: '2d'): HeatmapContext | null;
}

export class HeatmapService {
  private canvas: HeatmapCanvas | undefined;
  private ctx: HeatmapContext | undefined;
  private viewport: HeatmapViewport | undefined;
  private readonly renderer = new HeatmapRenderer();
  private dirty = false;
  private scheduled = false;
  /** Walls standing and lately ended, drawn over the heat with their venue and size. */
  private walls: readonly Wall[] = [];

  constructor(
    readonly history = new HeatmapHistory(),
    private readonly frames: FrameScheduler = workerFrames(),
  ) {}

  /** Takes the page's canvas and draws `viewport` of the history on it from now on. */
  attach(canvas: HeatmapCanvas, viewport: HeatmapViewport): void {
    this.canvas = canvas;
    this.ctx = canvas.getContext('2d') ?? undefined;
    this.setViewport(viewport);
  }

  /** A new viewport (pan, zoom, resize, filter, theme): sizes the canvas to it and redraws at the next frame. */
  setViewport(viewport: HeatmapViewport): void {
    this.viewport = viewport;
    if (this.canvas) {
      const width = Math.max(1, Math.round(viewport.width * viewport.dpr));
      const height = Math.max(1, Math.round(viewport.height * viewport.dpr));
      // Setting a canvas's size clears it even when unchanged: only on a real change.
      if (this.canvas.width !== width) this.canvas.width = width;
      if (this.canvas.height !== height) this.canvas.height = height;
    }
    this.invalidate();
  }

  /**
   * The read-out at CSS pixel (x, y): the time and price there, each drawn feed's size in that cell, and the volume
   * of the trade bubbles drawn under it (the drawn feeds' trades). Inside the heat where the history holds nothing,
   * the time and price with no sizes (what a drag is anchored by); undefined off the heat, or before there is
   * anything to place the view by.
   */
  probe(x: number, y: number): HeatmapReadout | undefined {
    if (!this.viewport) return undefined;
    // What is on the canvas, which a view that follows keeps centred until the mid moves away (resolveFrame).
    const frame = this.renderer.frame ?? resolveFrame(this.viewport, this.history);
    const at = frame && pointAt(frame, x, y);
    if (!at) return undefined;
    const found = this.history.readout(at.t, at.price)?.sizes ?? {};
    const sizes: HeatmapReadout['sizes'] = {};
    for (const feed of this.viewport.feeds ?? FEED_IDS) if (found[feed] !== undefined) sizes[feed] = found[feed];
    const trades = this.renderer.tradesAt(x, y);
    return trades ? { t: at.t, price: at.price, sizes, trades } : { t: at.t, price: at.price, sizes };
  }

  /** The books at `t` (epoch ms; the recording's clock in a replay) into the history; a new column is drawn. */
  sample(t: number, books: readonly QuotedBook[]): void {
    if (this.history.sample(t, books)) this.invalidate();
  }

  /**
   * Trades (`t` the engine's clock, epoch ms, the recording's in a replay; price in the display currency; size in
   * base units) into the history, each in the column of its time, per market: the market filter narrows the
   * bubbles as it narrows the heat. Drawn at the next frame.
   */
  trades(trades: readonly HeatmapTrade[]): void {
    // Drawn with the next sample's column, a tenth of a second away at most: a redraw per batch of trades would draw
    // the whole canvas as often as frames arrive, for bubbles in a column still being built.
    this.history.addTrades(trades);
  }

  /** The walls as the tracker last found them; drawn at the next frame. */
  setWalls(walls: readonly Wall[]): void {
    if (walls === this.walls) return;
    this.walls = walls;
    this.invalidate();
  }

  memory(): HeatmapMemory {
    return this.history.memory();
  }

  /** Forgets the history, heat and trades (a replay seeking back, another pair or currency) and clears the drawing. */
  reset(): void {
    this.history.reset();
    this.walls = [];
    this.invalidate();
  }

  private invalidate(): void {
    this.dirty = true;
    if (this.scheduled || !this.ctx) return;
    this.scheduled = true;
    this.frames(() => {
      this.scheduled = false;
      if (!this.dirty || !this.ctx || !this.viewport) return;
      this.dirty = false;
      this.renderer.draw(this.ctx, this.viewport, this.history);
      const frame = this.renderer.frame;
      if (frame) drawWalls(this.ctx, frame, this.walls, HEATMAP_THEMES[this.viewport.theme]);
    });
  }
}
