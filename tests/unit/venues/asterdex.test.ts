import { describe, expect, it } from 'vitest';
import { asterdex } from '../../../src/venues/asterdex';
import { binanceSpotSequence } from '../../../src/venues/binance';
import { futuresSequence } from '../../../src/venues/sequence';
import { FeedSession } from '../../../src/feed/session';
import { SimExchange } from '../../../src/sim/exchange';
import { asterdexSim } from '../../../src/sim/venues/asterdex';
import { topOf } from '../../helpers/books';
import { gapRoundTrip } from '../../helpers/gap-round-trip';
import { documented } from '../../helpers/documented';
import { testMarket } from '../../helpers/markets';

// Documented examples: tests/fixtures/asterdex/docs (SOURCE.md); asterdex-docs.test.ts checks the adapter reads them.
const SUBSCRIBED = documented('asterdex', 'subscribe-response.json');
const REQUEST_ERROR = documented('asterdex', 'stream-error.json');

/** A diff event in the documented shape, for session tests. */
function event(U: number, u: number, pu: number, bids: [string, string][] = [], asks: [string, string][] = []): string {
  return JSON.stringify({ e: 'depthUpdate', E: 1, T: 1, s: 'BTCUSDT', U, u, pu, b: bids, a: asks });
}

describe('AsterDEX parser', () => {
  it('unwraps a combined stream event', () => {
    const frame = `{"stream":"btcusdt@depth@100ms","data":${documented('asterdex', 'depth-update.json')}}`;
    expect(asterdex.parse(frame)[0]).toMatchObject({ type: 'update', first: 157, last: 160, prev: 149 });
  });

  it('rejects frames it does not know', () => {
    expect(() => asterdex.parse('{"e":"markPriceUpdate","E":1562305380000,"s":"BTCUSDT"}')).toThrow(/unknown message type markPriceUpdate/);
    expect(() => asterdex.parse('{"e":"depthUpdate","U":"x","u":1}')).toThrow();
  });
});

describe('AsterDEX markets and endpoints', () => {
  it('opens the raw-stream socket and subscribes each market to its 100 ms diff stream and its trades with a documented frame', () => {
    const market = testMarket('asterdex');
    expect(asterdex.streamUrl(market, asterdex.endpoints)).toBe('wss://fstream.asterdex.com/ws');
    const [subscribe] = asterdex.subscribe(market).map((t) => JSON.parse(t) as { method: string; params: string[]; id: number });
    const [unsubscribe] = asterdex.unsubscribe!(market).map((t) => JSON.parse(t) as { method: string; params: string[]; id: number });
    expect(subscribe).toMatchObject({ method: 'SUBSCRIBE', params: ['btcusdt@depth@100ms', 'btcusdt@aggTrade'] });
    expect(unsubscribe).toMatchObject({ method: 'UNSUBSCRIBE', params: ['btcusdt@depth@100ms', 'btcusdt@aggTrade'] });
    // "The id used in the JSON payloads is an unsigned INT", one per request.
    for (const { id } of [subscribe!, unsubscribe!]) expect(Number.isSafeInteger(id) && id > 0).toBe(true);
    expect(unsubscribe!.id).not.toBe(subscribe!.id);
  });

  it('still reads the market of a recording made on the per-symbol URL', () => {
    expect(asterdex.symbolOf!('wss://fstream.asterdex.com/ws/btcusdt@depth@100ms')).toBe('BTCUSDT');
    expect(asterdex.symbolOf!('wss://fstream.asterdex.com/ws')).toBeUndefined();
  });

  it('asks for its snapshot over REST, also when the WebSocket API is asked for (it has none)', () => {
    const market = testMarket('asterdex', 'ETH');
    const rest = { type: 'fetch', url: 'https://fapi.asterdex.com/fapi/v1/depth?symbol=ETHUSDT&limit=1000' };
    expect(asterdex.endpoints.api).toBeUndefined();
    expect(asterdex.snapshotRequest!(market, asterdex.endpoints, 'rest')).toEqual(rest);
    expect(asterdex.snapshotRequest!(market, asterdex.endpoints, 'api')).toEqual(rest);
  });
});

describe('AsterDEX futures sync rule', () => {
  const first = true;
  it('drops events that end before the snapshot', () => {
    expect(futuresSequence(160, { first: 150, last: 159, prev: 140 }, first)).toBe('skip');
  });

  it('applies the first event that spans the snapshot id', () => {
    expect(futuresSequence(158, { first: 157, last: 160, prev: 149 }, first)).toBe('apply');
  });

  it('applies a first event ending exactly at the snapshot id, unlike spot', () => {
    expect(futuresSequence(160, { first: 157, last: 160, prev: 149 }, first)).toBe('apply');
    expect(binanceSpotSequence(160, { first: 157, last: 160 }, true)).toBe('skip');
  });

  it('applies a first event that directly follows the snapshot (its pu is the snapshot id)', () => {
    expect(futuresSequence(149, { first: 157, last: 160, prev: 149 }, first)).toBe('apply');
  });

  it('reports a gap when the first event starts after the snapshot and does not follow it', () => {
    expect(futuresSequence(150, { first: 157, last: 160, prev: 152 }, first)).toBe('gap');
    expect(futuresSequence(150, { first: 157, last: 160 }, first)).toBe('gap');
  });

  it('chains later events by pu, whatever their U', () => {
    expect(futuresSequence(149, { first: 157, last: 160, prev: 149 }, false)).toBe('apply');
    expect(futuresSequence(148, { first: 157, last: 160, prev: 149 }, false)).toBe('gap');
    expect(futuresSequence(170, { first: 157, last: 160, prev: 149 }, false)).toBe('backwards');
    expect(futuresSequence(149, { first: 150, last: 160 }, false)).toBe('gap');
  });

  it('reports a gap without a snapshot id', () => {
    expect(futuresSequence(undefined, { first: 157, last: 160, prev: 149 }, first)).toBe('gap');
  });
});

