/**
 * Trades on the heatmap: kept on the heat's grid (`TradeTier`), and drawn over the heat as bubbles (`TradeBubbles`).
 *
 * The trades are kept per time column, price row, market (feed) and side: the volume bought or sold (base units),
 * each resolution summing every trade that falls in its columns (so a 1 s column holds what its ten 100 ms columns
 * hold together). Per market, so the heatmap's market filter narrows the bubbles as it narrows the heat.
 *
 * Only columns with a trade are stored, and in them only the cells traded in. A cell (one column's row, one market,
 * one side) takes 12 B: its key (4 B: row, market and side packed) and its volume (8 B: a sum as exact as the trades'
 * own sizes). A cell a side rather than one holding both: in a 100 ms column buys lift the asks' rows and sells hit
 * the bids', so most rows trade on one side only and a second volume would mostly hold 0. A column takes 12 B more
 * (its start and where its cells end). Each resolution has a byte budget (`HeatmapTierSpec.tradeBytes`): past it
 * its oldest columns go first, and the next resolution still covers their time.
 */
import type { TradeSide } from '../trades/types';
import { FEED_IDS, type FeedId } from '../venues/types';
import { FEED_INDEX } from './heatmap-columns';
import type { HeatmapHistory } from './heatmap-history';
import type { HeatmapTheme } from './heatmap-palette';
import type { HeatmapContext, HeatmapFrame } from './heatmap-render';
import type { HeatmapTierSpec } from './heatmap-tier';
import { lowerBound } from './lower-bound';

/** A trade as the heatmap takes it: its market, when (epoch ms, the engine's clock), at what price (display currency), how much. */
export interface HeatmapTrade {
  readonly feed: FeedId;
  readonly t: number;
  readonly price: number;
  /** Base units. */
  readonly size: number;
  readonly side: TradeSide;
}

/** What one cell costs: its key (Int32) and its volume (Float64). */
export const TRADE_CELL_BYTES = 4 + 8;

/**
 * A cell's key: its row in the high bits, then its feed's index (5 bits: FEED_IDS has at most 32, as the heat's
 * 32-bit feed masks), then its side (buy 1). Keys sort by row first, so a column's cells of one row are together.
 */
const FEED_BITS = 5;
const ROW_SHIFT = FEED_BITS + 1;

/** Rows a key holds, either side of 0: an Int32 less the feed's and side's bits. */
export const TRADE_ROW_LIMIT = 2 ** (31 - ROW_SHIFT);

if (FEED_IDS.length > 1 << FEED_BITS) throw new RangeError(`a trade cell's key holds ${1 << FEED_BITS} feeds, not ${FEED_IDS.length}`);

export function tradeKey(row: number, feed: FeedId, side: TradeSide): number {
  return (row << ROW_SHIFT) | (FEED_INDEX[feed] << 1) | (side === 'buy' ? 1 : 0);
}

const keyRow = (key: number): number => key >> ROW_SHIFT;
const keyFeed = (key: number): number => (key >> 1) & ((1 << FEED_BITS) - 1);

/** Cells of trade columns: each a key (`tradeKey`), and the volume traded there. */
export interface TradeCells {
  readonly keys: Int32Array;
  readonly volumes: Float64Array;
}

/** Up to `capacity` columns with trades, in time order, each the cells traded in, by key. */
class TradeChunk implements TradeCells {
  length = 0;
  starts: Float64Array;
  /** Where each column's cells end. */
  ends: Uint32Array;
  keys: Int32Array;
  volumes: Float64Array;
  used = 0;
  /** What its arrays take, kept as they are resized. */
  bytes = 0;

  constructor(readonly capacity: number) {
    this.starts = new Float64Array(capacity);
    this.ends = new Uint32Array(capacity);
    this.keys = new Int32Array(16);
    this.volumes = new Float64Array(16);
    this.resized();
  }

  get full(): boolean {
    return this.length >= this.capacity;
  }

  get first(): number {
    return this.starts[0]!;
  }

  /** Start of the last column. */
  get last(): number {
    return this.starts[this.length - 1]!;
  }

  private resized(): void {
    this.bytes = this.starts.byteLength + this.ends.byteLength + this.keys.byteLength + this.volumes.byteLength;
  }

  /** Where the column starting at `start` is, or (as -1 - i) where it would go. */
  find(start: number): number {
    const lo = lowerBound(this.starts, start, 0, this.length);
    return lo < this.length && this.starts[lo] === start ? lo : -1 - lo;
  }

