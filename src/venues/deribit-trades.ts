import type { RawTrade } from '../trades/types';
import { integer, objectOf } from './json';
import { numberText } from './deribit-numbers';
import { takerSide, tradePrice, tradeSize } from './trade-fields';
import type { VenueMessage } from './types';

/** Numbers trades by `trade_seq`: "The sequence number of the trade within instrument", so one by one per market. */
type NumberedTrade = RawTrade & { readonly seq: number };

/**
 * One trade of a `trades.<instrument>.<interval>` notification. `amount` is in the book's size unit (USD on
 * perpetuals and inverse futures, the base coin on spot and linear futures), `trade_id` "Unique (per currency)".
 */
function readTrade(entry: unknown): NumberedTrade {
  const d = objectOf(entry, 'trade');
  if (typeof d.trade_id !== 'string' || d.trade_id === '') throw new Error('trade_id is not a string');
  return {
    id: d.trade_id,
    seq: integer(d.trade_seq, 'trade_seq'),
    time: integer(d.timestamp, 'timestamp'),
    price: tradePrice(numberText(d.price, 'price'), 'price'),
    size: tradeSize(numberText(d.amount, 'amount'), 'amount'),
    // `direction` ("Direction: `buy`, or `sell`") is the direction of the order that took liquidity: a buy lifted an ask.
    side: takerSide(d.direction, 'direction'),
  };
}

/** A trades notification of `symbol` as one message, oldest first by number; a notification without trades says nothing. */
export function readDeribitTrades(symbol: string, data: unknown): VenueMessage[] {
  if (!Array.isArray(data)) throw new Error('trades notification without a list of trades');
  if (data.length === 0) return [];
  const trades = data.map(readTrade).sort((a, b) => a.seq - b.seq);
  return [{ type: 'trades', symbol, time: trades[trades.length - 1]!.time, trades }];
}
