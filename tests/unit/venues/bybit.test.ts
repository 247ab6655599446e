import { describe, expect, it } from 'vitest';
import { FeedSession } from '../../../src/feed/session';
import { Replayer } from '../../../src/feed/replay';
import { formatRecordedEvent } from '../../../src/feed/recording';
import { SimExchange } from '../../../src/sim/exchange';
import { bybitSim } from '../../../src/sim/venues/bybit';
import { recordSimulatedFeed } from '../../../src/sim/record-feed';
import { bybit, parseBybitFrame } from '../../../src/venues/bybit';
import { consecutiveIds } from '../../../src/venues/sequence';
import { topOf } from '../../helpers/books';
import { documented } from '../../helpers/documented';
import { replayedSession, testMarket } from '../../helpers/markets';

// Documented examples: tests/fixtures/bybit/docs (SOURCE.md); bybit-docs.test.ts checks the adapter reads them.
const DOC_PONG_PUBLIC = documented('bybit', 'pong-spot.json');
const DOC_SUBSCRIBED_SPOT = documented('bybit', 'subscribe-response-spot.json');
// Bybit documents no refusal; this one follows the shape of its answers.
const REFUSED = '{"success":false,"ret_msg":"Invalid symbol :[NOTACOINUSDT]","conn_id":"c1","req_id":"","op":"subscribe"}';

/** A push on the BTCUSDT 1000-level topic in the documented shape. */
function push(type: 'snapshot' | 'delta', u: number, b: [string, string][], a: [string, string][]): string {
  return JSON.stringify({ topic: 'orderbook.1000.BTCUSDT', ts: 1_700_000_000_000 + u, type, data: { s: 'BTCUSDT', b, a, u, seq: u * 10 }, cts: 1_700_000_000_000 + u });
}

function liveSession(): FeedSession {
  const session = new FeedSession(bybit, testMarket('bybit'));
  session.open();
  session.frame(DOC_SUBSCRIBED_SPOT, 1);
  session.frame(
    push('snapshot', 500, [['100.0', '1'], ['99.5', '2']], [['100.5', '3'], ['101.0', '4']]),
    2,
  );
  return session;
}

describe('Bybit parser', () => {
  it('reads a refused subscription as an error', () => {
    expect(parseBybitFrame(REFUSED)).toEqual([{ type: 'error', message: 'subscribe refused: Invalid symbol :[NOTACOINUSDT]' }]);
  });

  it('rejects frames it does not know instead of guessing', () => {
    expect(() => parseBybitFrame('{"topic":"tickers.BTCUSDT","type":"snapshot","ts":1,"data":{}}')).toThrow(/unexpected topic/);
    expect(() => parseBybitFrame(push('delta', 1, [], []).replace('"delta"', '"partial"'))).toThrow(/unknown type partial/);
    expect(() => parseBybitFrame('{"topic":"orderbook.1000.BTCUSDT","type":"delta","ts":1,"data":{"s":"BTCUSDT","b":[],"a":[]}}')).toThrow(/u is not an integer/);
    expect(() => parseBybitFrame('{"topic":"orderbook.1000.BTCUSDT","type":"delta","ts":1,"data":{"s":"BTCUSDT","b":[["1"]],"a":[],"u":2}}')).toThrow(/not \[price, size\]/);
    expect(() => parseBybitFrame('{"hello":"world"}')).toThrow(/unknown message/);
    expect(() => parseBybitFrame('[]')).toThrow();
  });
});

