import { OrderBook } from '../book/orderbook';
import type { BookSide } from '../book/book-side';
import type { RawLevel } from '../book/levels';
import { decimalsOf } from './decimals';
import { seededRandom } from './random';
import type { SimTrade } from './types';

export interface SimMarketSpec {
  /** Starting mid price, in the market's own quote currency. */
  readonly mid: number;
  /** Price increment, e.g. 0.01. */
  readonly tick: number;
  /** Size increment, e.g. 0.00001, in the book's own size unit (contracts where the venue counts them). */
  readonly lot: number;
  /** Levels kept per side. */
  readonly depth: number;
  /** Typical level size near the top, in the book's own size unit. */
  readonly typicalSize: number;
  /** Ticks between the best bid and the best ask the venue's makers quote; 1 by default. */
  readonly spread?: number;
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

/**
 * Where arbitrage lets the market quote this step, in its own quote currency: every bid strictly below `below`
 * (the best ask elsewhere), every ask strictly above `above` (the best bid elsewhere). A level that would cross
 * is taken out as soon as it is quoted.
 */
export interface PriceBounds {
  readonly below?: number;
  readonly above?: number;
}

/** Empty ticks between levels near the top, as a share of the price over the tick: about 0.05 bp. */
const GAP_NEAR = 5e-7;
/** Levels over which the empty ticks between levels double: books thin out away from the mid. */
const THINNING = 60;
/** Floating-point slack, in ticks, when a bound in another currency is put on this market's tick grid. */
const EPSILON = 1e-6;

export type SideName = 'bid' | 'ask';

type Put = (side: SideName, price: string, size: string) => void;

/** A wall planted on a market (`SimMarket.plantWall`), or why it could not be. */
export type WallPlanting =
  | {
      readonly changes: SimChanges;
      /** The level's price as the venue sends it, in the market's own quote. */
      readonly price: string;
      /** Its size as the venue sends it, in the book's own unit (contracts where the market counts them). */
      readonly size: string;
      /** How far it is from the market's mid, in bps. */
      readonly bps: number;
    }
  | { readonly refused: string };

/** Trades a market remembers for venues' trade snapshots: Kraken's holds the most recent 50. */
const RECENT_TRADES = 50;

/**
 * One venue's market for one pair: a book of whole ticks and lots quoted around a price it is told to follow.
 * Levels sit close together near the top and thin out further away, larger near the mid, with a wall now and
 * then. `book` is the truth every client's book must equal; `step` returns each change as the venue would send it.
 * A wall can also be planted by hand (`plantWall`) and pulled (`pullWall`), each as one update of its own.
 * Takers' orders (`trade`) print trades that take the book's liquidity; the levels they changed go in the next
 * update, whichever makes it (`step`, `flush`, a wall planted or pulled).
 */
export class SimMarket {
  readonly spec: SimMarketSpec;
  readonly book = new OrderBook();
  readonly priceDecimals: number;
  readonly sizeDecimals: number;
  private readonly random: () => number;
  private readonly spread: number;
  /** Mean empty ticks between two levels at the top of the book. */
  private readonly gapNear: number;
  /** The price the venue's makers quote around, set by `follow`. */
  private target: number;
  /**
   * Levels planted by hand (`plantWall`), at most one a side, by tick: the market's own steps never resize or
   * remove them, and arbitrage never takes them; they go when pulled, or when the makers' own price reaches them.
   */
  private readonly walls: { bid?: number; ask?: number } = {};
  /** Id of the last change applied to `book`; every changed level counts one, as Binance counts. */
  lastUpdateId = 1_000_000;
  /** Id of the last trade printed, 0 before the first: trades are numbered one by one from 1. */
  lastTradeId = 0;
  /**
   * The last RECENT_TRADES trades printed, oldest first: what a venue's trade snapshot (Kraken's last 50) holds
   * whoever asks, so a socket opened after a print still gets it.
   */
  private recent: SimTrade[] = [];
  /** The last size each level changed since the last update ended at: already in `book`, sent with the next update. */
  private readonly changed = { bid: new Map<string, string>(), ask: new Map<string, string>() };

  constructor(spec: SimMarketSpec, seed: number) {
    this.spec = spec;
    this.random = seededRandom(seed);
    this.priceDecimals = decimalsOf(spec.tick);
    this.sizeDecimals = decimalsOf(spec.lot);
    this.spread = Math.max(1, spec.spread ?? 1);
    this.gapNear = (spec.mid * GAP_NEAR) / spec.tick;
    this.target = spec.mid;
    const touch = this.touch();
    this.book.snapshot(this.ladder('bid', touch.bid, spec.depth), this.ladder('ask', touch.ask, spec.depth));
  }