  /** Inserts an empty column at `i` (the end when appending). */
  insertColumn(i: number, start: number): void {
    if (this.length === this.starts.length) {
      this.starts = grown(this.starts, this.length * 2);
      this.ends = grown(this.ends, this.length * 2);
      this.resized();
    }
    this.starts.copyWithin(i + 1, i, this.length);
    this.ends.copyWithin(i + 1, i, this.length);
    this.starts[i] = start;
    this.ends[i] = i === 0 ? 0 : this.ends[i - 1]!;
    this.length++;
  }

  /**
   * Adds `size` to column `i`'s cell of `key`; false when the column has no cell in that key's row and already
   * cells in `maxRows` rows.
   */
  add(i: number, key: number, size: number, maxRows: number): boolean {
    const begin = i === 0 ? 0 : this.ends[i - 1]!;
    const end = this.ends[i]!;
    const lo = lowerBound(this.keys, key, begin, end);
    if (lo === end || this.keys[lo] !== key) {
      const row = keyRow(key);
      const rowHeld = (lo > begin && keyRow(this.keys[lo - 1]!) === row) || (lo < end && keyRow(this.keys[lo]!) === row);
      if (!rowHeld && rowsIn(this.keys, begin, end) >= maxRows) return false;
      if (this.used === this.keys.length) {
        this.keys = grown(this.keys, this.used * 2);
        this.volumes = grown(this.volumes, this.used * 2);
        this.resized();
      }
      this.keys.copyWithin(lo + 1, lo, this.used);
      this.volumes.copyWithin(lo + 1, lo, this.used);
      this.keys[lo] = key;
      this.volumes[lo] = 0;
      this.used++;
      for (let j = i; j < this.length; j++) this.ends[j]!++;
    }
    this.volumes[lo]! += size;
    return true;
  }

  /** How many of its oldest columns must go for the rest, its arrays cut to size, to take at most `bytes`. */
  columnsOver(bytes: number): number {
    let drop = 1;
    const column = this.starts.BYTES_PER_ELEMENT + this.ends.BYTES_PER_ELEMENT;
    const cell = this.keys.BYTES_PER_ELEMENT + this.volumes.BYTES_PER_ELEMENT;
    while (drop < this.length && (this.length - drop) * column + (this.used - this.ends[drop - 1]!) * cell > bytes) drop++;
    return drop;
  }

  /** Drops its `n` oldest columns (fewer than it holds), and the room kept for more. */
  dropFirst(n: number): void {
    const cut = this.ends[n - 1]!;
    this.starts = this.starts.slice(n, this.length);
    this.ends = this.ends.slice(n, this.length).map((end) => end - cut);
    this.keys = this.keys.slice(cut, this.used);
    this.volumes = this.volumes.slice(cut, this.used);
    this.length -= n;
    this.used -= cut;
    this.resized();
  }

  /** Gives back the room kept for what is still to come. */
  seal(): void {
    this.starts = this.starts.slice(0, this.length);
    this.ends = this.ends.slice(0, this.length);
    this.keys = this.keys.slice(0, this.used);
    this.volumes = this.volumes.slice(0, this.used);
    this.resized();
  }
}

/** The rows the sorted keys from `begin` to `end` are in. */
function rowsIn(keys: Int32Array, begin: number, end: number): number {
  let n = 0;
  for (let k = begin; k < end; k++) if (k === begin || keyRow(keys[k]!) !== keyRow(keys[k - 1]!)) n++;
  return n;
}

function grown<A extends Float64Array | Uint32Array | Int32Array>(a: A, length: number): A {
  const more = new (a.constructor as new (n: number) => A)(Math.max(16, length));
  more.set(a);
  return more;
}

/**
 * A chunk takes new columns until it holds `chunkColumns` or this share of the budget: a column holds a cell for
 * each market and side of each of its rows, so a flood on every market could make a hundred columns larger than a
 * budget, and the budget is kept by dropping whole chunks, oldest first.
 */
const CHUNKS_PER_BUDGET = 8;

/**
 * One resolution's trades: columns of `columnMs`, kept for `keepMs` behind the newest time it was told of (a trade's
 * or a sample's) and within `tradeBytes`. A column holds cells in at most `maxRows` rows: trades at prices as far
 * apart as that within one column are not a market's, and a flood of them must not grow the memory.
 */
export class TradeTier {
  /** Oldest first. */
  private readonly chunks: TradeChunk[] = [];
  private newest = -Infinity;
  /** The end of the columns dropped for the byte budget: trades before it are no longer held. */
  private evicted = -Infinity;
  private total = 0;

  constructor(
    readonly spec: HeatmapTierSpec,
    private readonly chunkColumns: number,
    private readonly maxRows: number,
  ) {}

