/**
 * Draws the heatmap's history for a viewport: the heat as one ImageData written pixel by pixel (one putImageData,
 * not a fillRect a cell), the best bid and ask over time, the trades as bubbles, the price and time axes and the
 * colour scale's legend. Everything is in device pixels; the viewport's CSS pixels are scaled by its dpr.
 */
import { decimalsOf, formatCompact, numberFormat } from '../ui/format';
import { FEED_IDS } from '../venues/types';
import type { HeatmapViewport } from './types';
import { FEED_INDEX } from './heatmap-columns';
import { CODE_SIZES } from './heatmap-grid';
import type { HeatmapHistory } from './heatmap-history';
import { HEATMAP_ZOOM, plotArea } from './heatmap-layout';
import { HEATMAP_THEMES, RAMP_STEPS, pixelCss, type HeatmapTheme } from './heatmap-palette';
import { TierCursor } from './heatmap-tier';
import { TradeBubbles } from './heatmap-trades';

/** What the renderer draws with: a 2D context (an OffscreenCanvas's in the worker, a recording fake in tests). */
export type HeatmapContext = Pick<
  OffscreenCanvasRenderingContext2D,
  | 'fillStyle'
  | 'strokeStyle'
  | 'lineWidth'
  | 'font'
  | 'textAlign'
  | 'textBaseline'
  | 'fillRect'
  | 'fillText'
  | 'beginPath'
  | 'moveTo'
  | 'lineTo'
  | 'stroke'
  | 'save'
  | 'restore'
  | 'rect'
  | 'clip'
  | 'createImageData'
  | 'putImageData'
  | 'arc'
  | 'fill'
>;

/** The colour scale spans this many decades below the largest size drawn: smaller sizes take its first colour. */
const DECADES = 3;

/**
 * The colour scale tops out this far above the largest size in view, and holds until that size leaves its upper
 * half or passes its top: a scroll that brings a slightly larger size does not repaint everything in new colours.
 */
const HEADROOM = 1.25;

/** A cell the history holds nothing for (outside its band or time), in the sums. */
const NO_DATA = -1;

/** Where the heat is on the canvas and what it shows, in device pixels. */
export interface HeatmapFrame {
  readonly width: number;
  readonly height: number;
  readonly dpr: number;
  readonly plot: { readonly x: number; readonly y: number; readonly w: number; readonly h: number };
  /** Time at the heat's left and right edges, epoch ms; price at its bottom and top. */
  readonly t0: number;
  readonly t1: number;
  /**
   * Time is on a grid of whole device pixels: `step` ms each, the heat's first pixel being pixel `first` of the
   * grid (t0 = first × step). Two frames at one step put a time in the same pixel to the last bit.
   */
  readonly step: number;
  readonly first: number;
  readonly low: number;
  readonly high: number;
  /** The centre is the mid's, kept while the mid stays within the middle half of the view. */
  readonly followsMid: boolean;
}

/**
 * What `viewport` shows now, `previous` being what was drawn last: its end, or the newest column's end while it
 * follows, on a grid of whole device pixels of time (so a later frame is the last one moved by whole pixels); its
 * centre, or the mid, which a view that follows keeps until the mid leaves the middle half of it; spans held
 * within HEATMAP_ZOOM and the history's reach. Undefined while there is nothing to place it by (it follows and
 * nothing was sampled yet) or no room to draw.
 */
