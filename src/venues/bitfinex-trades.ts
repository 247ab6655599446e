import type { RawTrade } from '../trades/types';
import { integer } from './json';
import { decimalText } from './number-text';
import { byTradeId, oldestFirst, tradePrice, tradeSize } from './trade-fields';
import type { Market } from './types';

/** The trades channel's subscribe request (https://docs.bitfinex.com/reference/ws-public-trades). */
export function tradesRequest(market: Market): string {
  return JSON.stringify({ event: 'subscribe', channel: 'trades', symbol: market.symbol });
}

/**
 * One trade on a trading pair, `[ID, MTS, AMOUNT, PRICE]`: "How much was bought (positive) or sold (negative)", the
 * sign set by "the order that causes the trade", so the taker's side. Sizes are in the base (perpetuals too: Bitfinex
 * derivatives amounts are base units). No `seq`: ids are numbered across all pairs, so a jump says nothing.
 */
export function readBitfinexTrade(entry: unknown): RawTrade {
  if (!Array.isArray(entry) || entry.length < 4) throw new Error('a trade is not [ID, MTS, AMOUNT, PRICE]');
  const [id, mts, amount, price] = entry as unknown[];
  if (typeof amount !== 'number' || typeof price !== 'number') throw new Error('a trade whose AMOUNT or PRICE is not a number');
  return {
    id: String(integer(id, 'ID')),
    time: integer(mts, 'MTS'),
    price: tradePrice(decimalText(price), 'PRICE'),
    size: tradeSize(decimalText(Math.abs(amount)), 'AMOUNT'),
    side: amount > 0 ? 'buy' : 'sell',
  };
}

/** A trades snapshot: the pair's latest trades, newest first as the docs list them, returned oldest first. */
export function readBitfinexTradeSnapshot(entries: readonly unknown[]): RawTrade[] {
  return oldestFirst(entries.map(readBitfinexTrade), byTradeId);
}
