import { OrderBook } from '../book/orderbook';
import type { RawLevel } from '../book/levels';
import { seededRandom } from './random';

export interface SimMarketSpec {
  /** Starting mid price. */
  readonly mid: number;
  /** Price increment, e.g. 0.01. */
  readonly tick: number;
  /** Size increment, e.g. 0.00001. */
  readonly lot: number;
  /** Levels kept per side. */
  readonly depth: number;
  /** Typical level size, in base units. */
  readonly typicalSize: number;
}

export interface SimLevels {
  readonly bids: RawLevel[];
  readonly asks: RawLevel[];
}

/** One step's changes, with the market's update ids: `first` is the previous step's `last` + 1. */
export interface SimChanges extends SimLevels {
  readonly first: number;
  readonly last: number;
}

function decimalsOf(step: number): number {
  const t = step.toString();
  const e = t.indexOf('e-');
  if (e >= 0) return Number(t.slice(e + 2)) + (t.slice(0, e).split('.')[1]?.length ?? 0);
  return t.split('.')[1]?.length ?? 0;
}

/**
 * One venue's market for one pair: a random walk of mid with a book of whole ticks and lots around it.
 * `book` is the truth every client's book must equal; `step` returns each change as the venue would send it.
 */
export class SimMarket {
  readonly spec: SimMarketSpec;
  readonly book = new OrderBook();
  readonly priceDecimals: number;
  readonly sizeDecimals: number;
  private readonly random: () => number;
  /** Mid in ticks; bids sit strictly below it and asks strictly above. */
  private midTicks: number;
  /** Where mid is heading: the market's fair value, set by `follow`. */
  private targetTicks: number;
  /** Ticks between resting levels: about a hundredth of a basis point, so the book spans a realistic price range. */
  private readonly spacing: number;
  /** Id of the last change applied to `book`; every changed level counts one, as Binance counts. */
  lastUpdateId = 1_000_000;

  constructor(spec: SimMarketSpec, seed: number) {
    this.spec = spec;
    this.random = seededRandom(seed);
    this.priceDecimals = decimalsOf(spec.tick);
    this.sizeDecimals = decimalsOf(spec.lot);
    this.midTicks = Math.round(spec.mid / spec.tick);
    this.targetTicks = this.midTicks;
    this.spacing = Math.max(1, Math.round((spec.mid * 1e-6) / spec.tick));
    const bids: RawLevel[] = [];
    const asks: RawLevel[] = [];
    for (let i = 1; i <= spec.depth; i++) {
      bids.push([this.price(this.midTicks - i * this.spacing), this.size()]);
      asks.push([this.price(this.midTicks + i * this.spacing), this.size()]);
    }
    this.book.snapshot(bids, asks);
  }

  /** Sets the fair value mid chases, as arbitrage keeps venues' prices together. */
  follow(price: number): void {
    this.targetTicks = Math.round(price / this.spec.tick);
  }

  price(ticks: number): string {
    return (ticks * this.spec.tick).toFixed(this.priceDecimals);
  }

  /** A random level size: mostly near the typical size, sometimes a large wall. */
  private size(): string {
    const r = this.random();
    const factor = r < 0.05 ? 5 + this.random() * 20 : 0.1 + this.random() * 1.9;
    const lots = Math.max(1, Math.round((this.spec.typicalSize * factor) / this.spec.lot));
    return (lots * this.spec.lot).toFixed(this.sizeDecimals);
  }

  /** The best `depth` levels per side, best first, as the venue would send a snapshot. */
  snapshot(depth: number): SimLevels {
    const take = (side: OrderBook['bids']): RawLevel[] => {
      const out: RawLevel[] = [];
      for (let k = 0; k < Math.min(depth, side.length); k++) out.push([side.priceTextAt(k)!, side.sizeTextAt(k)!]);
      return out;
    };
    return { bids: take(this.book.bids), asks: take(this.book.asks) };
  }

