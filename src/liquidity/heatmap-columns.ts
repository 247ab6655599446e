/**
 * Heatmap columns stored as changes. A book changes in few rows from one column to the next, so a column keeps
 * only the cells whose code differs from the column before it; the first column of a chunk is kept whole (against
 * an empty window), so any column is rebuilt by replaying at most one chunk.
 */
import { FEED_IDS, type FeedId } from '../venues/types';

/** Feeds are numbered by their place in FEED_IDS: five bits in a stored cell, and a bit in a column's feed mask. */
export const FEED_COUNT = FEED_IDS.length;
export const FEED_INDEX: Readonly<Record<FeedId, number>> = Object.fromEntries(FEED_IDS.map((f, i) => [f, i])) as Record<FeedId, number>;

/** Feeds a stored cell can name (its five bits), and a column's 32-bit feed mask hold. */
const FEED_LIMIT = 1 << 5;
if (FEED_COUNT > FEED_LIMIT) throw new RangeError(`a heatmap cell names at most ${FEED_LIMIT} feeds, not ${FEED_COUNT}`);

/** Rows a column may hold: the row offset takes 11 bits of a stored cell (a band of ±1 % at 1 bp a row is 201). */
export const MAX_ROWS = 1 << 11;

/** One closed column, whole: its codes for every feed (feed-major, `rows` each) from row `base` up. */
export interface Column {
  /** Start of the column's time bucket, epoch ms. */
  readonly t: number;
  readonly base: number;
  /** Bit i set: feed FEED_IDS[i] was in the books sampled. */
  readonly feeds: number;
  /** Best bid and ask across the books, and the mid the band is centred on (NaN where a side had none). */
  readonly bid: number;
  readonly ask: number;
  readonly mid: number;
  readonly codes: Uint16Array;
}

/**
 * The codes of every feed over one column's band, rows `base` to `base + rows - 1`, feed-major. Moving the band
 * forgets the rows that leave it (the column holds nothing there) and starts those entering it empty; the encoder
 * and the decoder move it alike, so a change is only ever stored against what the decoder will hold.
 */
export class CellWindow {
  base = 0;
  readonly codes: Uint16Array;

  constructor(readonly rows: number) {
    this.codes = new Uint16Array(FEED_COUNT * rows);
  }

  clear(base: number): void {
    this.codes.fill(0);
    this.base = base;
  }

  moveTo(base: number): void {
    const shift = base - this.base;
    const n = this.rows;
    if (shift === 0) return;
    if (Math.abs(shift) >= n) {
      this.clear(base);
      return;
    }
    for (let f = 0; f < FEED_COUNT; f++) {
      const feed = this.codes.subarray(f * n, (f + 1) * n);
      if (shift > 0) {
        feed.copyWithin(0, shift);
        feed.fill(0, n - shift);
      } else {
        feed.copyWithin(-shift, 0, n + shift);
        feed.fill(0, 0, -shift);
      }
    }
    this.base = base;
  }
}

/** A stored cell: feed (5 bits), row offset in its column's band (11 bits), code (16 bits). */
function cell(feed: number, offset: number, code: number): number {
  return ((feed << 27) | (offset << 16) | code) >>> 0;
}

/** Up to `capacity` consecutive columns of one tier, each stored as the cells that changed. */
export class ColumnChunk {
  length = 0;
  readonly times: Float64Array;
  readonly bases: Int32Array;
  readonly feeds: Uint32Array;
  readonly bids: Float64Array;
  readonly asks: Float64Array;
  readonly mids: Float64Array;
  /** Where each column's cells end in `cells`. */
  private readonly ends: Uint32Array;
  private cells: Uint32Array;
  private used = 0;

  constructor(
    readonly capacity: number,
    readonly rows: number,
  ) {
    this.times = new Float64Array(capacity);
    this.bases = new Int32Array(capacity);
    this.feeds = new Uint32Array(capacity);
    this.bids = new Float64Array(capacity);
    this.asks = new Float64Array(capacity);
    this.mids = new Float64Array(capacity);
    this.ends = new Uint32Array(capacity);
    this.cells = new Uint32Array(FEED_COUNT * rows);
  }

  get full(): boolean {
    return this.length === this.capacity;
  }

  /** Start of the last column's time bucket. */
  get last(): number {
    return this.times[this.length - 1]!;
  }

  get bytes(): number {
    const floats = [this.times, this.bids, this.asks, this.mids].reduce((sum, a) => sum + a.byteLength, 0);
    return floats + this.bases.byteLength + this.feeds.byteLength + this.ends.byteLength + this.cells.byteLength;
  }

  /** Appends `column`, storing what differs from `encoder` (the window after the column before) and updating it. */
  append(column: Column, encoder: CellWindow): void {
    const i = this.length;
    if (i === 0) encoder.clear(column.base);
    else encoder.moveTo(column.base);
    const n = this.rows;
    const held = encoder.codes;
    const next = column.codes;
    for (let f = 0; f < FEED_COUNT; f++) {
      for (let o = 0, k = f * n; o < n; o++, k++) {
        if (next[k] === held[k]) continue;
        held[k] = next[k]!;
        if (this.used === this.cells.length) this.grow();
        this.cells[this.used++] = cell(f, o, next[k]!);
      }
    }
    this.times[i] = column.t;
    this.bases[i] = column.base;
    this.feeds[i] = column.feeds;
    this.bids[i] = column.bid;
    this.asks[i] = column.ask;
    this.mids[i] = column.mid;
    this.ends[i] = this.used;
    this.length++;
  }

  /** Brings `window`, holding column `index - 1` of this chunk (or anything, for index 0), to column `index`. */
  apply(index: number, window: CellWindow): void {
    if (index === 0) window.clear(this.bases[0]!);
    else window.moveTo(this.bases[index]!);
    const n = this.rows;
    const codes = window.codes;
    const end = this.ends[index]!;
    for (let j = index === 0 ? 0 : this.ends[index - 1]!; j < end; j++) {
      const c = this.cells[j]!;
      codes[(c >>> 27) * n + ((c >>> 16) & 0x7ff)] = c & 0xffff;
    }
  }

  /** Gives back the room kept for cells still to come, once no column will be added. */
  seal(): void {
    this.cells = this.cells.slice(0, this.used);
  }

  private grow(): void {
    const more = new Uint32Array(Math.max(1024, this.cells.length * 2));
    more.set(this.cells);
    this.cells = more;
  }
}
