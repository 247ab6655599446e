import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { crc32Signed } from '../../../src/book/crc32';
import { FeedSession } from '../../../src/feed/session';
import { SimExchange } from '../../../src/sim/exchange';
import { bitgetSim } from '../../../src/sim/venues/bitget';
import { BITGET_DEPTH, bitget, bitgetSequence, parseBitgetFrame } from '../../../src/venues/bitget';
import { bitgetFutures } from '../../../src/venues/bitget-futures';
import { okxChecksumText } from '../../../src/venues/okx';
import type { Effect, FeedId, VenueProtocol } from '../../../src/venues/types';
import { topOf } from '../../helpers/books';
import { testMarket } from '../../helpers/markets';

type Level = [string, string];

/** A `books` push of BTCUSDT on `instType`'s product line, in the shape of the documented push. */
function push(action: 'snapshot' | 'update', seq: number, pseq: number, bids: Level[], asks: Level[], extra: object = {}, instType = 'SPOT'): string {
  const data = { asks, bids, seq, pseq, ts: String(1_700_000_000_000 + seq), ...extra };
  return JSON.stringify({ action, arg: { instType, channel: 'books', instId: 'BTCUSDT' }, data: [data], ts: 1_700_000_000_000 + seq });
}

const SNAPSHOT_BIDS: Level[] = [
  ['100.0', '1'],
  ['99.5', '2'],
];
const SNAPSHOT_ASKS: Level[] = [
  ['100.5', '3'],
  ['101.0', '4'],
];

function liveSession(protocol: VenueProtocol = bitget, instType = 'SPOT'): FeedSession {
  const session = new FeedSession(protocol, testMarket(protocol.id));
  session.open();
  session.frame(JSON.stringify({ event: 'subscribe', arg: { instType, channel: 'books', instId: 'BTCUSDT' } }), 1);
  session.frame(push('snapshot', 500, 0, SNAPSHOT_BIDS, SNAPSHOT_ASKS, {}, instType), 2);
  return session;
}

const sent = (effects: Effect[]): unknown[] => effects.map((e) => (e.type === 'send' ? JSON.parse(e.text) : e));

describe('Bitget sequence rule (pseq names the seq of the push before)', () => {
  it('applies the update whose pseq is the last seq, the snapshot\'s for the first', () => {
    expect(bitgetSequence(500, { prev: 500, last: 507 })).toBe('apply');
    expect(bitgetSequence(500, { prev: 499, last: 507 })).toBe('gap');
    expect(bitgetSequence(500, { prev: 503, last: 507 })).toBe('gap');
  });

  it('reads a repeated or reset serial number as going back, and a reset to pseq 0 as a break in the chain', () => {
    expect(bitgetSequence(500, { prev: 400, last: 500 })).toBe('backwards');
    expect(bitgetSequence(500, { prev: 0, last: 3 })).toBe('backwards');
    expect(bitgetSequence(500, { prev: 0, last: 900 })).toBe('gap');
  });

  it('applies a push without the chain only on a checksum, which the session verifies', () => {
    expect(bitgetSequence(500, { last: 501, checksum: 12345 })).toBe('apply');
    expect(bitgetSequence(undefined, { prev: 500, last: 501, checksum: 12345 })).toBe('apply');
    expect(bitgetSequence(undefined, { prev: 500, last: 501 })).toBe('gap');
  });

  it('chains the frames a probe captured on the wire: the first update\'s pseq is the snapshot\'s seq, then each the one before', () => {
    const lines = readFileSync(new URL('../../fixtures/bitget/captured/books-mavusdt.jsonl', import.meta.url), 'utf8').trim().split('\n');
    const session = new FeedSession(bitgetFutures, testMarket('bitget-futures', 'MAV'));
    session.open();
    lines.forEach((line, k) => session.frame(line, k + 1));
    expect(session.stats).toMatchObject({ snapshots: 1, updates: 2, gaps: 0, resyncs: 0, errors: 0, checksums: { verified: 0, failed: 0 } });
    expect(session.state).toBe('live');
    expect(topOf(session.book, 1)).toEqual({ bids: [[0.01038, 4311.15]], asks: [[0.01039, 4499.23]] });
  });
});

