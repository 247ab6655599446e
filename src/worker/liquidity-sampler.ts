import { ImbalanceHistory } from '../liquidity/imbalance';
import { DEFAULT_IMBALANCE_BPS, DEFAULT_WALL_RULE, type ImbalanceView, type Wall } from '../liquidity/types';
import { WallTracker } from '../liquidity/walls';
import type { QuotedBook } from '../market/quoted-book';
import type { Settings } from './api';
import { HeatmapService } from './heatmap-service';

/** How often the consolidated book is sampled: the heatmap's column width. */
export const SAMPLE_MS = 100;
/**
 * How often walls are looked for: a scan of every book's band costs milliseconds (src/liquidity/walls.ts), and a
 * wall is a level that stands for seconds.
 */
export const WALL_MS = 500;

/** What the view shows of the book over time. */
export interface LiquidityState {
  readonly walls: readonly Wall[];
  readonly imbalance: ImbalanceView;
}

/**
 * Follows the consolidated book over time, sampled every SAMPLE_MS of the feeds' time (the clock live, the recorded
 * time in a replay): the heatmap's columns, walls and how they end, and the imbalance with its history. Whatever the
 * samples are of, they are the books the view shows, converted into the display currency.
 */
export class LiquiditySampler {
  readonly heatmap = new HeatmapService();
  private walls = new WallTracker();
  private imbalance = new ImbalanceHistory();
  private last: LiquidityState = { walls: [], imbalance: { bps: DEFAULT_IMBALANCE_BPS, feeds: {}, history: [] } };
  private lastT = -Infinity;
  private lastWallT = -Infinity;

  /** Whether a sample at `t` is due: SAMPLE_MS have passed since the last one, or time went back. */
  due(t: number): boolean {
    return t < this.lastT || t - this.lastT >= SAMPLE_MS;
  }

  /** Takes a sample of the books at feed time `t` (the caller asks `due` first: making `books` costs). */
  sample(t: number, books: readonly QuotedBook[], mid: number | undefined, settings: Settings): void {
    this.lastT = t;
    this.heatmap.sample(t, books);
    const bps = settings.imbalanceBps ?? DEFAULT_IMBALANCE_BPS;
    let walls = this.last.walls;
    if (mid !== undefined && (t < this.lastWallT || t - this.lastWallT >= WALL_MS)) {
      this.lastWallT = t;
      walls = this.walls.update(books, mid, t, settings.wallRule ?? DEFAULT_WALL_RULE);
      this.heatmap.setWalls(walls);
    }
    this.last = { walls, imbalance: this.imbalance.update(books, mid, bps, t) };
  }

  get state(): LiquidityState {
    return this.last;
  }

  /** Forgets everything: another pair, currency or source, or a replay read again from its start. */
  reset(): void {
    this.heatmap.reset();
    this.walls = new WallTracker();
    this.imbalance = new ImbalanceHistory();
    this.last = { walls: [], imbalance: { bps: this.last.imbalance.bps, feeds: {}, history: [] } };
    this.lastT = -Infinity;
    this.lastWallT = -Infinity;
  }
}