  /**
   * Moves the market one step: mid moves part of the way to its fair value, or jitters by a tick (levels it
   * crosses are removed and the first ticks next to it refilled), then a few levels change, mostly near the
   * top, some deep, some removed. The changes are already applied to `book`.
   */
  step(): SimChanges {
    const bids = new Map<string, string>();
    const asks = new Map<string, string>();
    const r = this.random();
    const gap = this.targetTicks - this.midTicks;
    let move = 0;
    if (gap !== 0 && r < 0.6) move = Math.sign(gap) * Math.max(1, Math.ceil(Math.abs(gap) * (0.3 + 0.4 * this.random())));
    else if (r < 0.75) move = this.random() < 0.5 ? -1 : 1;
    if (move !== 0) {
      this.midTicks += move;
      this.clearThrough('bid', this.midTicks, bids);
      this.clearThrough('ask', this.midTicks, asks);
      this.refill('bid', bids);
      this.refill('ask', asks);
    }
    const n = 1 + Math.floor(this.random() * 4);
    for (let i = 0; i < n; i++) {
      const bid = this.random() < 0.5;
      const deep = this.random() < 0.1;
      const distance = 1 + (deep ? Math.floor(this.random() * this.spec.depth) : Math.floor(-Math.log(1 - this.random()) * 3));
      const ticks = bid ? this.midTicks - distance * this.spacing : this.midTicks + distance * this.spacing;
      const remove = this.random() < 0.2 && distance > 1;
      (bid ? bids : asks).set(this.price(ticks), remove ? (0).toFixed(this.sizeDecimals) : this.size());
    }
    const levels: SimLevels = { bids: [...bids], asks: [...asks] };
    this.book.update(levels.bids, levels.asks);
    this.trim(levels);
    const first = this.lastUpdateId + 1;
    this.lastUpdateId += levels.bids.length + levels.asks.length;
    return { ...levels, first, last: this.lastUpdateId };
  }

  /** Puts levels on the first few ticks next to mid that are empty after a move. */
  private refill(side: 'bid' | 'ask', into: Map<string, string>): void {
    const best = (side === 'bid' ? this.book.bids : this.book.asks).priceAt(0);
    for (let k = 1; k <= 5; k++) {
      const ticks = side === 'bid' ? this.midTicks - k * this.spacing : this.midTicks + k * this.spacing;
      const price = ticks * this.spec.tick;
      const empty = best === undefined || (side === 'bid' ? price > best + this.spec.tick / 2 : price < best - this.spec.tick / 2);
      if (empty && this.random() < 0.8) into.set(this.price(ticks), this.size());
    }
  }

  private clearThrough(side: 'bid' | 'ask', midTicks: number, into: Map<string, string>): void {
    const levels = side === 'bid' ? this.book.bids : this.book.asks;
    const zero = (0).toFixed(this.sizeDecimals);
    const mid = midTicks * this.spec.tick;
    for (let k = 0; k < levels.length; k++) {
      const p = levels.priceAt(k)!;
      if (side === 'bid' ? p < mid - this.spec.tick / 2 : p > mid + this.spec.tick / 2) break;
      into.set(levels.priceTextAt(k)!, zero);
    }
  }

  /**
   * Keeps the book near its nominal depth, as part of the same changes: the deepest levels beyond it are
   * removed, and a side that moves away thins out at its far end, where new levels are added.
   */
  private trim(changes: SimLevels): void {
    const zero = (0).toFixed(this.sizeDecimals);
    for (const [side, out] of [
      [this.book.bids, changes.bids],
      [this.book.asks, changes.asks],
    ] as const) {
      const extra: RawLevel[] = [];
      for (let k = this.spec.depth + 10; k < side.length; k++) extra.push([side.priceTextAt(k)!, zero]);
      const worst = side.priceAt(side.length - 1);
      if (worst !== undefined) {
        const worstTicks = Math.round(worst / this.spec.tick);
        for (let k = 1; side.length + k <= this.spec.depth && k <= 20; k++) {
          extra.push([this.price(side.side === 'bid' ? worstTicks - k * this.spacing : worstTicks + k * this.spacing), this.size()]);
        }
      }
      if (extra.length) {
        out.push(...extra);
        side.apply(extra);
      }
    }
  }
}
