import type { RawTrade, TradeSide } from '../trades/types';
import { integer, objectOf } from './json';
import { byTradeId, oldestFirst, tradePrice, tradeSize } from './trade-fields';
import type { Market, VenueMessage } from './types';

/** Crypto.com's channel of a market's public trades (`trade.{instrument_name}`), on the book's socket. */
export function tradeChannel(market: Market): string {
  return `trade.${market.symbol}`;
}

/** `s`: "Side (`BUY` or `SELL`). Side is the side of the taker order" (changelog 2024-02-12): the aggressor. */
function side(value: unknown): TradeSide {
  if (value === 'BUY') return 'buy';
  if (value === 'SELL') return 'sell';
  throw new Error(`s ${String(value)} is neither BUY nor SELL`);
}

/**
 * One entry of a `trade` push: `d` the trade id ("string of number"), `t` its time, `p` and `q` price and quantity
 * (the base asset, on spot and perpetuals alike). No `seq`: the docs do not say a market's ids run one by one.
 */
function readTrade(entry: unknown): RawTrade {
  const d = objectOf(entry, 'trade data');
  if (typeof d.d !== 'string' || d.d === '') throw new Error('d is not a string');
  return { id: d.d, time: integer(d.t, 't'), price: tradePrice(d.p, 'p'), size: tradeSize(d.q, 'q'), side: side(d.s) };
}

/**
 * A `trade` push of `symbol` as one message, its trades oldest first. The subscription "always returns a snapshot of
 * the last 50 trades" first, the answer to our request (it carries the request's id, the docs' example 1); every
 * later push carries id -1. The snapshot's trades are history, so only a later push gives the message a time.
 */
export function readCryptocomTrades(symbol: string | undefined, data: readonly unknown[], requestId: unknown): VenueMessage[] {
  if (data.length === 0) return [];
  const trades = oldestFirst(data.map(readTrade), byTradeId);
  const time = requestId === -1 ? trades[trades.length - 1]!.time : undefined;
  return [{ type: 'trades', symbol, trades, ...(time === undefined ? {} : { time }) }];
}
