import type { RawTrade } from '../trades/types';
import { integer, objectOf } from './json';
import { byTradeId, oldestFirst, takerSide, tradePrice, tradeSize } from './trade-fields';
import type { VenueMessage } from './types';

/** OKX's public channel of a market's trades ("WS / Trades channel"), on the same socket as its book. */
export const OKX_TRADES_CHANNEL = 'trades';

/**
 * One entry of a `trades` push: one taker order's fills at one price from one source, aggregated (`count` matches).
 * `sz` is in the book's unit, contracts for SWAP, as the books channel counts them. No `seq`: `tradeId` is "the last
 * trade ID in the trades aggregation", so consecutive pushes step by their `count`, and OKX does not say its ids run
 * one by one per instrument; the push's `seqId` is a message id that trades at the same time may share.
 */
function readTrade(entry: unknown): RawTrade {
  const d = objectOf(entry, 'trade data');
  if (typeof d.tradeId !== 'string' || d.tradeId === '') throw new Error('tradeId is not a string');
  // `side` is "Trade side of taker": the aggressor.
  return { id: d.tradeId, time: integer(d.ts, 'ts'), price: tradePrice(d.px, 'px'), size: tradeSize(d.sz, 'sz'), side: takerSide(d.side, 'side') };
}

/** A `trades` push of `symbol` as one message, its trades oldest first; a push without trades says nothing. */
export function readOkxTrades(symbol: string | undefined, data: readonly unknown[]): VenueMessage[] {
  if (data.length === 0) return [];
  const trades = oldestFirst(data.map(readTrade), byTradeId);
  return [{ type: 'trades', symbol, time: trades[trades.length - 1]!.time, trades }];
}
