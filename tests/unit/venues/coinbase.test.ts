import { describe, expect, it } from 'vitest';
import { coinbase, parseCoinbaseFrame, rfc3339Ms } from '../../../src/venues/coinbase';
import { FeedSession } from '../../../src/feed/session';
import { Replayer } from '../../../src/feed/replay';
import { formatRecordedEvent } from '../../../src/feed/recording';
import { SimExchange } from '../../../src/sim/exchange';
import { coinbaseSim } from '../../../src/sim/venues/coinbase';
import { recordSimulatedFeed } from '../../../src/sim/record-feed';
import { topOf } from '../../helpers/books';
import { documented } from '../../helpers/documented';
import { replayedSession, testMarket } from '../../helpers/markets';

/** The level2 example of the channels page (tests/fixtures/coinbase/docs/SOURCE.md). */
const DOC_LEVEL2 = documented('coinbase', 'level2-snapshot.json');

/** An l2_data frame in the documented envelope, at a given sequence_num. */
function l2(seq: number, type: 'snapshot' | 'update', updates: [side: string, price: string, size: string][]): string {
  return JSON.stringify({
    channel: 'l2_data',
    client_id: '',
    timestamp: '2023-02-09T20:32:50.714964855Z',
    sequence_num: seq,
    events: [{ type, product_id: 'BTC-USD', updates: updates.map(([side, price_level, new_quantity]) => ({ side, event_time: '2023-02-09T20:32:50.7Z', price_level, new_quantity })) }],
  });
}

function heartbeat(seq: number): string {
  return JSON.stringify({ channel: 'heartbeats', client_id: '', timestamp: '2023-06-23T20:31:26.122969572Z', sequence_num: seq, events: [{ current_time: '2023-06-23 20:31:56 +0000 UTC', heartbeat_counter: String(seq) }] });
}

/** The `subscriptions` confirmation, in the envelope every Advanced Trade message shares. */
function subscriptions(seq: number): string {
  return JSON.stringify({ channel: 'subscriptions', client_id: '', timestamp: '2023-02-09T20:32:50.01Z', sequence_num: seq, events: [{ subscriptions: { level2: ['BTC-USD'], heartbeats: ['heartbeats'] } }] });
}

describe('Coinbase parser', () => {
  it('reads offers as asks and keeps a "0" quantity, which removes the level', () => {
    const [m] = parseCoinbaseFrame(l2(7, 'update', [['offer', '21925.01', '0'], ['bid', '21921.3', '0.5']]));
    expect(m).toMatchObject({ type: 'update', seq: 7, bids: [['21921.3', '0.5']], asks: [['21925.01', '0']] });
  });

  it('numbers only the first event of a frame, so a frame with two events is not a gap', () => {
    const frame = JSON.parse(l2(9, 'update', [['bid', '1', '1']])) as { events: unknown[] };
    frame.events.push(frame.events[0]);
    const messages = parseCoinbaseFrame(JSON.stringify(frame));
    expect(messages.map((m) => ('seq' in m ? m.seq : undefined))).toEqual([9, undefined]);
  });

  it('maps the subscriptions confirmation to info and the error message to error', () => {
    expect(parseCoinbaseFrame(subscriptions(1))).toEqual([{ type: 'info', text: 'subscribed level2: BTC-USD; heartbeats: heartbeats', seq: 1 }]);
    expect(parseCoinbaseFrame('{"type":"error","message":"failure to subscribe"}')).toEqual([{ type: 'error', message: 'failure to subscribe' }]);
  });

  it('reports a channel it never asked for, keeping its sequence number', () => {
    const frame = '{"channel":"ticker","timestamp":"2023-02-09T20:30:37.167359596Z","sequence_num":4,"events":[]}';
    expect(parseCoinbaseFrame(frame)).toEqual([
      { type: 'info', text: 'ticker', seq: 4 },
      { type: 'error', message: 'unknown channel ticker' },
    ]);
  });

  it('rejects a frame it cannot read instead of guessing', () => {
    expect(() => parseCoinbaseFrame(l2(1, 'update', [['buy', '1', '1']]))).toThrow(/side buy/);
    expect(() => parseCoinbaseFrame(DOC_LEVEL2.replace('"snapshot"', '"partial"'))).toThrow(/unknown type partial/);
    expect(() => parseCoinbaseFrame(DOC_LEVEL2.replace('"price_level"', '"price"'))).toThrow(/price_level/);
    expect(() => parseCoinbaseFrame(DOC_LEVEL2.replace('"sequence_num": 0', '"sequence_num": "x"'))).toThrow(/sequence_num/);
    expect(() => parseCoinbaseFrame('{"events":[]}')).toThrow(/channel/);
    expect(() => parseCoinbaseFrame('<html>')).toThrow();
  });

  it('reads RFC 3339 times with nanoseconds and offsets', () => {
    expect(rfc3339Ms('2023-02-09T20:32:50.714964855Z', 't')).toBe(Date.UTC(2023, 1, 9, 20, 32, 50, 714));
    expect(rfc3339Ms('2023-02-09T21:32:50.7+01:00', 't')).toBe(Date.UTC(2023, 1, 9, 20, 32, 50, 700));
    expect(rfc3339Ms('1970-01-01T00:00:00Z', 't')).toBe(0);
    expect(() => rfc3339Ms('2023-06-23 20:31:56.121961769 +0000 UTC', 't')).toThrow(/RFC 3339/);
  });
});

