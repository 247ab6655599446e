import type { OrderBook } from '../book/orderbook';
import type { RawLevel } from '../book/levels';
import type { RawTrade } from '../trades/types';

export const VENUE_IDS = [
  'binance',
  'kraken',
  'coinbase',
  'bingx',
  'okx',
  'bybit',
  'asterdex',
  'bitget',
  'gate',
  'bitfinex',
  'deribit',
  'cryptocom',
  'hyperliquid',
] as const;
export type VenueId = (typeof VENUE_IDS)[number];

export type MarketKind = 'spot' | 'perpetual';
export const MARKET_KINDS: readonly MarketKind[] = ['spot', 'perpetual'];

/**
 * One venue's market of one kind, each spoken by a protocol of its own. A spot feed's id is its venue's id, so
 * recordings made before perpetuals replay as they did; a venue whose main market is its perpetual (AsterDEX,
 * Deribit, Hyperliquid) gives the perpetual its own id and names its spot market apart.
 */
export const FEED_IDS = [
  'binance',
  'binance-usdm',
  'kraken',
  'coinbase',
  'bingx',
  'bingx-swap',
  'okx',
  'okx-swap',
  'bybit',
  'bybit-linear',
  'asterdex',
  'bitget',
  'bitget-futures',
  'gate',
  'gate-futures',
  'bitfinex',
  'bitfinex-perp',
  'deribit',
  'deribit-spot',
  'cryptocom',
  'cryptocom-perp',
  'hyperliquid',
  'hyperliquid-spot',
] as const;
export type FeedId = (typeof FEED_IDS)[number];

export interface FeedInfo {
  readonly venue: VenueId;
  readonly kind: MarketKind;
  /** How the screen names the feed: the venue, and for a perpetual the venue's name for its market. */
  readonly label: string;
}

export const FEEDS: Record<FeedId, FeedInfo> = {
  binance: { venue: 'binance', kind: 'spot', label: 'Binance' },
  'binance-usdm': { venue: 'binance', kind: 'perpetual', label: 'Binance USD-M' },
  kraken: { venue: 'kraken', kind: 'spot', label: 'Kraken' },
  coinbase: { venue: 'coinbase', kind: 'spot', label: 'Coinbase' },
  bingx: { venue: 'bingx', kind: 'spot', label: 'BingX' },
  'bingx-swap': { venue: 'bingx', kind: 'perpetual', label: 'BingX swap' },
  okx: { venue: 'okx', kind: 'spot', label: 'OKX' },
  'okx-swap': { venue: 'okx', kind: 'perpetual', label: 'OKX SWAP' },
  bybit: { venue: 'bybit', kind: 'spot', label: 'Bybit' },
  'bybit-linear': { venue: 'bybit', kind: 'perpetual', label: 'Bybit linear' },
  asterdex: { venue: 'asterdex', kind: 'perpetual', label: 'AsterDEX' },
  bitget: { venue: 'bitget', kind: 'spot', label: 'Bitget' },
  'bitget-futures': { venue: 'bitget', kind: 'perpetual', label: 'Bitget USDT-M' },
  gate: { venue: 'gate', kind: 'spot', label: 'Gate' },
  'gate-futures': { venue: 'gate', kind: 'perpetual', label: 'Gate futures' },
  bitfinex: { venue: 'bitfinex', kind: 'spot', label: 'Bitfinex' },
  'bitfinex-perp': { venue: 'bitfinex', kind: 'perpetual', label: 'Bitfinex perp' },
  deribit: { venue: 'deribit', kind: 'perpetual', label: 'Deribit' },
  'deribit-spot': { venue: 'deribit', kind: 'spot', label: 'Deribit spot' },
  cryptocom: { venue: 'cryptocom', kind: 'spot', label: 'Crypto.com' },
  'cryptocom-perp': { venue: 'cryptocom', kind: 'perpetual', label: 'Crypto.com perp' },
  hyperliquid: { venue: 'hyperliquid', kind: 'perpetual', label: 'Hyperliquid' },
  'hyperliquid-spot': { venue: 'hyperliquid', kind: 'spot', label: 'Hyperliquid spot' },
};

export function isFeedId(value: unknown): value is FeedId {
  return typeof value === 'string' && (FEED_IDS as readonly string[]).includes(value);
}

export type Quote = 'USD' | 'USDT' | 'USDC';
export const QUOTES: readonly Quote[] = ['USD', 'USDT', 'USDC'];

