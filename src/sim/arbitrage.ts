import type { OrderBook } from '../book/orderbook';
import type { PriceBounds } from './market';

/** Another venue's book for the same asset and market kind, and what one unit of its quote currency is worth in dollars. */
export interface Peer {
  readonly book: OrderBook;
  readonly quoteUsd: number;
}

/**
 * Where a market quoted in a currency worth `quoteUsd` dollars may put its levels so that, once every book is in
 * one currency, none of its bids reaches another's best ask and none of its asks another's best bid: an
 * arbitrageur would take such a level at once. Stablecoins do not trade at par, so the comparison is made at
 * their true rates, not one to one.
 */
export function arbitrageBounds(quoteUsd: number, peers: readonly Peer[]): PriceBounds {
  let below = Infinity;
  let above = -Infinity;
  for (const peer of peers) {
    const scale = peer.quoteUsd / quoteUsd;
    const ask = peer.book.asks.priceAt(0);
    const bid = peer.book.bids.priceAt(0);
    if (ask !== undefined) below = Math.min(below, ask * scale);
    if (bid !== undefined) above = Math.max(above, bid * scale);
  }
  return { ...(below < Infinity ? { below } : {}), ...(above > -Infinity ? { above } : {}) };
}
