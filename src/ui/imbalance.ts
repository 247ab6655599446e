/** Imbalance as the screen shows it: the bid side's share of the depth near mid, and bid less ask over their sum. */
import type { DepthPair } from '../liquidity/types';

/** The bids' share of the size within the band, 0 … 1; undefined when neither side has any. */
export function bidShare(pair: DepthPair | undefined): number | undefined {
  if (!pair) return undefined;
  const total = pair.bid + pair.ask;
  return total > 0 ? pair.bid / total : undefined;
}

/** (bid − ask) / (bid + ask), −1 … 1: above zero more size waits to buy than to sell. */
export function imbalanceOf(pair: DepthPair | undefined): number | undefined {
  const share = bidShare(pair);
  return share === undefined ? undefined : 2 * share - 1;
}
