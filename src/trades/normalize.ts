import { baseUnits } from '../market/contract-units';
import type { FeedId, Market } from '../venues/types';
import type { ReceivedTrade, TapeTrade, Trade } from './types';

/** What a trade's units are read by: its market's quote and contract size (its name, where the frame gave none). */
export type TradeUnits = Pick<Market, 'quote' | 'contractSize' | 'inverse'> & { readonly symbol?: string };

/**
 * A received trade in the app's terms: its market named, its size in base units (contracts times their size, over
 * the trade's price for an inverse contract).
 */
export function tradeOf(feed: FeedId, market: TradeUnits, received: ReceivedTrade): Trade {
  return {
    feed,
    symbol: received.symbol ?? market.symbol ?? '',
    id: received.id,
    seq: received.seq,
    time: received.time,
    receivedAt: received.receivedAt,
    price: received.price,
    quote: market.quote,
    size: baseUnits(market, received.size, received.price),
    side: received.side,
  };
}

/** A trade as the tape lists it: its price in the display currency at `rate` (display units per quote unit). */
export function tapeTradeOf(trade: Trade, rate: number): TapeTrade {
  return {
    feed: trade.feed,
    id: trade.id,
    time: trade.time,
    price: trade.price * rate,
    rawPrice: trade.price,
    quote: trade.quote,
    size: trade.size,
    side: trade.side,
  };
}
