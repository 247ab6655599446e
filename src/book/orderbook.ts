import { BookSide } from './book-side';
import type { RawLevel } from './levels';

/**
 * The prices a partial snapshot covered: below `bidFloor` and above `askCeiling` the venue's levels were never
 * sent, so changes there cannot be placed in an exact book.
 */
export interface Coverage {
  readonly bidFloor: number;
  readonly askCeiling: number;
}

/** One venue's book for one market: exact to the level, with the venue's own price and size text kept. */
export class OrderBook {
  readonly bids: BookSide;
  readonly asks: BookSide;
  /** Levels kept per side; the venue stops sending deletes for levels that fall below it (Kraken). */
  readonly maxDepth: number;
  /** Set after a partial snapshot: changes outside it are left out (and counted by `update`'s answer). */
  coverage: Coverage | undefined;

  /** `keepText`: keep the venue's price and size text, for venues whose checksums are computed over it. */
  constructor(maxDepth = Infinity, keepText = true) {
    this.maxDepth = maxDepth;
    this.bids = new BookSide('bid', keepText);
    this.asks = new BookSide('ask', keepText);
  }

  /** Replaces the whole book; a price listed twice on one side makes the snapshot invalid. */
  snapshot(bids: readonly RawLevel[], asks: readonly RawLevel[]): void {
    this.coverage = undefined;
    this.bids.load(bids);
    this.asks.load(asks);
    this.truncate();
  }

  /**
   * Applies absolute level sizes; a size of 0 removes the level. Returns how many levels fell outside the
   * coverage and were left out.
   */
  update(bids: readonly RawLevel[], asks: readonly RawLevel[]): number {
    const coverage = this.coverage;
    const outside = this.bids.apply(bids, coverage ? coverage.bidFloor : -Infinity) + this.asks.apply(asks, coverage ? coverage.askCeiling : Infinity);
    this.truncate();
    return outside;
  }

  clear(): void {
    this.bids.clear();
    this.asks.clear();
    this.coverage = undefined;
  }

  get empty(): boolean {
    return this.bids.length === 0 && this.asks.length === 0;
  }

  /** True when the best bid is at or above the best ask: no venue's own book can be like that. */
  get crossed(): boolean {
    const b = this.bids.priceAt(0);
    const a = this.asks.priceAt(0);
    return b !== undefined && a !== undefined && b >= a;
  }

  /** Midpoint of the best bid and ask, when both exist. */
  mid(): number | undefined {
    const b = this.bids.priceAt(0);
    const a = this.asks.priceAt(0);
    return b === undefined || a === undefined ? undefined : (a + b) / 2;
  }

  private truncate(): void {
    if (this.maxDepth === Infinity) return;
    this.bids.truncate(this.maxDepth);
    this.asks.truncate(this.maxDepth);
  }
}
