/**
 * One resolution of the heatmap's history: columns of `columnMs`, each the time-average of the samples that fell in
 * its bucket, kept for `keepMs` behind the newest sample and within `maxBytes`.
 */
import { CellWindow, ColumnChunk, FEED_COUNT, type Column } from './heatmap-columns';
import { sizeCode, type PriceGrid } from './heatmap-grid';

export interface HeatmapTierSpec {
  readonly columnMs: number;
  /** How far behind the newest sample its columns are kept. */
  readonly keepMs: number;
  /** Its chunks' memory at the most: past it the oldest chunk goes, even inside `keepMs`. */
  readonly maxBytes: number;
  /** The same for its trades (`heatmap-trades.ts`). */
  readonly tradeBytes: number;
}

/** One sample of the books: its band (`grid.rows` rows from `base`) and each feed's resting size by row. */
export interface Sample {
  readonly t: number;
  readonly base: number;
  readonly mid: number;
  /** NaN where no book had that side. */
  readonly bid: number;
  readonly ask: number;
  /** By feed index: the feed's size (base units) per row of the band; undefined for a feed not in the books. */
  readonly sizes: readonly (Float64Array | undefined)[];
}

/**
 * A column reads as standing until the next one, for at most this many of its widths: a sampler that runs late
 * leaves no hole, one that stopped leaves the time blank.
 */
export const HOLD_COLUMNS = 10;

/** Where a column is: its chunk (an index into `chunks`, valid until the next sample) and its place in it. */
export interface ColumnRef {
  readonly chunk: number;
  readonly index: number;
}

/**
 * The samples of one bucket, summed by absolute row over a window wide enough for the bands of all of them: a cell
 * averages over the samples whose band held it and whose books included its feed.
 */
class Bucket {
  start = NaN;
  private samples = 0;
  private midSum = 0;
  private bidSum = 0;
  private bidCount = 0;
  private askSum = 0;
  private askCount = 0;
  private feeds = 0;
  private origin = 0;
  private width: number;
  private sums: Float64Array;
  private counts: Uint32Array;

  constructor(private readonly grid: PriceGrid) {
    this.width = 3 * grid.rows;
    this.sums = new Float64Array(FEED_COUNT * this.width);
    this.counts = new Uint32Array(FEED_COUNT * this.width);
  }

  get open(): boolean {
    return this.samples > 0;
  }

  get bytes(): number {
    return this.sums.byteLength + this.counts.byteLength;
  }

  begin(start: number, base: number): void {
    this.start = start;
    this.samples = this.midSum = this.bidSum = this.bidCount = this.askSum = this.askCount = this.feeds = 0;
    this.origin = base - this.grid.rows;
    this.sums.fill(0);
    this.counts.fill(0);
  }

  add(sample: Sample): void {
    const rows = this.grid.rows;
    if (sample.base < this.origin || sample.base + rows > this.origin + this.width) this.widen(sample.base);
    this.samples++;
    this.midSum += sample.mid;
    if (!Number.isNaN(sample.bid)) {
      this.bidSum += sample.bid;
      this.bidCount++;
    }
    if (!Number.isNaN(sample.ask)) {
      this.askSum += sample.ask;
      this.askCount++;
    }
    const offset = sample.base - this.origin;
    sample.sizes.forEach((sizes, f) => {
      if (!sizes) return;
      this.feeds |= 1 << f;
      const at = f * this.width + offset;
      for (let o = 0; o < rows; o++) {
        this.sums[at + o]! += sizes[o]!;
        this.counts[at + o]!++;
      }
    });
  }

  /** The bucket's column: centred on the mean mid, each cell the mean of what the samples held there. */
  close(): Column {
    const { rows } = this.grid;
    const mid = this.midSum / this.samples;
    const base = this.grid.baseOf(mid);
    const codes = new Uint16Array(FEED_COUNT * rows);
    for (let f = 0; f < FEED_COUNT; f++) {
      if (!(this.feeds & (1 << f))) continue;
      for (let o = 0; o < rows; o++) {
        const k = base + o - this.origin;
        if (k < 0 || k >= this.width) continue;
        const n = this.counts[f * this.width + k]!;
        if (n > 0) codes[f * rows + o] = sizeCode(this.sums[f * this.width + k]! / n);
      }
    }
    return {
      t: this.start,
      base,
      feeds: this.feeds,
      bid: this.bidCount ? this.bidSum / this.bidCount : NaN,
      ask: this.askCount ? this.askSum / this.askCount : NaN,
      mid,
      codes,
    };
  }

  /** Makes room for a band outside the window: the mid moved further within one bucket than the window allowed. */
  private widen(base: number): void {
    const rows = this.grid.rows;
    const origin = Math.min(this.origin, base - rows);
    const width = Math.max(this.origin + this.width, base + 2 * rows) - origin;
    const sums = new Float64Array(FEED_COUNT * width);
    const counts = new Uint32Array(FEED_COUNT * width);
    for (let f = 0; f < FEED_COUNT; f++) {
      sums.set(this.sums.subarray(f * this.width, (f + 1) * this.width), f * width + this.origin - origin);
      counts.set(this.counts.subarray(f * this.width, (f + 1) * this.width), f * width + this.origin - origin);
    }
    [this.origin, this.width, this.sums, this.counts] = [origin, width, sums, counts];
  }
}