export function resolveFrame(viewport: HeatmapViewport, history: HeatmapHistory, previous?: HeatmapFrame): HeatmapFrame | undefined {
  const dpr = viewport.dpr > 0 ? viewport.dpr : 1;
  const width = Math.round(viewport.width * dpr);
  const height = Math.round(viewport.height * dpr);
  const area = plotArea(viewport.width, viewport.height);
  const plot = { x: 0, y: 0, w: Math.round(area.w * dpr), h: Math.round(area.h * dpr) };
  if (plot.w <= 0 || plot.h <= 0) return undefined;
  const latest = history.latest();
  const end = viewport.end ?? (latest && latest.t + history.tiers[0]!.spec.columnMs);
  const mid = viewport.centre ?? latest?.mid;
  if (end === undefined || mid === undefined) return undefined;
  const longest = Math.max(...history.tiers.map((t) => t.spec.keepMs));
  const span = Math.min(longest, Math.max(HEATMAP_ZOOM.minSpanMs, viewport.spanMs));
  const priceSpan = Math.min(HEATMAP_ZOOM.maxPriceSpan * mid, Math.max(HEATMAP_ZOOM.minPriceSpan * mid, viewport.priceSpan));
  const step = span / plot.w;
  const first = (viewport.end === undefined ? Math.ceil(end / step) : Math.round(end / step)) - plot.w;
  const followsMid = viewport.centre === undefined;
  const kept = previous?.followsMid && followsMid && previous.high - previous.low === priceSpan && Math.abs(mid - (previous.high + previous.low) / 2) < priceSpan / 4;
  const centre = kept ? (previous.high + previous.low) / 2 : mid;
  return { width, height, dpr, plot, t0: first * step, t1: (first + plot.w) * step, step, first, low: centre - priceSpan / 2, high: centre + priceSpan / 2, followsMid };
}

/**
 * The resolution the heat of `frame` is drawn from where it holds the time: the coarsest no wider than a CSS pixel
 * (the finest where none is).
 */
function preferredTier(frame: HeatmapFrame, history: HeatmapHistory): number {
  let preferred = 0;
  history.tiers.forEach((tier, i) => {
    if (tier.spec.columnMs <= frame.step * frame.dpr) preferred = i;
  });
  return preferred;
}

/** The time at the middle of device pixel column `x` of the heat: what that column shows. */
export function pixelTime(frame: HeatmapFrame, x: number): number {
  return (frame.first + x + 0.5) * frame.step;
}

/** The time and price at CSS pixel (x, y) of the canvas; undefined off the heat. */
export function pointAt(frame: HeatmapFrame, x: number, y: number): { t: number; price: number } | undefined {
  const px = x * frame.dpr - frame.plot.x;
  const py = y * frame.dpr - frame.plot.y;
  if (!(px >= 0 && px < frame.plot.w && py >= 0 && py < frame.plot.h)) return undefined;
  return {
    t: frame.t0 + (px / frame.plot.w) * (frame.t1 - frame.t0),
    price: frame.high - (py / frame.plot.h) * (frame.high - frame.low),
  };
}

/** The colour scale a frame was drawn with: sizes (base units) at its first and last colour. */
export interface HeatmapScale {
  readonly low: number;
  readonly high: number;
}

/** 1, 2, 2.5 or 5 times a power of ten, the smallest at or above `x`. */
function niceStep(x: number): number {
  const p = 10 ** Math.floor(Math.log10(x));
  return Number([1, 2, 2.5, 5, 10].map((m) => m * p).find((s) => s >= x * (1 - 1e-9))!.toPrecision(6));
}

const SECOND = 1000;
const TIME_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600].map((s) => s * SECOND);

const clockSeconds = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
const clockMinutes = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** The time labels' step: the first whose labels stand at least `gap` ms apart. */
function timeStep(gap: number): number {
  return TIME_STEPS.find((s) => s >= gap) ?? TIME_STEPS.at(-1)!;
}

/** What the last frame drew, for the next to start from. */
interface Drawn {
  readonly frame: HeatmapFrame;
  /** What the heat depends on besides time: while it holds, the heat moves by whole pixels and its old part stands. */
  readonly key: string;
  readonly scale: HeatmapScale | undefined;
  readonly theme: HeatmapTheme;
  /** Start of each resolution's newest column, and its oldest column's start. */
  readonly newest: readonly number[];
  readonly since: readonly (number | undefined)[];
}

/**
 * Draws a heatmap. Keeps its buffers and what it drew from frame to frame: when only time moved (a new column, or
 * a pan in time) the heat already drawn is moved by whole pixels and only the columns that time brought, or that a
 * new column may have changed, are summed and painted again (HEADROOM: the scale holds meanwhile).
 */
