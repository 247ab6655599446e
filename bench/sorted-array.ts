import type { RawLevel } from '../src/book/levels';

/**
 * The minimal baseline: one side as two plain arrays (prices, sizes) sorted so the best price is at the end,
 * a binary search over the whole side and `splice` to insert or remove. No level text, no checks, no
 * shortcut for the top. Our book must be no slower than this.
 */
export class SortedArraySide {
  readonly prices: number[] = [];
  readonly sizes: number[] = [];
  private readonly bid: boolean;

  constructor(side: 'bid' | 'ask') {
    this.bid = side === 'bid';
  }

  set(price: number, size: number): void {
    const prices = this.prices;
    // Ascending toward best: bids ascend, asks descend.
    let lo = 0;
    let hi = prices.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.bid ? prices[mid]! < price : prices[mid]! > price) lo = mid + 1;
      else hi = mid;
    }
    if (lo < prices.length && prices[lo] === price) {
      if (size === 0) {
        prices.splice(lo, 1);
        this.sizes.splice(lo, 1);
      } else {
        this.sizes[lo] = size;
      }
    } else if (size !== 0) {
      prices.splice(lo, 0, price);
      this.sizes.splice(lo, 0, size);
    }
  }

  apply(levels: readonly RawLevel[]): void {
    for (const [p, q] of levels) this.set(Number(p), Number(q));
  }

  /**
   * Replaces the side with a snapshot. Levels in venue order (best first) are copied backwards in one pass; any
   * other order is sorted. What a ten-line array does with a snapshot, so it is the baseline for ours.
   */
  load(levels: readonly RawLevel[]): void {
    const { prices, sizes } = this;
    this.clear();
    for (let i = levels.length - 1; i >= 0; i--) {
      const q = Number(levels[i]![1]);
      if (q === 0) continue;
      prices.push(Number(levels[i]![0]));
      sizes.push(q);
    }
    for (let i = 1; i < prices.length; i++) {
      if (this.bid ? prices[i - 1]! < prices[i]! : prices[i - 1]! > prices[i]!) continue;
      const order = prices.map((_, k) => k).sort((a, b) => (this.bid ? prices[a]! - prices[b]! : prices[b]! - prices[a]!));
      const p = order.map((k) => prices[k]!);
      const s = order.map((k) => sizes[k]!);
      for (let k = 0; k < p.length; k++) {
        prices[k] = p[k]!;
        sizes[k] = s[k]!;
      }
      break;
    }
  }

  clear(): void {
    this.prices.length = 0;
    this.sizes.length = 0;
  }
}

export class SortedArrayBook {
  readonly bids = new SortedArraySide('bid');
  readonly asks = new SortedArraySide('ask');

  update(bids: readonly RawLevel[], asks: readonly RawLevel[]): void {
    this.bids.apply(bids);
    this.asks.apply(asks);
  }

  snapshot(bids: readonly RawLevel[], asks: readonly RawLevel[]): void {
    this.bids.load(bids);
    this.asks.load(asks);
  }
}