  /** Columns starting before this are not held: older than keepMs behind the newest time, or gone for the budget. */
  get from(): number {
    return Math.max(this.newest - this.spec.keepMs, this.evicted);
  }

  get bytes(): number {
    return this.total;
  }

  get cells(): number {
    let n = 0;
    for (const chunk of this.chunks) n += chunk.used;
    return n;
  }

  /** Time moved on to `t` (a sample, or a trade): what is now older than keepMs goes. */
  advance(t: number): void {
    if (!(t > this.newest)) return;
    this.newest = t;
    this.forget();
  }

  /**
   * Adds a trade at `t` to the cell of `key` (`tradeKey`: its row, feed and side) in the column of its time,
   * wherever that is among the columns held; false when it is older than what is held, or its column is full.
   */
  add(t: number, key: number, size: number): boolean {
    this.advance(t);
    const columnMs = this.spec.columnMs;
    const start = Math.floor(t / columnMs) * columnMs;
    if (start < this.from) return false;
    let chunk = this.chunks.at(-1);
    let i: number;
    if (!chunk || start > chunk.last) {
      if (!chunk || chunk.full || chunk.bytes >= this.spec.tradeBytes / CHUNKS_PER_BUDGET) {
        if (chunk) this.measured(chunk, () => chunk!.seal());
        chunk = new TradeChunk(this.chunkColumns);
        this.chunks.push(chunk);
        this.total += chunk.bytes;
      }
      i = chunk.length;
      this.measured(chunk, () => chunk!.insertColumn(i, start));
    } else {
      // A trade later than it arrived: its column may be in any chunk.
      let k = this.chunks.length - 1;
      while (k > 0 && this.chunks[k]!.first > start) k--;
      chunk = this.chunks[k]!;
      i = chunk.find(start);
      if (i < 0) {
        i = -1 - i;
        this.measured(chunk, () => chunk!.insertColumn(i, start));
      }
    }
    const target = chunk;
    let added = false;
    this.measured(target, () => (added = target.add(i, key, size, this.maxRows)));
    this.forget();
    return added;
  }

  /**
   * Calls `visit` with each held column starting in [from, to), in time order: its start, and its cells, the keys
   * and volumes from `begin` to `end` of the arrays given (by key: row, then feed, then side).
   */
  columns(from: number, to: number, visit: (start: number, cells: TradeCells, begin: number, end: number) => void): void {
    const lower = Math.max(from, this.from);
    for (const chunk of this.chunks) {
      if (chunk.length === 0 || chunk.last < lower) continue;
      if (chunk.first >= to) return;
      let i = chunk.find(lower);
      if (i < 0) i = -1 - i;
      for (; i < chunk.length; i++) {
        const start = chunk.starts[i]!;
        if (start >= to) return;
        visit(start, chunk, i === 0 ? 0 : chunk.ends[i - 1]!, chunk.ends[i]!);
      }
    }
  }

  /** Calls `visit` with each held cell of the columns starting in [from, to), in time order. */
  each(from: number, to: number, visit: (start: number, row: number, feed: FeedId, side: TradeSide, volume: number) => void): void {
    this.columns(from, to, (start, cells, begin, end) => {
      for (let k = begin; k < end; k++) {
        const key = cells.keys[k]!;
        visit(start, keyRow(key), FEED_IDS[keyFeed(key)]!, key & 1 ? 'buy' : 'sell', cells.volumes[k]!);
      }
    });
  }

  reset(): void {
    this.chunks.length = 0;
    this.newest = this.evicted = -Infinity;
    this.total = 0;
  }

  private measured(chunk: TradeChunk, change: () => void): void {
    const before = chunk.bytes;
    change();
    this.total += chunk.bytes - before;
  }

  /**
   * Drops chunks wholly older than keepMs, then the oldest while over the byte budget; when the newest alone is
   * still over it (late trades filled its earlier columns), its oldest columns.
   */
  private forget(): void {
    const cutoff = this.newest - this.spec.keepMs;
    while (this.chunks.length && this.chunks[0]!.last < cutoff) this.total -= this.chunks.shift()!.bytes;
    while (this.chunks.length > 1 && this.total > this.spec.tradeBytes) {
      const gone = this.chunks.shift()!;
      this.total -= gone.bytes;
      this.evicted = Math.max(this.evicted, gone.last + this.spec.columnMs);
    }
    const only = this.chunks[0];
    if (!only || this.total <= this.spec.tradeBytes) return;
    const drop = only.columnsOver(this.spec.tradeBytes);
    this.evicted = Math.max(this.evicted, only.starts[drop - 1]! + this.spec.columnMs);
    if (drop === only.length) {
      this.chunks.length = 0;
      this.total = 0;
    } else this.measured(only, () => only.dropFirst(drop));
  }
}

