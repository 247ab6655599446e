/**
 * Which feeds (a venue's spot or perpetual market) the chosen pair and kinds leave open, and why a feed is not:
 * the market toggles grey a feed out with that reason, and the chips show only the feeds that can be on.
 */
import { FEEDS, FEED_IDS, VENUE_IDS, type FeedId, type MarketKind, type VenueId } from '../venues/types';
import type { CatalogEntry } from '../worker/api';

/** Each venue with its feeds, in canonical order: the toggles' groups. */
export const VENUE_FEEDS: readonly { readonly venue: VenueId; readonly feeds: readonly FeedId[] }[] = VENUE_IDS.map((venue) => ({
  venue,
  feeds: FEED_IDS.filter((f) => FEEDS[f].venue === venue),
}));

/** The feeds that list `base`; undefined while the catalog is not known (nothing is greyed out for want of it). */
export function listingFeeds(bases: readonly CatalogEntry[] | undefined, base: string): ReadonlySet<FeedId> | undefined {
  if (!bases) return undefined;
  return new Set(bases.find((e) => e.base === base)?.feeds ?? []);
}

/**
 * Why `feed` cannot be on for this pair and these kinds ("perpetuals not shown", "no PEPE perpetual"), or
 * undefined when it can.
 */
export function unavailableReason(feed: FeedId, base: string, kinds: readonly MarketKind[], listed: ReadonlySet<FeedId> | undefined): string | undefined {
  const { kind } = FEEDS[feed];
  if (!kinds.includes(kind)) return kind === 'spot' ? 'spot not shown' : 'perpetuals not shown';
  if (listed && !listed.has(feed)) return kind === 'spot' ? `no ${base} spot market` : `no ${base} perpetual`;
  return undefined;
}

/** The feeds of the shown kinds, in canonical order: the ones a chip stands for, switched on or not. */
export function feedsOfKinds(kinds: readonly MarketKind[]): FeedId[] {
  return FEED_IDS.filter((f) => kinds.includes(FEEDS[f].kind));
}
