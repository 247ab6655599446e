import { describe, expect, it } from 'vitest';
import { FeedSession } from '../../src/feed/session';
import { refusedText, refusedTotal, resyncText } from '../../src/ui/integrity';
import { binance } from '../../src/venues/binance';
import { noCounters } from '../../src/worker/status';
import { testMarket } from '../helpers/markets';
import { sessionCounters } from '../../src/worker/session-status';

describe("the venue table's integrity columns", () => {
  it('say nothing for a venue that refused nothing', () => {
    expect(refusedTotal(noCounters())).toBe(0);
    expect(refusedText(noCounters())).toBeUndefined();
    expect(resyncText({})).toBeUndefined();
  });

  it("name what a Binance session refused and why it resynced, from the session's own counters", () => {
    const s = new FeedSession(binance, testMarket('binance'));
    s.open();
    const url = 'https://api.binance.com/api/v3/depth?symbol=BTCUSDT&limit=1000';
    s.rest(url, 200, '{"lastUpdateId":10,"bids":[["100.00","1.0"]],"asks":[["101.00","1.0"]]}', 1);
    s.frame('{"e":"depthUpdate","E":1,"s":"ETHUSDT","U":11,"u":11,"b":[],"a":[]}', 2);
    s.frame('{"e":"depthUpdate","E":1,"s":"BTCUSDT","U":11,"u":11,"b":[["101.50","1.0"]],"a":[]}', 3);
    s.rest(url, 200, '{"lastUpdateId":12,"bids":[["100.00","1.0"]],"asks":[["101.00","1.0"]]}', 4);
    s.frame('{"e":"depthUpdate","U":', 5);
    const counters = sessionCounters(s);
    expect(refusedTotal(counters)).toBe(3);
    expect(refusedText(counters)).toBe('1 unreadable, 1 for another market, 1 crossed book');
    expect(resyncText(counters.resyncReasons)).toBe('crossed book 1, unreadable frame 1');
  });
});