describe('Coinbase markets and subscriptions', () => {
  it('opens the root of the market-data host and subscribes to level2, market_trades and heartbeats, one channel a message', () => {
    const market = testMarket('coinbase', 'ETH');
    expect(coinbase.streamUrl(market, coinbase.endpoints)).toBe('wss://advanced-trade-ws.coinbase.com');
    expect(coinbase.trades).toBe(true);
    expect(coinbase.subscribe(market).map((t) => JSON.parse(t) as unknown)).toEqual([
      { type: 'subscribe', product_ids: ['ETH-USD'], channel: 'level2' },
      { type: 'subscribe', product_ids: ['ETH-USD'], channel: 'market_trades' },
      { type: 'subscribe', product_ids: ['ETH-USD'], channel: 'heartbeats' },
    ]);
    // A market leaves level2 and market_trades alone: the heartbeats keep the socket's other markets open.
    expect(coinbase.unsubscribe!(market).map((t) => JSON.parse(t) as unknown)).toEqual([
      { type: 'unsubscribe', product_ids: ['ETH-USD'], channel: 'level2' },
      { type: 'unsubscribe', product_ids: ['ETH-USD'], channel: 'market_trades' },
    ]);
    expect(coinbase.snapshotSource).toBe('stream');
    expect(coinbase.resubscribe).toBeUndefined();
    expect(coinbase.checksum).toBeUndefined();
  });
});

