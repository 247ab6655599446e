/**
 * Books for the heatmap's tests, and a naive heatmap: every sample kept whole, each question answered from them.
 */
import fc from 'fast-check';
import { OrderBook } from '../../../src/book/orderbook';
import { quotedBook, type QuotedBook } from '../../../src/market/quoted-book';
import type { HeatmapHistoryOptions } from '../../../src/liquidity/heatmap-history';
import { HOLD_COLUMNS } from '../../../src/liquidity/heatmap-tier';
import { FEED_IDS, type FeedId } from '../../../src/venues/types';

/** One feed's book as tests describe it: its own prices and sizes, and how they convert. */
export interface FeedBook {
  readonly feed: FeedId;
  readonly bids: readonly (readonly [number, number])[];
  readonly asks: readonly (readonly [number, number])[];
  readonly rate?: number;
  readonly contractSize?: number;
}

/** A real book holding those levels (prices and sizes as a venue would print them), read as the heatmap reads it. */
export function quoted(b: FeedBook): QuotedBook {
  const book = new OrderBook();
  const text = (levels: FeedBook['bids']) => levels.map(([p, s]) => [String(p), String(s)] as const);
  book.snapshot(text(b.bids), text(b.asks));
  return quotedBook(b.feed, book, b.rate, b.contractSize);
}

/** Small enough that a few dozen samples cross chunks, resolutions and their keep limits. */
export const SMALL: HeatmapHistoryOptions = {
  rowBps: 10,
  bandPct: 1,
  tiers: [
    { columnMs: 100, keepMs: 2000, maxBytes: Infinity, tradeBytes: Infinity },
    { columnMs: 1000, keepMs: 8000, maxBytes: Infinity, tradeBytes: Infinity },
    { columnMs: 5000, keepMs: 40_000, maxBytes: Infinity, tradeBytes: Infinity },
  ],
  chunkColumns: 3,
};

export interface Moment {
  readonly t: number;
  readonly books: readonly FeedBook[];
}

/** The row of `price` on a grid of `rowBps` rows: row r holds [g^r, g^(r+1)), g = 1 + rowBps / 10⁴. */
export function rowOf(price: number, rowBps: number): number {
  return Math.floor(Math.log(price) / Math.log1p(rowBps / 1e4));
}

interface NaiveSample {
  readonly t: number;
  readonly mid: number;
  readonly base: number;
  /** Each feed's converted levels, both sides, by row. */
  readonly rows: ReadonlyMap<FeedId, ReadonlyMap<number, number>>;
}

/**
 * What the history should answer, from every sample kept whole: the finest resolution with a closed column standing
 * at `t` (started at or before it, no older than its keepMs behind the last sample, `t` before the next column and
 * within HOLD_COLUMNS widths), and in it each feed's mean, over the samples of that column whose books had the feed
 * and whose band held the row, of the converted size resting in the row of `price`.
 */
export class NaiveHeatmap {
  private readonly samples: NaiveSample[];
  private readonly half: number;

  constructor(
    private readonly options: HeatmapHistoryOptions,
    moments: readonly Moment[],
  ) {
    const { rowBps, bandPct } = options;
    this.half = Math.ceil(Math.log1p(bandPct / 100) / Math.log1p(rowBps / 1e4));
    this.samples = moments.flatMap((m) => {
      const bid = Math.max(...m.books.flatMap((b) => b.bids.map(([p]) => p * (b.rate ?? 1))));
      const ask = Math.min(...m.books.flatMap((b) => b.asks.map(([p]) => p * (b.rate ?? 1))));
      const mid = bid > -Infinity && ask < Infinity ? (bid + ask) / 2 : bid > -Infinity ? bid : ask;
      if (!(mid > 0 && mid < Infinity)) return [];
      const rows = new Map<FeedId, Map<number, number>>();
      for (const b of m.books) {
        const byRow = new Map<number, number>();
        for (const [p, q] of [...b.bids, ...b.asks]) {
          const row = rowOf(p * (b.rate ?? 1), rowBps);
          byRow.set(row, (byRow.get(row) ?? 0) + q * (b.contractSize ?? 1));
        }
        rows.set(b.feed, byRow);
      }
      return [{ t: m.t, mid, base: rowOf(mid, rowBps) - this.half, rows }];
    });
  }

