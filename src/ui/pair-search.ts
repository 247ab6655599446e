/** The pair picker's search over the catalog's bases: what typing "pepe" finds, and where each base trades. */
import type { CatalogEntry } from '../worker/api';
import { FEEDS, type FeedId } from '../venues/types';

/** A base the search found, with the feeds that list it split by market kind. */
export interface PairMatch {
  readonly base: string;
  readonly spot: readonly FeedId[];
  readonly perpetual: readonly FeedId[];
}

export function pairMatch(entry: CatalogEntry): PairMatch {
  return {
    base: entry.base,
    spot: entry.feeds.filter((f) => FEEDS[f].kind === 'spot'),
    perpetual: entry.feeds.filter((f) => FEEDS[f].kind === 'perpetual'),
  };
}

/**
 * The bases matching `query`, at most `limit`: the exact name first, then names that start with it, then names
 * that contain it, each group in the catalog's order (most-listed first). Case and surrounding spaces do not
 * matter; an empty query lists the most-listed bases.
 */
export function searchBases(entries: readonly CatalogEntry[], query: string, limit = 50): PairMatch[] {
  const q = query.trim().toUpperCase();
  if (!q) return entries.slice(0, limit).map(pairMatch);
  const exact: CatalogEntry[] = [];
  const prefix: CatalogEntry[] = [];
  const inside: CatalogEntry[] = [];
  for (const entry of entries) {
    if (entry.base === q) exact.push(entry);
    else if (entry.base.startsWith(q)) prefix.push(entry);
    else if (entry.base.includes(q)) inside.push(entry);
  }
  return [...exact, ...prefix, ...inside].slice(0, limit).map(pairMatch);
}

/** How many bases match `query` in all, for "12 more: keep typing". */
export function countMatches(entries: readonly CatalogEntry[], query: string): number {
  const q = query.trim().toUpperCase();
  return q ? entries.filter((e) => e.base.includes(q)).length : entries.length;
}