describe('AsterDEX through a feed session', () => {
  const market = testMarket('asterdex');

  it('buffers diffs until the snapshot, drops the stale one and applies the rest', () => {
    const s = new FeedSession(asterdex, market);
    const [subscribe, fetch] = s.open();
    expect(JSON.parse((subscribe as { text: string }).text)).toMatchObject({ method: 'SUBSCRIBE', params: ['btcusdt@depth@100ms', 'btcusdt@aggTrade'] });
    expect(fetch).toEqual({ type: 'fetch', url: 'https://fapi.asterdex.com/fapi/v1/depth?symbol=BTCUSDT&limit=1000' });
    s.frame(SUBSCRIBED, 1);
    s.frame(event(100, 110, 95, [['99', '1']]), 2);
    s.frame(event(111, 120, 110, [['100', '2']], [['101', '3']]), 3);
    s.frame(event(121, 125, 120, [['100', '0']], [['102', '4']]), 4);
    const body = JSON.stringify({ lastUpdateId: 115, bids: [['100', '5'], ['98', '1']], asks: [['101', '1']] });
    expect(s.rest('https://fapi.asterdex.com/fapi/v1/depth', 200, body, 5)).toEqual([]);
    expect(s.stats).toMatchObject({ snapshots: 1, updates: 2, skipped: 1, gaps: 0, resyncs: 0, errors: 0 });
    expect(topOf(s.book, 5)).toEqual({ bids: [[98, 1]], asks: [[101, 3], [102, 4]] });
  });

  it('resyncs on a broken pu chain and keeps the breaking event for the next snapshot', () => {
    const s = new FeedSession(asterdex, market);
    s.open();
    s.rest('u', 200, JSON.stringify({ lastUpdateId: 200, bids: [['100', '1']], asks: [['101', '1']] }), 1);
    s.frame(event(201, 205, 200, [['100', '2']]), 2);
    expect(s.frame(event(211, 215, 208, [['100', '3']]), 3)).toEqual([
      { type: 'fetch', url: 'https://fapi.asterdex.com/fapi/v1/depth?symbol=BTCUSDT&limit=1000' },
    ]);
    expect(s.stats).toMatchObject({ gaps: 1, resyncs: 1 });
    s.rest('u', 200, JSON.stringify({ lastUpdateId: 213, bids: [['100', '9']], asks: [['101', '1']] }), 4);
    expect(s.state).toBe('live');
    expect(topOf(s.book, 1).bids).toEqual([[100, 3]]);
  });

  it('counts malformed frames, unknown messages and request errors without throwing', () => {
    const s = new FeedSession(asterdex, market);
    s.open();
    expect(() => {
      s.frame('{"e":"depthUpdate","U":', 1);
      s.frame('{"e":"markPriceUpdate","E":1562305380000,"s":"BTCUSDT"}', 2);
      s.frame(REQUEST_ERROR, 3);
    }).not.toThrow();
    expect(s.stats.errors).toBe(3);
    expect(s.stats.lastError).toBe('AsterDEX says: 2 Invalid request: request ID must be an unsigned integer');
  });
});

describe('AsterDEX simulator recordings', () => {
  // No WebSocket API exists, so asking for one still takes the snapshot by REST: both must end exact.
  for (const via of ['rest', 'api'] as const) {
    it(`detects a planted gap, resyncs (asked via ${via}) and ends equal to the venue's book`, async () => {
      const { events, live, replayed, truth } = await gapRoundTrip(asterdexSim, 'BTCUSDT', 11, via);
      expect(live.stats).toMatchObject({ snapshots: 3, gaps: 1, malformed: 1, resyncs: 2, resyncReasons: { gap: 1, malformed: 1 }, errors: 1 });
      expect(events.filter((e) => e.kind === 'rest')).toHaveLength(3);
      expect(topOf(live.book, 50)).toEqual(topOf(truth.book, 50));
      expect(replayed.stats).toMatchObject({ snapshots: 3, gaps: 1, malformed: 1, resyncs: 2, resyncReasons: { gap: 1, malformed: 1 }, errors: 1 });
      expect(topOf(replayed.book, 50)).toEqual(topOf(truth.book, 50));
    });
  }

  it('answers an unknown symbol with the documented error', () => {
    const exchange = new SimExchange([asterdexSim], 1);
    expect(exchange.rest('asterdex', '/fapi/v1/depth', new URLSearchParams('symbol=NOPEUSDT'))).toEqual({
      status: 400,
      body: '{"code":-1121,"msg":"Invalid symbol."}',
    });
  });
});
