import type { RateBook } from '../market/rates';
import type { Market } from '../venues/types';
import type { FeedSession } from './session';

/**
 * A stablecoin market's session as a source of rates: its mid while the book is exact and has both sides. Quotes
 * outside USD, USDT and USDC are not rate books.
 */
export function rateBookOf(market: Market, session: FeedSession, now: number, live = session.state === 'live'): RateBook {
  const base = market.base as RateBook['base'];
  const lastUpdateAt = session.stats.lastUpdateAt;
  return {
    feed: market.feed,
    symbol: market.symbol,
    base,
    quote: market.quote,
    mid: session.state === 'live' ? session.book.mid() : undefined,
    ageMs: lastUpdateAt === undefined ? undefined : Math.max(0, now - lastUpdateAt),
    live,
  };
}
