import type { FeedId, Quote } from '../venues/types';

/** The aggressor: a buy took an ask (the price was lifted), a sell hit a bid. */
export type TradeSide = 'buy' | 'sell';

/** One trade as a venue's protocol reads it from a frame: the venue's own units and text. */
export interface RawTrade {
  /** The venue's trade id as text: what a trade repeated after a reconnect is known by. */
  readonly id: string;
  /**
   * The id as a number where the venue numbers a market's trades one by one (Binance `a`, Kraken `trade_id`, ...):
   * a jump says trades were missed. Omitted where ids are not consecutive (UUIDs, ids shared across markets).
   */
  readonly seq?: number;
  /** The venue's trade time, epoch ms. */
  readonly time: number;
  readonly price: number;
  /** In the book's size unit: the base asset, or contracts where the book counts contracts (OKX SWAP). */
  readonly size: number;
  readonly side: TradeSide;
}

/** A trade as a session took it from a frame: still in the venue's units, with its market's name and arrival time. */
export interface ReceivedTrade extends RawTrade {
  readonly symbol?: string;
  /** When the frame arrived, epoch ms (the recording's clock in a replay). */
  readonly receivedAt: number;
}

/** A trade as the app keeps it: size in base units, its market named, and when it arrived. */
export interface Trade {
  readonly feed: FeedId;
  /** The venue's market name, as its protocol spells it. */
  readonly symbol: string;
  readonly id: string;
  readonly seq?: number;
  /** The venue's trade time, epoch ms. */
  readonly time: number;
  /** When the frame that carried it arrived, epoch ms (the recording's clock in a replay). */
  readonly receivedAt: number;
  /** In the market's quote currency. */
  readonly price: number;
  readonly quote: Quote;
  /** Base units (contracts times the contract size). */
  readonly size: number;
  readonly side: TradeSide;
}

/** What a feed's trade numbering said: trades taken, repeats left out, and jumps in the numbering. */
export interface TradeStats {
  /** Trades taken (repeats left out). */
  trades: number;
  /** Trades a venue sent again (after a reconnect or resubscribe), not counted twice. */
  duplicates: number;
  /** Jumps in a venue's consecutive trade numbering, and the trades they skipped. */
  gaps: number;
  missed: number;
  /** Trades that waited unread past the cap while more came: dropped, and said so. */
  unread: number;
}

/** The windows volumes are summed over. */
export const TRADE_WINDOWS = ['1m', '5m', '15m', '1h'] as const;
export type TradeWindow = (typeof TRADE_WINDOWS)[number];
export const TRADE_WINDOW_MS: Record<TradeWindow, number> = { '1m': 60_000, '5m': 300_000, '15m': 900_000, '1h': 3_600_000 };

/** A trade as the page shows it: its price in the display currency, at the rate when it arrived. */
export interface TapeTrade {
  readonly feed: FeedId;
  readonly id: string;
  /** The venue's trade time, epoch ms. */
  readonly time: number;
  /** In the display currency. */
  readonly price: number;
  /** In the market's quote currency, as the venue printed it. */
  readonly rawPrice: number;
  readonly quote: Quote;
  /** Base units. */
  readonly size: number;
  readonly side: TradeSide;
}

/** Volumes over a window, of one feed or of every feed together. */
export interface VolumeFigures {
  /** Base units bought (buyer the aggressor) and sold. */
  readonly buy: number;
  readonly sell: number;
  /** The same in the display currency. */
  readonly buyQuote: number;
  readonly sellQuote: number;
  readonly trades: number;
  /** Volume-weighted average price, display currency; undefined with no trade. */
  readonly vwap?: number;
  /** Cumulative volume delta over the window: base bought less base sold. */
  readonly cvd: number;
}

/** Every window's volumes, per feed and for all feeds together. */
export type TradeVolumes = Record<TradeWindow, { readonly all: VolumeFigures; readonly feeds: Partial<Record<FeedId, VolumeFigures>> }>;
