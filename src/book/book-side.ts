import { PRICE_DIGITS, SIZE_DIGITS, decimalValue, lastDecimals } from './decimal';
import { UNCOMMON, formatOf, priceText, sizeText } from './level-format';
import { InvalidBookData, type Level, type LevelWalk, type RawLevel, type Side } from './levels';

/** Most levels one chunk holds: a change anywhere moves at most half as many. */
const CHUNK_LEVELS = 512;
/** Levels a snapshot puts in a chunk, leaving room for inserts before the first split. */
const SNAPSHOT_FILL = 448;
/** A chunk that falls below this many levels joins a neighbour when the two fit in MERGED_MAX, else shares its levels. */
const CHUNK_MIN = 128;
const MERGED_MAX = 384;
/** A chunk's capacity grows and shrinks in steps of this many levels: at most two steps lie unused. */
const STEP = 16;
/** Levels walked down from the top of a chunk before a binary search: changes cluster within a few of the top. */
const NEAR_WALK = 8;
/** Moves this short are done by hand: for the few levels above a change near the top, a call costs more. */
const SHORT_MOVE = 32;

/**
 * A run of adjacent levels, worst first, with room kept at both ends of its storage: a change moves the levels
 * on its nearer side, so one at either end of the chunk (the top of the book, or its bottom, where venues add
 * and drop levels as the book moves) moves almost nothing.
 */
class Chunk {
  /** Storage slot of the first (worst) level. */
  start = 0;
  /** Levels held. */
  n = 0;
  /** Key and size of each storage slot: keys apart, so that a search reads half the memory. */
  keys: Float64Array;
  sizes: Float64Array;
  /** Each slot's format byte (`level-format.ts`), on sides that keep venue text. */
  formats: Uint8Array | undefined;

  constructor(capacity: number, keepText: boolean) {
    [this.keys, this.sizes, this.formats] = storage(capacity, keepText);
  }

  get capacity(): number {
    return this.keys.length;
  }

  /** The first (worst) level's key. */
  get first(): number {
    return this.keys[this.start]!;
  }

  /** Moves the levels into storage for `capacity`, centred in the room that `reserve` levels would leave. */
  resize(capacity: number, reserve = this.n): void {
    const start = (capacity - reserve) >> 1;
    const end = this.start + this.n;
    const [keys, sizes, formats] = storage(capacity, this.formats !== undefined);
    keys.set(this.keys.subarray(this.start, end), start);
    sizes.set(this.sizes.subarray(this.start, end), start);
    if (formats) formats.set(this.formats!.subarray(this.start, end), start);
    [this.keys, this.sizes, this.formats] = [keys, sizes, formats];
    this.start = start;
  }

  /** Moves the levels within their storage so that its free room is split evenly between both ends. */
  recentre(): void {
    const start = (this.capacity - this.n) >> 1;
    this.keys.copyWithin(start, this.start, this.start + this.n);
    this.sizes.copyWithin(start, this.start, this.start + this.n);
    this.formats?.copyWithin(start, this.start, this.start + this.n);
    this.start = start;
  }

  /** Appends levels [from, to) of another chunk. */
  append(other: Chunk, from: number, to: number): void {
    const at = this.start + this.n;
    this.keys.set(other.keys.subarray(other.start + from, other.start + to), at);
    this.sizes.set(other.sizes.subarray(other.start + from, other.start + to), at);
    if (this.formats && other.formats) this.formats.set(other.formats.subarray(other.start + from, other.start + to), at);
    this.n += to - from;
  }
}

/**
 * A chunk's keys, sizes and format bytes as views of one buffer: one allocation, and one buffer's bookkeeping
 * instead of three, which is a byte a level in a book of 500.
 */
function storage(capacity: number, keepText: boolean): [Float64Array, Float64Array, Uint8Array | undefined] {
  const buffer = new ArrayBuffer(capacity * (keepText ? 17 : 16));
  return [
    new Float64Array(buffer, 0, capacity),
    new Float64Array(buffer, 8 * capacity, capacity),
    keepText ? new Uint8Array(buffer, 16 * capacity, capacity) : undefined,
  ];
}

