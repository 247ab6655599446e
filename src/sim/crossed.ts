import type { RawLevel } from '../book/levels';
import type { SimMarket } from './market';

/**
 * The level the 'crossed' fault adds to one update: a bid at the market's best ask, with that ask's size. It is
 * sent once and never enters the market's book (the truth), so a client that trusts it holds a bid at its best
 * ask: a crossed book, which no real venue's book can be. Undefined when the market has no ask to cross.
 */
export function crossingBid(market: SimMarket): RawLevel | undefined {
  return market.snapshot(1).asks[0];
}
