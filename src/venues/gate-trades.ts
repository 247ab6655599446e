import type { RawTrade, TradeSide } from '../trades/types';
import { integer, objectOf } from './json';
import { byTradeId, bySymbol, oldestFirst, takerSide, tradePrice, tradeSize } from './trade-fields';
import type { VenueMessage } from './types';

/** A trade's time in ms: spot sends "1606292218213.4578" ("Precision higher than ms will be appended as decimal points"). */
function milliseconds(value: unknown, field: string): number {
  const ms = typeof value === 'string' && /^\d+(\.\d+)?$/.test(value) ? Math.floor(Number(value)) : value;
  return integer(ms, field);
}

/**
 * One `spot.trades` update: a single trade in `result`. `id_market` is "One market Trade ID (Continuous Growth within a
 * Single Market ID)", so it numbers the market's trades one by one and a jump in it is trades missed.
 */
export function readGateSpotTrade(result: unknown): VenueMessage[] {
  const d = objectOf(result, 'spot.trades result');
  if (typeof d.currency_pair !== 'string' || d.currency_pair === '') throw new Error('currency_pair is not a name');
  const seq = integer(d.id_market, 'id_market');
  const trade: RawTrade = {
    id: String(integer(d.id, 'id')),
    seq,
    time: milliseconds(d.create_time_ms, 'create_time_ms'),
    price: tradePrice(d.price, 'price'),
    size: tradeSize(d.amount, 'amount'),
    // The taker's: "Only the taker side in notified" (Spot WebSocket v4, Public Trades Channel).
    side: takerSide(d.side, 'side'),
  };
  return [{ type: 'trades', symbol: d.currency_pair, time: trade.time, trades: [trade] }];
}

/**
 * A futures trade's `size`: contracts, "Positive size means taker is buyer，negative seller" (Futures WebSocket v4,
 * Trades notification). An integer in the docs' example; contracts that trade in fractions (`enable_decimal`) may
 * come as decimal text, read the same way.
 */
function signedContracts(value: unknown): { size: number; side: TradeSide } {
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
  if (typeof text !== 'string' || !/^-?\d+(\.\d+)?$/.test(text)) throw new Error('size is not a number of contracts');
  const negative = text.startsWith('-');
  return { size: tradeSize(negative ? text.slice(1) : text, 'size'), side: negative ? 'sell' : 'buy' };
}

/**
 * One `futures.trades` update: a list of trades, possibly of several contracts. Trades marked `is_internal` are left
 * out: they are "the takeover of liquidation orders by the insurance fund and ADL users ... not a normal matching on
 * the market depth", so they took nothing from the book and their price may stray from it. Futures ids carry no
 * promise of running one by one per contract, so they are ids only, not a `seq`.
 */
export function readGateFuturesTrades(result: unknown): VenueMessage[] {
  if (!Array.isArray(result)) throw new Error('futures.trades result is not a list');
  const trades: (RawTrade & { symbol: string })[] = [];
  for (const entry of result) {
    const d = objectOf(entry, 'futures.trades entry');
    if (d.is_internal === true) continue;
    if (typeof d.contract !== 'string' || d.contract === '') throw new Error('contract is not a name');
    trades.push({ symbol: d.contract, id: String(integer(d.id, 'id')), time: integer(d.create_time_ms, 'create_time_ms'), price: tradePrice(d.price, 'price'), ...signedContracts(d.size) });
  }
  return [...bySymbol<RawTrade>(trades)].map(([symbol, list]) => {
    const sorted = oldestFirst(list, byTradeId);
    return { type: 'trades', symbol, time: sorted[sorted.length - 1]!.time, trades: sorted };
  });
}