export class HeatmapTier {
  /** Oldest first; the last one is filling. */
  readonly chunks: ColumnChunk[] = [];
  private readonly bucket: Bucket;
  private readonly encoder: CellWindow;
  /** Columns older than this are no longer held (keepMs behind the newest sample). */
  private cutoff = -Infinity;

  constructor(
    readonly spec: HeatmapTierSpec,
    readonly grid: PriceGrid,
    private readonly chunkColumns: number,
  ) {
    this.bucket = new Bucket(grid);
    this.encoder = new CellWindow(grid.rows);
  }

  /**
   * Adds a sample to its bucket; a sample in a later bucket first closes the one open. True when that closed a
   * column. A sample older than the open bucket is left out (time never runs back: a replay that seeks back resets).
   */
  add(sample: Sample): boolean {
    const start = Math.floor(sample.t / this.spec.columnMs) * this.spec.columnMs;
    let closed = false;
    if (this.bucket.open) {
      if (start < this.bucket.start) return false;
      if (start > this.bucket.start) {
        this.store(this.bucket.close());
        closed = true;
      }
    }
    if (!this.bucket.open || start > this.bucket.start) this.bucket.begin(start, sample.base);
    this.bucket.add(sample);
    this.cutoff = sample.t - this.spec.keepMs;
    this.forget();
    return closed;
  }

  reset(): void {
    this.chunks.length = 0;
    this.bucket.begin(NaN, 0);
    this.cutoff = -Infinity;
  }

  get columns(): number {
    return this.chunks.reduce((n, c) => n + c.length, 0);
  }

  get bytes(): number {
    return this.chunks.reduce((n, c) => n + c.bytes, 0) + this.bucket.bytes + this.encoder.codes.byteLength;
  }

  /** Start of the oldest column held; undefined while none is. */
  get since(): number | undefined {
    const first = this.chunks[0];
    if (!first) return undefined;
    for (let i = 0; i < first.length; i++) if (first.times[i]! >= this.cutoff) return first.times[i];
    return this.chunks[1]?.times[0];
  }

  /** The newest closed column. */
  newest(): ColumnRef | undefined {
    const chunk = this.chunks.length - 1;
    return chunk < 0 ? undefined : { chunk, index: this.chunks[chunk]!.length - 1 };
  }

  /**
   * The column standing at `t`: the last one starting at or before it, while `t` is before the next one's start
   * and within HOLD_COLUMNS widths of its own; undefined when none is held there (or its bucket is still open).
   */
  find(t: number): ColumnRef | undefined {
    let lo = 0;
    let hi = this.chunks.length - 1;
    if (hi < 0 || !(t >= this.chunks[0]!.times[0]!)) return undefined;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.chunks[mid]!.times[0]! <= t) lo = mid;
      else hi = mid - 1;
    }
    const chunk = this.chunks[lo]!;
    let a = 0;
    let b = chunk.length - 1;
    while (a < b) {
      const mid = (a + b + 1) >> 1;
      if (chunk.times[mid]! <= t) a = mid;
      else b = mid - 1;
    }
    const start = chunk.times[a]!;
    if (start < this.cutoff) return undefined;
    const next = a + 1 < chunk.length ? chunk.times[a + 1]! : (this.chunks[lo + 1]?.times[0] ?? this.bucket.start);
    if (t >= Math.min(Number.isNaN(next) ? Infinity : next, start + HOLD_COLUMNS * this.spec.columnMs)) return undefined;
    return { chunk: lo, index: a };
  }

  private store(column: Column): void {
    let chunk = this.chunks.at(-1);
    if (!chunk || chunk.full) {
      chunk?.seal();
      chunk = new ColumnChunk(this.chunkColumns, this.grid.rows);
      this.chunks.push(chunk);
    }
    chunk.append(column, this.encoder);
  }

  /** Drops chunks wholly older than the cutoff, then the oldest while over the byte budget (the newest stays). */
  private forget(): void {
    while (this.chunks.length > 1 && this.chunks[0]!.last < this.cutoff) this.chunks.shift();
    while (this.chunks.length > 1 && this.bytes > this.spec.maxBytes) this.chunks.shift();
  }
}

/** Rebuilds a tier's columns in time order, replaying each chunk from its first, whole column. */
export class TierCursor {
  private chunk = -1;
  private index = -1;
  readonly window: CellWindow;

  constructor(private readonly tier: HeatmapTier) {
    this.window = new CellWindow(tier.grid.rows);
  }

  /** The window holding column `ref`: cheap when it is at or after the last one asked for in the same chunk. */
  at(ref: ColumnRef): CellWindow {
    if (ref.chunk !== this.chunk || ref.index < this.index) {
      this.chunk = ref.chunk;
      this.index = -1;
    }
    const chunk = this.tier.chunks[ref.chunk]!;
    while (this.index < ref.index) chunk.apply(++this.index, this.window);
    return this.window;
  }
}
