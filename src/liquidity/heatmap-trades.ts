/**
 * The trades the heatmap draws as bubbles, kept on the heat's grid: per time column and price row, the volume bought
 * and the volume sold (base units), each resolution summing every trade that falls in its columns (so a 1 s column
 * holds what its ten 100 ms columns hold together).
 *
 * Only columns with a trade are stored, and in them only the rows traded in. A cell (one column's row) takes 20 B:
 * its row (4 B) and the volume bought and sold there (8 B each: sums as exact as the trades' own sizes); a column
 * 12 B more (its start and where its cells end). Each resolution has a byte budget (`HeatmapTierSpec.tradeBytes`):
 * past it its oldest columns go first, and the next resolution still covers their time.
 */
import type { TradeSide } from '../trades/types';
import type { HeatmapTierSpec } from './heatmap-tier';

/** A trade as the heatmap takes it: when (epoch ms, the engine's clock), at what price (display currency), how much. */
export interface HeatmapTrade {
  readonly t: number;
  readonly price: number;
  /** Base units. */
  readonly size: number;
  readonly side: TradeSide;
}

/** What one cell costs: its row (Int32) and the volume bought and sold (Float64 each). */
export const TRADE_CELL_BYTES = 4 + 8 + 8;

/** Up to `capacity` columns with trades, in time order, each the cells of the rows traded in. */
class TradeChunk {
  length = 0;
  starts: Float64Array;
  /** Where each column's cells end. */
  ends: Uint32Array;
  rows: Int32Array;
  buys: Float64Array;
  sells: Float64Array;
  used = 0;

  constructor(readonly capacity: number) {
    this.starts = new Float64Array(capacity);
    this.ends = new Uint32Array(capacity);
    this.rows = new Int32Array(16);
    this.buys = new Float64Array(16);
    this.sells = new Float64Array(16);
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

  get bytes(): number {
    return this.starts.byteLength + this.ends.byteLength + this.rows.byteLength + this.buys.byteLength + this.sells.byteLength;
  }

  /** Where the column starting at `start` is, or (as -1 - i) where it would go. */
  find(start: number): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid]! < start) lo = mid + 1;
      else hi = mid;
    }
    return lo < this.length && this.starts[lo] === start ? lo : -1 - lo;
  }

  /** Inserts an empty column at `i` (the end when appending). */
  insertColumn(i: number, start: number): void {
    if (this.length === this.starts.length) {
      this.starts = grown(this.starts, this.length * 2);
      this.ends = grown(this.ends, this.length * 2);
    }
    this.starts.copyWithin(i + 1, i, this.length);
    this.ends.copyWithin(i + 1, i, this.length);
    this.starts[i] = start;
    this.ends[i] = i === 0 ? 0 : this.ends[i - 1]!;
    this.length++;
  }

  /** Adds `size` to column `i`'s cell for `row`; false when the column has no cell for it and already `maxCells`. */
  add(i: number, row: number, size: number, side: TradeSide, maxCells: number): boolean {
    const begin = i === 0 ? 0 : this.ends[i - 1]!;
    const end = this.ends[i]!;
    let k = begin;
    while (k < end && this.rows[k] !== row) k++;
    if (k === end) {
      if (end - begin >= maxCells) return false;
      if (this.used === this.rows.length) {
        const n = this.used * 2;
        [this.rows, this.buys, this.sells] = [grown(this.rows, n), grown(this.buys, n), grown(this.sells, n)];
      }
      this.rows.copyWithin(end + 1, end, this.used);
      this.buys.copyWithin(end + 1, end, this.used);
      this.sells.copyWithin(end + 1, end, this.used);
      [this.rows[end], this.buys[end], this.sells[end]] = [row, 0, 0];
      this.used++;
      for (let j = i; j < this.length; j++) this.ends[j]!++;
    }
    if (side === 'buy') this.buys[k]! += size;
    else this.sells[k]! += size;
    return true;
  }

  /** Gives back the room kept for what is still to come. */
  seal(): void {
    [this.starts, this.ends] = [this.starts.slice(0, this.length), this.ends.slice(0, this.length)];
    [this.rows, this.buys, this.sells] = [this.rows.slice(0, this.used), this.buys.slice(0, this.used), this.sells.slice(0, this.used)];
  }
}

function grown<A extends Float64Array | Uint32Array | Int32Array>(a: A, length: number): A {
  const more = new (a.constructor as new (n: number) => A)(Math.max(16, length));
  more.set(a);
  return more;
}

/**
 * One resolution's trades: columns of `columnMs`, kept for `keepMs` behind the newest time it was told of (a trade's
 * or a sample's) and within `tradeBytes`. A column holds at most `maxCells` rows: trades at prices as far apart as
 * that within one column are not a market's, and a flood of them must not grow the memory.
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
    private readonly maxCells: number,
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
   * Adds a trade at `t` in `row` to the column of its time, wherever that is among the columns held; false when it
   * is older than what is held, or its column is full.
   */
  add(t: number, row: number, size: number, side: TradeSide): boolean {
    this.advance(t);
    const columnMs = this.spec.columnMs;
    const start = Math.floor(t / columnMs) * columnMs;
    if (start < this.from) return false;
    let chunk = this.chunks.at(-1);
    let i: number;
    if (!chunk || start > chunk.last) {
      if (!chunk || chunk.full) {
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
    this.measured(target, () => (added = target.add(i, row, size, side, this.maxCells)));
    this.forget();
    return added;
  }

  /** Calls `visit` with each held cell of the columns starting in [from, to), in time order. */
  each(from: number, to: number, visit: (start: number, row: number, buy: number, sell: number) => void): void {
    const lower = Math.max(from, this.from);
    for (const chunk of this.chunks) {
      if (chunk.length === 0 || chunk.last < lower) continue;
      if (chunk.first >= to) return;
      let i = chunk.find(lower);
      if (i < 0) i = -1 - i;
      for (; i < chunk.length; i++) {
        const start = chunk.starts[i]!;
        if (start >= to) return;
        for (let k = i === 0 ? 0 : chunk.ends[i - 1]!; k < chunk.ends[i]!; k++) visit(start, chunk.rows[k]!, chunk.buys[k]!, chunk.sells[k]!);
      }
    }
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

  /** Drops chunks wholly older than keepMs, then the oldest while over the byte budget (the newest stays). */
  private forget(): void {
    const cutoff = this.newest - this.spec.keepMs;
    while (this.chunks.length && this.chunks[0]!.last < cutoff) this.total -= this.chunks.shift()!.bytes;
    while (this.chunks.length > 1 && this.total > this.spec.tradeBytes) {
      const gone = this.chunks.shift()!;
      this.total -= gone.bytes;
      this.evicted = Math.max(this.evicted, gone.last + this.spec.columnMs);
    }
  }
}
