import type { FeedId } from '../venues/types';
import { SIM_LISTINGS } from './listings';
import type { SimMarketSpec } from './market';

/** The simulated book behind a feed's market for `base` (its first listed quote). */
export function simSpec(feed: FeedId, base: string): SimMarketSpec {
  const listing = SIM_LISTINGS[feed].find((l) => l.market.base === base);
  if (!listing) throw new Error(`the simulated ${feed} lists no ${base}`);
  return listing.spec;
}