describe('Bitget checksum ("Calculate Checksum", Depth Channel, spot and futures pages)', () => {
  it('builds the documented strings: bid and ask alternate, the shorter side\'s missing levels left out', () => {
    expect(okxChecksumText([['43231.1', '4'], ['43231', '6']], [['43232.8', '9'], ['43232.9', '8']])).toBe('43231.1:4:43232.8:9:43231:6:43232.9:8');
    expect(okxChecksumText([['3366.1', '7']], [['3366.8', '9'], ['3368', '8'], ['3372', '8']])).toBe('3366.1:7:3366.8:9:3368:8:3372:8');
  });

  it('checks the book the session holds, its price text as sent ("DO use the original value")', () => {
    const session = new FeedSession(bitget, testMarket('bitget'));
    session.open();
    // The docs' second book; OKX, whose checksum Bitget's is, published 831078360 for it.
    session.frame(push('snapshot', 10, 0, [['3366.1', '7']], [['3366.8', '9'], ['3368', '8'], ['3372', '8']], { checksum: 831078360 }), 1);
    expect(session.stats.checksums).toEqual({ verified: 1, failed: 0 });
    expect(bitget.checksum!(session.book)).toBe(crc32Signed('3366.1:7:3366.8:9:3368:8:3372:8'));
  });

  it('resubscribes the book when the checksum disagrees, and reads checksum 0 as none', () => {
    const s = liveSession();
    s.frame(push('update', 501, 500, [['99.9', '1']], [], { checksum: 0 }), 3);
    expect(s.stats).toMatchObject({ updates: 1, checksums: { verified: 0, failed: 0 } });
    const effects = s.frame(push('update', 502, 501, [['99.8', '1']], [], { checksum: 42 }), 4);
    expect(s.stats).toMatchObject({ checksums: { verified: 0, failed: 1 }, resyncs: 1 });
    expect(sent(effects)).toEqual([
      { op: 'unsubscribe', args: [{ instType: 'SPOT', channel: 'books', instId: 'BTCUSDT' }] },
      { op: 'subscribe', args: [{ instType: 'SPOT', channel: 'books', instId: 'BTCUSDT' }] },
    ]);
  });
});

