import type { Level, Side } from './levels';

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
  private readonly prices: number[] = [];
  private readonly sizes: number[] = [];
  private readonly priceTexts: string[] = [];
  private readonly sizeTexts: string[] = [];

  constructor(side: Side) {
    this.side = side;
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
        this.sizeTexts[i] = sizeText;
        this.priceTexts[i] = priceText;
      }
      return;
    }
    if (size === 0) return;
    const at = -i - 1;
    if (at === this.prices.length) {
      this.prices.push(price);
      this.sizes.push(size);
      this.priceTexts.push(priceText);
      this.sizeTexts.push(sizeText);
    } else {
      this.prices.splice(at, 0, price);
      this.sizes.splice(at, 0, size);
      this.priceTexts.splice(at, 0, priceText);
      this.sizeTexts.splice(at, 0, sizeText);
    }
  }

  private removeAt(i: number): void {
    if (i === this.prices.length - 1) {
      this.prices.pop();
      this.sizes.pop();
      this.priceTexts.pop();
      this.sizeTexts.pop();
    } else {
      this.prices.splice(i, 1);
      this.sizes.splice(i, 1);
      this.priceTexts.splice(i, 1);
      this.sizeTexts.splice(i, 1);
    }
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

  priceTextAt(k: number): string | undefined {
    return this.priceTexts[this.priceTexts.length - 1 - k];
  }

  sizeTextAt(k: number): string | undefined {
    return this.sizeTexts[this.sizeTexts.length - 1 - k];
  }

  level(k: number): Level | undefined {
    const i = this.prices.length - 1 - k;
    if (i < 0 || k < 0) return undefined;
    return { price: this.prices[i]!, size: this.sizes[i]!, priceText: this.priceTexts[i]!, sizeText: this.sizeTexts[i]! };
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

  /** Size and notional of the levels from the best price up to and including `limit`. */
  depthTo(limit: number): { size: number; notional: number } {
    let size = 0;
    let notional = 0;
    for (let i = this.prices.length - 1; i >= 0; i--) {
      const p = this.prices[i]!;
      if (this.better(limit, p)) break;
      size += this.sizes[i]!;
      notional += p * this.sizes[i]!;
    }
    return { size, notional };
  }
}