  /** Sets the price the venue's makers quote around: fair value in the market's currency, with the venue's own noise. */
  follow(price: number): void {
    this.target = price;
  }

  /** The best `depth` levels per side, best first, as the venue would send a snapshot. */
  snapshot(depth: number): SimLevels {
    const take = (side: BookSide): RawLevel[] => {
      const out: RawLevel[] = [];
      for (let k = 0; k < Math.min(depth, side.length); k++) out.push([side.priceTextAt(k)!, side.sizeTextAt(k)!]);
      return out;
    };
    return { bids: take(this.book.bids), asks: take(this.book.asks) };
  }

  /**
   * Moves the market one step: the touch moves to the followed price (within `bounds`, where arbitrage puts it),
   * levels beyond it are taken out and the ticks up to it filled; then a few levels change, mostly near the top,
   * some deep: resized, removed, or new between two others. The changes are already applied to `book`.
   */
  step(bounds?: PriceBounds): SimChanges {
    return this.record((put) => {
      const own = this.touch();
      let { bid, ask } = own;
      if (bounds?.below !== undefined) bid = Math.min(bid, Math.ceil(bounds.below / this.spec.tick - EPSILON) - 1);
      if (bounds?.above !== undefined) ask = Math.max(ask, Math.floor(bounds.above / this.spec.tick + EPSILON) + 1);
      // Arbitrage never trades a planted wall: it stays the best quote, and the other venues' quotes, which their
      // own steps keep off it, move instead. Only the makers' own price reaching the wall takes it (takeBeyond).
      if (this.walls.bid !== undefined && own.bid >= this.walls.bid) bid = Math.max(bid, this.walls.bid);
      if (this.walls.ask !== undefined && own.ask <= this.walls.ask) ask = Math.min(ask, this.walls.ask);
      bid = Math.max(1, bid);
      for (const [side, touch] of [
        ['bid', bid],
        ['ask', ask],
      ] as const) {
        this.takeBeyond(side, touch, put);
        this.fillTo(side, touch, put);
      }
      this.churn(put);
      this.keepDepth(put);
    });
  }

  /** The price of the wall planted on `side`, as the venue sends it; undefined when none stands. */
  wall(side: SideName): string | undefined {
    const ticks = this.walls[side];
    return ticks === undefined ? undefined : this.price(ticks);
  }

  /**
   * Plants a wall: one level of `size` (in the book's own unit, rounded to whole lots, at least one) `bps` from
   * the mid on `side`, its price rounded away from the mid to the tick, in one update that changes nothing else (a
   * wall already planted on that side goes in the same update). Beyond the side's last level it rests alone, its
   * neighbours all on the mid's side (the book's depth moves with the price: a BTC book spans 5 to 15 bps). Refused
   * inside the spread, where it would be the touch's move rather than a resting level, and at a bid of 0 or below.
   */
  plantWall(side: SideName, bps: number, size: number): WallPlanting {
    if (!(bps > 0) || !(size > 0)) return { refused: 'a wall needs a distance from mid and a size above 0' };
    const mid = this.book.mid();
    const levels = this.sideOf(side);
    if (mid === undefined || !levels.length) return { refused: `the ${side}s are empty` };
    const at = side === 'bid' ? mid * (1 - bps / 10_000) : mid * (1 + bps / 10_000);
    const ticks = side === 'bid' ? Math.floor(at / this.spec.tick + EPSILON) : Math.ceil(at / this.spec.tick - EPSILON);
    const fromMid = (price: number): number => (Math.abs(price - mid) / mid) * 10_000;
    const best = levels.priceAt(0)!;
    if (this.ahead(side, ticks, this.ticksOf(best))) return { refused: `${bps} bps is inside the spread: the best ${side} is ${fromMid(best).toFixed(2)} bps from mid` };
    if (ticks < 1) return { refused: `${bps} bps below mid is no price` };
    const lots = Math.max(1, Math.round(size / this.spec.lot));
    const text = this.lots(lots);
    const changes = this.record((put) => {
      const old = this.walls[side];
      if (old !== undefined && old !== ticks) put(side, this.price(old), this.zero());
      put(side, this.price(ticks), text);
    });
    this.walls[side] = ticks;
    return { changes, price: this.price(ticks), size: text, bps: fromMid(ticks * this.spec.tick) };
  }

