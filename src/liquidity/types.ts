import type { FeedId } from '../venues/types';

/**
 * The rule a wall is found by, shown on screen and adjustable: a level is a wall when its size is at least `factor`
 * times the median size of the `neighbours` levels on each side of it in the same feed's book (within `bandBps` of
 * mid; beyond it a book is too thin to compare).
 */
export interface WallRule {
  readonly factor: number;
  readonly neighbours: number;
  readonly bandBps: number;
}

export const DEFAULT_WALL_RULE: WallRule = { factor: 8, neighbours: 10, bandBps: 200 };

/** The imbalance band when the settings name none, in bps either side of mid. */
export const DEFAULT_IMBALANCE_BPS = 10;

/**
 * A wall: one feed's level far larger than its neighbourhood, followed while it stands. It ends `filled` when the
 * price reached it (it was traded into or the book moved through it) and `pulled` when it went while the price was
 * away from it (further than the larger of PULLED_AWAY_BPS of mid and PULLED_AWAY_SPREADS spreads:
 * src/liquidity/walls.ts): resting size that was never meant to trade.
 */
export interface Wall {
  readonly feed: FeedId;
  readonly side: 'bid' | 'ask';
  /** The feed's own price, in its quote. */
  readonly rawPrice: number;
  /** The price in the display currency. */
  readonly price: number;
  /** Base units, now (or when it ended). */
  readonly size: number;
  /** Size over the median of its neighbourhood. */
  readonly ratio: number;
  /** When it was first seen, epoch ms (the venue's receive time). */
  readonly since: number;
  readonly state: 'standing' | 'pulled' | 'filled';
  readonly endedAt?: number;
}

/** Bid and ask size (base units) within ±`bps` of mid. */
export interface DepthPair {
  readonly bid: number;
  readonly ask: number;
}

/** Imbalance now, per feed and consolidated, and the consolidated one over time. */
export interface ImbalanceView {
  readonly bps: number;
  readonly consolidated?: DepthPair;
  readonly feeds: Partial<Record<FeedId, DepthPair>>;
  /** Consolidated, oldest first: time (epoch ms) and (bid − ask) / (bid + ask), -1 to 1. */
  readonly history: readonly (readonly [t: number, imbalance: number])[];
}

/** What it takes to move a price `pct` % up (buying the asks) or down (selling into the bids). */
export interface MoveCost {
  readonly pct: number;
  /** Base units and display-currency notional to reach that price; `complete` false when the book ends before it. */
  readonly up: { readonly base: number; readonly quote: number; readonly complete: boolean };
  readonly down: { readonly base: number; readonly quote: number; readonly complete: boolean };
}

export const MOVE_PCTS: readonly number[] = [0.1, 0.5, 1, 2];

export interface SizeToMoveView {
  readonly consolidated: readonly MoveCost[];
  readonly feeds: Partial<Record<FeedId, readonly MoveCost[]>>;
}

/** What part of the heatmap's history is drawn, and how. Prices in the display currency, times epoch ms. */
export interface HeatmapViewport {
  /** CSS pixels of the canvas, and the device pixel ratio to draw at. */
  readonly width: number;
  readonly height: number;
  readonly dpr: number;
  /** The time span drawn, ending at `end` (undefined: now, following the newest column). */
  readonly spanMs: number;
  readonly end?: number;
  /** The price span drawn, centred on `centre` (undefined: following the mid). */
  readonly priceSpan: number;
  readonly centre?: number;
  /** Feeds drawn; undefined: every feed in the history. */
  readonly feeds?: readonly FeedId[];
  readonly theme: 'dark' | 'light';
}

/** The crosshair's read-out at a point of the heatmap. */
export interface HeatmapReadout {
  readonly t: number;
  readonly price: number;
  /** Base units resting in that cell at that time, per feed. */
  readonly sizes: Partial<Record<FeedId, number>>;
  /** Base units bought and sold in the trade bubbles drawn under the point (the drawn feeds'); absent where none is. */
  readonly trades?: { readonly buy: number; readonly sell: number };
}

/** How the heatmap's history is held, for the README and the bench. */
export interface HeatmapMemory {
  readonly columns: number;
  /** All of it: the heat's columns and the trades'. */
  readonly bytes: number;
  /** Oldest time held, epoch ms. */
  readonly since?: number;
  /** Cells (a column's row, one feed's side of it) holding trades, and their part of `bytes`. */
  readonly tradeCells: number;
  readonly tradeBytes: number;
}
