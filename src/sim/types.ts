import type { FeedId } from '../venues/types';
import type { SimHostId } from './hosts';
import type { SimChanges, SimMarket } from './market';

/**
 * Faults a venue's simulated connection can play on request, beyond the transport's own (drop, silence):
 * an update lost on the way (its id skipped), a wrong checksum, and an update that crosses the book.
 */
export type ProtocolFault = 'skip-sequence' | 'corrupt-checksum' | 'crossed';

/** One side of one feed's market, by the venue's own market name: where a wall is planted or pulled by hand. */
export interface WallPlace {
  readonly feed: FeedId;
  readonly symbol: string;
  readonly side: 'bid' | 'ask';
}

/** A wall planted: its level as every subscriber was sent it, and how far from the market's mid it stands. */
export interface PlantedWall {
  /** In the market's own quote, as the venue sends it. */
  readonly price: string;
  /** As the venue sends it: in contracts where the market counts them. */
  readonly size: string;
  /** The size in base units. */
  readonly base: number;
  readonly bps: number;
}

/** A wall pulled: its price, and how far from the market's mid it was when it went, in bps. */
export interface PulledWall {
  readonly price: string;
  readonly bps: number;
}

/** Why a wall was not planted or pulled; nothing was sent. */
export interface WallRefusal {
  readonly error: string;
}

/** A trade a simulated market printed, in the book's own units (contracts where the book counts contracts). */
export interface SimTrade {
  /** Numbered one by one per market, from 1: what the venue's trade id is made of. */
  readonly id: number;
  readonly price: number;
  readonly size: number;
  /** The aggressor: a buy takes asks, a sell takes bids. */
  readonly side: 'buy' | 'sell';
  /** Epoch ms. */
  readonly time: number;
}

/** One simulated feed's markets, by the venue's own market name (BTCUSDT, BTC/USD, BTC-USDT-SWAP, ...). */
export type SimMarkets = ReadonlyMap<string, SimMarket>;

/** The markets of every feed a simulated host carries (Bybit's host: spot and linear, whose names collide). */
export type SimFeedMarkets = ReadonlyMap<FeedId, SimMarkets>;

/** An HTTP answer from a simulated REST endpoint. */
export interface SimHttpResponse {
  readonly status: number;
  readonly body: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/** One client's socket to a simulated venue, in that venue's wire protocol. Pure: frames go out through `send`. */
export interface SimConnection {
  /** A text frame the client sent (subscribe, ping, a WebSocket API request). */
  receive(text: string, now: number): void;
  /** `market` moved by `changes` (already applied to its book): send what a subscriber to it gets. */
  update(market: SimMarket, changes: SimChanges, now: number): void;
  /**
   * `market` printed `trades`, oldest first: their liquidity is already taken from its book, and the changes that
   * took it come in the next `update`. Sends them to a client subscribed to the market's trade channel.
   */
  trades(market: SimMarket, trades: readonly SimTrade[], now: number): void;
  /** Called about once a second, for venues that send heartbeats or pings of their own. */
  heartbeat(now: number): void;
  /** Arms a protocol fault for the next update; false when the venue's protocol has no such thing. */
  fault(fault: ProtocolFault): boolean;
}

/**
 * A venue's host, server side: the sockets and REST paths it serves, speaking its real wire protocol, for every
 * feed it carries. Paths are relative to the host's root: for Binance, the stream `/ws` and REST `/api/v3/depth`.
 */
export interface SimVenue {
  readonly host: SimHostId;
  /** Every frame is sent gzip-compressed as a binary frame (BingX). */
  readonly gzip?: boolean;
  /**
   * A client opened a socket at `path` (with its query string). `send` delivers a text frame to it.
   * Returns undefined for a path the host does not serve.
   */
  connect(path: string, markets: SimFeedMarkets, send: (text: string) => void): SimConnection | undefined;
  /** Answers a REST GET at `path` with `query` at time `now`; undefined for a path the host does not serve. */
  rest?(path: string, query: URLSearchParams, markets: SimFeedMarkets, now: number): SimHttpResponse | undefined;
}