/**
 * A trade bubble's radius, CSS pixels: the smallest, so a single small trade still shows as a dot, and the largest,
 * which the largest volume in view takes, so a block trade does not cover the view.
 */
export const BUBBLE_RADIUS = { min: 2, max: 16 } as const;

/**
 * The volume the largest bubble stands for holds, from frame to frame, while the largest in view stays at or below
 * it and above a quarter of it (half its radius): as the largest scrolls out of view, the others do not all grow.
 */
const BUBBLE_HOLD = 4;

/** Bubble radii are drawn in steps of this many device pixels: bubbles of one radius and side are one path. */
const RADIUS_STEP = 0.5;

/**
 * The trades drawn over the heat as bubbles, and what was drawn, for the crosshair.
 *
 * A bubble is the volume of one side in a bin of BUBBLE_RADIUS.min CSS pixels square (a dot's radius: bubbles no
 * closer than that would only cover each other), so however wide the zoom a frame draws at most one bubble a side
 * per bin; it stands at the volume-weighted middle of what it holds, a trade column at its middle time and a row at
 * its middle price. The trades are those of the markets the heat shows (the same filter), from the resolution the
 * heat is drawn from, and before where it holds them from coarser ones. Area is proportional to volume, the largest in view (BUBBLE_HOLD) at BUBBLE_RADIUS.max, none
 * below BUBBLE_RADIUS.min; larger ones are drawn first, so a small one on a large one shows. Each is ringed in the
 * theme's bubbleEdge, so it reads over any colour of the heat.
 */
export class TradeBubbles {
  private volume = 0;
  private count = 0;
  private xs = new Float64Array(256);
  private ys = new Float64Array(256);
  private volumes = new Float64Array(256);
  private radii = new Float64Array(256);
  private buys = new Uint8Array(256);
  private dpr = 1;

  /**
   * Draws the trades `frame` shows of the feeds in `mask` (bit `FEED_INDEX[feed]`, as the heat's), `preferred` being
   * the resolution the heat is drawn from.
   */
  draw(ctx: HeatmapContext, frame: HeatmapFrame, history: HeatmapHistory, preferred: number, mask: number, theme: HeatmapTheme): void {
    this.gather(frame, history, preferred, mask);
    this.dpr = frame.dpr;
    const n = this.count;
    let largest = 0;
    for (let k = 0; k < n; k++) largest = Math.max(largest, this.volumes[k]!);
    if (!(largest <= this.volume && largest * BUBBLE_HOLD >= this.volume)) this.volume = largest;
    if (!n) return;
    const scale = BUBBLE_RADIUS.max / Math.sqrt(this.volume);
    const steps = Math.round((BUBBLE_RADIUS.max * frame.dpr) / RADIUS_STEP);
    // Counting sort by (radius step, largest first; side).
    const keys = new Uint16Array(n);
    const starts = new Uint32Array(2 * (steps + 1) + 1);
    for (let k = 0; k < n; k++) {
      const step = Math.round((frame.dpr * Math.max(BUBBLE_RADIUS.min, Math.min(BUBBLE_RADIUS.max, scale * Math.sqrt(this.volumes[k]!)))) / RADIUS_STEP);
      this.radii[k] = step * RADIUS_STEP;
      keys[k] = 2 * (steps - step) + this.buys[k]!;
      starts[keys[k]! + 1]!++;
    }
    for (let i = 1; i < starts.length; i++) starts[i]! += starts[i - 1]!;
    const order = new Uint32Array(n);
    const next = starts.slice();
    for (let k = 0; k < n; k++) order[next[keys[k]!]!++] = k;
    const { plot } = frame;
    ctx.save();
    ctx.beginPath();
    ctx.rect(plot.x, plot.y, plot.w, plot.h);
    ctx.clip();
    ctx.strokeStyle = theme.bubbleEdge;
    ctx.lineWidth = frame.dpr;
    for (let key = 0; key < starts.length - 1; key++) {
      if (starts[key] === starts[key + 1]) continue;
      ctx.beginPath();
      for (let j = starts[key]!; j < starts[key + 1]!; j++) {
        const k = order[j]!;
        const r = this.radii[k]!;
        ctx.moveTo(this.xs[k]! + r, this.ys[k]!);
        ctx.arc(this.xs[k]!, this.ys[k]!, r, 0, 2 * Math.PI);
      }
      ctx.fillStyle = key % 2 ? theme.buy : theme.sell;
      ctx.fill();
      ctx.stroke();
    }
    ctx.restore();
  }