/** A venue's market for one base asset: what it is called there, what it is quoted in, and its units. */
export interface Market {
  readonly venue: VenueId;
  readonly feed: FeedId;
  readonly base: string;
  readonly quote: Quote;
  /** The venue's own market name, as its protocol spells it (BTCUSDT, BTC/USD, BTC-USDT-SWAP, ...). */
  readonly symbol: string;
  readonly kind: MarketKind;
  /** Price increment; prices are shown to it. Undefined where the catalog did not say. */
  readonly tick?: number;
  /** Size increment, in the book's own size unit. */
  readonly lot?: number;
  /**
   * Base units one unit of the book's size stands for: 1 where sizes are in the base asset, a contract's value
   * where they are in contracts (OKX SWAP `ctVal`, 0.01 BTC for BTC-USDT-SWAP); quote units where `inverse`.
   */
  readonly contractSize: number;
  /**
   * Set where sizes count the quote, not the base (inverse contracts: Deribit BTC-PERPETUAL counts USD): a size unit
   * is `contractSize` quote units, so a level of size s at price p holds s × contractSize / p base units, and a
   * fixed size is worth more base units the lower the price (src/market/contract-units.ts).
   */
  readonly inverse?: true;
}

/** Where a venue's hosts live; the simulator and tests swap in loopback addresses. */
export interface Endpoints {
  /** Base of the market-data stream socket, e.g. wss://stream.binance.com:9443 */
  readonly stream: string;
  /** Base of the REST API, e.g. https://api.binance.com */
  readonly rest?: string;
  /** The WebSocket API that answers snapshot requests, e.g. wss://ws-api.binance.com:443/ws-api/v3 */
  readonly api?: string;
}

/**
 * What one received frame said, in venue-neutral terms. Ids are the venue's own sequence numbers, each
 * protocol's `sequence` rule reads them:
 * - `first`/`last`: the first and last update id the message covers (Binance U/u, Bybit u, OKX seqId).
 * - `prev`: the id of the previous message as the venue states it (AsterDEX pu, OKX prevSeqId).
 * - `seq`: a per-connection message counter that must grow by one on every message (Coinbase sequence_num).
 */
export type VenueMessage =
  | {
      readonly type: 'snapshot';
      readonly symbol?: string;
      readonly bids: readonly RawLevel[];
      readonly asks: readonly RawLevel[];
      readonly last?: number;
      readonly checksum?: number;
      /** Venue's event time, epoch ms. */
      readonly time?: number;
      readonly seq?: number;
    }
  | {
      readonly type: 'update';
      readonly symbol?: string;
      readonly bids: readonly RawLevel[];
      readonly asks: readonly RawLevel[];
      readonly first?: number;
      readonly last?: number;
      readonly prev?: number;
      readonly checksum?: number;
      readonly time?: number;
      readonly seq?: number;
    }
  /** Public trades on the market's trade channel (on the book's socket), oldest first. */
  | { readonly type: 'trades'; readonly symbol?: string; readonly trades: readonly RawTrade[]; readonly time?: number; readonly seq?: number }
  | { readonly type: 'heartbeat'; readonly time?: number; readonly seq?: number }
  /** The venue asked for an answer to keep the connection: send `reply` back. */
  | { readonly type: 'ping'; readonly reply: string }
  | { readonly type: 'pong' }
  /** A subscription confirmation or other informational message. */
  | { readonly type: 'info'; readonly text?: string; readonly seq?: number }
  /**
   * The venue reported an error (subscription refused, unknown symbol, rate limit, ...); `symbol` where it names the
   * market, so that on a shared socket only that market's session takes it.
   */
  | { readonly type: 'error'; readonly message: string; readonly fatal?: boolean; readonly symbol?: string };

/**
 * Result of checking an update's ids against the book's current id: apply it, skip it (the snapshot holds it
 * already), a gap (updates were missed), or backwards (ids went back: the venue restarted or repeated itself).
 */
export type Continuity = 'apply' | 'skip' | 'gap' | 'backwards';

/** How the first snapshot is obtained. */
export type SnapshotSource =
  /** The stream itself sends a snapshot after subscribing (Kraken, OKX, Bybit, Coinbase, BingX). */
  | 'stream'
  /** A separate request (REST or WebSocket API) answers the snapshot; the stream's diffs are buffered meanwhile. */
  | 'request';

/** A request the session wants made. Recordings hold the answers; the worker makes the calls. */
export type Effect =
  /** Send a text frame on the stream socket. */
  | { readonly type: 'send'; readonly text: string }
  /** Send a text frame on the venue's WebSocket API socket (opened on demand at `url`). */
  | { readonly type: 'api'; readonly url: string; readonly text: string }
  /** GET a REST url; its answer comes back through `FeedSession.rest`. */
  | { readonly type: 'fetch'; readonly url: string }
  /** The stream connection cannot be trusted any more: close it and connect again. */
  | { readonly type: 'reconnect'; readonly reason: string };

