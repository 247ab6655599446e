import { PRICE_DIGITS, SIZE_DIGITS, decimalValue } from '../book/decimal';
import type { RawTrade, TradeSide } from '../trades/types';

/** A trade's price or size: decimal text in the books' number grammar, above zero (a trade of nothing is no trade). */
function positiveDecimal(value: unknown, field: string, maxDigits: number): number {
  const n = typeof value === 'string' ? decimalValue(value, maxDigits) : NaN;
  if (!(n > 0)) throw new Error(`${field} is not a positive decimal`);
  return n;
}

export function tradePrice(value: unknown, field: string): number {
  return positiveDecimal(value, field, PRICE_DIGITS);
}

export function tradeSize(value: unknown, field: string): number {
  return positiveDecimal(value, field, SIZE_DIGITS);
}

/**
 * Trades oldest first, whatever order a push listed them in; trades of the same millisecond keep the push's order
 * unless `tie` orders them.
 */
export function oldestFirst(trades: RawTrade[], tie: (a: RawTrade, b: RawTrade) => number = () => 0): RawTrade[] {
  return trades.sort((a, b) => a.time - b.time || tie(a, b));
}

/**
 * The aggressor from a "buyer is the maker" flag (Binance-style `m`, BingX's `m`): true means a resting bid was hit,
 * so the taker sold.
 */
export function sideOfBuyerMaker(m: unknown): TradeSide {
  if (typeof m !== 'boolean') throw new Error('m is not a boolean');
  return m ? 'sell' : 'buy';
}

/** The aggressor, where the venue names the taker's side in words (OKX and Bitget `side`, Gate `side`, Deribit `direction`). */
export function takerSide(value: unknown, field: string): TradeSide {
  if (value === 'buy' || value === 'sell') return value;
  throw new Error(`${field} ${String(value)} is neither buy nor sell`);
}

/** Orders two trades by their ids: ids of digits by value (compared as text, so none is rounded), any others as text. */
export function byTradeId(a: RawTrade, b: RawTrade): number {
  if (/^\d+$/.test(a.id) && /^\d+$/.test(b.id) && a.id.length !== b.id.length) return a.id.length - b.id.length;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** A frame's trades split by the market each names (undefined where none does), in the frame's order within each. */
export function bySymbol<T extends RawTrade>(trades: Iterable<T & { readonly symbol?: string }>): Map<string | undefined, T[]> {
  const out = new Map<string | undefined, T[]>();
  for (const { symbol, ...trade } of trades) {
    const list = out.get(symbol);
    if (list) list.push(trade as unknown as T);
    else out.set(symbol, [trade as unknown as T]);
  }
  return out;
}
