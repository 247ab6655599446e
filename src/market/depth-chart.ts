import type { FeedId } from '../venues/types';
import { walkMerged } from './merge';
import type { QuotedBook } from './quoted-book';

/**
 * One side of the depth chart at full resolution, as typed arrays (they cross to the main thread every few frames:
 * a structured clone of three arrays, or a transfer). Step k is the k-th price from the best outward: at `prices[k]`
 * the cumulative size reaches `totals[k]`, of which feed `feeds[j]` holds `parts[k * feeds.length + j]`.
 */
export interface DepthSteps {
  readonly feeds: readonly FeedId[];
  readonly prices: Float64Array;
  readonly totals: Float64Array;
  readonly parts: Float64Array;
  /**
   * How many steps from the best are one price each: all of them, unless the band held more prices than allowed;
   * past it each step is the outermost level of a price bucket (see `depthSteps`).
   */
  readonly exact: number;
}

/** Steps a side at most: more than a chart has pixels across. */
export const MAX_DEPTH_STEPS = 2000;

/** Rows of steps being written: price, total and each feed's cumulative part, in arrays sized once. */
class StepRows {
  readonly prices: Float64Array;
  readonly totals: Float64Array;
  readonly parts: Float64Array;
  count = 0;

  constructor(
    readonly feeds: number,
    capacity: number,
  ) {
    this.prices = new Float64Array(capacity);
    this.totals = new Float64Array(capacity);
    this.parts = new Float64Array(capacity * feeds);
  }

  /** Starts a row at `price` carrying the cumulative sizes of row `from` (none: zero). */
  open(price: number, from: number): void {
    const k = this.count++;
    this.prices[k] = price;
    this.totals[k] = from < 0 ? 0 : this.totals[from]!;
    if (from >= 0) this.parts.copyWithin(k * this.feeds, from * this.feeds, (from + 1) * this.feeds);
    else this.parts.fill(0, k * this.feeds, (k + 1) * this.feeds);
  }

  /** Adds `size` of feed `column` to the open row. */
  add(column: number, size: number): void {
    const k = this.count - 1;
    this.totals[k]! += size;
    this.parts[k * this.feeds + column]! += size;
  }
}

/**
 * The cumulative depth of one side across feeds, from the best price out to `band` (a fraction of mid, e.g. 0.01
 * for ±1 %), one step per price any feed quotes (feeds at one price share the step). When the band holds more than
 * `maxSteps` prices, the first half of them stay one price each (near mid, where the detail is), and the rest of the
 * band, from there to the outermost level, is cut into as many equal price buckets as steps remain: each bucket
 * with levels in it becomes one step at its outermost level, with the exact cumulative sizes there. Every step is
 * then a point of the exact curve, a level's size shows less than one bucket further out than it is (at most
 * 2 × band / maxSteps of mid: 0.1 bps for ±1 % and 2,000 steps), and the depth at the band's edge is exact.
 * `maxSteps` is at least 2. The merged walk stops after `maxSteps` prices; the buckets are taken from each book in
 * one pass over its own arrays, as the ladder's rows are, since a merged walk over every level of a deep band costs
 * many times more.
 */
export function depthSteps(books: readonly QuotedBook[], side: 'bid' | 'ask', mid: number, band: number, maxSteps = MAX_DEPTH_STEPS): DepthSteps {
  const feeds = books.map((b) => b.feed);
  const column = new Map(feeds.map((f, j) => [f, j]));
  const sides = books.map((b) => (side === 'bid' ? b.bids : b.asks));
  const dir = side === 'bid' ? -1 : 1;
  const edge = mid * (1 + dir * band);
  const rows = new StepRows(feeds.length, maxSteps + 1);
  const head = Math.floor(maxSteps / 2);
  // Levels each book gave to the steps before `head`, where the buckets take over if the prices do not fit.
  const taken = new Array<number>(books.length).fill(0);
  let fromHead: number[] | undefined;
  walkMerged(books, side, (price, size, feed) => {
    if (dir * price > dir * edge) return false;
    if (rows.count === 0 || rows.prices[rows.count - 1] !== price) {
      if (rows.count === maxSteps) return false;
      if (rows.count === head) fromHead = [...taken];
      rows.open(price, rows.count - 1);
    }
    rows.add(column.get(feed)!, size);
    taken[column.get(feed)!]!++;
    return true;
  });
  // Fitting: every price. Otherwise the merged walk stopped at a price past `maxSteps`: the head is kept and the
  // rest of the band bucketed from the first price the head leaves out.
  const inBand = sides.map((s) => s.depthTo(edge).levels);
  const fits = rows.count < maxSteps || inBand.every((n, i) => n === taken[i]);
  if (!fits) {
    const from = rows.prices[head]!;
    rows.count = head;
    let last = from;
    sides.forEach((s, i) => {
      if (inBand[i]! > fromHead![i]!) last = dir * Math.max(dir * last, dir * s.priceAt(inBand[i]! - 1)!);
    });
    const buckets = maxSteps - head;
    const width = Math.abs(last - from) / buckets;
    const next = fromHead!;
    for (let b = 1; b <= buckets; b++) {
      const limit = b === buckets ? last : from + dir * b * width;
      let opened = false;
      sides.forEach((s, i) => {
        const got = s.depthTo(limit, next[i]!);
        if (got.levels === 0) return;
        next[i]! += got.levels;
        const outermost = s.priceAt(next[i]! - 1)!;
        if (!opened) rows.open(outermost, rows.count - 1);
        else if (dir * outermost > dir * rows.prices[rows.count - 1]!) rows.prices[rows.count - 1] = outermost;
        opened = true;
        rows.add(i, got.size);
      });
    }
  }
  const n = rows.count;
  return {
    feeds,
    prices: rows.prices.slice(0, n),
    totals: rows.totals.slice(0, n),
    parts: rows.parts.slice(0, n * feeds.length),
    exact: fits ? n : head,
  };
}