describe('Bybit protocol', () => {
  it('subscribes to the deepest spot topic and the trades on the v5 public spot socket and pings every 20 s', () => {
    const market = testMarket('bybit', 'ETH');
    expect(bybit.streamUrl(market, bybit.endpoints)).toBe('wss://stream.bybit.com/v5/public/spot');
    expect(bybit.subscribe(market).map((t) => JSON.parse(t))).toEqual([{ op: 'subscribe', args: ['orderbook.1000.ETHUSDT', 'publicTrade.ETHUSDT'] }]);
    expect(bybit.resubscribe!(market).map((t) => JSON.parse(t))).toEqual([
      { op: 'unsubscribe', args: ['orderbook.1000.ETHUSDT'] },
      { op: 'subscribe', args: ['orderbook.1000.ETHUSDT'] },
    ]);
    expect(bybit.unsubscribe!(market).map((t) => JSON.parse(t))).toEqual([{ op: 'unsubscribe', args: ['orderbook.1000.ETHUSDT', 'publicTrade.ETHUSDT'] }]);
    expect(bybit.depth).toBe(1000);
    expect(bybit.keepalive).toEqual({ everyMs: 20_000, text: '{"op":"ping"}' });
  });

  it('applies only the delta whose u follows the last one', () => {
    expect(consecutiveIds(500, { last: 501 })).toBe('apply');
    expect(consecutiveIds(500, { last: 502 })).toBe('gap');
    expect(consecutiveIds(500, { last: 500 })).toBe('backwards');
    expect(consecutiveIds(500, { last: 1 })).toBe('backwards');
    expect(consecutiveIds(undefined, { last: 501 })).toBe('gap');
  });
});

describe('Bybit through a feed session', () => {
  it('builds the book from a snapshot and consecutive deltas', () => {
    const s = liveSession();
    s.frame(push('delta', 501, [['100.0', '0'], ['99.8', '5']], [['100.5', '2.5']]), 3);
    s.frame(push('delta', 502, [], [['100.2', '1']]), 4);
    expect(s.stats).toMatchObject({ snapshots: 1, updates: 2, gaps: 0, errors: 0 });
    expect(topOf(s.book, 5)).toEqual({
      bids: [
        [99.8, 5],
        [99.5, 2],
      ],
      asks: [
        [100.2, 1],
        [100.5, 2.5],
        [101, 4],
      ],
    });
  });

  it('counts a jump in u as a gap and resubscribes on the same socket for a fresh snapshot', () => {
    const s = liveSession();
    const effects = s.frame(push('delta', 502, [['99.9', '1']], []), 3);
    expect(s.stats).toMatchObject({ gaps: 1, resyncs: 1, updates: 0 });
    expect(s.state).toBe('syncing');
    expect(effects.map((e) => (e.type === 'send' ? JSON.parse(e.text) : e))).toEqual([
      { op: 'unsubscribe', args: ['orderbook.1000.BTCUSDT'] },
      { op: 'subscribe', args: ['orderbook.1000.BTCUSDT'] },
    ]);
    s.frame(push('delta', 503, [['99.7', '1']], []), 4);
    expect(s.stats.skipped).toBe(1);
    s.frame(push('snapshot', 503, [['99.0', '1']], [['101.5', '1']]), 5);
    expect(s.state).toBe('live');
    expect(topOf(s.book, 5)).toEqual({ bids: [[99, 1]], asks: [[101.5, 1]] });
  });

  it('takes a u = 1 snapshot after a restart on Bybit\'s side as the new start', () => {
    const s = liveSession();
    s.frame(push('snapshot', 1, [['98.0', '7']], [['102.0', '8']]), 3);
    s.frame(push('delta', 2, [['98.5', '1']], []), 4);
    expect(s.stats).toMatchObject({ snapshots: 2, updates: 1, gaps: 0, resyncs: 0 });
    expect(topOf(s.book, 5)).toEqual({
      bids: [
        [98.5, 1],
        [98, 7],
      ],
      asks: [[102, 8]],
    });
  });

  it('counts malformed frames, unknown messages and refused subscriptions, and resyncs after the unreadable ones', () => {
    const s = liveSession();
    const resubscribe = s.frame('{"topic":"orderbook.1000.BTCUSDT","type":', 3);
    expect(resubscribe.map((e) => (e.type === 'send' ? JSON.parse(e.text).op : e.type))).toEqual(['unsubscribe', 'subscribe']);
    expect(s.state).toBe('syncing');
    expect(() => s.frame('{"topic":"tickers.BTCUSDT","type":"snapshot","ts":1,"data":{}}', 4)).not.toThrow();
    expect(() => s.frame(REFUSED, 5)).not.toThrow();
    expect(s.stats.errors).toBe(3);
    expect(s.stats.lastError).toBe('Bybit says: subscribe refused: Invalid symbol :[NOTACOINUSDT]');
    expect(s.stats).toMatchObject({ malformed: 2, resyncs: 2, resyncReasons: { malformed: 2 } });
    s.frame(DOC_PONG_PUBLIC, 6);
    expect(s.stats.errors).toBe(3);
  });
});