describe('Bitget protocol', () => {
  it('subscribes the book and the trades of a market on the v2 public socket, both product lines on one URL', () => {
    const market = testMarket('bitget', 'ETH');
    expect(bitget.streamUrl(market, bitget.endpoints)).toBe('wss://ws.bitget.com/v2/ws/public');
    expect(bitgetFutures.streamUrl(testMarket('bitget-futures'), bitgetFutures.endpoints)).toBe('wss://ws.bitget.com/v2/ws/public');
    expect(sent(bitget.subscribe(market).map((text) => ({ type: 'send', text }) as const))).toEqual([
      { op: 'subscribe', args: [{ instType: 'SPOT', channel: 'books', instId: 'ETHUSDT' }, { instType: 'SPOT', channel: 'trade', instId: 'ETHUSDT' }] },
    ]);
    expect(JSON.parse(bitgetFutures.unsubscribe!(testMarket('bitget-futures'))[0]!)).toEqual({
      op: 'unsubscribe',
      args: [
        { instType: 'USDT-FUTURES', channel: 'books', instId: 'BTCUSDT' },
        { instType: 'USDT-FUTURES', channel: 'trade', instId: 'BTCUSDT' },
      ],
    });
    expect(bitget.multiplex && bitget.trades && bitgetFutures.multiplex && bitgetFutures.trades).toBe(true);
    expect(bitget.keepalive).toEqual({ everyMs: 25_000, text: 'ping' });
    expect(bitget.depth).toBe(BITGET_DEPTH);
  });

  it('leaves the other product line\'s frames on the shared socket to its own feed', () => {
    const futuresPush = push('update', 501, 500, [['99.9', '1']], [], {}, 'USDT-FUTURES');
    expect(parseBitgetFrame('SPOT', futuresPush)).toEqual([]);
    expect(parseBitgetFrame('USDT-FUTURES', futuresPush)).toMatchObject([{ type: 'update', symbol: 'BTCUSDT', prev: 500, last: 501 }]);
    const spot = liveSession();
    spot.frame(futuresPush.replace('"99.9"', '"1.0"'), 3);
    expect(spot.stats).toMatchObject({ updates: 0, errors: 0, gaps: 0 });
    expect(topOf(spot.book, 1).bids).toEqual([[100, 1]]);
  });

  it('rejects what it cannot verify or read, instead of guessing', () => {
    expect(() => parseBitgetFrame('SPOT', push('update', 501, 500, [], []).replace(',"pseq":500', ''))).toThrow(/neither pseq nor a checksum/);
    expect(() => parseBitgetFrame('SPOT', push('snapshot', 501, 0, [], []).replace('"seq":501,', ''))).toThrow(/neither seq nor a checksum/);
    expect(() => parseBitgetFrame('SPOT', push('update', 501, 500, [['1']] as unknown as Level[], []))).toThrow(/not \[price, size\]/);
    expect(() => parseBitgetFrame('SPOT', push('update', 501, 500, [], []).replace('"update"', '"partial"'))).toThrow(/unknown action partial/);
    expect(() => parseBitgetFrame('SPOT', push('update', 501, 500, [], []).replace('"books"', '"books5"'))).toThrow(/not a books or trade push/);
    // Serial numbers past 2^53 (seen on Coin-M) cannot be compared once JSON.parse rounded them.
    expect(() => parseBitgetFrame('SPOT', push('update', 501, 500, [], []).replace('"seq":501', '"seq":1483653649791156272'))).toThrow(/seq is not an integer/);
    expect(() => parseBitgetFrame('SPOT', '{"event":"login","code":"0","msg":""}')).toThrow(/unknown event login/);
    expect(() => parseBitgetFrame('SPOT', '{"truncated":')).toThrow();
  });

  it('reads the bare pong and the errors the socket sends, naming the market where the error does', () => {
    expect(parseBitgetFrame('SPOT', 'pong')).toEqual([{ type: 'pong' }]);
    const refused = '{"event":"error","arg":{"instType":"USDT-FUTURES","channel":"books","instId":"NOPEUSDT"},"code":30001,"msg":"instType:USDT-FUTURES,channel:books,instId:NOPEUSDT doesn\'t exist","op":"subscribe"}';
    expect(parseBitgetFrame('USDT-FUTURES', refused)).toEqual([{ type: 'error', message: "30001 instType:USDT-FUTURES,channel:books,instId:NOPEUSDT doesn't exist", symbol: 'NOPEUSDT' }]);
    expect(parseBitgetFrame('SPOT', refused)).toEqual([]);
    expect(parseBitgetFrame('SPOT', '{"event":"error","code":30002,"msg":"Unrecognized request"}')).toEqual([{ type: 'error', message: '30002 Unrecognized request' }]);
  });
});

