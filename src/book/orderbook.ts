import { BookSide } from './book-side';
import { PRICE_DIGITS, SIZE_DIGITS, decimalValue } from './decimal';
import type { RawLevel } from './levels';

/**
 * The prices a partial snapshot covered: below `bidFloor` and above `askCeiling` the venue's levels were never
 * sent, so changes there cannot be placed in an exact book.
 */
export interface Coverage {
  readonly bidFloor: number;
  readonly askCeiling: number;
}

/** A venue sent data no exact book can hold: a number outside the grammar, or a price twice in one snapshot. */
export class InvalidBookData extends Error {}

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
    this.clear();
    applyLevels(this.bids, bids, true, -Infinity);
    applyLevels(this.asks, asks, true, Infinity);
    this.truncate();
  }

  /**
   * Applies absolute level sizes; a size of 0 removes the level. Returns how many levels fell outside the
   * coverage and were left out.
   */
  update(bids: readonly RawLevel[], asks: readonly RawLevel[]): number {
    const coverage = this.coverage;
    const outside =
      applyLevels(this.bids, bids, false, coverage ? coverage.bidFloor : -Infinity) +
      applyLevels(this.asks, asks, false, coverage ? coverage.askCeiling : Infinity);
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

/**
 * Applies levels to one side; `limit` is the worst price the book covers on that side (bids below it, asks
 * above it, are left out and counted). Throws InvalidBookData before touching the side past a bad level.
 */
function applyLevels(side: BookSide, levels: readonly RawLevel[], fresh: boolean, limit: number): number {
  const bid = side.side === 'bid';
  let outside = 0;
  /** A snapshot's zero-size levels: absent from the book, but still a price the snapshot named. */
  let zeros: Set<number> | undefined;
  // An indexed loop: destructuring each level through the iterator protocol costs more than the book work.
  for (let i = 0; i < levels.length; i++) {
    const level = levels[i]!;
    const p = level[0];
    const q = level[1];
    const price = decimalValue(p, PRICE_DIGITS);
    const size = decimalValue(q, SIZE_DIGITS);
    if (!(price > 0 && size >= 0)) throw new InvalidBookData(`unreadable level [${JSON.stringify(p)}, ${JSON.stringify(q)}]`);
    if (bid ? price < limit : price > limit) {
      outside++;
      continue;
    }
    if (fresh) {
      if (size === 0) {
        zeros ??= new Set();
        if (side.has(price) || zeros.has(price)) throw twice(side, p);
        zeros.add(price);
      } else if (zeros?.has(price) || !side.add(price, size, p, q)) {
        throw twice(side, p);
      }
    } else {
      side.set(price, size, p, q);
    }
  }
  return outside;
}

function twice(side: BookSide, price: string): InvalidBookData {
  return new InvalidBookData(`${side.side} ${price} listed twice in one snapshot`);
}
