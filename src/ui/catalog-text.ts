/**
 * How old the instrument catalog is, in words: per feed ("live, 2 min ago", "site build, 14 h ago", "built-in
 * list") and for all feeds at once ("live 2 min ago · built-in list (2 of 11 feeds)").
 */
import type { CatalogSource } from '../catalog/types';
import type { CatalogState } from '../worker/api';
import { formatDuration } from './format';

type FeedCatalogState = CatalogState['feeds'][number];

const SOURCE_NAME: Record<CatalogSource, string> = { live: 'live', build: 'site build', 'built-in': 'built-in list' };
const SOURCE_ORDER: readonly CatalogSource[] = ['live', 'build', 'built-in'];

function ago(fetchedAt: number | undefined, now: number): string | undefined {
  return fetchedAt === undefined ? undefined : `${formatDuration(now - fetchedAt)} ago`;
}

/** One feed's list: where it came from and how old it is, then why a better source was not used. */
export function feedCatalogText(f: FeedCatalogState, now: number): string {
  const age = ago(f.fetchedAt, now);
  const text = age ? `${SOURCE_NAME[f.source]}, ${age}` : SOURCE_NAME[f.source];
  return f.note ? `${text} (${f.note})` : text;
}

/**
 * Every feed's list at once, by source, best source first; each source with the age of its oldest list and, where
 * the feeds' lists came from more than one source, how many feeds it serves.
 */
export function catalogSummary(state: CatalogState, now: number): string {
  const total = state.feeds.length;
  const parts: string[] = [];
  for (const source of SOURCE_ORDER) {
    const feeds = state.feeds.filter((f) => f.source === source);
    if (!feeds.length) continue;
    const times = feeds.flatMap((f) => (f.fetchedAt === undefined ? [] : [f.fetchedAt]));
    const age = ago(times.length ? Math.min(...times) : undefined, now);
    const count = feeds.length < total ? ` (${feeds.length} of ${total} feeds)` : '';
    parts.push(`${SOURCE_NAME[source]}${age ? ` ${age}` : ''}${count}`);
  }
  return parts.join(' · ');
}

/** A signature that changes when any feed's list is replaced: the picker then asks for the bases again. */
export function catalogKey(state: CatalogState | undefined): string {
  return state?.feeds.map((f) => `${f.feed}:${f.source}:${f.fetchedAt ?? ''}`).join(',') ?? '';
}
