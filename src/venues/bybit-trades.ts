import type { RawTrade, TradeSide } from '../trades/types';
import { integer, objectOf, optionalInteger } from './json';
import { oldestFirst, tradePrice, tradeSize } from './trade-fields';
import type { Market, VenueMessage } from './types';

const TRADE_TOPIC = 'publicTrade.';

/** Bybit's topic of a market's public trades (https://bybit-exchange.github.io/docs/v5/websocket/public/trade). */
export function tradeTopic(market: Market): string {
  return `${TRADE_TOPIC}${market.symbol}`;
}

export function isTradeTopic(topic: string): boolean {
  return topic.startsWith(TRADE_TOPIC);
}

/** `S` is "Side of taker": the aggressor. */
function side(value: unknown): TradeSide {
  if (value === 'Buy') return 'buy';
  if (value === 'Sell') return 'sell';
  throw new Error(`S ${String(value)} is neither Buy nor Sell`);
}

/**
 * One trade of a `publicTrade` push. No `seq`: the trade's `seq` is the cross sequence, which "multiple messages may
 * be sent for the same", and `i` is an id, not a count (a UUID on linear, digits shared across symbols on spot).
 */
function readTrade(entry: unknown): RawTrade {
  const d = objectOf(entry, 'trade data');
  if (typeof d.i !== 'string' || d.i === '') throw new Error('i is not a string');
  return { id: d.i, time: integer(d.T, 'T'), price: tradePrice(d.p, 'p'), size: tradeSize(d.v, 'v'), side: side(d.S) };
}

/**
 * A `publicTrade.<symbol>` push (spot and linear alike) as one message, its trades oldest first: Bybit lists them
 * "sorted by the time the trade was matched in ascending order", which sorting by `T` keeps, and puts up to 1024 in
 * a push; a push without trades says nothing.
 */
export function parsePublicTrade(o: Record<string, unknown>, topic: string): VenueMessage[] {
  if (!Array.isArray(o.data)) throw new Error(`${topic} has no data list`);
  if (o.data.length === 0) return [];
  const trades = oldestFirst(o.data.map(readTrade));
  return [{ type: 'trades', symbol: topic.slice(TRADE_TOPIC.length), time: optionalInteger(o.ts, 'ts'), trades }];
}