describe('Bitget through a feed session', () => {
  it('builds the book from a snapshot and chained updates, a size of 0 deleting the level', () => {
    const s = liveSession();
    s.frame(push('update', 505, 500, [['100.0', '0'], ['99.8', '5']], [['100.5', '2.5']]), 3);
    s.frame(push('update', 512, 505, [], [['100.2', '1']]), 4);
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

  it('counts a broken chain as a gap and resubscribes the book on the same socket, leaving the trades', () => {
    const s = liveSession(bitgetFutures, 'USDT-FUTURES');
    const effects = s.frame(push('update', 520, 510, [['99.9', '1']], [], {}, 'USDT-FUTURES'), 3);
    expect(s.stats).toMatchObject({ gaps: 1, resyncs: 1, updates: 0 });
    expect(s.state).toBe('syncing');
    expect(sent(effects)).toEqual([
      { op: 'unsubscribe', args: [{ instType: 'USDT-FUTURES', channel: 'books', instId: 'BTCUSDT' }] },
      { op: 'subscribe', args: [{ instType: 'USDT-FUTURES', channel: 'books', instId: 'BTCUSDT' }] },
    ]);
    s.frame(push('snapshot', 530, 0, [['99.0', '1']], [['101.5', '1']], {}, 'USDT-FUTURES'), 5);
    expect(s.state).toBe('live');
    expect(topOf(s.book, 5)).toEqual({ bids: [[99, 1]], asks: [[101.5, 1]] });
  });

  it('resyncs after a malformed frame', () => {
    const s = liveSession();
    expect(sent(s.frame('{"action":"update","arg":', 3)).map((f) => (f as { op: string }).op)).toEqual(['unsubscribe', 'subscribe']);
    expect(s.stats).toMatchObject({ errors: 1, malformed: 1, resyncs: 1 });
  });
});

/** Runs the simulated Bitget for a feed's BTC market through a FeedSession, frame by frame, with `faults` at steps. */
function simulatedSession(feed: FeedId, faults: ReadonlyMap<number, 'skip-sequence' | 'corrupt-checksum' | 'crossed'> = new Map()): { session: FeedSession; exchange: SimExchange } {
  const protocol = feed === 'bitget' ? bitget : bitgetFutures;
  const exchange = new SimExchange([bitgetSim], 7);
  const session = new FeedSession(protocol, testMarket(feed));
  let now = 1_764_000_000_000;
  const conn = exchange.connect('bitget', '/v2/ws/public', (text) => {
    for (const e of session.frame(text, now)) if (e.type === 'send') conn.receive(e.text, now);
  })!;
  for (const e of session.open()) if (e.type === 'send') conn.receive(e.text, now);
  for (let step = 1; step <= 200; step++) {
    now += 100;
    const fault = faults.get(step);
    if (fault) exchange.fault('bitget', fault);
    exchange.tick(now, [feed]);
  }
  return { session, exchange };
}

describe('Bitget simulator through a feed session', () => {
  it.each(['bitget', 'bitget-futures'] as const)('%s: the session holds exactly the simulator\'s book, every checksum verified', (feed) => {
    const { session, exchange } = simulatedSession(feed);
    expect(session.state).toBe('live');
    expect(session.stats).toMatchObject({ snapshots: 1, gaps: 0, errors: 0, resyncs: 0, checksums: { failed: 0 } });
    expect(session.stats.checksums.verified).toBe(session.stats.snapshots + session.stats.updates);
    expect(session.stats.updates).toBeGreaterThan(100);
    expect(topOf(session.book, BITGET_DEPTH)).toEqual(topOf(exchange.market(feed, 'BTCUSDT')!.book, BITGET_DEPTH));
  });

  it('detects a lost push, a bad checksum and a crossed book, resyncs each, and ends on the simulator\'s book', () => {
    const faults = new Map([
      [50, 'skip-sequence'],
      [100, 'corrupt-checksum'],
      [150, 'crossed'],
    ] as const);
    const { session, exchange } = simulatedSession('bitget-futures', faults);
    expect(session.stats).toMatchObject({ gaps: 1, checksums: { failed: 1 }, resyncs: 3, snapshots: 4 });
    expect(session.state).toBe('live');
    expect(topOf(session.book, BITGET_DEPTH)).toEqual(topOf(exchange.market('bitget-futures', 'BTCUSDT')!.book, BITGET_DEPTH));
  });
});
