import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FeedSession } from '../../../src/feed/session';
import { SimExchange } from '../../../src/sim/exchange';
import { gateFuturesSim, gateSim } from '../../../src/sim/venues/gate';
import { recordSimulatedFeed } from '../../../src/sim/record-feed';
import { gate, gateSequence } from '../../../src/venues/gate';
import { gateFutures } from '../../../src/venues/gate-futures';
import type { Market } from '../../../src/venues/types';
import { topOf } from '../../helpers/books';
import { expectFaultRoundTrip } from '../../helpers/fault-round-trip';
import { documented } from '../../helpers/documented';

// Documented examples: tests/fixtures/gate/docs (SOURCE.md); gate-docs.test.ts checks the adapter reads them.
const DOC_SUBSCRIBED = documented('gate', 'spot-obu-subscribe.json');
const DOC_PONG = documented('gate', 'spot-pong.json');
const DOC_REFUSED = documented('gate', 'spot-obu-subscribe-error.json');

const SPOT: Market = { venue: 'gate', feed: 'gate', base: 'BTC', quote: 'USDT', symbol: 'BTC_USDT', kind: 'spot', contractSize: 1 };
const FUTURES: Market = { ...SPOT, feed: 'gate-futures', kind: 'perpetual', contractSize: 0.0001 };

/** A V2 push on ob.BTC_USDT.400 in the documented shape: full with u alone, or an update from U to u. */
function push(ids: { full: number } | { U: number; u: number }, b: [string, string][], a: [string, string][]): string {
  const head = 'full' in ids ? { full: true, u: ids.full } : ids;
  return JSON.stringify({ channel: 'spot.obu', result: { t: 1_747_054_612_673, ...head, s: 'ob.BTC_USDT.400', b, a }, time_ms: 1_747_054_612_848 });
}

function liveSession(): FeedSession {
  const session = new FeedSession(gate, SPOT);
  session.open();
  session.frame(DOC_SUBSCRIBED, 1);
  session.frame(push({ full: 500 }, [['100.0', '1'], ['99.5', '2']], [['100.5', '3'], ['101.0', '4']]), 2);
  return session;
}

const parsedSends = (effects: ReturnType<FeedSession['frame']>): unknown[] => effects.map((e) => (e.type === 'send' ? withoutTime(e.text) : e));

/** A request without its `time`, which is the moment it is made. */
function withoutTime(text: string): Record<string, unknown> {
  const { time, ...rest } = JSON.parse(text) as Record<string, unknown>;
  expect(typeof time).toBe('number');
  return rest;
}

describe('Gate V2 sync rule', () => {
  it('applies an update whose U is the local id + 1, whatever its u', () => {
    expect(gateSequence(500, { first: 501, last: 501 })).toBe('apply');
    expect(gateSequence(500, { first: 501, last: 544 })).toBe('apply');
  });

  it('calls anything else not continuous: a later U a gap, an update the book already holds backwards', () => {
    expect(gateSequence(500, { first: 502, last: 510 })).toBe('gap');
    expect(gateSequence(500, { first: 495, last: 510 })).toBe('gap');
    expect(gateSequence(500, { first: 490, last: 500 })).toBe('backwards');
    expect(gateSequence(undefined, { first: 501, last: 501 })).toBe('gap');
  });

  it('over any run of pushes, applies exactly those that start right after the last one applied', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e9 }), fc.integer({ min: -5, max: 5 }), fc.integer({ min: 0, max: 50 }), (last, shift, span) => {
        const first = last + 1 + shift;
        const verdict = gateSequence(last, { first, last: first + span });
        expect(verdict === 'apply').toBe(shift === 0);
      }),
    );
  });
});