describe('Bybit simulator', () => {
  it('answers a ping with the documented public pong and refuses an unknown market; serves the linear socket beside spot', () => {
    const exchange = new SimExchange([bybitSim], 3);
    const sent: string[] = [];
    const conn = exchange.connect('bybit', '/v5/public/spot', (t) => sent.push(t))!;
    conn.receive('{"req_id":"100001","op":"ping"}', 1);
    conn.receive('{"op":"subscribe","args":["orderbook.1000.NOTACOINUSDT"]}', 2);
    expect(sent.map(parseBybitFrame)).toEqual([[{ type: 'pong' }], [{ type: 'error', message: expect.stringContaining('NOTACOINUSDT') }]]);
    expect(exchange.connect('bybit', '/v5/public/linear', () => {})).toBeDefined();
    expect(exchange.connect('bybit', '/v5/public/option', () => {})).toBeUndefined();
  });

  it('detects a withheld push, resyncs in place and ends equal to the venue book, also on replay', async () => {
    const exchange = new SimExchange([bybitSim], 7);
    const { events, session } = await recordSimulatedFeed({
      exchange,
      feed: 'bybit',
      base: 'SOL',
      steps: 300,
      faults: new Map([
        [100, 'skip-sequence'],
        [200, 'malformed'],
      ]),
    });
    const truth = exchange.market('bybit', 'SOLUSDT')!;
    expect(session.stats).toMatchObject({ snapshots: 3, gaps: 1, malformed: 1, resyncs: 2, resyncReasons: { gap: 1, malformed: 1 }, errors: 1 });
    expect(events.filter((e) => e.kind === 'close')).toHaveLength(0);
    expect(topOf(session.book, 50)).toEqual(topOf(truth.book, 50));

    const r = new Replayer();
    for (const e of events) await r.line(formatRecordedEvent(e));
    const replayed = replayedSession(r, 'bybit');
    expect(replayed.stats).toMatchObject({ snapshots: 3, gaps: 1, malformed: 1, resyncs: 2, resyncReasons: { gap: 1, malformed: 1 }, errors: 1 });
    expect(topOf(replayed.book, 50)).toEqual(topOf(truth.book, 50));
  });

  it('serves a shallower topic as deltas of its top levels only', () => {
    const exchange = new SimExchange([bybitSim], 5);
    const sent: string[] = [];
    const conn = exchange.connect('bybit', '/v5/public/spot', (t) => sent.push(t))!;
    // No truncation on the client: only the venue's removals can keep this book at 50 levels.
    const session = new FeedSession({ ...bybit, depth: undefined }, testMarket('bybit'));
    conn.receive('{"op":"subscribe","args":["orderbook.50.BTCUSDT"]}', 0);
    for (let i = 1; i <= 200; i++) exchange.tick(i * 100, ['bybit']);
    for (const text of sent) session.frame(text, 0);
    expect(session.stats).toMatchObject({ snapshots: 1, gaps: 0, errors: 0 });
    expect(session.stats.updates).toBeGreaterThan(100);
    expect(topOf(session.book, 50)).toEqual(topOf(exchange.market('bybit', 'BTCUSDT')!.book, 50));
    expect(session.book.bids.length).toBe(50);
  });
});