  /** Removes the wall planted on `side` in one update; undefined when none stands (never planted, pulled or traded). */
  pullWall(side: SideName): SimChanges | undefined {
    const ticks = this.walls[side];
    if (ticks === undefined) return undefined;
    delete this.walls[side];
    return this.record((put) => put(side, this.price(ticks), this.zero()));
  }

  /**
   * A taker's order of `size` (in the book's own unit, rounded to whole lots, at least one) at `now`: a buy takes
   * the asks from the best outward, a sell the bids, printing one trade per level it reaches, at that level's price;
   * a level it empties is removed. A planted wall is liquidity like any other: one taken whole is planted no more.
   * The side's last level is never taken, so the book always keeps a mid: an order larger than the rest of the side
   * is filled in part. The levels it changed are already in `book`, and go in the next update.
   */
  trade(side: SimTrade['side'], size: number, now: number): SimTrade[] {
    const from: SideName = side === 'buy' ? 'ask' : 'bid';
    const levels = this.sideOf(from);
    const trades: SimTrade[] = [];
    for (let wanted = Math.max(1, Math.round(size / this.spec.lot)); wanted > 0 && levels.length > 1; ) {
      const price = levels.priceAt(0)!;
      const held = Math.round(levels.sizeAt(0)! / this.spec.lot);
      const lots = Math.min(wanted, held);
      wanted -= lots;
      if (lots === held && this.isWall(from, price)) delete this.walls[from];
      this.put(from, levels.priceTextAt(0)!, this.lots(held - lots));
      trades.push({ id: ++this.lastTradeId, price, size: Number(this.lots(lots)), side, time: now });
    }
    this.recent = this.recent.concat(trades).slice(-RECENT_TRADES);
    return trades;
  }

  /** The last `n` trades printed (at most RECENT_TRADES), oldest first. */
  recentTrades(n: number): readonly SimTrade[] {
    return this.recent.slice(-n);
  }

  /** The levels trades changed since the last update, as one update of their own. */
  flush(): SimChanges {
    return this.record(() => {});
  }

  /**
   * Runs `change` with a `put` that applies a level to `book` and notes it, and returns what was noted since the
   * last update (trades' changes first) as one update: the last size each changed price ended at, with the
   * market's next update ids.
   */
  private record(change: (put: Put) => void): SimChanges {
    change(this.put);
    const levels: SimLevels = { bids: [...this.changed.bid], asks: [...this.changed.ask] };
    this.changed.bid.clear();
    this.changed.ask.clear();
    const first = this.lastUpdateId + 1;
    this.lastUpdateId += levels.bids.length + levels.asks.length;
    return { ...levels, first, last: this.lastUpdateId };
  }

  private readonly put: Put = (side, price, size) => {
    this.changed[side].set(price, size);
    this.sideOf(side).apply([[price, size]]);
  };

  /** The ticks of the best bid and best ask the makers want around the followed price. */
  private touch(): { bid: number; ask: number } {
    const bid = Math.max(1, Math.round(this.target / this.spec.tick - this.spread / 2));
    return { bid, ask: bid + this.spread };
  }

  private sideOf(side: SideName): BookSide {
    return side === 'bid' ? this.book.bids : this.book.asks;
  }

  /** The tick `from` moved `by` ticks away from the mid on `side`. */
  private away(side: SideName, from: number, by: number): number {
    return side === 'bid' ? from - by : from + by;
  }

  private ticksOf(price: number): number {
    return Math.round(price / this.spec.tick);
  }

  /** Whether the tick `ticks` is nearer the mid than `than` on `side`. */
  private ahead(side: SideName, ticks: number, than: number): boolean {
    return side === 'bid' ? ticks > than : ticks < than;
  }

  /** Whether the level at `price` on `side` is the wall planted there. */
  private isWall(side: SideName, price: number): boolean {
    return this.walls[side] === this.ticksOf(price);
  }

  private price(ticks: number): string {
    return (ticks * this.spec.tick).toFixed(this.priceDecimals);
  }

  private zero(): string {
    return this.lots(0);
  }

  /** `lots` whole lots, as the venue sends a size. */
  private lots(lots: number): string {
    return (lots * this.spec.lot).toFixed(this.sizeDecimals);
  }

  /** Empty ticks after the `k`-th level from the top: few near the mid, more further out. */
  private gap(k: number): number {
    const mean = (this.gapNear + 0.5) * (1 + k / THINNING);
    return Math.floor(-Math.log(1 - this.random()) * mean);
  }

