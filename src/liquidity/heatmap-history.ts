/**
 * The heatmap's bounded history of the consolidated book: what rested, feed by feed, in each price row of a band
 * around the mid, column after column.
 *
 * - Rows are 1 bp of the price on one log grid (`PriceGrid`), over ±1 % of the mid at the column's time: 201 rows.
 *   1 bp is about a pixel at the full band in a 200-400 px high view, and the same size in every pair.
 * - Three resolutions, each fed by every sample: 100 ms columns for the last 30 minutes, 1 s columns for the
 *   2 hours before, 10 s columns for 12 hours. A coarser column is the time-average of the samples in it, not their
 *   maximum: it then shows size times the time it rested, so an order flashed for 200 ms does not paint a 10 s
 *   column like a wall that stood throughout (the 100 ms columns show the flash itself), and a column's colour
 *   means the same at every resolution.
 * - A column is stored as the cells whose 16-bit size code changed since the column before (`heatmap-columns.ts`),
 *   feeds present only: books change in a few rows every 100 ms, so a column costs bytes in the hundreds, not the
 *   8.8 kB of a whole one (11 feeds × 201 rows × 4 B). Each resolution also has a byte budget (48, 16 and 8 MiB):
 *   past it its oldest columns go first, and the next resolution still covers their time.
 * - Trades (`heatmap-trades.ts`) on the same columns and rows, the volume bought and sold summed in each per market
 *   (so the market filter narrows them as it does the heat): 12 B a market's side of a cell traded in, within
 *   budgets of their own (8, 4 and 4 MiB), so heat and trades hold at most 88 MiB.
 */
import type { QuotedBook, QuotedSide } from '../market/quoted-book';
import { FEED_IDS } from '../venues/types';
import type { HeatmapMemory, HeatmapReadout } from './types';
import { FEED_COUNT, FEED_INDEX, MAX_ROWS } from './heatmap-columns';
import { CODE_SIZES, PriceGrid } from './heatmap-grid';
import { HeatmapTier, TierCursor, type ColumnRef, type HeatmapTierSpec, type Sample } from './heatmap-tier';
import { TRADE_ROW_LIMIT, TradeTier, tradeKey, type HeatmapTrade } from './heatmap-trades';

export interface HeatmapHistoryOptions {
  /** A row's height, in bps of its price. */
  readonly rowBps: number;
  /** The band a column holds either side of the mid, in %. */
  readonly bandPct: number;
  /** Finest first. */
  readonly tiers: readonly HeatmapTierSpec[];
  /** Columns a chunk holds: a column is rebuilt by replaying at most this many. */
  readonly chunkColumns: number;
}

const MINUTE = 60_000;
const MIB = 1 << 20;

export const HEATMAP_HISTORY: HeatmapHistoryOptions = {
  rowBps: 1,
  bandPct: 1,
  tiers: [
    { columnMs: 100, keepMs: 30 * MINUTE, maxBytes: 48 * MIB, tradeBytes: 8 * MIB },
    { columnMs: 1000, keepMs: 150 * MINUTE, maxBytes: 16 * MIB, tradeBytes: 4 * MIB },
    { columnMs: 10_000, keepMs: 720 * MINUTE, maxBytes: 8 * MIB, tradeBytes: 4 * MIB },
  ],
  chunkColumns: 100,
};

/** A column found in the history: its tier and where it is there. */
export interface FoundColumn {
  readonly tier: HeatmapTier;
  readonly ref: ColumnRef;
}

export class HeatmapHistory {
  readonly grid: PriceGrid;
  readonly tiers: readonly HeatmapTier[];
  /** The trades, a resolution each, alongside `tiers`. */
  readonly trades: readonly TradeTier[];
  /** One row-size buffer per feed, reused by every sample. */
  private readonly scratch: Float64Array[];

  constructor(readonly options: HeatmapHistoryOptions = HEATMAP_HISTORY) {
    this.grid = new PriceGrid(options.rowBps, options.bandPct);
    if (this.grid.rows > MAX_ROWS) throw new RangeError(`a heatmap column holds at most ${MAX_ROWS} rows, not ${this.grid.rows}`);
    // Every positive finite price's row must fit a trade cell's key.
    const farthest = Math.max(-this.grid.rowOf(Number.MIN_VALUE), this.grid.rowOf(Number.MAX_VALUE));
    if (farthest >= TRADE_ROW_LIMIT) throw new RangeError(`rows of ${options.rowBps} bp reach row ${farthest}, past the ${TRADE_ROW_LIMIT} a trade cell holds`);
    this.tiers = options.tiers.map((spec) => new HeatmapTier(spec, this.grid, options.chunkColumns));
    // A column's trades in twice its band's rows: as far apart as the widest view shows (HEATMAP_ZOOM), and more.
    this.trades = options.tiers.map((spec) => new TradeTier(spec, options.chunkColumns, 2 * this.grid.rows));
    this.scratch = Array.from({ length: FEED_COUNT }, () => new Float64Array(this.grid.rows));
  }