describe('Gate protocol', () => {
  it('subscribes the 400-level V2 book and the trades on the spot socket, and resubscribes the book alone', () => {
    expect(gate.streamUrl(SPOT, gate.endpoints)).toBe('wss://api.gateio.ws/ws/v4/');
    expect(gate.subscribe(SPOT).map(withoutTime)).toEqual([
      { channel: 'spot.obu', event: 'subscribe', payload: ['ob.BTC_USDT.400'] },
      { channel: 'spot.trades', event: 'subscribe', payload: ['BTC_USDT'] },
    ]);
    expect(gate.unsubscribe!(SPOT).map(withoutTime)).toEqual([
      { channel: 'spot.obu', event: 'unsubscribe', payload: ['ob.BTC_USDT.400'] },
      { channel: 'spot.trades', event: 'unsubscribe', payload: ['BTC_USDT'] },
    ]);
    expect(gate.resubscribe!(SPOT).map(withoutTime)).toEqual([
      { channel: 'spot.obu', event: 'unsubscribe', payload: ['ob.BTC_USDT.400'] },
      { channel: 'spot.obu', event: 'subscribe', payload: ['ob.BTC_USDT.400'] },
    ]);
    expect({ depth: gate.depth, multiplex: gate.multiplex, trades: gate.trades, snapshotSource: gate.snapshotSource }).toEqual({ depth: 400, multiplex: true, trades: true, snapshotSource: 'stream' });
    expect(gate.keepalive!.everyMs).toBe(10_000);
    expect(withoutTime(gate.keepalive!.text)).toEqual({ channel: 'spot.ping' });
  });

  it('stamps each request with the time it is made, in seconds', () => {
    const before = Math.floor(Date.now() / 1000);
    const { time } = JSON.parse(gate.subscribe(SPOT)[0]!) as { time: number };
    expect(time).toBeGreaterThanOrEqual(before);
    expect(time).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
  });

  it('speaks the same channels as futures.* on the USDT futures socket', () => {
    expect(gateFutures.streamUrl(FUTURES, gateFutures.endpoints)).toBe('wss://fx-ws.gateio.ws/v4/ws/usdt');
    expect(gateFutures.subscribe(FUTURES).map(withoutTime)).toEqual([
      { channel: 'futures.obu', event: 'subscribe', payload: ['ob.BTC_USDT.400'] },
      { channel: 'futures.trades', event: 'subscribe', payload: ['BTC_USDT'] },
    ]);
    expect(withoutTime(gateFutures.keepalive!.text)).toEqual({ channel: 'futures.ping' });
  });

  it('refuses frames it cannot read instead of guessing', () => {
    expect(() => gate.parse('{"channel":"spot.obu","result":{"s":"ob.BTC_USDT.400","U":1,"b":[],"a":[]}}')).toThrow(/u is not an integer/);
    expect(() => gate.parse('{"channel":"spot.obu","result":{"full":"yes","s":"ob.BTC_USDT.400","u":1}}')).toThrow(/full is not a boolean/);
    expect(() => gate.parse('{"channel":"spot.obu","result":{"u":1,"U":1}}')).toThrow(/names no ob/);
    expect(() => gate.parse('{"channel":"spot.obu","result":{"s":"ob.BTC_USDT.400","U":1,"u":2,"b":[["1"]]}}')).toThrow(/not \[price, size\]/);
    expect(() => gate.parse('{"channel":"spot.tickers","event":"update","result":{}}')).toThrow(/unexpected spot.tickers/);
    expect(() => gate.parse('{"hello":"world"}')).toThrow(/names no channel/);
    expect(() => gate.parse('[]')).toThrow();
  });
});