  /** A level's size `k` levels from the top: larger near the mid, a wall now and then, whole lots. */
  private size(k: number): string {
    const r = this.random();
    const wall = r < 0.04 ? 5 + this.random() * 15 : 1;
    const factor = (0.5 + 1.2 * Math.exp(-k / 40)) * (0.2 + 1.6 * this.random()) * wall;
    const lots = Math.max(1, Math.round((this.spec.typicalSize * factor) / this.spec.lot));
    return this.lots(lots);
  }

  /** `count` levels from the tick `touch` away from the mid. */
  private ladder(side: SideName, touch: number, count: number): RawLevel[] {
    const out: RawLevel[] = [];
    for (let k = 0, ticks = touch; k < count && ticks > 0; k++, ticks = this.away(side, ticks, 1 + this.gap(k))) out.push([this.price(ticks), this.size(k)]);
    return out;
  }

  /**
   * Takes out every level on the mid's side of `touch`: the makers moved, or an arbitrageur took them. A planted
   * wall among them was traded into, and is planted no more.
   */
  private takeBeyond(side: SideName, touch: number, put: Put): void {
    const levels = this.sideOf(side);
    while (levels.length > 0) {
      const best = this.ticksOf(levels.priceAt(0)!);
      if (!this.ahead(side, best, touch)) break;
      if (best === this.walls[side]) delete this.walls[side];
      put(side, levels.priceTextAt(0)!, this.zero());
    }
  }

  /** Quotes the ticks from `touch` to the side's best level, with the usual gaps between them. */
  private fillTo(side: SideName, touch: number, put: Put): void {
    const levels = this.sideOf(side);
    const best = levels.length ? this.ticksOf(levels.priceAt(0)!) : undefined;
    const behind = (ticks: number): boolean => best !== undefined && (side === 'bid' ? ticks <= best : ticks >= best);
    // Now and then the touch is not quoted for a step: the spread opens by a tick or two, as real books flicker.
    let ticks = this.random() < 0.95 ? touch : this.away(side, touch, 1 + this.gap(0));
    for (let k = 0; !behind(ticks) && ticks > 0 && k < this.spec.depth; k++) {
      put(side, this.price(ticks), this.size(k));
      ticks = this.away(side, ticks, 1 + this.gap(k));
    }
  }

  /** A few changes, mostly near the top: a level resized, removed, or a new one between two others; never a planted wall. */
  private churn(put: Put): void {
    const n = 1 + Math.floor(this.random() * 4);
    for (let i = 0; i < n; i++) {
      const side: SideName = this.random() < 0.5 ? 'bid' : 'ask';
      const levels = this.sideOf(side);
      if (levels.length < 2) continue;
      const near = Math.floor(-Math.log(1 - this.random()) * 4);
      const k = Math.min(levels.length - 2, this.random() < 0.85 ? near : Math.floor(this.random() * levels.length));
      const r = this.random();
      // Level k and the one behind it, read by a walk: `priceAt` is kept to the top of a book (book-side.ts).
      const walk = levels.walk(k);
      walk.next();
      const price = walk.price;
      if (r < 0.8 && this.isWall(side, price)) continue;
      if (r < 0.6) {
        put(side, levels.priceTextAt(k)!, this.size(k));
      } else if (r < 0.8) {
        if (k > 0) put(side, levels.priceTextAt(k)!, this.zero());
      } else {
        const from = this.ticksOf(price);
        walk.next();
        const room = Math.abs(this.ticksOf(walk.price) - from) - 1;
        if (room > 0) put(side, this.price(this.away(side, from, 1 + Math.floor(this.random() * room))), this.size(k));
      }
    }
  }

  /**
   * Keeps each side near its nominal depth, as part of the same changes: the deepest levels beyond it are
   * removed (the one before a planted wall where the wall is the deepest), and a side that moved away from its far
   * end gets new levels there.
   */
  private keepDepth(put: Put): void {
    const { depth } = this.spec;
    for (const side of ['bid', 'ask'] as const) {
      const levels = this.sideOf(side);
      const worstPrice = (): number => {
        const walk = levels.walk(levels.length - 1);
        walk.next();
        return walk.price;
      };
      while (levels.length > depth + 10) {
        const last = levels.length - 1;
        put(side, levels.priceTextAt(this.isWall(side, worstPrice()) ? last - 1 : last)!, this.zero());
      }
      for (let added = 0; levels.length < depth && added < 20; added++) {
        const worst = this.ticksOf(worstPrice());
        const ticks = this.away(side, worst, 1 + this.gap(levels.length));
        if (ticks <= 0) break;
        put(side, this.price(ticks), this.size(levels.length));
      }
    }
  }
}
