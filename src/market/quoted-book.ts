import type { BookSide } from '../book/book-side';
import type { LevelWalk } from '../book/levels';
import type { OrderBook } from '../book/orderbook';
import type { FeedId } from '../venues/types';

/** The levels of `depthTo`: how many, their size and their notional. */
export interface Depth {
  readonly levels: number;
  readonly size: number;
  readonly notional: number;
}

/**
 * One side of a venue's book as the consolidated view reads it: prices in the display currency (the venue's price
 * times `rate`), sizes in base units (the venue's size times `contractSize`, over the venue's price where the sizes
 * are `inverse`). The book itself stays in the venue's own numbers, which its checksums and sequence rules are
 * about; only reads convert.
 */
export class QuotedSide {
  private readonly identity: boolean;

  constructor(
    readonly side: BookSide,
    /** Display-currency units per unit of the market's quote. */
    readonly rate: number,
    /** Base units per unit of the book's size; quote units where `inverse`. */
    readonly contractSize: number,
    /** Sizes count the quote (an inverse contract): a level's base units are its size × contractSize / its price. */
    readonly inverse = false,
  ) {
    this.identity = rate === 1 && contractSize === 1 && !inverse;
  }

  get length(): number {
    return this.side.length;
  }

  /** Price of the k-th best level in the display currency; undefined past the end. */
  priceAt(k: number): number | undefined {
    const p = this.side.priceAt(k);
    return p === undefined || this.identity ? p : p * this.rate;
  }

  /** The venue's own price of the k-th best level, in the market's quote. */
  rawPriceAt(k: number): number | undefined {
    return this.side.priceAt(k);
  }

  /** Size of the k-th best level in base units. */
  sizeAt(k: number): number | undefined {
    const s = this.side.sizeAt(k);
    if (s === undefined || this.identity) return s;
    return this.inverse ? (s * this.contractSize) / this.side.priceAt(k)! : s * this.contractSize;
  }

  /** A walk over the levels from the k-th best (`from`, default the best) outward, converted. */
  walk(from = 0): LevelWalk {
    return new QuotedWalk(this.side.walk(from), this.rate, this.contractSize, this.inverse);
  }

  /**
   * The levels from the k-th best (`from`) outward whose converted price is at or better than `limit`. The limit
   * is taken back into the venue's quote for the book's own walk; a level within rounding of it is then judged by
   * its converted price, the one the screen shows, so a row never leaves out the level its price came from.
   */
  depthTo(limit: number, from = 0): Depth {
    if (this.identity) return this.side.depthTo(limit, from);
    const raw = this.side.depthTo(limit / this.rate, from);
    let { levels, size, notional } = raw;
    const better = this.side.side === 'bid' ? (p: number) => p >= limit : (p: number) => p <= limit;
    // At most a level or two sit within rounding of the limit: those past it are given back, those before it taken.
    for (; levels > 0; levels--) {
      const p = this.side.priceAt(from + levels - 1)!;
      if (better(p * this.rate)) break;
      const s = this.side.sizeAt(from + levels - 1)!;
      size -= s;
      notional -= p * s;
    }
    for (let p = this.side.priceAt(from + levels); p !== undefined && better(p * this.rate); p = this.side.priceAt(from + levels)) {
      const s = this.side.sizeAt(from + levels)!;
      size += s;
      notional += p * s;
      levels++;
    }
    // An inverse book's sizes count its quote: the notional is their sum; its base units are each level's size over
    // its own price.
    if (this.inverse) return { levels, size: this.inverseBase(levels, from), notional: size * this.contractSize * this.rate };
    return { levels, size: size * this.contractSize, notional: notional * this.rate * this.contractSize };
  }

  /** Base units of `levels` levels from the k-th best (`from`) of an inverse book, walked once down its chunks. */
  private inverseBase(levels: number, from: number): number {
    const w = this.side.walk(from);
    let base = 0;
    for (let i = 0; i < levels && w.next(); i++) base += w.size / w.price;
    return base * this.contractSize;
  }
}

/** A walk over a venue's levels converted as `QuotedSide` reads them. */
class QuotedWalk implements LevelWalk {
  price = 0;
  size = 0;

  constructor(
    private readonly levels: LevelWalk,
    private readonly rate: number,
    private readonly contractSize: number,
    private readonly inverse: boolean,
  ) {}

  next(): boolean {
    if (!this.levels.next()) return false;
    this.price = this.levels.price * this.rate;
    this.size = this.inverse ? (this.levels.size * this.contractSize) / this.levels.price : this.levels.size * this.contractSize;
    return true;
  }
}

/** A venue's book in the consolidated view: which feed it is, and both sides converted. */
export interface QuotedBook {
  readonly feed: FeedId;
  readonly bids: QuotedSide;
  readonly asks: QuotedSide;
}

/** `book` read in the display currency at `rate` and in base units by `contractSize` (over each price where `inverse`). */
export function quotedBook(feed: FeedId, book: OrderBook, rate = 1, contractSize = 1, inverse = false): QuotedBook {
  return { feed, bids: new QuotedSide(book.bids, rate, contractSize, inverse), asks: new QuotedSide(book.asks, rate, contractSize, inverse) };
}