describe('Gate through a feed session', () => {
  it('builds the book from the full push and continuous updates', () => {
    const s = liveSession();
    s.frame(push({ U: 501, u: 503 }, [['100.0', '0'], ['99.8', '5']], [['100.5', '2.5']]), 3);
    s.frame(push({ U: 504, u: 504 }, [], [['100.2', '1']]), 4);
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

  it('on a gap, unsubscribes and subscribes the book again, as the rule says, and takes the new full push', () => {
    const s = liveSession();
    const effects = s.frame(push({ U: 502, u: 510 }, [['99.9', '1']], []), 3);
    expect(s.stats).toMatchObject({ gaps: 1, resyncs: 1, updates: 0 });
    expect(s.state).toBe('syncing');
    expect(parsedSends(effects)).toEqual([
      { channel: 'spot.obu', event: 'unsubscribe', payload: ['ob.BTC_USDT.400'] },
      { channel: 'spot.obu', event: 'subscribe', payload: ['ob.BTC_USDT.400'] },
    ]);
    s.frame(push({ U: 511, u: 512 }, [['99.7', '1']], []), 4);
    expect(s.stats.skipped).toBe(1);
    s.frame(push({ full: 530 }, [['99.0', '1']], [['101.5', '1']]), 5);
    s.frame(push({ U: 531, u: 531 }, [['99.1', '2']], []), 6);
    expect(s.state).toBe('live');
    expect(topOf(s.book, 5)).toEqual({ bids: [[99.1, 2], [99, 1]], asks: [[101.5, 1]] });
  });

  it('takes a full push the server sends again mid-stream as the new book and id', () => {
    const s = liveSession();
    s.frame(push({ full: 900 }, [['98.0', '7']], [['102.0', '8']]), 3);
    s.frame(push({ U: 901, u: 905 }, [['98.5', '1']], []), 4);
    expect(s.stats).toMatchObject({ snapshots: 2, updates: 1, gaps: 0, resyncs: 0 });
    expect(topOf(s.book, 5)).toEqual({ bids: [[98.5, 1], [98, 7]], asks: [[102, 8]] });
  });

  it('counts a malformed frame and a refused subscription, resyncs after the unreadable one, and reads the pong', () => {
    const s = liveSession();
    const effects = s.frame('{"channel":"spot.obu","result":', 3);
    expect(parsedSends(effects).map((m) => (m as { event: string }).event)).toEqual(['unsubscribe', 'subscribe']);
    s.frame(DOC_REFUSED, 4);
    expect(s.stats).toMatchObject({ errors: 2, malformed: 1, resyncs: 1 });
    expect(s.stats.lastError).toBe('Gate says: spot.obu subscribe refused: 2 Alert sub ob.BTC_USDT.400');
    s.frame(DOC_PONG, 5);
    expect(s.stats.errors).toBe(2);
  });
});

describe('Gate simulator', () => {
  it('answers pings, refuses an unknown market and a duplicate subscription, and serves only its sockets', () => {
    const exchange = new SimExchange([gateSim, gateFuturesSim], 3);
    const sent: string[] = [];
    const conn = exchange.connect('gate', '/ws/v4/', (t) => sent.push(t))!;
    conn.receive('{"time":1,"channel":"spot.ping"}', 1);
    conn.receive('{"time":1,"channel":"spot.obu","event":"subscribe","payload":["ob.NOTACOIN_USDT.400"]}', 2);
    const [book] = gate.subscribe(SPOT);
    conn.receive(book!, 3);
    conn.receive(book!, 4);
    const read = sent.map((t) => gate.parse(t));
    expect(read[0]).toEqual([{ type: 'pong' }]);
    expect(read[1]).toEqual([{ type: 'error', message: expect.stringContaining('NOTACOIN_USDT'), symbol: 'NOTACOIN_USDT' }]);
    expect(read.at(-1)).toEqual([{ type: 'error', message: 'spot.obu subscribe refused: 2 Alert sub ob.BTC_USDT.400', symbol: 'BTC_USDT' }]);
    expect(exchange.connect('gate-futures', '/v4/ws/usdt', () => {})).toBeDefined();
    expect(exchange.connect('gate', '/v4/ws/usdt', () => {})).toBeUndefined();
    expect(exchange.connect('gate-futures', '/v4/ws/btc', () => {})).toBeUndefined();
  });

  for (const [feed, protocol, base] of [
    ['gate', gate, 'SOL'],
    ['gate-futures', gateFutures, 'ETH'],
  ] as const) {
    it(`${protocol.name}: detects a withheld push and a malformed frame, resyncs in place and ends equal to the venue book, also on replay`, async () => {
      await expectFaultRoundTrip({
        exchange: new SimExchange([gateSim, gateFuturesSim], 7),
        feed,
        base,
        steps: 300,
        faults: new Map([
          [100, 'skip-sequence'],
          [200, 'malformed'],
        ]),
        expected: { snapshots: 3, gaps: 1, malformed: 1, resyncs: 2, resyncReasons: { gap: 1, malformed: 1 }, errors: 1 },
      });
    });
  }

  it('a bid planted at the best ask in one update is caught as a crossed book and resynced', async () => {
    const exchange = new SimExchange([gateSim], 11);
    const { session, played } = await recordSimulatedFeed({ exchange, feed: 'gate', base: 'BTC', steps: 100, faults: new Map([[50, 'crossed']]) });
    expect(played).toEqual(['crossed']);
    expect(session.stats).toMatchObject({ crossed: 1, resyncs: 1, resyncReasons: { crossed: 1 } });
    expect(topOf(session.book, 50)).toEqual(topOf(exchange.market('gate', 'BTC_USDT')!.book, 50));
  });

  it('has no checksum to corrupt', () => {
    const exchange = new SimExchange([gateSim], 1);
    exchange.connect('gate', '/ws/v4/', () => {});
    expect(exchange.fault('gate', 'corrupt-checksum')).toBe(false);
    expect(exchange.fault('gate', 'skip-sequence')).toBe(true);
  });
});
