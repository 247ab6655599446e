import { describe, expect, it } from 'vitest';
import { feedName, feedTag, isPerpetual, partialNote } from '../../src/ui/venue-meta';
import { FEED_IDS } from '../../src/venues/types';

describe('how feeds are named on screen', () => {
  it('tells a venue’s spot and perpetual markets apart, by name and by tag', () => {
    expect(feedName('okx')).toBe('OKX');
    expect(feedName('okx-swap')).toBe('OKX SWAP');
    expect(feedTag('okx')).toBe('OKX');
    expect(feedTag('okx-swap')).toBe('OKX-P');
    expect(feedTag('asterdex')).toBe('AST-P');
    expect(new Set(FEED_IDS.map(feedName)).size).toBe(FEED_IDS.length);
    expect(new Set(FEED_IDS.map(feedTag)).size).toBe(FEED_IDS.length);
    expect(FEED_IDS.filter(isPerpetual)).toEqual(['binance-usdm', 'bingx-swap', 'okx-swap', 'bybit-linear', 'asterdex', 'bitget-futures', 'gate-futures', 'bitfinex-perp', 'deribit', 'cryptocom-perp', 'hyperliquid']);
  });

  it('names the feeds whose books are partial in the note beside the ladder', () => {
    expect(partialNote([])).toBeUndefined();
    expect(partialNote([{ feed: 'binance-usdm', depth: 20 }, { feed: 'okx-swap', depth: 5 }])).toBe(
      'Cut short, not sequence-verified: Binance USD-M at its top 20, OKX SWAP at its top 5 levels a side. Size beyond those levels is unknown there, not absent.',
    );
  });
});
