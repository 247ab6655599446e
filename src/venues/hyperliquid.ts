import type { RawLevel } from '../book/levels';
import { HYPERLIQUID_TRADES, readHyperliquidTrades } from './hyperliquid-trades';
import { integer, objectOf, parseObject } from './json';
import type { Market, MarketKind, PartialDepthProtocol, VenueMessage } from './types';

/** "Mainnet: wss://api.hyperliquid.xyz/ws" (API / Websocket): one socket for perpetuals and spot. */
export const HYPERLIQUID_ENDPOINTS = { stream: 'wss://api.hyperliquid.xyz' } as const;
export const HYPERLIQUID_WS_PATH = '/ws';

/** The subscription and channel of a coin's book ("l2Book: { "type": "l2Book", "coin": "<coin_symbol>" }"). */
export const HYPERLIQUID_BOOK = 'l2Book';

/**
 * Levels a side of an `l2Book` book: the info endpoint's L2 book snapshot "returns at most 20 levels per side", and
 * the subscription pushes the same book (`WsBook`, the post request's l2Book answer has its shape).
 */
export const HYPERLIQUID_BOOK_LEVELS = 20;

/**
 * "The server will close any connection if it hasn't sent a message to it in the last 60 seconds" (API / Websocket /
 * Timeouts and heartbeats); a ping every 10 s also keeps a quiet market's socket inside the app's silence window.
 */
const KEEPALIVE_MS = 10_000;

/** A subscription object: a channel and the coin it follows (`BTC` for a perpetual, `@142` or `PURR/USDC` for spot). */
export interface HyperliquidSubscription {
  readonly type: string;
  readonly coin: string;
}

export function hyperliquidRequest(method: 'subscribe' | 'unsubscribe', subscription: HyperliquidSubscription): string {
  return JSON.stringify({ method, subscription });
}

const bookOf = (market: Market): HyperliquidSubscription => ({ type: HYPERLIQUID_BOOK, coin: market.symbol });
const tradesOf = (market: Market): HyperliquidSubscription => ({ type: HYPERLIQUID_TRADES, coin: market.symbol });

/** A `WsLevel` {px, sz, n}: price and size text, and a count of orders the book does not keep but must be there. */
function level(entry: unknown, side: string): RawLevel {
  const l = objectOf(entry, `a level of ${side}`);
  if (typeof l.px !== 'string' || typeof l.sz !== 'string') throw new Error(`${side} holds a level without px and sz text`);
  integer(l.n, 'n');
  return [l.px, l.sz];
}

function side(value: unknown, name: string): RawLevel[] {
  if (!Array.isArray(value)) throw new Error(`${name} is not a list of levels`);
  return value.map((entry) => level(entry, name));
}

/**
 * A `WsBook` {coin, levels: [bids, asks], time}: "Snapshot feed, pushed on each block that is at least 0.5 since last
 * push", the whole top of the book each time. It carries no id, so it is read as a snapshot replacing the book.
 */
export function readHyperliquidBook(data: unknown): Extract<VenueMessage, { type: 'snapshot' }> {
  const d = objectOf(data, 'l2Book data');
  if (typeof d.coin !== 'string' || d.coin === '') throw new Error('l2Book data names no coin');
  if (!Array.isArray(d.levels) || d.levels.length !== 2) throw new Error('levels is not [bids, asks]');
  return { type: 'snapshot', symbol: d.coin, bids: side(d.levels[0], 'bids'), asks: side(d.levels[1], 'asks'), time: integer(d.time, 'time') };
}

/** What a subscription answer confirms: "subscribe l2Book BTC". */
function confirmation(data: unknown): string {
  const d = objectOf(data, 'subscriptionResponse data');
  const s = objectOf(d.subscription, 'subscriptionResponse subscription');
  return `${String(d.method)} ${String(s.type)}${typeof s.coin === 'string' ? ` ${s.coin}` : ''}`;
}