  /**
   * Samples `books` (converted prices, base sizes) as they stand at `t` (epoch ms) into every resolution's column
   * of that time. True when a new finest column closed: something new to draw. Books with no level at all are no
   * sample; a time before the open column's is left out.
   */
  sample(t: number, books: readonly QuotedBook[]): boolean {
    let bid = -Infinity;
    let ask = Infinity;
    for (const b of books) {
      bid = Math.max(bid, b.bids.priceAt(0) ?? -Infinity);
      ask = Math.min(ask, b.asks.priceAt(0) ?? Infinity);
    }
    const both = bid > -Infinity && ask < Infinity;
    const mid = both ? (bid + ask) / 2 : bid > -Infinity ? bid : ask;
    if (!(mid > 0 && mid < Infinity)) return false;
    const base = this.grid.baseOf(mid);
    const sizes: (Float64Array | undefined)[] = new Array<Float64Array | undefined>(FEED_COUNT);
    for (const b of books) {
      const f = FEED_INDEX[b.feed];
      const rows = this.scratch[f]!.fill(0);
      this.walk(b.bids, base, rows);
      this.walk(b.asks, base, rows);
      sizes[f] = rows;
    }
    const sample: Sample = { t, base, mid, bid: bid > -Infinity ? bid : NaN, ask: ask < Infinity ? ask : NaN, sizes };
    for (const tier of this.trades) tier.advance(t);
    let closed = false;
    this.tiers.forEach((tier, i) => {
      if (tier.add(sample) && i === 0) closed = true;
    });
    return closed;
  }

  /**
   * Adds each trade's size to its market's volume on its side in the cell of its time and price, in every
   * resolution. True when any was kept: one with no positive price and size, or older than a resolution holds, is
   * left out there.
   */
  addTrades(trades: readonly HeatmapTrade[]): boolean {
    let kept = false;
    for (const { feed, t, price, size, side } of trades) {
      if (!(price > 0 && price < Infinity && size > 0 && size < Infinity && Number.isFinite(t))) continue;
      const key = tradeKey(this.grid.rowOf(price), feed, side);
      for (const tier of this.trades) if (tier.add(t, key, size)) kept = true;
    }
    return kept;
  }

  /** The column standing at `t` in the finest resolution that holds it. */
  find(t: number): FoundColumn | undefined {
    for (const tier of this.tiers) {
      const ref = tier.find(t);
      if (ref) return { tier, ref };
    }
    return undefined;
  }

  /** The newest finest column's start and mid: where a view that follows ends and is centred. */
  latest(): { readonly t: number; readonly mid: number } | undefined {
    const tier = this.tiers[0];
    const ref = tier?.newest();
    if (!tier || !ref) return undefined;
    const chunk = tier.chunks[ref.chunk]!;
    return { t: chunk.times[ref.index]!, mid: chunk.mids[ref.index]! };
  }

  /**
   * Each feed's size (base units) resting in the row of `price` at `t`, as the finest resolution holding `t` has
   * it (to four significant figures); undefined where no column stands at `t` or `price` is outside its band.
   */
  readout(t: number, price: number): HeatmapReadout | undefined {
    const found = this.find(t);
    if (!found || !(price > 0)) return undefined;
    const window = new TierCursor(found.tier).at(found.ref);
    const rows = this.grid.rows;
    const offset = this.grid.rowOf(price) - window.base;
    if (offset < 0 || offset >= rows) return undefined;
    const feeds = found.tier.chunks[found.ref.chunk]!.feeds[found.ref.index]!;
    const sizes: HeatmapReadout['sizes'] = {};
    FEED_IDS.forEach((feed, f) => {
      if (feeds & (1 << f)) sizes[feed] = CODE_SIZES[window.codes[f * rows + offset]!]!;
    });
    return { t, price, sizes };
  }

  memory(): HeatmapMemory {
    let columns = 0;
    let bytes = 0;
    let since: number | undefined;
    for (const tier of this.tiers) {
      columns += tier.columns;
      bytes += tier.bytes;
      const first = tier.since;
      if (first !== undefined && (since === undefined || first < since)) since = first;
    }
    let tradeCells = 0;
    let tradeBytes = 0;
    for (const tier of this.trades) {
      tradeCells += tier.cells;
      tradeBytes += tier.bytes;
    }
    return { columns, bytes: bytes + tradeBytes, since, tradeCells, tradeBytes };
  }

  /** Forgets everything: a replay that seeks back, or another pair or currency. */
  reset(): void {
    for (const tier of this.tiers) tier.reset();
    for (const tier of this.trades) tier.reset();
  }

  /** Adds one side's levels within the band to `rows`, best first until past the band. */
  private walk(side: QuotedSide, base: number, rows: Float64Array): void {
    const n = this.grid.rows;
    const bid = side.side.side === 'bid';
    const edge = bid ? this.grid.priceOf(base) : this.grid.priceOf(base + n);
    for (const walk = side.walk(); walk.next(); ) {
      const price = walk.price;
      if (bid ? price < edge : price >= edge) return;
      const row = this.grid.rowOf(price) - base;
      if (row >= 0 && row < n) rows[row]! += walk.size;
    }
  }
}