/** Moves storage slots [from, to) of a chunk's keys and sizes one slot up (1) or down (-1). */
function moveLevels(chunk: Chunk, from: number, to: number, by: 1 | -1): void {
  const { keys, sizes } = chunk;
  if (to - from > SHORT_MOVE) {
    keys.copyWithin(from + by, from, to);
    sizes.copyWithin(from + by, from, to);
  } else if (by > 0) {
    for (let j = to; j > from; j--) {
      keys[j] = keys[j - 1]!;
      sizes[j] = sizes[j - 1]!;
    }
  } else {
    for (let j = from - 1; j < to - 1; j++) {
      keys[j] = keys[j + 1]!;
      sizes[j] = sizes[j + 1]!;
    }
  }
}

/** The same move for a chunk's format bytes. */
function moveFormats(f: Uint8Array, from: number, to: number, by: 1 | -1): void {
  if (to - from > SHORT_MOVE) {
    f.copyWithin(from + by, from, to);
  } else if (by > 0) {
    for (let j = to; j > from; j--) f[j] = f[j - 1]!;
  } else {
    for (let j = from - 1; j < to - 1; j++) f[j] = f[j + 1]!;
  }
}

/** The best chunk of an empty side, so that reading the top needs no check for one. */
const NO_LEVELS = new Chunk(0, false);

/** Capacity for `n` levels and one step of room. */
function roomFor(n: number): number {
  return n + STEP;
}

/**
 * Index of `key` in a chunk, or the slot it would go in encoded as -(slot + 1). Walks down from the top for a
 * few levels first: that is where a change almost always is, and a short walk there is cheaper than the
 * mispredicted branches of a binary search; the rest of the chunk is searched.
 */
function slotOf(chunk: Chunk, key: number): number {
  const keys = chunk.keys;
  const s = chunk.start;
  let j = s + chunk.n - 1;
  const stop = j - NEAR_WALK > s ? j - NEAR_WALK : s;
  for (; j >= stop; j--) {
    const k = keys[j]!;
    if (k === key) return j - s;
    if (k < key) return -(j - s + 2);
  }
  // Every key from `stop` up is above `key`: its slot is at or below `stop`.
  let lo = s;
  let hi = stop;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return keys[lo] === key ? lo - s : -(lo - s + 1);
}

function unreadable(price: string, size: string): InvalidBookData {
  return new InvalidBookData(`unreadable level [${JSON.stringify(price)}, ${JSON.stringify(size)}]`);
}

/**
 * A walk down a side's chunks. Each step reads the next slot of the chunk it is in, and moves to the next chunk
 * only at a chunk's end: O(1) a level at any depth, where `priceAt` below the best chunk must first find the
 * level's chunk. It also keeps the readers of many levels (the merged walk, the heatmap, the walls) off `priceAt` below
 * the best chunk: once that path runs often, the compiler folds it into every caller's read of the top, where its
 * `undefined` past the end turns each price read into a boxed number (2.3x the instructions, measured).
 */
class ChunkWalk implements LevelWalk {
  price = 0;
  size = 0;
  private keys = NO_LEVELS.keys;
  private sizes = NO_LEVELS.sizes;
  /** The storage slot read next, and the chunk's worst slot: past it the walk moves to the next chunk. */
  private slot = -1;
  private floor = 0;

  constructor(
    private readonly chunks: readonly Chunk[],
    private readonly sign: number,
    /** The chunk walked, and the storage slot of the first level read in it. */
    private chunk: number,
    slot: number,
  ) {
    const at = chunk >= 0 ? chunks[chunk] : undefined;
    if (at === undefined) return;
    this.keys = at.keys;
    this.sizes = at.sizes;
    this.floor = at.start;
    this.slot = slot;
  }