/**
 * The venue's refusals come as `{"channel":"error","data":"<text>"}`, the text quoting the request it refuses
 * ("Invalid subscription {...}", "Already subscribed: {...}"): the coin it quotes names the market that takes it.
 */
function refusal(data: unknown): VenueMessage {
  const message = typeof data === 'string' ? data : JSON.stringify(data);
  const coin = /"coin":"([^"]+)"/.exec(message)?.[1];
  return coin === undefined ? { type: 'error', message } : { type: 'error', message, symbol: coin };
}

/**
 * Reads one frame of Hyperliquid's socket: every message is `{channel, data}` ("The server will then start sending
 * messages with the channel property set to the corresponding subscription type ... and the data field providing
 * the subscribed data"): an `l2Book` book, a `trades` list, a subscription's answer, the answer to a ping, or a
 * refusal.
 */
export function parseHyperliquidFrame(text: string): VenueMessage[] {
  const o = parseObject(text);
  switch (o.channel) {
    case HYPERLIQUID_BOOK:
      return [readHyperliquidBook(o.data)];
    case HYPERLIQUID_TRADES:
      return readHyperliquidTrades(o.data);
    case 'subscriptionResponse':
      return [{ type: 'info', text: confirmation(o.data) }];
    case 'pong':
      return [{ type: 'pong' }];
    case 'error':
      return [refusal(o.data)];
    default:
      throw new Error(`unknown channel ${String(o.channel)}`);
  }
}

/** Why a Hyperliquid book is always partial, as the venue's status says. */
export const HYPERLIQUID_PARTIAL_REASON = `its l2Book channel pushes whole snapshots of its best ${HYPERLIQUID_BOOK_LEVELS} levels a side, with no diffs or sequence ids`;

/**
 * One of Hyperliquid's books over its socket: `l2Book` pushes whole snapshots of the top 20 levels a side, with no
 * diffs, ids or checksum, so the book is partial whatever the app does (`onlyPartial`), and `trades` the coin's
 * public trades beside it. One socket takes many subscriptions ("Maximum of 1000 websocket subscriptions", API /
 * Rate limits) and every push names its coin, so the venue's markets, perpetual and spot, share one socket. A resync
 * leaves and rejoins the book's subscription, whose answer is a fresh book; the trades stay subscribed.
 */
function hyperliquidFeed(id: 'hyperliquid' | 'hyperliquid-spot', kind: MarketKind, name: string): PartialDepthProtocol {
  return {
    id,
    venue: 'hyperliquid',
    kind,
    name,
    endpoints: HYPERLIQUID_ENDPOINTS,
    streamUrl: (_market, endpoints) => `${endpoints.stream}${HYPERLIQUID_WS_PATH}`,
    multiplex: true,
    trades: true,
    subscribe: (market) => [hyperliquidRequest('subscribe', bookOf(market)), hyperliquidRequest('subscribe', tradesOf(market))],
    unsubscribe: (market) => [hyperliquidRequest('unsubscribe', bookOf(market)), hyperliquidRequest('unsubscribe', tradesOf(market))],
    resubscribe: (market) => [hyperliquidRequest('unsubscribe', bookOf(market)), hyperliquidRequest('subscribe', bookOf(market))],
    snapshotSource: 'stream',
    parse: parseHyperliquidFrame,
    depth: HYPERLIQUID_BOOK_LEVELS,
    onlyPartial: HYPERLIQUID_PARTIAL_REASON,
    keepalive: { everyMs: KEEPALIVE_MS, text: JSON.stringify({ method: 'ping' }) },
  };
}

/** Hyperliquid's perpetuals (coin `BTC`, USDC-margined; sizes in the coin). */
export const hyperliquid = hyperliquidFeed('hyperliquid', 'perpetual', 'Hyperliquid');
/** Hyperliquid's spot pairs (coin `@<pair index>`, or `PURR/USDC` for the first pair; sizes in the base token). */
export const hyperliquidSpot = hyperliquidFeed('hyperliquid-spot', 'spot', 'Hyperliquid spot');
