import type { Market } from '../venues/types';

/** What a size in a market's own unit is read by: its contract size, and whether it counts the quote (inverse). */
export type ContractUnits = Pick<Market, 'contractSize' | 'inverse'>;

/**
 * Base units of `size` (in the market's own size unit) at `price` (in its quote): `size × contractSize`, or for an
 * inverse market, whose sizes count quote units (Deribit BTC-PERPETUAL: USD), `size × contractSize / price`.
 */
export function baseUnits(market: ContractUnits, size: number, price: number): number {
  return market.inverse ? (size * market.contractSize) / price : size * market.contractSize;
}

/** The market's own size for `base` units at `price`: the inverse of `baseUnits`. */
export function marketUnits(market: ContractUnits, base: number, price: number): number {
  return market.inverse ? (base * price) / market.contractSize : base / market.contractSize;
}
