import type { OrderBook } from '../book/orderbook';
import { consolidate } from '../market/consolidate';
import { depthSteps, type DepthSteps } from '../market/depth-chart';
import { estimateExecution } from '../market/execution';
import { convertBooks } from '../market/convert';
import type { QuotedBook } from '../market/quoted-book';
import type { RateBook } from '../market/rates';
import { FEEDS, type FeedId, type Market } from '../venues/types';
import type { BasisView, CatalogState, RateView, Settings, TradesDelta, VenueView, View, ViewSummary } from './api';
import { VolumeTracker } from '../trades/volume';
import type { TradeVolumes } from '../trades/types';
import { sizeToMove } from '../liquidity/size-to-move';
import { DEFAULT_WALL_RULE, type ImbalanceView, type Wall } from '../liquidity/types';
import type { VenueStatus } from './status';

/** One feed as the view builder sees it. */
export interface VenueInput {
  readonly feed: FeedId;
  readonly name: string;
  readonly market?: Market;
  readonly status: VenueStatus;
  readonly book?: OrderBook;
}

export interface ViewInput {
  readonly seq: number;
  readonly now: number;
  readonly settings: Settings;
  readonly venues: readonly VenueInput[];
  /** The stablecoin books the rates come from. */
  readonly rateBooks: readonly RateBook[];
  readonly catalog: CatalogState;
  /** What the liquidity sampler has followed over time: walls, and the imbalance with its history. */
  readonly liquidity: { readonly walls: readonly Wall[]; readonly imbalance: ImbalanceView };
  readonly newestFrameAt?: number;
  readonly dataNote?: string;
  readonly replaying: boolean;
  readonly recording: View['recording'];
  /** Whether to build the venues and depth chart (View.summary) too. */
  readonly summary: boolean;
  /** The trades since the previous view, for the tape. */
  readonly trades: TradesDelta;
  /** The volumes over every window and each feed's trade numbering, with a summary. */
  readonly tradeSummary?: { readonly volumes: TradeVolumes; readonly stats: ViewSummary['tradeStats'] };
}

/** Depth chart reach either side of mid. */
const CHART_BAND = 0.01;
/** The depth chart of a side with no mid to measure from. */
const NO_STEPS: DepthSteps = { feeds: [], prices: new Float64Array(0), totals: new Float64Array(0), parts: new Float64Array(0), exact: 0 };

/** A book worth showing: exact (live), or exact as far as the venue told us (stale). */
function shown(v: VenueInput): OrderBook | undefined {
  return v.status.state === 'live' || v.status.state === 'stale' ? v.book : undefined;
}

function venueView(v: VenueInput, quoted: QuotedBook | undefined, mid: number | undefined): VenueView {
  const info = FEEDS[v.feed];
  const base: VenueView = { feed: v.feed, venue: info.venue, kind: info.kind, name: v.name, market: v.market, status: v.status };
  const book = shown(v);
  if (!book) return base;
  const rawBestBid = book.bids.priceAt(0);
  const rawBestAsk = book.asks.priceAt(0);
  if (!quoted) return { ...base, rawBestBid, rawBestAsk };
  const bestBid = quoted.bids.priceAt(0);
  const bestAsk = quoted.asks.priceAt(0);
  const spread = bestBid !== undefined && bestAsk !== undefined ? bestAsk - bestBid : undefined;
  const within = (band: number): number | undefined =>
    mid === undefined ? undefined : quoted.bids.depthTo(mid * (1 - band)).size + quoted.asks.depthTo(mid * (1 + band)).size;
  return {
    ...base,
    bestBid,
    bestAsk,
    rawBestBid,
    rawBestAsk,
    spread,
    spreadBps: spread !== undefined ? (spread / ((bestAsk! + bestBid!) / 2)) * 1e4 : undefined,
    depth01: within(0.001),
    depth1: within(0.01),
  };
}

function buildSummary(input: ViewInput, quoted: ReadonlyMap<FeedId, QuotedBook>, mid: number | undefined): ViewSummary {
  const { settings } = input;
  const included = [...quoted.values()];
  return {
    venues: input.venues.map((v) => venueView(v, quoted.get(v.feed), mid)),
    execution: settings.executionSize > 0 && included.length ? estimateExecution(included, settings.executionSide, settings.executionSize, mid) : undefined,
    depth: mid === undefined ? { bids: NO_STEPS, asks: NO_STEPS } : { bids: depthSteps(included, 'bid', mid, CHART_BAND), asks: depthSteps(included, 'ask', mid, CHART_BAND) },
    catalog: input.catalog,
    walls: input.liquidity.walls,
    wallRule: settings.wallRule ?? DEFAULT_WALL_RULE,
    imbalance: input.liquidity.imbalance,
    sizeToMove: sizeToMove(included),
    tradeVolumes: input.tradeSummary?.volumes ?? new VolumeTracker().figures(input.now),
    tradeStats: input.tradeSummary?.stats ?? {},
  };
}