export class HeatmapRenderer {
  private image: ImageData | undefined;
  private sums = new Float32Array(0);
  private bids = new Float64Array(0);
  private asks = new Float64Array(0);
  private drawn: Drawn | undefined;
  private readonly bubbles = new TradeBubbles();

  /** What is on the canvas now, for the crosshair to read: undefined before a frame with heat. */
  get frame(): HeatmapFrame | undefined {
    return this.drawn?.frame;
  }

  /** Draws `viewport` of `history` on `ctx` (its canvas sized to the viewport); the scale used, when any heat was drawn. */
  draw(ctx: HeatmapContext, viewport: HeatmapViewport, history: HeatmapHistory): HeatmapScale | undefined {
    const theme = HEATMAP_THEMES[viewport.theme];
    const frame = resolveFrame(viewport, history, this.drawn?.frame);
    const dpr = viewport.dpr > 0 ? viewport.dpr : 1;
    ctx.fillStyle = theme.background;
    ctx.fillRect(0, 0, Math.round(viewport.width * dpr), Math.round(viewport.height * dpr));
    ctx.font = `${Math.round(11 * dpr)}px system-ui, sans-serif`;
    if (!frame) {
      this.drawn = undefined;
      this.bubbles.clear();
      ctx.fillStyle = theme.text;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.fillText('Waiting for books…', (viewport.width * dpr) / 2, (viewport.height * dpr) / 2);
      return undefined;
    }
    const mask = viewport.feeds ? viewport.feeds.reduce((m, f) => m | (1 << FEED_INDEX[f]), 0) : (1 << FEED_IDS.length) - 1;
    const scale = this.heat(ctx, frame, history, mask, theme);
    this.line(ctx, frame, this.bids, theme.bid, theme);
    this.line(ctx, frame, this.asks, theme.ask, theme);
    this.bubbles.draw(ctx, frame, history, preferredTier(frame, history), mask, theme);
    axes(ctx, frame, theme);
    if (scale) legend(ctx, frame, scale, theme);
    return scale;
  }

  /**
   * The heat: each device column of the plot takes the column standing at its middle time, from the coarsest
   * resolution no wider than a CSS pixel that holds it (else any that does). Each device row shows the rows from
   * the one at its middle price down to (not including) the one at the next row's middle: one row when rows are
   * taller than pixels, and when they are not, every row in exactly one pixel, the largest of them shown, so a
   * wall is never skipped whatever the zoom. A cell is the sum, over the feeds drawn, of the size resting there.
   */
  private heat(ctx: HeatmapContext, frame: HeatmapFrame, history: HeatmapHistory, mask: number, theme: HeatmapTheme): HeatmapScale | undefined {
    const { plot, low, high, step } = frame;
    const { w, h } = plot;
    const grid = history.grid;
    const rowTop = new Int32Array(h);
    const rowBottom = new Int32Array(h);
    let below = grid.rowOf(high - (0.5 / h) * (high - low));
    for (let y = 0; y < h; y++) {
      const at = below;
      below = grid.rowOf(high - ((y + 1.5) / h) * (high - low));
      rowTop[y] = at;
      rowBottom[y] = below < at ? below + 1 : at;
    }
    const bottom = rowBottom[h - 1]!;
    const rowsInView = rowTop[0]! - bottom + 1;
    const tiers = history.tiers;
    const preferred = preferredTier(frame, history);
    const newest = tiers.map((tier) => {
      const ref = tier.newest();
      return ref ? tier.chunks[ref.chunk]!.times[ref.index]! : -Infinity;
    });
    const since = tiers.map((tier) => tier.since);
    const key = [w, h, low, high, step, mask, preferred].join();
    const ranges = this.reuse(key, frame, newest, since, rowsInView);
    if (!ranges) {
      if (this.sums.length < rowsInView * w) this.sums = new Float32Array(rowsInView * w);
      if (this.bids.length !== w) [this.bids, this.asks] = [new Float64Array(w), new Float64Array(w)];
      if (!this.image || this.image.width !== w || this.image.height !== h) this.image = ctx.createImageData(w, h);
    }
    const redo = ranges ?? [[0, w] as const];
    // The preferred resolution first, then coarser ones (older times), then finer ones.
    const order = [...tiers.keys()].filter((i) => i >= preferred).concat([...tiers.keys()].filter((i) => i < preferred).reverse());
    for (const [from, to] of redo) this.sum(frame, history, order, mask, bottom, rowsInView, from, to);
    let max = 0;
    for (let k = 0; k < rowsInView * w; k++) if (this.sums[k]! > max) max = this.sums[k]!;
    const last = this.drawn?.scale;
    const holds = ranges && last && this.drawn?.theme === theme && max <= last.high && max >= last.high / 2;
    const top = max * HEADROOM;
    const scale = holds ? last : max > 0 ? { low: top / 10 ** DECADES, high: top } : undefined;
    for (const [from, to] of holds ? redo : [[0, w] as const]) this.paint(frame, rowTop, rowBottom, bottom, scale, theme, from, to);
    ctx.putImageData(this.image!, plot.x, plot.y);
    this.drawn = { frame, key, scale, theme, newest, since };
    return scale;
  }

