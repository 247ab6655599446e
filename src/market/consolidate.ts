import type { VenueId } from '../venues/types';
import { walkMerged, type VenueBook } from './merge';

export interface LadderRow {
  /** The row's price: the level's price, or the bucket edge when grouped (bids round down, asks up). */
  readonly price: number;
  readonly size: number;
  /** Size of this row and every better row. */
  readonly cumulative: number;
  /** Each venue's size in this row. */
  readonly venues: Partial<Record<VenueId, number>>;
}

export interface BestPrice {
  readonly price: number;
  /** Every venue quoting this exact price. */
  readonly venues: readonly VenueId[];
}

export interface Consolidated {
  readonly bids: LadderRow[];
  readonly asks: LadderRow[];
  readonly bestBid?: BestPrice;
  readonly bestAsk?: BestPrice;
  readonly mid?: number;
  readonly spread?: number;
  readonly spreadBps?: number;
  /** Set when a venue's bid is above another venue's ask: buying on one and selling on the other pays `edgeBps`. */
  readonly crossed?: { readonly bidVenue: VenueId; readonly askVenue: VenueId; readonly edgeBps: number };
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
 * The row key of a price: the price itself with no grouping, otherwise its bucket index. Bids group down
 * and asks up, so a grouped row never shows a better price than the levels in it.
 */
function bucketOf(price: number, step: number, side: 'bid' | 'ask'): number {
  if (step <= 0) return price;
  // The epsilon absorbs binary rounding (0.3 / 0.1 = 2.9999999999999996) without moving real prices.
  const q = price / step;
  return side === 'bid' ? Math.floor(q + 1e-9) : Math.ceil(q - 1e-9);
}

function ladder(books: readonly VenueBook[], side: 'bid' | 'ask', step: number, rows: number): LadderRow[] {
  const out: LadderRow[] = [];
  const decimals = stepDecimals(step);
  const scale = 10 ** decimals;
  let key = NaN;
  let row: { price: number; size: number; cumulative: number; venues: Partial<Record<VenueId, number>> } | undefined;
  let cumulative = 0;
  walkMerged(books, side, (price, size, venue) => {
    const k = bucketOf(price, step, side);
    if (k !== key) {
      if (out.length === rows) return false;
      key = k;
      row = { price: step > 0 ? Math.round(k * step * scale) / scale : price, size: 0, cumulative, venues: {} };
      out.push(row);
    }
    row!.size += size;
    cumulative += size;
    row!.cumulative = cumulative;
    row!.venues[venue] = (row!.venues[venue] ?? 0) + size;
    return true;
  });
  return out;
}

function best(books: readonly VenueBook[], side: 'bid' | 'ask'): BestPrice | undefined {
  let price: number | undefined;
  let venues: VenueId[] = [];
  for (const { venue, book } of books) {
    const p = (side === 'bid' ? book.bids : book.asks).priceAt(0);
    if (p === undefined) continue;
    if (price === undefined || (side === 'bid' ? p > price : p < price)) {
      price = p;
      venues = [venue];
    } else if (p === price) {
      venues.push(venue);
    }
  }
  return price === undefined ? undefined : { price, venues };
}

/** Merges venue books into one ladder of `rows` rows a side, grouped by `step` (0: no grouping). */
export function consolidate(books: readonly VenueBook[], step: number, rows: number): Consolidated {
  const bids = ladder(books, 'bid', step, rows);
  const asks = ladder(books, 'ask', step, rows);
  const bestBid = best(books, 'bid');
  const bestAsk = best(books, 'ask');
  if (!bestBid || !bestAsk) return { bids, asks, bestBid, bestAsk };
  const mid = (bestBid.price + bestAsk.price) / 2;
  const spread = bestAsk.price - bestBid.price;
  const result: Consolidated = { bids, asks, bestBid, bestAsk, mid, spread, spreadBps: (spread / mid) * 1e4 };
  if (spread >= 0) return result;
  const bidVenue = bestBid.venues[0]!;
  const askVenue = bestAsk.venues.find((v) => v !== bidVenue);
  // A spread below zero inside one venue's own book is that venue's problem, not an arbitrage.
  if (!askVenue) return result;
  return { ...result, crossed: { bidVenue, askVenue, edgeBps: (-spread / mid) * 1e4 } };
}
