/**
 * The merged trade tape the page lists: the latest trades of every included feed, newest first, bounded. Views bring
 * the trades since the previous one each frame; the list shows a scroll window of a filtered view of them. At 20,000
 * trades a copy or a filter pass per frame would cost, so each trade is numbered as it comes (its place in the tape
 * for good) and the filtered view is a list of those numbers, extended by the new trades only and rebuilt only when
 * the filter changes.
 */
import type { TradesDelta } from '../worker/api';
import type { TapeTrade, TradeSide } from '../trades/types';
import { FEED_IDS, type FeedId } from '../venues/types';
import { lowerBound } from '../liquidity/lower-bound';

/** Trades the tape keeps: past this the oldest go. */
export const TAPE_CAPACITY = 20_000;

/** Which trades are listed. */
export interface TapeFilter {
  /**
   * Feeds left out. The set of those hidden rather than of those shown, so a feed whose first trade comes later is
   * listed without being asked for.
   */
  readonly hidden: ReadonlySet<FeedId>;
  readonly side: TradeSide | 'both';
  /** The least value (price × size, display currency) a listed trade has; 0 (or no number) lists every trade. */
  readonly minValue: number;
}

export const ALL_TRADES: TapeFilter = { hidden: new Set(), side: 'both', minValue: 0 };

/** A listed trade and its number in the tape: a key that stays the same as trades come and go. */
export interface TapeRow {
  readonly seq: number;
  readonly trade: TapeTrade;
}

/** A trade's value in the display currency. */
export function tradeValue(trade: Pick<TapeTrade, 'price' | 'size'>): number {
  return trade.price * trade.size;
}

export function matches(trade: TapeTrade, filter: TapeFilter): boolean {
  return !filter.hidden.has(trade.feed) && (filter.side === 'both' || trade.side === filter.side) && !(tradeValue(trade) < filter.minValue);
}

function filterKey(filter: TapeFilter): string {
  const hidden = FEED_IDS.filter((f) => filter.hidden.has(f)).join(',');
  return `${filter.side}|${filter.minValue}|${hidden}`;
}

export class TradeTape {
  /** Trade number `seq` is at `ring[seq % capacity]` while `seq >= next - held`. */
  private readonly ring: (TapeTrade | undefined)[];
  /** The number the next trade takes; numbers are never reused, not even after `clear()`. */
  private next = 0;
  private held = 0;
  private readonly perFeed = new Map<FeedId, number>();
  private skippedCount = 0;
  private versionCount = 0;

  /** The filtered view: the numbers of the matching trades, oldest first from `head`, built up to `indexedTo`. */
  private key: string | undefined;
  private index: number[] = [];
  private head = 0;
  private indexedTo = 0;

  constructor(readonly capacity = TAPE_CAPACITY) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`tape capacity ${capacity}`);
    this.ring = new Array<TapeTrade | undefined>(capacity);
  }

  /** Changes whenever the trades held do: what a component watches to redraw. */
  get version(): number {
    return this.versionCount;
  }

  /** Trades held. */
  get size(): number {
    return this.held;
  }

  /** Trades a view left out of its list (more came in a frame than it carries), since the last `clear()`. */
  get skipped(): number {
    return this.skippedCount;
  }

  /** The feeds with trades held, in the app's order of feeds. */
  feeds(): FeedId[] {
    return FEED_IDS.filter((f) => (this.perFeed.get(f) ?? 0) > 0);
  }

  /** Takes a view's trades, oldest first. */
  push(delta: TradesDelta): void {
    this.skippedCount += delta.skipped;
    for (const trade of delta.newest) {
      const slot = this.next % this.capacity;
      const gone = this.ring[slot];
      if (this.held === this.capacity && gone) this.perFeed.set(gone.feed, this.perFeed.get(gone.feed)! - 1);
      else this.held++;
      this.ring[slot] = trade;
      this.perFeed.set(trade.feed, (this.perFeed.get(trade.feed) ?? 0) + 1);
      this.next++;
    }
    if (delta.newest.length > 0 || delta.skipped > 0) this.versionCount++;
  }

  /** Forgets every trade: another pair or currency. */
  clear(): void {
    this.ring.fill(undefined);
    this.held = 0;
    this.perFeed.clear();
    this.skippedCount = 0;
    this.key = undefined;
    this.versionCount++;
  }

  /** Trades listed under `filter`. */
  length(filter: TapeFilter): number {
    this.update(filter);
    return this.index.length - this.head;
  }

  /** Up to `count` listed trades from the `start`-th newest. */
  rows(filter: TapeFilter, start: number, count: number): TapeRow[] {
    this.update(filter);
    const out: TapeRow[] = [];
    const from = Math.max(0, Math.floor(start));
    const newest = this.index.length - 1;
    for (let i = from; i < from + count && newest - i >= this.head; i++) {
      const seq = this.index[newest - i]!;
      out.push({ seq, trade: this.ring[seq % this.capacity]! });
    }
    return out;
  }

  /**
   * Listed trades newer than trade number `seq`: where that trade (or, if it is not listed, the next older listed one)
   * is now, counted from the top. What keeps a reader's rows in place as new trades come in above them.
   */
  newerThan(filter: TapeFilter, seq: number): number {
    this.update(filter);
    // Trade numbers are whole: the first listed above `seq` is the first at or above `seq + 1`.
    return this.index.length - lowerBound(this.index, seq + 1, this.head);
  }

  /** Brings the filtered view up to date: rebuilt for another filter, else extended by new trades and cut at the oldest held. */
  private update(filter: TapeFilter): void {
    const key = filterKey(filter);
    const oldest = this.next - this.held;
    if (key !== this.key) {
      this.key = key;
      this.index = [];
      this.head = 0;
      this.indexedTo = oldest;
    }
    for (let seq = Math.max(this.indexedTo, oldest); seq < this.next; seq++) {
      if (matches(this.ring[seq % this.capacity]!, filter)) this.index.push(seq);
    }
    this.indexedTo = this.next;
    while (this.head < this.index.length && this.index[this.head]! < oldest) this.head++;
    // Cut off what scrolled out once it is most of the list, so the list stays within twice what is held.
    if (this.head > 1024 && this.head * 2 > this.index.length) {
      this.index = this.index.slice(this.head);
      this.head = 0;
    }
  }
}