  /**
   * Where the last frame's heat still stands: undefined when anything but time moved (then all is drawn anew), else
   * the columns to draw again once the heat is moved by the whole pixels time moved: those time brought in; for each
   * resolution with a column closed since, those from its newest column then (or, for its first, from it on), which
   * the new column may take over; and those before where a resolution's oldest column held now is, when that moved.
   */
  private reuse(key: string, frame: HeatmapFrame, newest: readonly number[], since: readonly (number | undefined)[], rowsInView: number): (readonly [number, number])[] | undefined {
    const last = this.drawn;
    if (!last || last.key !== key) return undefined;
    const { w, h } = frame.plot;
    const shift = frame.first - last.frame.first;
    if (Math.abs(shift) >= w) return undefined;
    const pixels = new Uint32Array(this.image!.data.buffer, this.image!.data.byteOffset, w * h);
    const move = (a: Float32Array | Float64Array | Uint32Array, rows: number) => {
      for (let r = 0; r < rows; r++) {
        if (shift > 0) a.copyWithin(r * w, r * w + shift, (r + 1) * w);
        else if (shift < 0) a.copyWithin(r * w - shift, r * w, (r + 1) * w + shift);
      }
    };
    move(this.sums, rowsInView);
    move(this.bids, 1);
    move(this.asks, 1);
    move(pixels, h);
    const column = (t: number) => Math.max(0, Math.min(w, Math.floor(t / frame.step - frame.first - 0.5)));
    let changed = w;
    let forgotten = 0;
    newest.forEach((t, i) => {
      const s = since[i];
      // A resolution that holds nothing now (all its columns behind its keep limit) drew nothing it can still draw.
      if (s !== last.since[i]) forgotten = s === undefined ? w : Math.max(forgotten, Math.min(w, column(s) + 2));
      const was = last.newest[i]!;
      const from = was === -Infinity ? s : was;
      if (t !== was && from !== undefined) changed = Math.min(changed, column(from));
    });
    const ranges: (readonly [number, number])[] = [[Math.min(changed, w - Math.max(0, shift)), w]];
    if (shift < 0) ranges.push([0, -shift]);
    if (forgotten > 0) ranges.push([0, forgotten]);
    return ranges;
  }