/**
 * A venue's public order-book protocol, with no I/O and no timers: what to open, what to send, how to read a
 * frame, and the venue's rule for stitching snapshot and updates.
 */
export interface VenueProtocol {
  readonly id: FeedId;
  readonly venue: VenueId;
  readonly kind: MarketKind;
  readonly name: string;
  readonly endpoints: Endpoints;
  /** URL of the stream socket for a market. */
  streamUrl(market: Market, endpoints: Endpoints): string;
  /** The market symbol a stream URL names, where the venue puts it in the URL (a replay reads it there). */
  symbolOf?(streamUrl: string): string | undefined;
  /**
   * Frames to send once the stream socket is open: the book's channel and, where the protocol reads them
   * (`trades`), the market's public trades on the same socket.
   */
  subscribe(market: Market): string[];
  /** Set where `subscribe` also asks for the market's public trades and `parse` reads them. */
  readonly trades?: boolean;
  /**
   * Set where the stream URL names no market and markets are subscribed by frames, so several markets of the
   * venue (another pair, a stablecoin rate book, the same venue's other market kind on the same host) share one
   * socket: the venue allows several subscriptions on a connection, and every frame names its market.
   */
  readonly multiplex?: boolean;
  /** Frames that end a market's subscription on a shared socket that stays open for the others. */
  unsubscribe?(market: Market): string[];
  /** Frames that make the venue send a fresh snapshot on the open socket; omitted means reconnect. */
  resubscribe?(market: Market): string[];
  readonly snapshotSource: SnapshotSource;
  /**
   * For `stream` venues whose stream may start without a snapshot of its own (OKX since it delisted the initial
   * snapshot): when the first book message is an update, or the stream's snapshot holds no level at all, updates
   * are held and `snapshotRequest` asked, as for `request` venues; a snapshot the stream does send still rules.
   * A resync still resubscribes; only a requested snapshot older than the stream (or too many held updates) asks
   * again at once.
   */
  readonly snapshotMayBeMissing?: boolean;
  /**
   * For `request` venues: the levels per side a snapshot is asked for. A side that comes back that deep was cut
   * there, so changes beyond its last level cannot be placed in the book.
   */
  readonly snapshotLevels?: number;
  /** For `request` venues: the effect that asks for a snapshot, by REST or over the WebSocket API. */
  snapshotRequest?(market: Market, endpoints: Endpoints, via: 'rest' | 'api'): Effect;
  /** Parses one received frame (text, decompressed). Throws on a frame it cannot read. */
  parse(text: string): VenueMessage[];
  /**
   * For venues whose frames name their market only by a number the connection assigned when it subscribed
   * (Bitfinex's chanId): a reader with the state one connection needs, made fresh for each connection. A session
   * reads that connection's frames with it instead of `parse`, which then reads only frames that need no such state.
   */
  connectionParser?(): (text: string) => VenueMessage[];
  /** Parses a REST snapshot body. Throws on a body it cannot read. */
  parseRest?(body: string): VenueMessage[];
  /**
   * The venue's sync rule for an update, given the id of the last message applied to the book (the snapshot's
   * `last` right after a snapshot) and whether it is the first update after that snapshot. Omitted: no ids to check.
   */
  sequence?(lastId: number | undefined, update: Extract<VenueMessage, { type: 'update' }>, firstAfterSnapshot: boolean): Continuity;
  /** The checksum the venue would publish for this book; omitted when the venue publishes none. */
  checksum?(book: OrderBook): number;
  /** Levels per side the venue keeps for this subscription; the book is truncated to it after each update. */
  readonly depth?: number;
  /** A frame to send every `everyMs` to keep the socket open, where the venue requires one. */
  readonly keepalive?: { readonly everyMs: number; readonly text: string };
  /**
   * Set where the venue publishes no exact book at all, only whole top-`depth` snapshots with no ids (a
   * PartialDepthProtocol as the feed's own protocol: Hyperliquid): why, as the feed's status says it. The feed is
   * then always shown as partial, with no exact sync to retry.
   */
  readonly onlyPartial?: string;
}

/**
 * A venue's partial-depth channel (Binance `<symbol>@depth20@100ms`, OKX `books5`, ...): every message is the
 * venue's whole best `depth` levels a side, read as a snapshot that replaces the book. It carries no ids to stitch,
 * so a book kept from it passes every check but the sequence: the fallback when exact sync is impossible.
 */
export interface PartialDepthProtocol extends VenueProtocol {
  readonly snapshotSource: 'stream';
  /** Levels per side every message holds (fewer where the venue's side is thinner). */
  readonly depth: number;
  readonly sequence?: undefined;
}
