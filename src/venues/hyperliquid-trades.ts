import type { RawTrade, TradeSide } from '../trades/types';
import { integer, objectOf } from './json';
import { bySymbol, oldestFirst, tradePrice, tradeSize } from './trade-fields';
import type { VenueMessage } from './types';

/** The subscription and channel of a coin's public trades ("API / Websocket / Subscriptions": `trades`). */
export const HYPERLIQUID_TRADES = 'trades';

/** "Side of trade or book: B = Bid = Buy, A = Ask = Short. Side is aggressing side for trades." (API / Notation) */
function side(value: unknown): TradeSide {
  if (value === 'B') return 'buy';
  if (value === 'A') return 'sell';
  throw new Error(`side ${String(value)} is neither B nor A`);
}

/**
 * One `WsTrade`. Its `tid` "is 50-bit hash of (buyer_oid, seller_oid). For a globally unique trade id, use
 * (block_time, coin, tid)": the coin is the session's market, so the id is the time and the tid. No `seq`: a hash
 * counts nothing. `sz` is "in units of coin, i.e. base currency" (API / Notation), spot and perpetual alike.
 */
function readTrade(entry: unknown): RawTrade & { readonly symbol: string } {
  const d = objectOf(entry, 'trade');
  if (typeof d.coin !== 'string' || d.coin === '') throw new Error('trade coin is not a string');
  const time = integer(d.time, 'time');
  return { symbol: d.coin, id: `${time}-${integer(d.tid, 'tid')}`, time, price: tradePrice(d.px, 'px'), size: tradeSize(d.sz, 'sz'), side: side(d.side) };
}

/** A `trades` push (`WsTrade[]`) as one message per coin it names, each coin's trades oldest first. */
export function readHyperliquidTrades(data: unknown): VenueMessage[] {
  if (!Array.isArray(data)) throw new Error('trades data is not a list');
  return [...bySymbol(data.map(readTrade))].map(([symbol, trades]): VenueMessage => ({ type: 'trades', symbol, trades: oldestFirst(trades) }));
}