  /** Sums device columns `from` to `to` of the heat, and the best bid and ask there. */
  private sum(frame: HeatmapFrame, history: HeatmapHistory, order: readonly number[], mask: number, bottom: number, rowsInView: number, from: number, to: number): void {
    const w = frame.plot.w;
    const { sums, bids, asks } = this;
    const tiers = history.tiers;
    const cursors = tiers.map((tier) => new TierCursor(tier));
    const feeds = new Int32Array(FEED_IDS.length);
    // Module bindings read in a loop cost a lookup each time in some builds: held locally.
    const codeSizes = CODE_SIZES;
    const n = history.grid.rows;
    let previous: { tier: number; chunk: number; index: number } | undefined;
    for (let x = from; x < to; x++) {
      const t = pixelTime(frame, x);
      let found: { tier: number; chunk: number; index: number } | undefined;
      for (const i of order) {
        const ref = tiers[i]!.find(t);
        if (ref) {
          found = { tier: i, ...ref };
          break;
        }
      }
      bids[x] = asks[x] = NaN;
      if (found && previous && found.tier === previous.tier && found.chunk === previous.chunk && found.index === previous.index) {
        for (let i = 0; i < rowsInView; i++) sums[i * w + x] = sums[i * w + x - 1]!;
        bids[x] = bids[x - 1]!;
        asks[x] = asks[x - 1]!;
        continue;
      }
      previous = found;
      const chunk = found && tiers[found.tier]!.chunks[found.chunk]!;
      const present = found && chunk ? chunk.feeds[found.index]! & mask : 0;
      if (!found || !chunk || !present) {
        for (let i = 0; i < rowsInView; i++) sums[i * w + x] = NO_DATA;
        continue;
      }
      const window = cursors[found.tier]!.at(found);
      let drawn = 0;
      for (let f = 0; f < FEED_IDS.length; f++) if (present & (1 << f)) feeds[drawn++] = f * n;
      const codes = window.codes;
      for (let i = 0; i < rowsInView; i++) {
        const o = bottom + i - window.base;
        if (o < 0 || o >= n) {
          sums[i * w + x] = NO_DATA;
          continue;
        }
        let s = 0;
        for (let j = 0; j < drawn; j++) s += codeSizes[codes[feeds[j]! + o]!]!;
        sums[i * w + x] = s;
      }
      bids[x] = chunk.bids[found.index]!;
      asks[x] = chunk.asks[found.index]!;
    }
  }

  /** Colours device columns `from` to `to` of each device row from the sums of its rows; a row showing the same rows as the one above is copied. */
  private paint(frame: HeatmapFrame, rowTop: Int32Array, rowBottom: Int32Array, bottom: number, scale: HeatmapScale | undefined, theme: HeatmapTheme, from: number, to: number): void {
    const { w, h } = frame.plot;
    const image = this.image!;
    const pixels = new Uint32Array(image.data.buffer, image.data.byteOffset, w * h);
    const sums = this.sums;
    const lnLow = scale ? Math.log(scale.low) : 0;
    const perLn = scale ? (RAMP_STEPS - 1) / Math.log(scale.high / scale.low) : 0;
    const { ramp, empty, noData } = theme;
    for (let y = 0; y < h; y++) {
      const first = rowBottom[y]! - bottom;
      const last = rowTop[y]! - bottom;
      if (y > 0 && rowTop[y] === rowTop[y - 1] && rowBottom[y] === rowBottom[y - 1]) {
        pixels.copyWithin(y * w + from, (y - 1) * w + from, (y - 1) * w + to);
        continue;
      }
      for (let x = from, k = y * w + from; x < to; x++, k++) {
        let s = sums[first * w + x]!;
        for (let i = first + 1; i <= last; i++) s = Math.max(s, sums[i * w + x]!);
        pixels[k] = s < 0 ? noData : s === 0 ? empty : ramp[Math.max(0, Math.min(RAMP_STEPS - 1, Math.floor((Math.log(s) - lnLow) * perLn)))]!;
      }
    }
  }

  /**
   * The volume bought and sold in the bubbles drawn under CSS pixel (x, y), the drawn markets' trades as the heat is
   * their resting size; undefined where none is.
   */
  tradesAt(x: number, y: number): { buy: number; sell: number } | undefined {
    return this.drawn ? this.bubbles.at(x, y) : undefined;
  }

