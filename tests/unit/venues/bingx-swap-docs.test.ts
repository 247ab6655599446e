import { describe, expect, it } from 'vitest';
import { FeedSession } from '../../../src/feed/session';
import { bingxSwap } from '../../../src/venues/bingx-swap';
import { topOf } from '../../helpers/books';
import { documented } from '../../helpers/documented';
import { testMarket } from '../../helpers/markets';
import { shapeDifferences } from '../../helpers/shape';

/** BingX's documented swap messages (tests/fixtures/bingx/docs/SOURCE.md, `swap-*` and the swap page's push), gunzipped. */
const doc = (file: string): string => documented('bingx', file);
const docJson = (file: string): Record<string, unknown> => JSON.parse(doc(file)) as Record<string, unknown>;

/** The documented push's data: every level of it, zero sizes included. */
const PUSH = docJson('incrdepth-update-swap-page.json').data as { bids: [string, string][]; asks: [string, string][] };
const market = testMarket('bingx-swap');

describe('BingX swap documented messages, read by the adapter', () => {
  it('the incremental depth push: [price, qty] pairs, lastUpdateId and time', () => {
    expect(bingxSwap.parse(doc('incrdepth-update-swap-page.json'))).toEqual([
      { type: 'update', symbol: 'BTC-USDT', first: 393592635, last: 393592635, time: 1760002514979, bids: PUSH.bids, asks: PUSH.asks },
    ]);
  });

  it('the bare-text heartbeat Ping, answered with Pong', () => {
    expect(bingxSwap.parse(doc('swap-ping.txt'))).toEqual([{ type: 'ping', reply: 'Pong' }]);
  });

  it("both documented answers to a subscription, the channel page's and the introduction's", () => {
    expect(bingxSwap.parse(doc('swap-subscribe-ack.json'))).toEqual([{ type: 'info', text: 'request e745cd6d-d0f6-4a70-8d5a-043e4c741b40 accepted' }]);
    expect(bingxSwap.parse(doc('swap-subscribe-ack-intro.json'))).toEqual([{ type: 'info', text: 'request id1 accepted' }]);
  });
});

describe('BingX swap socket and requests', () => {
  it("is the venue's perpetual feed on the documented swap market socket, its markets sharing it", () => {
    expect(bingxSwap).toMatchObject({ id: 'bingx-swap', venue: 'bingx', kind: 'perpetual', multiplex: true, snapshotSource: 'stream' });
    expect(bingxSwap.streamUrl(market, bingxSwap.endpoints)).toBe('wss://open-api-swap.bingx.com/swap-market');
  });

  it('subscribes and unsubscribes like the documented requests, each with an id of its own', () => {
    const [subscribe] = bingxSwap.subscribe(market).map((t) => JSON.parse(t) as Record<string, unknown>);
    const [unsubscribe] = bingxSwap.unsubscribe!(market).map((t) => JSON.parse(t) as Record<string, unknown>);
    expect(shapeDifferences(subscribe, docJson('swap-subscribe.json'))).toEqual([]);
    expect(shapeDifferences(unsubscribe, docJson('swap-unsubscribe.json'))).toEqual([]);
    expect(subscribe).toMatchObject({ reqType: 'sub', dataType: 'BTC-USDT@incrDepth' });
    expect(unsubscribe).toMatchObject({ reqType: 'unsub', dataType: 'BTC-USDT@incrDepth' });
    expect(subscribe!.id).not.toBe(unsubscribe!.id);
  });

  it('cuts no depth the swap page does not give', () => {
    expect(bingxSwap.depth).toBeUndefined();
  });
});

describe('BingX swap book from the documented messages', () => {
  it("applies the documented push on the full book before it: every level it sets, none it zeroes", () => {
    const session = new FeedSession(bingxSwap, market);
    session.open();
    session.frame(doc('swap-subscribe-ack.json'), 1);
    session.frame(doc('swap-incrdepth-all-shape.json'), 2);
    session.frame(doc('incrdepth-update-swap-page.json'), 3);
    expect(session.state).toBe('live');
    expect(session.stats).toMatchObject({ snapshots: 1, updates: 1, gaps: 0, resyncs: 0 });
    const kept = (levels: [string, string][]) => levels.filter(([, size]) => Number(size) !== 0).map(([p, s]) => [Number(p), Number(s)]);
    const byPrice = (side: 'bids' | 'asks') => (a: number[], b: number[]) => (side === 'bids' ? b[0]! - a[0]! : a[0]! - b[0]!);
    expect(topOf(session.book, 100)).toEqual({ bids: kept(PUSH.bids).sort(byPrice('bids')), asks: kept(PUSH.asks).sort(byPrice('asks')) });
  });

  it('asks for a fresh full book on the same socket when a lastUpdateId is skipped', () => {
    const session = new FeedSession(bingxSwap, market);
    session.open();
    session.frame(doc('swap-incrdepth-all-shape.json'), 1);
    const skipped = JSON.stringify({ ...docJson('incrdepth-update-swap-page.json'), data: { ...PUSH, action: 'update', lastUpdateId: 393592636, time: 1760002514979 } });
    const effects = session.frame(skipped, 2);
    expect(effects.map((e) => (e.type === 'send' ? (JSON.parse(e.text) as { reqType: string }).reqType : e.type))).toEqual(['unsub', 'sub']);
    expect(session.stats).toMatchObject({ gaps: 1, resyncs: 1 });
  });
});
