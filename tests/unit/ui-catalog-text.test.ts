import { describe, expect, it } from 'vitest';
import { catalogKey, catalogSummary, feedCatalogText } from '../../src/ui/catalog-text';
import type { CatalogState } from '../../src/worker/api';

const NOW = Date.UTC(2026, 11, 1, 18, 0, 0);
const MIN = 60_000;
const HOUR = 60 * MIN;

describe("the instrument catalog's age", () => {
  it('says where one feed’s list came from, how old it is, and why a better source was not used', () => {
    expect(feedCatalogText({ feed: 'okx', source: 'live', fetchedAt: NOW - 2 * MIN }, NOW)).toBe('live, 2 min ago');
    expect(feedCatalogText({ feed: 'okx', source: 'build', fetchedAt: NOW - 14 * HOUR, note: 'live request refused (CORS)' }, NOW)).toBe(
      'site build, 14 h ago (live request refused (CORS))',
    );
    expect(feedCatalogText({ feed: 'kraken', source: 'built-in' }, NOW)).toBe('built-in list');
  });

  it('sums up every feed by source, best first, with the oldest list of each and how many feeds it serves', () => {
    const all: CatalogState = {
      feeds: [
        { feed: 'binance', source: 'live', fetchedAt: NOW - 2 * MIN },
        { feed: 'okx', source: 'live', fetchedAt: NOW - 1 * MIN },
      ],
    };
    expect(catalogSummary(all, NOW)).toBe('live 2 min ago');
    const mixed: CatalogState = {
      feeds: [
        { feed: 'binance', source: 'live', fetchedAt: NOW - 2 * MIN },
        { feed: 'asterdex', source: 'built-in' },
        { feed: 'kraken', source: 'build', fetchedAt: NOW - 14 * HOUR },
        { feed: 'okx', source: 'live', fetchedAt: NOW - 1 * MIN },
      ],
    };
    expect(catalogSummary(mixed, NOW)).toBe('live 2 min ago (2 of 4 feeds) · site build 14 h ago (1 of 4 feeds) · built-in list (1 of 4 feeds)');
  });

  it('changes its key when any feed’s list is replaced, and only then', () => {
    const a: CatalogState = { feeds: [{ feed: 'okx', source: 'built-in' }] };
    const b: CatalogState = { feeds: [{ feed: 'okx', source: 'live', fetchedAt: NOW }] };
    expect(catalogKey(a)).toBe(catalogKey({ feeds: [{ feed: 'okx', source: 'built-in' }] }));
    expect(catalogKey(a)).not.toBe(catalogKey(b));
    expect(catalogKey(undefined)).toBe('');
  });
});
