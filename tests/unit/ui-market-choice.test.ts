import { describe, expect, it } from 'vitest';
import { VENUE_FEEDS, feedsOfKinds, listingFeeds, unavailableReason } from '../../src/ui/market-choice';
import { FEED_IDS, VENUE_IDS } from '../../src/venues/types';
import type { CatalogEntry } from '../../src/worker/api';

const BASES: CatalogEntry[] = [
  { base: 'BTC', feeds: [...FEED_IDS] },
  { base: 'PEPE', feeds: ['binance', 'okx', 'okx-swap'] },
];

describe('which markets the pair and kinds leave open', () => {
  it('groups every feed under its venue, spot first', () => {
    expect(VENUE_FEEDS.map((g) => g.venue)).toEqual([...VENUE_IDS]);
    expect(VENUE_FEEDS.flatMap((g) => g.feeds).sort()).toEqual([...FEED_IDS].sort());
    expect(VENUE_FEEDS.find((g) => g.venue === 'okx')?.feeds).toEqual(['okx', 'okx-swap']);
    expect(VENUE_FEEDS.find((g) => g.venue === 'asterdex')?.feeds).toEqual(['asterdex']);
  });

  it('greys out a feed that does not list the base, saying so', () => {
    const listed = listingFeeds(BASES, 'PEPE');
    expect(unavailableReason('okx-swap', 'PEPE', ['spot', 'perpetual'], listed)).toBeUndefined();
    expect(unavailableReason('kraken', 'PEPE', ['spot', 'perpetual'], listed)).toBe('no PEPE spot market');
    expect(unavailableReason('bybit-linear', 'PEPE', ['spot', 'perpetual'], listed)).toBe('no PEPE perpetual');
  });

  it('greys out a feed of a kind not shown', () => {
    expect(unavailableReason('okx-swap', 'BTC', ['spot'], listingFeeds(BASES, 'BTC'))).toBe('perpetuals not shown');
    expect(unavailableReason('okx', 'BTC', ['perpetual'], listingFeeds(BASES, 'BTC'))).toBe('spot not shown');
  });

  it('greys out nothing for want of a catalog, and everything for a base no venue lists', () => {
    expect(listingFeeds(undefined, 'BTC')).toBeUndefined();
    expect(unavailableReason('kraken', 'PEPE', ['spot'], undefined)).toBeUndefined();
    expect(listingFeeds(BASES, 'NOPE')?.size).toBe(0);
  });

  it('has a chip for every feed of the kinds shown', () => {
    expect(feedsOfKinds(['perpetual'])).toEqual([
      'binance-usdm',
      'bingx-swap',
      'okx-swap',
      'bybit-linear',
      'asterdex',
      'bitget-futures',
      'gate-futures',
      'bitfinex-perp',
      'deribit',
      'cryptocom-perp',
      'hyperliquid',
    ]);
    expect(feedsOfKinds(['spot', 'perpetual'])).toEqual([...FEED_IDS]);
  });
});
