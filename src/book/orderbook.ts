import { BookSide } from './book-side';
import type { RawLevel } from './levels';

/** One venue's book for one market: exact to the level, with the venue's own price and size text kept. */
export class OrderBook {
  readonly bids: BookSide;
  readonly asks: BookSide;
  /** Levels kept per side; the venue stops sending deletes for levels that fall below it (Kraken). */
  readonly maxDepth: number;

  /** `keepText`: keep the venue's price and size text, for venues whose checksums are computed over it. */
  constructor(maxDepth = Infinity, keepText = true) {
    this.maxDepth = maxDepth;
    this.bids = new BookSide('bid', keepText);
    this.asks = new BookSide('ask', keepText);
  }

  /** Replaces the whole book. */
  snapshot(bids: readonly RawLevel[], asks: readonly RawLevel[]): void {
    this.clear();
    this.update(bids, asks);
  }

  /** Applies absolute level sizes; a size of 0 removes the level. */
  update(bids: readonly RawLevel[], asks: readonly RawLevel[]): void {
    applyLevels(this.bids, bids);
    applyLevels(this.asks, asks);
    if (this.maxDepth !== Infinity) {
      this.bids.truncate(this.maxDepth);
      this.asks.truncate(this.maxDepth);
    }
  }

  clear(): void {
    this.bids.clear();
    this.asks.clear();
  }

  get empty(): boolean {
    return this.bids.length === 0 && this.asks.length === 0;
  }

  /** Midpoint of the best bid and ask, when both exist. */
  mid(): number | undefined {
    const b = this.bids.priceAt(0);
    const a = this.asks.priceAt(0);
    return b === undefined || a === undefined ? undefined : (a + b) / 2;
  }
}

function applyLevels(side: BookSide, levels: readonly RawLevel[]): void {
  // An indexed loop: destructuring each level through the iterator protocol costs more than the book work.
  for (let i = 0; i < levels.length; i++) {
    const level = levels[i]!;
    const p = level[0];
    const q = level[1];
    const price = Number(p);
    const size = Number(q);
    if (!(price > 0 && price < Infinity && size >= 0 && size < Infinity)) throw new Error(`invalid level [${p}, ${q}]`);
    side.set(price, size, p, q);
  }
}
