import type { OrderBook } from '../book/orderbook';
import { consolidate } from '../market/consolidate';
import { depthCurve } from '../market/depth-chart';
import { estimateExecution } from '../market/execution';
import type { VenueBook } from '../market/merge';
import type { Market, VenueId } from '../venues/types';
import type { Settings, VenueView, View, ViewSummary } from './api';
import type { VenueStatus } from './status';

/** One venue as the view builder sees it. */
export interface VenueInput {
  readonly venue: VenueId;
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
  readonly newestFrameAt?: number;
  readonly dataNote?: string;
  readonly replaying: boolean;
  readonly recording: View['recording'];
  /** Whether to build the venues and depth chart (View.summary) too. */
  readonly summary: boolean;
}

/** Depth chart reach either side of mid, and its resolution. */
const CHART_BAND = 0.01;
const CHART_POINTS = 60;

function venueView(v: VenueInput, mid: number | undefined): VenueView {
  const base: VenueView = { venue: v.venue, name: v.name, market: v.market, status: v.status };
  const book = v.status.state === 'live' || v.status.state === 'stale' ? v.book : undefined;
  if (!book) return base;
  const bestBid = book.bids.priceAt(0);
  const bestAsk = book.asks.priceAt(0);
  const spread = bestBid !== undefined && bestAsk !== undefined ? bestAsk - bestBid : undefined;
  const within = (band: number): number | undefined =>
    mid === undefined ? undefined : book.bids.depthTo(mid * (1 - band)).size + book.asks.depthTo(mid * (1 + band)).size;
  return {
    ...base,
    bestBid,
    bestAsk,
    spread,
    spreadBps: spread !== undefined ? (spread / ((bestAsk! + bestBid!) / 2)) * 1e4 : undefined,
    depth01: within(0.001),
    depth1: within(0.01),
  };
}

function buildSummary(settings: Settings, venues: readonly VenueInput[], included: readonly VenueBook[], mid: number | undefined): ViewSummary {
  return {
    venues: venues.map((v) => venueView(v, mid)),
    execution: settings.executionSize > 0 && included.length ? estimateExecution(included, settings.executionSide, settings.executionSize, mid) : undefined,
    depth:
      mid === undefined
        ? { bids: [], asks: [] }
        : { bids: depthCurve(included, 'bid', mid, CHART_BAND, CHART_POINTS), asks: depthCurve(included, 'ask', mid, CHART_BAND, CHART_POINTS) },
  };
}

/**
 * Everything the screen shows, from the venues' books. Only live books (and stale ones, which are still
 * exact as far as the venue told us) enter the consolidated view; a syncing book is never shown.
 */
export function buildView(input: ViewInput): View {
  const { settings } = input;
  const included: VenueBook[] = [];
  for (const v of input.venues) {
    if (v.book && (v.status.state === 'live' || v.status.state === 'stale')) included.push({ venue: v.venue, book: v.book });
  }
  const consolidated = consolidate(included, settings.step, settings.rows);
  const mid = consolidated.mid;
  return {
    seq: input.seq,
    builtAt: input.now,
    newestFrameAt: input.newestFrameAt,
    settings,
    consolidated,
    summary: input.summary ? buildSummary(settings, input.venues, included, mid) : undefined,
    included: included.map((b) => b.venue),
    partial: input.venues.flatMap((v) => (v.status.partial && included.some((b) => b.venue === v.venue) ? [{ venue: v.venue, depth: v.status.partial.depth }] : [])),
    dataNote: input.dataNote,
    replaying: input.replaying,
    recording: input.recording,
  };
}
