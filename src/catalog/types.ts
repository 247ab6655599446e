import type { FeedId, Market, Quote } from '../venues/types';

/**
 * Where a feed's list of markets came from, best first: fetched from the venue by this page (`live`), the catalog
 * the site was built with (`build`, refreshed daily by the Pages workflow), or the list in the code (`built-in`).
 */
export type CatalogSource = 'live' | 'build' | 'built-in';

/** One feed's markets (spot, or linear perpetuals quoted in USD, USDT or USDC), and how old the list is. */
export interface FeedCatalog {
  readonly feed: FeedId;
  readonly source: CatalogSource;
  /** When the venue was asked for this list, epoch ms; undefined for the built-in list. */
  readonly fetchedAt?: number;
  readonly markets: readonly Market[];
  /** Why a better source was not used (the live request refused, the build-time file missing), when one was tried. */
  readonly note?: string;
}

export type Catalog = Partial<Record<FeedId, FeedCatalog>>;

/** Quotes in the order a feed's market for a base is picked: the deepest books are usually in this order. */
export const QUOTE_PREFERENCE: readonly Quote[] = ['USD', 'USDT', 'USDC'];

/** A feed's market for `base`, quoted in the most liquid quote it lists; undefined when it does not list the base. */
export function marketOf(catalog: Catalog, feed: FeedId, base: string): Market | undefined {
  const markets = catalog[feed]?.markets.filter((m) => m.base === base);
  if (!markets?.length) return undefined;
  for (const quote of QUOTE_PREFERENCE) {
    const market = markets.find((m) => m.quote === quote);
    if (market) return market;
  }
  return undefined;
}

/** A feed's market for `base` in exactly `quote` (a stablecoin rate book: USDT/USD, USDC/USDT). */
export function marketIn(catalog: Catalog, feed: FeedId, base: string, quote: Quote): Market | undefined {
  return catalog[feed]?.markets.find((m) => m.base === base && m.quote === quote);
}