  /** The answer from the first resolution in `order` (indices into options.tiers) with a column standing at `t`. */
  readout(t: number, price: number, order: readonly number[] = [...this.options.tiers.keys()]): Partial<Record<FeedId, number>> | undefined {
    const newest = this.samples.at(-1)?.t;
    if (newest === undefined) return undefined;
    const rows = 2 * this.half + 1;
    for (const tier of order.map((i) => this.options.tiers[i]!)) {
      const bucket = (x: number) => Math.floor(x / tier.columnMs) * tier.columnMs;
      const starts = [...new Set(this.samples.map((s) => bucket(s.t)))];
      const at = starts.slice(0, -1).findLast((s) => s <= t);
      if (at === undefined || at < newest - tier.keepMs) continue;
      const next = starts[starts.indexOf(at) + 1]!;
      if (t >= Math.min(next, at + HOLD_COLUMNS * tier.columnMs)) continue;
      const inColumn = this.samples.filter((s) => bucket(s.t) === at);
      const mid = inColumn.reduce((sum, s) => sum + s.mid, 0) / inColumn.length;
      const row = rowOf(price, this.options.rowBps);
      const offset = row - (rowOf(mid, this.options.rowBps) - this.half);
      if (offset < 0 || offset >= rows) return undefined;
      const out: Partial<Record<FeedId, number>> = {};
      for (const feed of new Set(inColumn.flatMap((s) => [...s.rows.keys()]))) {
        let sum = 0;
        let count = 0;
        for (const s of inColumn) {
          const byRow = s.rows.get(feed);
          if (!byRow || row < s.base || row >= s.base + rows) continue;
          count++;
          sum += byRow.get(row) ?? 0;
        }
        out[feed] = count ? sum / count : 0;
      }
      return out;
    }
    return undefined;
  }
}

const FEEDS: readonly FeedBook['feed'][] = ['binance', 'okx', 'okx-swap'];

/**
 * A walk of moments: the mid moving by up to ±0.5 % a step (now and then by 3 %, past the whole band), each feed
 * there or not, each book a few levels either side of the mid; OKX SWAP in 0.01 contracts and quoted at 1.0004.
 */
export function momentsArb(maxSteps = 60): fc.Arbitrary<Moment[]> {
  const level = fc.tuple(fc.integer({ min: 1, max: 150 }), fc.integer({ min: 1, max: 50_000 }));
  const book = fc.record({
    on: fc.integer({ min: 0, max: 9 }),
    bids: fc.uniqueArray(level, { selector: ([d]) => d, maxLength: 8 }),
    asks: fc.uniqueArray(level, { selector: ([d]) => d, maxLength: 8 }),
  });
  const step = fc.record({
    // Steps of 10 ms, so a column starts exactly on a keep limit now and then.
    dt: fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 2, max: 40 }) }, { weight: 1, arbitrary: fc.integer({ min: 40, max: 600 }) }).map((d) => d * 10),
    move: fc.oneof({ weight: 9, arbitrary: fc.integer({ min: -50, max: 50 }) }, { weight: 1, arbitrary: fc.constantFrom(-300, 300) }),
    books: fc.tuple(book, book, book),
  });
  return fc.tuple(fc.integer({ min: 0, max: 99 }).map((d) => d * 10), fc.array(step, { minLength: 1, maxLength: maxSteps })).map(([t0, steps]) => {
    let t = 1_700_000_000_000 + t0;
    let mid = 100;
    return steps.map((s) => {
      t += s.dt;
      mid *= 1 + s.move / 1e4;
      const books = s.books.flatMap((b, i): FeedBook[] => {
        if (b.on === 0) return [];
        const feed = FEEDS[i]!;
        const swap = feed === 'okx-swap';
        const rate = swap ? 1.0004 : 1;
        // Distances in 0.01 % of the mid, rounded to the cent: levels within ±1.5 %, never crossed.
        const price = (d: number, sign: number) => Math.round((mid / rate) * (1 + (sign * d) / 1e4) * 100) / 100;
        const side = (levels: readonly (readonly [number, number])[], sign: number) =>
          [...new Map(levels.map(([d, q]) => [price(d, sign), (swap ? q * 10 : q) / 1000] as const)).entries()];
        return [{ feed, bids: side(b.bids, -1), asks: side(b.asks, 1), rate, contractSize: swap ? 0.01 : 1 }];
      });
      return { t, books };
    });
  });
}

/**
 * Eleven feeds' books around 100,000, 200 levels a side 5 apart (two to a 1 bp row, the whole ±1 % band), and a
 * tick that changes 20 levels of each, mostly near the top, with a seeded generator.
 */
export function busyBooks(seed: number): { books: QuotedBook[]; tick: () => void } {
  let s = seed;
  const random = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const size = () => (1 + Math.floor(random() * 5000) / 1000).toString();
  const raw = FEED_IDS.map(() => {
    const book = new OrderBook();
    const side = (sign: number) => Array.from({ length: 200 }, (_, k) => [String(100_000 + sign * 5 * (k + 1)), size()] as const);
    book.snapshot(side(-1), side(1));
    return book;
  });
  const tick = () => {
    for (const book of raw) {
      for (let j = 0; j < 20; j++) {
        const sign = random() < 0.5 ? -1 : 1;
        const level = [[String(100_000 + sign * 5 * (1 + Math.floor(random() * random() * 200))), size()] as const];
        if (sign < 0) book.update(level, []);
        else book.update([], level);
      }
    }
  };
  return { books: raw.map((b, i) => quotedBook(FEED_IDS[i]!, b)), tick };
}