/** Mid of the best bid and best ask across `books`, when both sides have one. */
export function midOf(books: readonly QuotedBook[]): number | undefined {
  let bid: number | undefined;
  let ask: number | undefined;
  for (const b of books) {
    const p = b.bids.priceAt(0);
    const q = b.asks.priceAt(0);
    if (p !== undefined && (bid === undefined || p > bid)) bid = p;
    if (q !== undefined && (ask === undefined || q < ask)) ask = q;
  }
  return bid === undefined || ask === undefined ? undefined : (bid + ask) / 2;
}

function basisOf(perpetuals: readonly QuotedBook[], spots: readonly QuotedBook[]): Omit<BasisView, 'venue'> | undefined {
  const perpetualMid = midOf(perpetuals);
  const spotMid = midOf(spots);
  if (perpetualMid === undefined || spotMid === undefined) return undefined;
  return { perpetualMid, spotMid, bps: ((perpetualMid - spotMid) / spotMid) * 1e4 };
}

/**
 * The perpetuals' premium over spot, all included books together and then venue by venue where a venue has both;
 * undefined unless both kinds are included.
 */
function basisViews(quoted: readonly QuotedBook[]): BasisView[] | undefined {
  const perpetuals = quoted.filter((b) => FEEDS[b.feed].kind === 'perpetual');
  const spots = quoted.filter((b) => FEEDS[b.feed].kind === 'spot');
  const all = basisOf(perpetuals, spots);
  if (!all) return undefined;
  const out: BasisView[] = [all];
  for (const p of perpetuals) {
    const venue = FEEDS[p.feed].venue;
    const spot = spots.find((s) => FEEDS[s.feed].venue === venue);
    const one = spot && basisOf([p], [spot]);
    if (one) out.push({ venue, ...one });
  }
  return out;
}

/** The feeds' books as the consolidated view reads them, and what converting them took. */
export interface QuotedBooks {
  readonly quoted: ReadonlyMap<FeedId, QuotedBook>;
  readonly excluded: readonly { readonly feed: FeedId; readonly reason: string }[];
  readonly rates: readonly RateView[];
}

/**
 * Each shown book (live, or stale, which is still exact as far as the venue told us) in `currency` and base units,
 * by `convertBooks`.
 */
export function quoteBooks(venues: readonly VenueInput[], rateBooks: readonly RateBook[], currency: Settings['currency']): QuotedBooks {
  const books = venues.flatMap((v) => {
    const book = shown(v);
    return book ? [{ feed: v.feed, book, market: v.market }] : [];
  });
  const { quoted, excluded, rates } = convertBooks(books, rateBooks, currency);
  return { quoted: new Map(quoted.map((q) => [q.feed, q])), excluded, rates: rates.map((r) => ({ ...r, to: currency })) };
}

/** Everything the screen shows, from the feeds' books converted by `quoteBooks`. */
export function buildView(input: ViewInput): View {
  const { settings } = input;
  const { quoted, excluded, rates } = quoteBooks(input.venues, input.rateBooks, settings.currency);
  const books = [...quoted.values()];
  const consolidated = consolidate(books, settings.step, settings.rows);
  const mid = consolidated.mid;
  const feedOf = (feed: FeedId): VenueInput | undefined => input.venues.find((v) => v.feed === feed);
  return {
    seq: input.seq,
    builtAt: input.now,
    newestFrameAt: input.newestFrameAt,
    settings,
    consolidated,
    summary: input.summary ? buildSummary(input, quoted, mid) : undefined,
    included: [...quoted.keys()],
    excluded,
    rates,
    basis: basisViews(books),
    partial: [...quoted.keys()].flatMap((feed) => {
      const partial = feedOf(feed)?.status.partial;
      return partial ? [{ feed, depth: partial.depth }] : [];
    }),
    dataNote: input.dataNote,
    replaying: input.replaying,
    recording: input.recording,
    trades: input.trades,
  };
}