describe('Coinbase sequence_num through the feed session', () => {
  const open = (): FeedSession => {
    const s = new FeedSession(coinbase, testMarket('coinbase'));
    s.open();
    return s;
  };

  it('applies messages numbered one by one across snapshot, confirmation, heartbeat and update', () => {
    const s = open();
    for (const [i, frame] of [
      l2(0, 'snapshot', [['bid', '100.00', '1'], ['offer', '101.00', '2']]),
      subscriptions(1),
      heartbeat(2),
      l2(3, 'update', [['bid', '100.50', '3'], ['offer', '101.00', '0']]),
    ].entries()) {
      expect(s.frame(frame, 1000 + i)).toEqual([]);
    }
    expect(s.stats).toMatchObject({ snapshots: 1, updates: 1, gaps: 0, resyncs: 0, errors: 0 });
    expect(topOf(s.book, 5)).toEqual({ bids: [[100.5, 3], [100, 1]], asks: [] });
  });

  it('treats a jump, even one a lost heartbeat made, as a gap: drops the book and reconnects', () => {
    const s = open();
    s.frame(l2(0, 'snapshot', [['bid', '100.00', '1'], ['offer', '101.00', '2']]), 1);
    s.frame(subscriptions(1), 2);
    const effects = s.frame(l2(3, 'update', [['bid', '100.50', '3']]), 3);
    expect(effects).toEqual([{ type: 'reconnect', reason: 'gap: message 3 after 1' }]);
    expect(s.stats).toMatchObject({ gaps: 1, resyncs: 1, updates: 0 });
    expect(s.book.empty).toBe(true);
    expect(s.state).toBe('syncing');
  });

  it('starts counting again on a new connection', () => {
    const s = open();
    s.frame(l2(0, 'snapshot', [['bid', '100.00', '1']]), 1);
    s.frame(l2(1, 'update', [['bid', '100.00', '2']]), 2);
    s.close();
    s.open();
    s.frame(l2(0, 'snapshot', [['bid', '99.00', '1']]), 3);
    s.frame(l2(1, 'update', [['offer', '100.00', '4']]), 4);
    expect(s.stats).toMatchObject({ snapshots: 2, updates: 2, gaps: 0 });
    expect(topOf(s.book, 5)).toEqual({ bids: [[99, 1]], asks: [[100, 4]] });
  });

  it('counts a malformed frame, an unknown message and a refused subscription, and never throws', () => {
    const s = open();
    s.frame(l2(0, 'snapshot', [['bid', '100.00', '1']]), 1);
    // Coinbase promises no fresh snapshot on the same socket: an unreadable frame, maybe an update, reconnects.
    expect(s.frame('{"channel":"l2_data","sequence_num":', 2)).toEqual([{ type: 'reconnect', reason: expect.stringMatching(/^malformed frame/) }]);
    expect(s.state).toBe('syncing');
    expect(s.frame('{"something":"else"}', 3)).toEqual([{ type: 'reconnect', reason: expect.stringMatching(/without a channel/) }]);
    expect(s.frame('{"type":"error","message":"failure to subscribe"}', 4)).toEqual([]);
    expect(s.stats).toMatchObject({ errors: 3, malformed: 2, gaps: 0, snapshots: 1, resyncReasons: { malformed: 2 } });
    expect(s.stats.lastError).toBe('Coinbase says: failure to subscribe');
  });
});

describe('Coinbase simulator', () => {
  it('detects a withheld message as a gap, reconnects and ends equal to the venue book', async () => {
    const exchange = new SimExchange([coinbaseSim], 7);
    const { events, session, played } = await recordSimulatedFeed({
      exchange,
      feed: 'coinbase',
      base: 'ETH',
      steps: 300,
      faults: new Map([
        [100, 'skip-sequence'],
        [150, 'corrupt-checksum'],
        [200, 'malformed'],
      ]),
    });
    expect(played).toEqual(['skip-sequence', 'malformed']);
    const truth = exchange.market('coinbase', 'ETH-USD')!;
    expect(session.stats).toMatchObject({ snapshots: 3, gaps: 1, malformed: 1, resyncs: 2, resyncReasons: { gap: 1, malformed: 1 }, errors: 1 });
    expect(topOf(session.book, 50)).toEqual(topOf(truth.book, 50));
    expect(events.filter((e) => e.kind === 'ws' && 'data' in e && e.data.includes('"channel":"heartbeats"')).length).toBeGreaterThan(20);

    const r = new Replayer();
    for (const e of events) await r.line(formatRecordedEvent(e));
    const replayed = replayedSession(r, 'coinbase');
    expect(replayed.stats).toMatchObject({ snapshots: 3, gaps: 1, malformed: 1, resyncs: 2, resyncReasons: { gap: 1, malformed: 1 }, errors: 1 });
    expect(topOf(replayed.book, 50)).toEqual(topOf(truth.book, 50));
  });

  it('refuses a product it does not list with the error message', () => {
    const exchange = new SimExchange([coinbaseSim], 1);
    const sent: string[] = [];
    const conn = exchange.connect('coinbase', '/', (t) => sent.push(t))!;
    expect(exchange.connect('coinbase', '/ws', () => {})).toBeUndefined();
    conn.receive('{"type":"subscribe","product_ids":["ADA-USD"],"channel":"level2"}', 0);
    expect(sent.map(parseCoinbaseFrame)).toEqual([[{ type: 'error', message: 'failure to subscribe: unknown product ADA-USD' }]]);
  });
});
