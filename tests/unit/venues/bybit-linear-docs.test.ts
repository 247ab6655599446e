import { describe, expect, it } from 'vitest';
import { FeedSession } from '../../../src/feed/session';
import { bybit } from '../../../src/venues/bybit';
import { bybitLinear } from '../../../src/venues/bybit-linear';
import { topOf } from '../../helpers/books';
import { documented } from '../../helpers/documented';
import { testMarket } from '../../helpers/markets';

/**
 * Bybit's documented examples (tests/fixtures/bybit/docs/SOURCE.md) as the linear socket sends them: the orderbook
 * page's snapshot and delta are the linear `orderbook.50.BTCUSDT` topic's, and the connect page prints the linear
 * socket's subscription answer and pong.
 */
const doc = (file: string): string => documented('bybit', file);
const market = testMarket('bybit-linear');

describe('Bybit linear documented messages, read by the adapter', () => {
  it('the snapshot and delta as spot reads them: one message format for every category', () => {
    for (const file of ['snapshot.json', 'delta.json']) expect(bybitLinear.parse(doc(file))).toEqual(bybit.parse(doc(file)));
    expect(bybitLinear.parse(doc('snapshot.json'))[0]).toMatchObject({ type: 'snapshot', symbol: 'BTCUSDT', last: 18521288 });
  });

  it("the linear socket's subscription answer and pong", () => {
    expect(bybitLinear.parse(doc('subscribe-response-linear.json'))).toEqual([{ type: 'info', text: 'subscribe confirmed' }]);
    expect(bybitLinear.parse(doc('pong-linear.json'))).toEqual([{ type: 'pong' }]);
  });
});

describe('Bybit linear socket and topic', () => {
  it("is the venue's perpetual feed on the documented linear socket, its markets sharing it", () => {
    expect(bybitLinear).toMatchObject({ id: 'bybit-linear', venue: 'bybit', kind: 'perpetual', multiplex: true, snapshotSource: 'stream', depth: 1000 });
    expect(bybitLinear.streamUrl(market, bybitLinear.endpoints)).toBe('wss://stream.bybit.com/v5/public/linear');
  });

  it('subscribes to the deepest linear topic (1000 levels, 200 ms) and the trades, leaves them, and pings every 20 s', () => {
    expect(bybitLinear.subscribe(market).map((t) => JSON.parse(t))).toEqual([{ op: 'subscribe', args: ['orderbook.1000.BTCUSDT', 'publicTrade.BTCUSDT'] }]);
    expect(bybitLinear.unsubscribe!(market).map((t) => JSON.parse(t))).toEqual([{ op: 'unsubscribe', args: ['orderbook.1000.BTCUSDT', 'publicTrade.BTCUSDT'] }]);
    expect(bybitLinear.keepalive).toEqual({ everyMs: 20_000, text: '{"op":"ping"}' });
  });
});

describe('Bybit linear book from the documented messages', () => {
  it('is the documented snapshot; the documented delta, whose u does not follow it, asks for a fresh one in place', () => {
    const session = new FeedSession(bybitLinear, market);
    session.open();
    session.frame(doc('subscribe-response-linear.json'), 1);
    session.frame(doc('snapshot.json'), 2);
    expect(session.state).toBe('live');
    expect(topOf(session.book, 5)).toEqual({
      bids: [
        [16493.5, 0.006],
        [16493, 0.1],
      ],
      asks: [
        [16611, 0.029],
        [16612, 0.213],
      ],
    });
    expect(session.frame(doc('delta.json'), 3).map((e) => (e.type === 'send' ? JSON.parse(e.text) : e))).toEqual([
      { op: 'unsubscribe', args: ['orderbook.1000.BTCUSDT'] },
      { op: 'subscribe', args: ['orderbook.1000.BTCUSDT'] },
    ]);
    expect(session.stats).toMatchObject({ gaps: 1, resyncs: 1 });
  });
});
