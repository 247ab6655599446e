import { FEEDS, MARKET_KINDS, type FeedId } from '../venues/types';
import type { QuotedBook } from './quoted-book';

/** One row of the ladder: prices in the display currency, sizes in base units. */
export interface LadderRow {
  /** The row's price: the level's price, or the bucket edge when grouped (bids round down, asks up). */
  readonly price: number;
  readonly size: number;
  /** Size of this row and every better row. */
  readonly cumulative: number;
  /** Each feed's size in this row. */
  readonly venues: Partial<Record<FeedId, number>>;
  /** Each feed's own price of its best level in this row, in its market's quote, before conversion. */
  readonly rawPrices: Partial<Record<FeedId, number>>;
}

export interface BestPrice {
  readonly price: number;
  /** Every feed quoting this exact price. */
  readonly venues: readonly FeedId[];
}

export interface Consolidated {
  readonly bids: LadderRow[];
  readonly asks: LadderRow[];
  readonly bestBid?: BestPrice;
  readonly bestAsk?: BestPrice;
  readonly mid?: number;
  readonly spread?: number;
  readonly spreadBps?: number;
  /**
   * Set when one feed's bid is above the ask of another feed of the same kind, both converted into the display
   * currency: buying on one and selling on the other pays `edgeBps` before fees.
   */
  readonly crossed?: { readonly bidFeed: FeedId; readonly askFeed: FeedId; readonly edgeBps: number };
}

/** Decimals needed to print multiples of a step exactly (0.01 → 2, 10 → 0). */
export function stepDecimals(step: number): number {
  if (step <= 0 || Number.isInteger(step)) return 0;
  const text = step.toString();
  const e = text.indexOf('e-');
  if (e >= 0) return Number(text.slice(e + 2)) + (text.slice(0, e).split('.')[1]?.length ?? 0);
  return text.split('.')[1]?.length ?? 0;
}

/**
 * The bucket a price falls in: bids group down and asks up, so a grouped row never shows a better price than
 * the levels in it. The epsilon absorbs binary rounding (0.3 / 0.1 = 2.9999999999999996) without moving real
 * prices.
 */
function bucketOf(price: number, step: number, side: 'bid' | 'ask'): number {
  const q = price / step;
  return side === 'bid' ? Math.floor(q + 1e-9) : Math.ceil(q - 1e-9);
}

/**
 * One side of the ladder, a row at a time: the next row is the best bucket any venue has left, and each venue
 * then gives up all its levels in that bucket in one pass over its own book, since within a row the order
 * across venues does not matter.
 */
function ladder(books: readonly QuotedBook[], side: 'bid' | 'ask', step: number, rows: number): LadderRow[] {
  const sides = books.map((b) => (side === 'bid' ? b.bids : b.asks));
  const next = sides.map(() => 0);
  const bid = side === 'bid';
  const scale = 10 ** stepDecimals(step);
  const out: LadderRow[] = [];
  let cumulative = 0;
  while (out.length < rows) {
    let key: number | undefined;
    for (let i = 0; i < sides.length; i++) {
      const p = sides[i]!.priceAt(next[i]!);
      if (p === undefined) continue;
      const k = step > 0 ? bucketOf(p, step, side) : p;
      if (key === undefined || (bid ? k > key : k < key)) key = k;
    }
    if (key === undefined) break;
    // The bucket's far edge: every level at or better than it (and not already taken) is in this row.
    const limit = step > 0 ? (bid ? (key - 1e-9) * step : (key + 1e-9) * step) : key;
    const venues: Partial<Record<FeedId, number>> = {};
    const rawPrices: Partial<Record<FeedId, number>> = {};
    let size = 0;
    for (let i = 0; i < sides.length; i++) {
      const taken = sides[i]!.depthTo(limit, next[i]!);
      if (taken.levels === 0) continue;
      const feed = books[i]!.feed;
      rawPrices[feed] = sides[i]!.rawPriceAt(next[i]!);
      next[i]! += taken.levels;
      venues[feed] = taken.size;
      size += taken.size;
    }
    cumulative += size;
    out.push({ price: step > 0 ? Math.round(key * step * scale) / scale : key, size, cumulative, venues, rawPrices });
  }
  return out;
}

function best(books: readonly QuotedBook[], side: 'bid' | 'ask'): BestPrice | undefined {
  let price: number | undefined;
  let venues: FeedId[] = [];
  for (const book of books) {
    const p = (side === 'bid' ? book.bids : book.asks).priceAt(0);
    if (p === undefined) continue;
    if (price === undefined || (side === 'bid' ? p > price : p < price)) {
      price = p;
      venues = [book.feed];
    } else if (p === price) {
      venues.push(book.feed);
    }
  }
  return price === undefined ? undefined : { price, venues };
}

/** Merges feeds' books into one ladder of `rows` rows a side, grouped by `step` (0: no grouping). */
export function consolidate(books: readonly QuotedBook[], step: number, rows: number): Consolidated {
  const bids = ladder(books, 'bid', step, rows);
  const asks = ladder(books, 'ask', step, rows);
  const bestBid = best(books, 'bid');
  const bestAsk = best(books, 'ask');
  if (!bestBid || !bestAsk) return { bids, asks, bestBid, bestAsk };
  const mid = (bestBid.price + bestAsk.price) / 2;
  const spread = bestAsk.price - bestBid.price;
  const result: Consolidated = { bids, asks, bestBid, bestAsk, mid, spread, spreadBps: (spread / mid) * 1e4 };
  const crossed = spread < 0 ? widestCross(books) : undefined;
  return crossed ? { ...result, crossed } : result;
}

/**
 * The widest cross between two feeds of one kind: spot against spot, perpetual against perpetual. A perpetual's bid
 * above a spot ask is its premium over spot (the view shows it as the basis), not an arbitrage: the two are
 * different instruments, and the premium is what funding pays for.
 */
function widestCross(books: readonly QuotedBook[]): Consolidated['crossed'] {
  let widest: Consolidated['crossed'];
  for (const kind of MARKET_KINDS) {
    const same = books.filter((b) => FEEDS[b.feed].kind === kind);
    const bid = best(same, 'bid');
    const ask = best(same, 'ask');
    if (!bid || !ask || bid.price <= ask.price) continue;
    // A spread below zero inside one feed's own book is that feed's problem, not an arbitrage.
    const pair = crossingPair(bid.venues, ask.venues);
    if (!pair) continue;
    const edgeBps = ((bid.price - ask.price) / ((bid.price + ask.price) / 2)) * 1e4;
    if (!widest || edgeBps > widest.edgeBps) widest = { ...pair, edgeBps };
  }
  return widest;
}

/**
 * Two different feeds, one quoting the best bid and one the best ask. Every feed tied at either price is tried:
 * with two feeds at the best bid, the one that is not also at the best ask still crosses it.
 */
function crossingPair(bidFeeds: readonly FeedId[], askFeeds: readonly FeedId[]): { bidFeed: FeedId; askFeed: FeedId } | undefined {
  for (const bidFeed of bidFeeds) {
    const askFeed = askFeeds.find((f) => f !== bidFeed);
    if (askFeed) return { bidFeed, askFeed };
  }
  return undefined;
}
