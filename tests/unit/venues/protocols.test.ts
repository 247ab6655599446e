import { describe, expect, it } from 'vitest';
import { PROTOCOLS } from '../../../src/venues';
import { FEED_IDS, FEEDS } from '../../../src/venues/types';
import { testMarket } from '../../helpers/markets';

describe('every feed has its protocol', () => {
  it("named by the feed's id, on the feed's venue and of its kind", () => {
    expect(Object.keys(PROTOCOLS).sort()).toEqual([...FEED_IDS].sort());
    for (const feed of FEED_IDS) expect(PROTOCOLS[feed], feed).toMatchObject({ id: feed, venue: FEEDS[feed].venue, kind: FEEDS[feed].kind });
  });

  it('whose markets share a socket wherever its URL names no market, leaving it by frames of its own', () => {
    for (const feed of FEED_IDS) {
      const protocol = PROTOCOLS[feed];
      // Bitfinex numbers its channels per connection and unsubscribes only by that number: a socket per market.
      if (protocol.connectionParser) {
        expect(protocol.multiplex, feed).toBeUndefined();
        continue;
      }
      const [btc, eth] = [testMarket(feed, 'BTC'), testMarket(feed, 'ETH', { contractSize: 1 })];
      expect(protocol.multiplex, feed).toBe(true);
      expect(protocol.streamUrl(btc, protocol.endpoints), feed).toBe(protocol.streamUrl(eth, protocol.endpoints));
      expect(protocol.unsubscribe!(btc).length, feed).toBeGreaterThan(0);
    }
  });
});