  /** Kept to one function, with no call out: a reader that walks in a loop can then hold the walk in registers. */
  next(): boolean {
    if (this.slot < this.floor) {
      if (this.chunk <= 0) return false;
      const at = this.chunks[--this.chunk]!;
      this.keys = at.keys;
      this.sizes = at.sizes;
      this.floor = at.start;
      this.slot = at.start + at.n - 1;
    }
    this.price = this.sign * this.keys[this.slot]!;
    this.size = this.sizes[this.slot]!;
    this.slot--;
    return true;
  }
}

/**
 * One side of a book: levels sorted by a key that rises toward the best price (the price for bids, minus the
 * price for asks), in chunks of at most 512 levels, the best chunk last.
 *
 * Why: traffic is nearly all at the top, but a full-depth venue's book is 5,000 to 100,000 levels deep and a
 * change can land anywhere. A change finds its chunk by binary search and moves at most half a chunk's
 * levels, so it costs about the same at any depth; the top chunk is a plain array with the best level last,
 * as fast as one sorted array where the traffic is. Keys and sizes sit in typed arrays, 16 bytes a level,
 * and a snapshot is sorted once and cut into chunks, linear in venue order (best first) as in reverse.
 */
export class BookSide {
  readonly side: Side;
  /** Whether the venue's text of each level can be read back: checksums are computed over it. */
  readonly keepText: boolean;
  /** +1 for bids, -1 for asks: key = sign × price. */
  private readonly sign: number;
  /** Worst first; never holds an empty chunk. */
  private chunks: Chunk[] = [];
  /**
   * Each chunk's first (worst) key, in one array: a change deep in a large book finds its chunk by a binary
   * search here, in one run of memory, instead of through a pointer to every chunk it passes.
   */
  private firsts: number[] = [];
  private count = 0;
  /** Venue text of the levels whose format byte is UNCOMMON, by key. */
  private readonly uncommon = new Map<number, RawLevel>();
  /** The last chunk, with the best levels, or an empty one. */
  private bestChunk = NO_LEVELS;
  /**
   * The best chunk's storage and the index of its best key there: kept in fields of their own because the top
   * is read on every frame for every venue, and each load saved there shows (a third off the read, measured).
   */
  private bestKeys = NO_LEVELS.keys;
  private bestSizes = NO_LEVELS.sizes;
  private bestTop = -1;
  /** The index of the best chunk's worst key in its storage: below it lies free room. */
  private bestFloor = 0;
  /** Where `seek` found a level: chunk index and storage slot in the chunk. */
  private atChunk = 0;
  private atIndex = 0;

  constructor(side: Side, keepText = true) {
    this.side = side;
    this.keepText = keepText;
    this.sign = side === 'bid' ? 1 : -1;
  }

  get length(): number {
    return this.count;
  }

  /** After chunks were added, removed, cut or joined: the index of first keys, then the best chunk. */
  private chunksChanged(): void {
    const firsts: number[] = [];
    for (const chunk of this.chunks) firsts.push(chunk.first);
    this.firsts = firsts;
    this.bestChanged();
  }

  /** Points the fields that reads of the top use at the best chunk; called after anything that may move it. */
  private bestChanged(): void {
    this.bestChunk = this.chunks[this.chunks.length - 1] ?? NO_LEVELS;
    this.bestKeys = this.bestChunk.keys;
    this.bestSizes = this.bestChunk.sizes;
    this.bestTop = this.bestChunk.start + this.bestChunk.n - 1;
    this.bestFloor = this.bestChunk.start;
  }

