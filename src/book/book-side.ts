import type { Level, Side } from './levels';

/** Slots this close to the top are shifted by hand rather than spliced. */
const NEAR_TOP = 32;

/**
 * One side of a book as parallel arrays sorted so that the best price sits at the end.
 *
 * Why: nearly all traffic touches the first few levels from the top. With the best level last, an insert or
 * delete there is a splice over the few elements after it, and a binary search finds the slot in O(log n);
 * deep levels cost more but are rare. Plain arrays also read the top N without allocation and stay compact
 * in memory at Binance's 5000 levels a side, where a tree would allocate a node per level.
 */
export class BookSide {
  readonly side: Side;
  /** Whether the venue's own price and size text is kept: checksums need it, and it costs two more arrays. */
  readonly keepText: boolean;
  private readonly prices: number[] = [];
  private readonly sizes: number[] = [];
  private readonly priceTexts: string[] = [];
  private readonly sizeTexts: string[] = [];

  constructor(side: Side, keepText = true) {
    this.side = side;
    this.keepText = keepText;
  }

  get length(): number {
    return this.prices.length;
  }

  /** True when price a is better than price b on this side. */
  better(a: number, b: number): boolean {
    return this.side === 'bid' ? a > b : a < b;
  }

  /**
   * Index of price in the ascending-toward-best order, or the insertion point encoded as -(i + 1).
   * Searches from the top first because that is where the change almost always is.
   */
  private find(price: number): number {
    const prices = this.prices;
    const n = prices.length;
    const bid = this.side === 'bid';
    if (n === 0) return -1;
    const top = prices[n - 1]!;
    if (price === top) return n - 1;
    if (bid ? price > top : price < top) return -(n + 1);
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const p = prices[mid]!;
      if (p === price) return mid;
      if (bid ? p < price : p > price) lo = mid + 1;
      else hi = mid;
    }
    return prices[lo] === price ? lo : -(lo + 1);
  }

  /** Sets a level to an absolute size; a size of 0 removes it. */
  set(price: number, size: number, priceText: string, sizeText: string): void {
    const i = this.find(price);
    if (i >= 0) {
      if (size === 0) {
        this.removeAt(i);
      } else {
        this.sizes[i] = size;
        if (this.keepText) {
          this.sizeTexts[i] = sizeText;
          this.priceTexts[i] = priceText;
        }
      }
      return;
    }
    if (size !== 0) this.insertAt(-i - 1, price, size, priceText, sizeText);
  }

  has(price: number): boolean {
    return this.find(price) >= 0;
  }

  /** Inserts a level that must not be there yet (a snapshot's); false when its price already is. */
  add(price: number, size: number, priceText: string, sizeText: string): boolean {
    const i = this.find(price);
    if (i >= 0) return false;
    this.insertAt(-i - 1, price, size, priceText, sizeText);
    return true;
  }

  /**
   * Near the top (the end of the arrays) the few elements after the slot are moved by hand: for the handful
   * of levels traffic touches, that is cheaper than calls to splice. Numbers and texts move in loops of their
   * own so that each stays monomorphic, which keeps V8's fast paths for number arrays.
   */
  private insertAt(at: number, price: number, size: number, priceText: string, sizeText: string): void {
    const { prices, sizes, priceTexts, sizeTexts } = this;
    const n = prices.length;
    if (n - at > NEAR_TOP) {
      prices.splice(at, 0, price);
      sizes.splice(at, 0, size);
      if (this.keepText) {
        priceTexts.splice(at, 0, priceText);
        sizeTexts.splice(at, 0, sizeText);
      }
      return;
    }
    prices.push(price);
    sizes.push(size);
    for (let j = n; j > at; j--) {
      prices[j] = prices[j - 1]!;
      sizes[j] = sizes[j - 1]!;
    }
    prices[at] = price;
    sizes[at] = size;
    if (!this.keepText) return;
    priceTexts.push(priceText);
    sizeTexts.push(sizeText);
    for (let j = n; j > at; j--) {
      priceTexts[j] = priceTexts[j - 1]!;
      sizeTexts[j] = sizeTexts[j - 1]!;
    }
    priceTexts[at] = priceText;
    sizeTexts[at] = sizeText;
  }

  private removeAt(i: number): void {
    const { prices, sizes, priceTexts, sizeTexts } = this;
    const n = prices.length;
    if (n - i > NEAR_TOP) {
      prices.splice(i, 1);
      sizes.splice(i, 1);
      if (this.keepText) {
        priceTexts.splice(i, 1);
        sizeTexts.splice(i, 1);
      }
      return;
    }
    for (let j = i; j < n - 1; j++) {
      prices[j] = prices[j + 1]!;
      sizes[j] = sizes[j + 1]!;
    }
    prices.pop();
    sizes.pop();
    if (!this.keepText) return;
    for (let j = i; j < n - 1; j++) {
      priceTexts[j] = priceTexts[j + 1]!;
      sizeTexts[j] = sizeTexts[j + 1]!;
    }
    priceTexts.pop();
    sizeTexts.pop();
  }

  clear(): void {
    this.prices.length = 0;
    this.sizes.length = 0;
    this.priceTexts.length = 0;
    this.sizeTexts.length = 0;
  }

  /** Keeps only the best `depth` levels. */
  truncate(depth: number): void {
    const excess = this.prices.length - depth;
    if (excess <= 0) return;
    this.prices.splice(0, excess);
    this.sizes.splice(0, excess);
    this.priceTexts.splice(0, excess);
    this.sizeTexts.splice(0, excess);
  }

  /** Price of the k-th best level (0 is the best); undefined past the end. */
  priceAt(k: number): number | undefined {
    return this.prices[this.prices.length - 1 - k];
  }

  sizeAt(k: number): number | undefined {
    return this.sizes[this.sizes.length - 1 - k];
  }

  /** The venue's text of the k-th best price; without kept text, the number's own. */
  priceTextAt(k: number): string | undefined {
    if (!this.keepText) return this.priceAt(k)?.toString();
    return this.priceTexts[this.priceTexts.length - 1 - k];
  }

  sizeTextAt(k: number): string | undefined {
    if (!this.keepText) return this.sizeAt(k)?.toString();
    return this.sizeTexts[this.sizeTexts.length - 1 - k];
  }

  level(k: number): Level | undefined {
    const i = this.prices.length - 1 - k;
    if (i < 0 || k < 0) return undefined;
    return { price: this.prices[i]!, size: this.sizes[i]!, priceText: this.priceTextAt(k)!, sizeText: this.sizeTextAt(k)! };
  }

  best(): Level | undefined {
    return this.level(0);
  }

  /** The best n levels, best first, as [price, size] pairs. */
  top(n: number): [number, number][] {
    const out: [number, number][] = [];
    const end = Math.max(0, this.prices.length - n);
    for (let i = this.prices.length - 1; i >= end; i--) out.push([this.prices[i]!, this.sizes[i]!]);
    return out;
  }

  /**
   * The levels from the k-th best (`from`, default the best) outward whose price is at or better than `limit`:
   * how many, their size and their notional.
   */
  depthTo(limit: number, from = 0): { levels: number; size: number; notional: number } {
    const { prices, sizes } = this;
    const bid = this.side === 'bid';
    let size = 0;
    let notional = 0;
    let i = prices.length - 1 - from;
    const start = i;
    for (; i >= 0; i--) {
      const p = prices[i]!;
      if (bid ? p < limit : p > limit) break;
      size += sizes[i]!;
      notional += p * sizes[i]!;
    }
    return { levels: start - i, size, notional };
  }
}