  /** Nothing drawn: a frame with nothing to place the view by. */
  clear(): void {
    this.count = 0;
  }

  /**
   * The volume bought and sold in the bubbles drawn under CSS pixel (x, y): of each side, the bubble holding the
   * point whose centre is nearest; undefined where none does.
   */
  at(x: number, y: number): { buy: number; sell: number } | undefined {
    const px = x * this.dpr;
    const py = y * this.dpr;
    const nearest = [Infinity, Infinity];
    const found = [0, 0];
    for (let k = 0; k < this.count; k++) {
      const d = Math.hypot(this.xs[k]! - px, this.ys[k]! - py);
      const side = this.buys[k]!;
      if (d > this.radii[k]! || d >= nearest[side]!) continue;
      nearest[side] = d;
      found[side] = this.volumes[k]!;
    }
    return found[0] || found[1] ? { buy: found[1]!, sell: found[0]! } : undefined;
  }

  /**
   * Sums the trades in view into bins, bin column by bin column: the columns come in time order, so one column of
   * bins is summed at a time and then kept as bubbles.
   */
  private gather(frame: HeatmapFrame, history: HeatmapHistory, preferred: number, mask: number): void {
    const { plot, t0, t1, step, low, high, dpr } = frame;
    const grid = history.grid;
    const bin = BUBBLE_RADIUS.min * dpr;
    const bins = Math.ceil(plot.h / bin);
    // Device y of each row in view's middle price; NaN off the view.
    const bottom = grid.rowOf(low);
    const rowY = new Float64Array(grid.rowOf(high) - bottom + 1).map((_, i) => {
      const y = ((high - grid.priceOf(bottom + i + 0.5)) / (high - low)) * plot.h;
      return y >= 0 && y < plot.h ? y : NaN;
    });
    // Per bin of the column being summed, and side (sell 0, buy 1): volume, and x and y times volume.
    const sums = new Float64Array(bins * 2 * 3);
    const touched = new Int32Array(bins * 2);
    let touches = 0;
    let column = -1;
    this.count = 0;
    const flush = () => {
      for (let j = 0; j < touches; j++) {
        const b = touched[j]!;
        const v = sums[3 * b]!;
        this.keep(plot.x + sums[3 * b + 1]! / v, plot.y + sums[3 * b + 2]! / v, v, b & 1);
        sums[3 * b] = sums[3 * b + 1] = sums[3 * b + 2] = 0;
      }
      touches = 0;
    };
    // Each resolution up to where the finer one before it holds, from the coarsest: times, and bins, in order.
    const spans: { tier: TradeTier; end: number }[] = [];
    for (let i = preferred, until = t1; i < history.trades.length && until > t0; i++) {
      spans.unshift({ tier: history.trades[i]!, end: until });
      until = Math.min(until, history.trades[i]!.from);
    }
    for (const { tier, end } of spans) {
      const half = tier.spec.columnMs / 2;
      tier.columns(t0 - 2 * half, end, (start, { keys, volumes }, begin, stop) => {
        const middle = start + half;
        if (middle < t0 || middle >= end) return;
        const x = (middle - t0) / step;
        const c = Math.floor(x / bin);
        if (c !== column) {
          flush();
          column = c;
        }
        for (let k = begin; k < stop; k++) {
          const key = keys[k]!;
          if (!(mask & (1 << keyFeed(key)))) continue;
          const y = rowY[keyRow(key) - bottom];
          if (y === undefined || Number.isNaN(y)) continue;
          const side = 2 * Math.floor(y / bin) + (key & 1);
          const v = volumes[k]!;
          if (sums[3 * side] === 0) touched[touches++] = side;
          sums[3 * side]! += v;
          sums[3 * side + 1]! += x * v;
          sums[3 * side + 2]! += y * v;
        }
      });
    }
    flush();
  }

  private keep(x: number, y: number, volume: number, buy: number): void {
    const k = this.count++;
    if (k === this.xs.length) {
      const more = (a: Float64Array) => {
        const b = new Float64Array(2 * k);
        b.set(a);
        return b;
      };
      [this.xs, this.ys, this.volumes, this.radii] = [more(this.xs), more(this.ys), more(this.volumes), more(this.radii)];
      const buys = new Uint8Array(2 * k);
      buys.set(this.buys);
      this.buys = buys;
    }
    this.xs[k] = x;
    this.ys[k] = y;
    this.volumes[k] = volume;
    this.buys[k] = buy;
  }
}
