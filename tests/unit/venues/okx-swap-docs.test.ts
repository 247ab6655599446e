import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FeedSession } from '../../../src/feed/session';
import { okx } from '../../../src/venues/okx';
import { okxSwap } from '../../../src/venues/okx-swap';
import { okxSwapTop } from '../../../src/venues/okx-top';
import { topOf } from '../../helpers/books';
import { testMarket } from '../../helpers/markets';
import { shapeDifferences } from '../../helpers/shape';

/**
 * OKX's documented examples (tests/fixtures/okx/docs, pages in tests/fixtures/okx/SOURCE.md) as the SWAP feed reads
 * them. The order book channel page serves every instrument type; its `books5` example is a swap's (BCH-USDT-SWAP,
 * sizes in contracts: "number of contracts for derivatives"), its `books` examples a spot pair's.
 */
function doc(name: string): string {
  return readFileSync(new URL(`../../fixtures/okx/docs/${name}.json`, import.meta.url), 'utf8');
}

const market = testMarket('okx-swap');

describe('OKX SWAP requests', () => {
  it("is the venue's perpetual feed, on spot's public socket and REST host", () => {
    expect(okxSwap).toMatchObject({ id: 'okx-swap', venue: 'okx', kind: 'perpetual', multiplex: true, depth: 400, endpoints: okx.endpoints });
    expect(okxSwap.streamUrl(market, okxSwap.endpoints)).toBe(okx.streamUrl(testMarket('okx'), okx.endpoints));
  });

  it('subscribes to and leaves the books and trades channels of its instId, like the documented requests', () => {
    const [subscribe] = okxSwap.subscribe(market).map((t) => JSON.parse(t) as Record<string, unknown>);
    expect(shapeDifferences(subscribe, JSON.parse(doc('ws-subscribe')), ['id'])).toEqual([]);
    expect(shapeDifferences(subscribe, JSON.parse(doc('ws-trades-subscribe')), ['id'])).toEqual([]);
    const channels = [
      { channel: 'books', instId: 'BTC-USDT-SWAP' },
      { channel: 'trades', instId: 'BTC-USDT-SWAP' },
    ];
    expect(subscribe).toEqual({ op: 'subscribe', args: channels });
    expect(okxSwap.unsubscribe!(market).map((t) => JSON.parse(t))).toEqual([{ op: 'unsubscribe', args: channels }]);
  });

  it("asks GET /api/v5/market/books for the swap's 400 levels", () => {
    expect(okxSwap.snapshotRequest!(market, okxSwap.endpoints, 'rest')).toEqual({
      type: 'fetch',
      url: 'https://openapi.okx.com/api/v5/market/books?instId=BTC-USDT-SWAP&sz=400',
    });
  });
});

describe('OKX SWAP books from the documented messages', () => {
  it("keeps the books5 swap example's sizes as OKX sends them, in contracts", () => {
    // The session keeps the venue's sizes whatever a contract stands for (converting them is the market's job).
    const session = new FeedSession(okxSwapTop, testMarket('okx-swap', 'BCH', { contractSize: 1 }));
    session.open();
    session.frame(doc('ws-books5'), 1);
    expect(session.state).toBe('live');
    expect(topOf(session.book, 2)).toEqual({
      bids: [
        [111.05, 57745],
        [111.04, 57109],
      ],
      asks: [
        [111.06, 55154],
        [111.07, 53276],
      ],
    });
  });

  it("reads the books pushes with spot's parser and leaves another instrument's out on the shared socket", () => {
    for (const name of ['ws-books-snapshot', 'ws-books-update']) expect(okxSwap.parse(doc(name))).toEqual(okx.parse(doc(name)));
    const session = new FeedSession(okxSwap, market);
    session.open();
    session.frame(doc('ws-books-snapshot'), 1);
    session.frame(doc('ws-books-update'), 2);
    expect(session.stats).toMatchObject({ foreign: 2, snapshots: 0, updates: 0, resyncs: 0 });
    expect(session.book.bids.length + session.book.asks.length).toBe(0);
  });
});
