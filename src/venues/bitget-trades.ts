import type { RawTrade } from '../trades/types';
import { integer, objectOf } from './json';
import { byTradeId, oldestFirst, takerSide, tradePrice, tradeSize } from './trade-fields';
import type { VenueMessage } from './types';

/**
 * Bitget's public channel of a market's trades, spot ("Trading Channel") and futures ("Public Trade Channel") alike,
 * on the same public socket as its book.
 */
export const BITGET_TRADE_CHANNEL = 'trade';

/**
 * One trade of a `trade` push: `size` in the base coin on both product lines (a USDT-M contract counts its base coin,
 * see bitget-futures.ts). No `seq`: `tradeId` is an id, and Bitget does not say its ids run one by one (the
 * futures page's own example repeats one id for two trades).
 */
function readTrade(entry: unknown): RawTrade {
  const d = objectOf(entry, 'trade data');
  if (typeof d.tradeId !== 'string' || d.tradeId === '') throw new Error('tradeId is not a string');
  // `side`, "Filled side, sell/buy", of "public trade data (taker orders)": the taker's side (spot's "Transaction
  // direction" is the same field of the same push).
  return { id: d.tradeId, time: integer(d.ts, 'ts'), price: tradePrice(d.price, 'price'), size: tradeSize(d.size, 'size'), side: takerSide(d.side, 'side') };
}

/**
 * A `trade` push of `symbol` as one message, oldest first. The first push after subscribing (`action` "snapshot")
 * holds the market's latest trades, history whose time would read as latency, so only an update's newest trade
 * time is the message's event time; a push without trades says nothing.
 */
export function readBitgetTrades(symbol: string | undefined, action: unknown, data: readonly unknown[]): VenueMessage[] {
  if (action !== 'snapshot' && action !== 'update') throw new Error(`trade push with unknown action ${String(action)}`);
  if (data.length === 0) return [];
  const trades = oldestFirst(data.map(readTrade), byTradeId);
  const time = action === 'update' ? trades[trades.length - 1]!.time : undefined;
  return [{ type: 'trades', symbol, trades, ...(time === undefined ? {} : { time }) }];
}
