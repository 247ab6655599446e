import type { OrderBook } from '../book/orderbook';
import type { Quote } from '../venues/types';
import type { PriceBounds } from './market';

/**
 * How far apart books in different quote currencies stay, as a share of the price: an arbitrage across currencies
 * pays for a conversion, and nobody knows a rate to better than the stablecoin book it is read from (the app
 * reads Kraken's USDT/USD and USDC/USD mids). USDT/USD moves by 0.1 bp a tick; USDC/USD by 1 bp, so its mid sits up
 * to half a tick off the rate, a tick when its spread opens for a step. Between two stablecoins both errors add up.
 * Books in the same currency may touch.
 */
const CONVERSION_MARGIN: Readonly<Record<Quote, number>> = { USD: 0, USDT: 0.4e-4, USDC: 1e-4 };

/** Another venue's book for the same asset and market kind, and what one unit of its quote currency is worth in dollars. */
export interface Peer {
  readonly book: OrderBook;
  readonly quote: Quote;
  readonly quoteUsd: number;
}

/**
 * Where a market quoted in `quote`, worth `quoteUsd` dollars, may put its levels so that, once every book is in
 * one currency, none of its bids reaches another's best ask and none of its asks another's best bid (by the
 * conversion margin, across currencies): an arbitrageur would take such a level at once. Stablecoins do not trade
 * at par, so the comparison is made at their true rates, not one to one.
 */
export function arbitrageBounds(quote: Quote, quoteUsd: number, peers: readonly Peer[]): PriceBounds {
  let below = Infinity;
  let above = -Infinity;
  for (const peer of peers) {
    const margin = peer.quote === quote ? 0 : CONVERSION_MARGIN[quote] + CONVERSION_MARGIN[peer.quote];
    const scale = peer.quoteUsd / quoteUsd;
    const ask = peer.book.asks.priceAt(0);
    const bid = peer.book.bids.priceAt(0);
    if (ask !== undefined) below = Math.min(below, ask * scale * (1 - margin));
    if (bid !== undefined) above = Math.max(above, bid * scale * (1 + margin));
  }
  return { ...(below < Infinity ? { below } : {}), ...(above > -Infinity ? { above } : {}) };
}