  /** A price over time, one point a device column, broken where the history has none. */
  private line(ctx: HeatmapContext, frame: HeatmapFrame, prices: Float64Array, colour: string, theme: HeatmapTheme): void {
    const { plot, low, high, dpr } = frame;
    ctx.save();
    ctx.beginPath();
    ctx.rect(plot.x, plot.y, plot.w, plot.h);
    ctx.clip();
    for (const [style, width] of [
      [theme.halo, 3],
      [colour, 1.5],
    ] as const) {
      ctx.beginPath();
      let drawing = false;
      prices.forEach((p, x) => {
        if (Number.isNaN(p)) {
          drawing = false;
          return;
        }
        const y = plot.y + ((high - p) / (high - low)) * plot.h;
        if (drawing) ctx.lineTo(plot.x + x + 0.5, y);
        else ctx.moveTo(plot.x + x + 0.5, y);
        drawing = true;
      });
      ctx.strokeStyle = style;
      ctx.lineWidth = width * dpr;
      ctx.stroke();
    }
    ctx.restore();
  }
}

/** Price labels right of the heat about every 48 CSS pixels, time labels below it at least 90 apart. */
function axes(ctx: HeatmapContext, frame: HeatmapFrame, theme: HeatmapTheme): void {
  const { plot, dpr, low, high, t0, t1 } = frame;
  ctx.fillStyle = theme.background;
  ctx.fillRect(plot.x + plot.w, 0, frame.width - plot.x - plot.w, frame.height);
  ctx.fillRect(0, plot.y + plot.h, frame.width, frame.height - plot.y - plot.h);
  ctx.fillStyle = theme.text;
  const step = niceStep(((high - low) * 48 * dpr) / plot.h);
  const prices = numberFormat(decimalsOf(step));
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  const margin = 8 * dpr;
  for (let p = Math.ceil(low / step) * step; p <= high; p += step) {
    const y = plot.y + ((high - p) / (high - low)) * plot.h;
    if (y < plot.y + margin || y > plot.y + plot.h - margin) continue;
    ctx.fillRect(plot.x + plot.w, Math.round(y), 4 * dpr, dpr);
    ctx.fillText(prices.format(p), plot.x + plot.w + 6 * dpr, y);
  }
  const every = timeStep(((t1 - t0) * 90 * dpr) / plot.w);
  const clock = every < 60 * SECOND ? clockSeconds : clockMinutes;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (let t = Math.ceil(t0 / every) * every; t <= t1; t += every) {
    const x = plot.x + ((t - t0) / (t1 - t0)) * plot.w;
    if (x < plot.x + 3 * margin || x > plot.x + plot.w - 3 * margin) continue;
    ctx.fillRect(Math.round(x), plot.y + plot.h, dpr, 4 * dpr);
    ctx.fillText(clock.format(t), x, plot.y + plot.h + 5 * dpr);
  }
}

/** The colour scale, top left on the heat: its ramp, the sizes at its ends, and what it measures. */
function legend(ctx: HeatmapContext, frame: HeatmapFrame, scale: HeatmapScale, theme: HeatmapTheme): void {
  const { dpr, plot } = frame;
  const x = plot.x + 8 * dpr;
  const y = plot.y + 8 * dpr;
  const w = 132 * dpr;
  const barH = 8 * dpr;
  ctx.fillStyle = theme.background;
  ctx.fillRect(x - 4 * dpr, y - 4 * dpr, w + 8 * dpr, barH + 24 * dpr);
  const segments = 48;
  for (let k = 0; k < segments; k++) {
    ctx.fillStyle = pixelCss(theme.ramp[Math.round((k / (segments - 1)) * (RAMP_STEPS - 1))]!);
    ctx.fillRect(x + (k * w) / segments, y, Math.ceil(w / segments), barH);
  }
  ctx.fillStyle = theme.text;
  ctx.textBaseline = 'top';
  ctx.textAlign = 'left';
  ctx.fillText(`≤${formatCompact(scale.low)}`, x, y + barH + 3 * dpr);
  ctx.textAlign = 'right';
  ctx.fillText(formatCompact(scale.high), x + w, y + barH + 3 * dpr);
  ctx.textAlign = 'center';
  ctx.fillText('size, log', x + w / 2, y + barH + 3 * dpr);
}