  /** Index of the chunk that holds `key` or would take it: the last whose first key is at or below it. */
  private chunkOf(key: number): number {
    const firsts = this.firsts;
    let hi = firsts.length - 1;
    if (key >= firsts[hi]!) return hi;
    let lo = 0;
    hi--;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (firsts[mid]! <= key) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /**
   * Applies absolute sizes (0 removes a level). `limit` is the worst price the book covers: levels beyond it
   * are left out and counted. Throws InvalidBookData at the first level outside the number grammar, having
   * applied the ones before it.
   */
  apply(levels: readonly RawLevel[], limit = -this.sign * Infinity): number {
    const limitKey = this.sign * limit;
    let outside = 0;
    // An indexed loop: destructuring each level through the iterator protocol costs more than the book work.
    for (let i = 0; i < levels.length; i++) {
      const level = levels[i]!;
      const p = level[0];
      const q = level[1];
      const price = decimalValue(p, PRICE_DIGITS);
      const priceDecimals = lastDecimals;
      const size = decimalValue(q, SIZE_DIGITS);
      if (!(price > 0 && size >= 0)) throw unreadable(p, q);
      if (this.sign * price < limitKey) outside++;
      else this.put(this.sign * price, size, formatOf(priceDecimals, lastDecimals), level);
    }
    return outside;
  }

  /** Sets the level at `key` to an absolute size; a size of 0 removes it. */
  private put(key: number, size: number, format: number, level: RawLevel): void {
    if (this.chunks.length === 0) {
      if (size === 0) return;
      this.chunks.push(new Chunk(STEP, this.keepText));
      this.chunksChanged();
      this.insertAt(0, 0, key, size, format, level);
      return;
    }
    // Nearly every change is in the best chunk: it is tried before any search over chunks.
    const best = this.bestChunk;
    const c = key >= best.first ? this.chunks.length - 1 : this.chunkOf(key);
    const chunk = c === this.chunks.length - 1 ? best : this.chunks[c]!;
    const i = slotOf(chunk, key);
    if (i < 0) {
      if (size !== 0) this.insertAt(c, -i - 1, key, size, format, level);
    } else if (size === 0) {
      this.removeAt(c, i);
    } else {
      chunk.sizes[chunk.start + i] = size;
      if (chunk.formats) this.storeText(chunk, chunk.start + i, key, format, level);
    }
  }

  /** Stores the format byte of the level in storage slot `slot`, and its whole text when the byte cannot stand for it. */
  private storeText(chunk: Chunk, slot: number, key: number, format: number, level: RawLevel): void {
    const formats = chunk.formats!;
    if (format === UNCOMMON) this.uncommon.set(key, level);
    else if (formats[slot] === UNCOMMON) this.uncommon.delete(key);
    formats[slot] = format;
  }

  private insertAt(c: number, i: number, key: number, size: number, format: number, level: RawLevel): void {
    let chunk = this.chunks[c]!;
    if (chunk.n === CHUNK_LEVELS) {
      this.split(c);
      if (i > chunk.n) {
        i -= chunk.n;
        chunk = this.chunks[++c]!;
      }
    }
    if (chunk.n === chunk.capacity) chunk.resize(roomFor(chunk.n));
    const n = chunk.n;
    // The levels below the slot move down, or those above it up: whichever are fewer, where there is room.
    let down = 2 * i < n;
    if (down ? chunk.start === 0 : chunk.start + n === chunk.capacity) {
      chunk.recentre();
      if (down ? chunk.start === 0 : chunk.start + n === chunk.capacity) down = !down;
    }
    const s = chunk.start;
    const formats = chunk.formats;
    if (down) {
      moveLevels(chunk, s, s + i, -1);
      if (formats) moveFormats(formats, s, s + i, -1);
      chunk.start = s - 1;
    } else {
      moveLevels(chunk, s + i, s + n, 1);
      if (formats) moveFormats(formats, s + i, s + n, 1);
    }
    const slot = chunk.start + i;
    chunk.keys[slot] = key;
    chunk.sizes[slot] = size;
    chunk.n = n + 1;
    this.count++;
    if (i === 0) this.firsts[c] = key;
    this.bestChanged();
    if (!formats) return;
    formats[slot] = 0;
    this.storeText(chunk, slot, key, format, level);
  }

  /** Cuts a full chunk in two halves, each with a step of room. */
  private split(c: number): void {
    const chunk = this.chunks[c]!;
    const half = chunk.n >> 1;
    const upper = new Chunk(roomFor(chunk.n - half), this.keepText);
    upper.start = STEP >> 1;
    upper.append(chunk, half, chunk.n);
    chunk.n = half;
    chunk.resize(roomFor(half));
    this.chunks.splice(c + 1, 0, upper);
    this.chunksChanged();
  }

  private removeAt(c: number, i: number): void {
    const chunk = this.chunks[c]!;
    const n = chunk.n;
    const s = chunk.start;
    const formats = chunk.formats;
    if (formats?.[s + i] === UNCOMMON) this.uncommon.delete(chunk.keys[s + i]!);
    // The fewer levels close the gap: those below the slot move up, or those above it down.
    if (2 * i < n) {
      moveLevels(chunk, s, s + i, 1);
      if (formats) moveFormats(formats, s, s + i, 1);
      chunk.start = s + 1;
    } else {
      moveLevels(chunk, s + i + 1, s + n, -1);
      if (formats) moveFormats(formats, s + i + 1, s + n, -1);
    }
    chunk.n = n - 1;
    this.count--;
    if (i === 0) this.firsts[c] = chunk.first;
    this.settle(c);
    this.bestChanged();
  }

  /**
   * After levels left chunk `c`: an empty chunk goes, and a small one joins a neighbour when the two fit in
   * MERGED_MAX, else shares the neighbour's levels evenly. No chunk stays small: the best one is read 50 levels
   * deep on every frame, and a best chunk drained by a falling market would send those reads through a search.
   * Storage more than two steps larger than the levels shrinks.
   */
  private settle(c: number): void {
    const chunks = this.chunks;
    const chunk = chunks[c]!;
    if (chunk.n === 0) {
      chunks.splice(c, 1);
      this.chunksChanged();
      return;
    }
    if (chunk.n < CHUNK_MIN) {
      const left = chunks[c - 1];
      const right = chunks[c + 1];
      const withLeft = left !== undefined && (right === undefined || left.n <= right.n);
      if (withLeft || right) {
        const first = withLeft ? left : chunk;
        const second = withLeft ? chunk : right!;
        if (first.n + second.n <= MERGED_MAX) {
          first.resize(roomFor(first.n + second.n), first.n + second.n);
          first.append(second, 0, second.n);
          chunks.splice(withLeft ? c : c + 1, 1);
        } else {
          this.share(first, second);
        }
        this.chunksChanged();
        return;
      }
    }
    if (chunk.capacity - chunk.n >= 2 * STEP) chunk.resize(roomFor(chunk.n));
  }

  /** Splits the levels of two adjacent chunks evenly between them. */
  private share(first: Chunk, second: Chunk): void {
    const total = first.n + second.n;
    const half = total >> 1;
    const all = new Chunk(total, this.keepText);
    all.append(first, 0, first.n);
    all.append(second, 0, second.n);
    for (const [chunk, from, to] of [
      [first, 0, half],
      [second, half, total],
    ] as const) {
      chunk.n = 0;
      chunk.resize(roomFor(to - from), to - from);
      chunk.append(all, from, to);
    }
  }

  /**
   * Replaces the side with a snapshot's levels, in any order. Levels in venue order (best first) or its
   * reverse are read in one pass; any other order is sorted. A price listed twice, a size-0 copy included,
   * makes the snapshot invalid.
   */
  load(levels: readonly RawLevel[]): void {
    this.clear();
    const n = levels.length;
    const keys = new Float64Array(n);
    const sizes = new Float64Array(n);
    const formats = this.keepText ? new Uint8Array(n) : undefined;
    let rising = true;
    let falling = true;
    for (let i = 0; i < n; i++) {
      const level = levels[i]!;
      const price = decimalValue(level[0], PRICE_DIGITS);
      const priceDecimals = lastDecimals;
      const size = decimalValue(level[1], SIZE_DIGITS);
      if (!(price > 0 && size >= 0)) throw unreadable(level[0], level[1]);
      const key = this.sign * price;
      keys[i] = key;
      sizes[i] = size;
      if (formats) formats[i] = formatOf(priceDecimals, lastDecimals);
      if (i > 0) {
        if (!(key > keys[i - 1]!)) rising = false;
        if (!(key < keys[i - 1]!)) falling = false;
      }
    }
    const order = falling ? undefined : rising ? undefined : this.sorted(levels, keys);
    const at = (j: number): number => (order ? order[j]! : falling ? n - 1 - j : j);
    let held = 0;
    for (let j = 0; j < n; j++) if (sizes[j]! !== 0) held++;
    const chunkCount = Math.ceil(held / SNAPSHOT_FILL);
    let j = 0;
    for (let c = 0; c < chunkCount; c++) {
      const take = Math.floor((held * (c + 1)) / chunkCount) - Math.floor((held * c) / chunkCount);
      const chunk = new Chunk(take, this.keepText);
      while (chunk.n < take) {
        const k = at(j++);
        if (sizes[k] === 0) continue;
        chunk.keys[chunk.n] = keys[k]!;
        chunk.sizes[chunk.n] = sizes[k]!;
        if (formats) this.storeText(chunk, chunk.n, keys[k]!, formats[k]!, levels[k]!);
        chunk.n++;
      }
      this.chunks.push(chunk);
    }
    this.count = held;
    this.chunksChanged();
  }

  /** Indexes of `levels` by rising key; throws when two share a price. */
  private sorted(levels: readonly RawLevel[], keys: Float64Array): Uint32Array {
    const order = new Uint32Array(keys.length);
    for (let i = 0; i < order.length; i++) order[i] = i;
    order.sort((a, b) => keys[a]! - keys[b]! || a - b);
    for (let j = 1; j < order.length; j++) {
      if (keys[order[j]!] === keys[order[j - 1]!]) {
        throw new InvalidBookData(`${this.side} ${levels[Math.max(order[j]!, order[j - 1]!)]![0]} listed twice in one snapshot`);
      }
    }
    return order;
  }

  clear(): void {
    this.chunks = [];
    this.count = 0;
    this.uncommon.clear();
    this.chunksChanged();
  }

  /** Keeps only the best `depth` levels. */
  truncate(depth: number): void {
    let excess = this.count - depth;
    if (excess <= 0) return;
    const chunks = this.chunks;
    let dropped = 0;
    while (dropped < chunks.length && excess >= chunks[dropped]!.n) {
      this.forgetUncommon(chunks[dropped]!, chunks[dropped]!.n);
      excess -= chunks[dropped]!.n;
      dropped++;
    }
    if (dropped) {
      chunks.splice(0, dropped);
      this.chunksChanged();
    }
    this.count = depth;
    if (excess === 0) return;
    const chunk = chunks[0]!;
    this.forgetUncommon(chunk, excess);
    chunk.start += excess;
    chunk.n -= excess;
    this.firsts[0] = chunk.first;
    this.settle(0);
    this.bestChanged();
  }

  /** Drops the kept text of a chunk's first `n` levels. */
  private forgetUncommon(chunk: Chunk, n: number): void {
    if (!chunk.formats || this.uncommon.size === 0) return;
    for (let j = chunk.start; j < chunk.start + n; j++) if (chunk.formats[j] === UNCOMMON) this.uncommon.delete(chunk.keys[j]!);
  }

  /**
   * Points atChunk and atIndex (a storage slot) at the k-th best level, walking chunks from whichever end is
   * nearer; false past the end.
   */
  private seek(k: number): boolean {
    if (!(k >= 0 && k < this.count)) return false;
    const chunks = this.chunks;
    if (2 * k < this.count) {
      let c = chunks.length - 1;
      let r = k;
      while (r >= chunks[c]!.n) r -= chunks[c--]!.n;
      this.atChunk = c;
      this.atIndex = chunks[c]!.start + chunks[c]!.n - 1 - r;
    } else {
      let c = 0;
      let r = this.count - 1 - k;
      while (r >= chunks[c]!.n) r -= chunks[c++]!.n;
      this.atChunk = c;
      this.atIndex = chunks[c]!.start + r;
    }
    return true;
  }

  /**
   * Price of the k-th best level (0 is the best); undefined past the end. Meant for a few levels at the top: a
   * reader of many levels, or of levels below the best chunk, walks them (`walk`).
   */
  priceAt(k: number): number | undefined {
    const i = this.bestTop - k;
    if (i >= this.bestFloor && k >= 0) return this.sign * this.bestKeys[i]!;
    return this.deepAt(k, 0);
  }

  sizeAt(k: number): number | undefined {
    const i = this.bestTop - k;
    if (i >= this.bestFloor && k >= 0) return this.bestSizes[i]!;
    return this.deepAt(k, 1);
  }

  /** Price (0) or size (1) of a level below the best chunk: kept apart so the reads above stay small enough to inline. */
  private deepAt(k: number, which: 0 | 1): number | undefined {
    if (!this.seek(k)) return undefined;
    const chunk = this.chunks[this.atChunk]!;
    return which === 0 ? this.sign * chunk.keys[this.atIndex]! : chunk.sizes[this.atIndex]!;
  }

  /** A walk over the levels from the k-th best (`from`, default the best) outward. */
  walk(from = 0): LevelWalk {
    if (!this.seek(from)) return new ChunkWalk(this.chunks, this.sign, -1, -1);
    return new ChunkWalk(this.chunks, this.sign, this.atChunk, this.atIndex);
  }

  /** The venue's text of the k-th best level's price and size; without kept text, the numbers' own. */
  private textAt(k: number, which: 0 | 1): string | undefined {
    if (!this.seek(k)) return undefined;
    const chunk = this.chunks[this.atChunk]!;
    const key = chunk.keys[this.atIndex]!;
    const value = which === 0 ? this.sign * key : chunk.sizes[this.atIndex]!;
    const format = chunk.formats?.[this.atIndex];
    if (format === undefined) return value.toString();
    if (format === UNCOMMON) return this.uncommon.get(key)![which];
    return which === 0 ? priceText(value, format) : sizeText(value, format);
  }

  priceTextAt(k: number): string | undefined {
    return this.textAt(k, 0);
  }

  sizeTextAt(k: number): string | undefined {
    return this.textAt(k, 1);
  }

  level(k: number): Level | undefined {
    const price = this.priceAt(k);
    if (price === undefined) return undefined;
    return { price, size: this.sizeAt(k)!, priceText: this.priceTextAt(k)!, sizeText: this.sizeTextAt(k)! };
  }

  best(): Level | undefined {
    return this.level(0);
  }

  /** The best n levels, best first, as [price, size] pairs. */
  top(n: number): [number, number][] {
    const out: [number, number][] = [];
    const chunks = this.chunks;
    for (let c = chunks.length - 1; c >= 0 && out.length < n; c--) {
      const { keys, sizes, start } = chunks[c]!;
      for (let j = start + chunks[c]!.n - 1; j >= start && out.length < n; j--) out.push([this.sign * keys[j]!, sizes[j]!]);
    }
    return out;
  }

  /**
   * The levels from the k-th best (`from`, default the best) outward whose price is at or better than `limit`:
   * how many, their size and their notional.
   */
  depthTo(limit: number, from = 0): { levels: number; size: number; notional: number } {
    let size = 0;
    let notional = 0;
    let levels = 0;
    if (!this.seek(from)) return { levels, size, notional };
    const limitKey = this.sign * limit;
    const chunks = this.chunks;
    let i = this.atIndex;
    for (let c = this.atChunk; c >= 0; c--) {
      const { keys, sizes, start } = chunks[c]!;
      if (c < this.atChunk) i = start + chunks[c]!.n - 1;
      for (; i >= start; i--) {
        const key = keys[i]!;
        if (key < limitKey) return { levels, size, notional };
        const s = sizes[i]!;
        size += s;
        notional += this.sign * key * s;
        levels++;
      }
    }
    return { levels, size, notional };
  }
}
