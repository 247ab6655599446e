import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FeedSession } from '../../../src/feed/session';
import { Replayer } from '../../../src/feed/replay';
import { formatRecordedEvent, parseRecordedEvent } from '../../../src/feed/recording';
import { SimExchange } from '../../../src/sim/exchange';
import { cryptocomSim } from '../../../src/sim/venues/cryptocom';
import { cryptocom, cryptocomSequence, parseCryptocomFrame } from '../../../src/venues/cryptocom';
import { cryptocomPerp } from '../../../src/venues/cryptocom-perp';
import type { Effect } from '../../../src/venues/types';
import { topOf } from '../../helpers/books';
import { expectFaultRoundTrip } from '../../helpers/fault-round-trip';
import { documented } from '../../helpers/documented';
import { replayedSession, testMarket } from '../../helpers/markets';

// Documented examples: tests/fixtures/cryptocom/docs (SOURCE.md); cryptocom-docs.test.ts checks the adapter reads them.
const SUBSCRIBED = documented('cryptocom', 'subscribe-response.json');
const HEARTBEAT = documented('cryptocom', 'heartbeat.json');

type Level = [string, string, string];

/** A `book` snapshot or `book.update` delta of BTC_USDT's 50-level channel, in the documented shape. */
function snapshot(u: number, bids: Level[], asks: Level[], symbol = 'BTC_USDT'): string {
  const result = { instrument_name: symbol, subscription: `book.${symbol}.50`, channel: 'book', depth: 50, data: [{ asks, bids, tt: u, t: u + 1, u }] };
  return JSON.stringify({ id: -1, method: 'subscribe', code: 0, result });
}

function delta(u: number, pu: number, bids: Level[], asks: Level[], symbol = 'BTC_USDT'): string {
  const result = { instrument_name: symbol, subscription: `book.${symbol}.50`, channel: 'book.update', depth: 50, data: [{ update: { asks, bids }, tt: u, t: u + 1, u, pu }] };
  return JSON.stringify({ id: -1, method: 'subscribe', code: 0, result });
}

function liveSession(): FeedSession {
  const session = new FeedSession(cryptocom, testMarket('cryptocom'));
  session.open();
  session.frame(SUBSCRIBED, 1);
  session.frame(snapshot(500, [['100.0', '1', '1'], ['99.5', '2', '1']], [['100.5', '3', '1'], ['101.0', '4', '2']]), 2);
  return session;
}

const sent = (effects: Effect[]): unknown[] => effects.map((e) => (e.type === 'send' ? JSON.parse(e.text) : e));

describe('Crypto.com protocol', () => {
  it('subscribes to the 50-level delta book and the trades in one request on the market-data socket, for spot and perpetuals', () => {
    for (const [protocol, symbol] of [
      [cryptocom, 'ETH_USDT'],
      [cryptocomPerp, 'ETHUSD-PERP'],
    ] as const) {
      const market = testMarket(protocol.id, 'ETH', { symbol, contractSize: 1 });
      expect(protocol.streamUrl(market, protocol.endpoints)).toBe('wss://stream.crypto.com/exchange/v1/market');
      expect(sent(protocol.subscribe(market).map((text) => ({ type: 'send', text }) as const))).toEqual([
        {
          id: 1,
          method: 'subscribe',
          params: { channels: [`book.${symbol}.50`, `trade.${symbol}`], book_subscription_type: 'SNAPSHOT_AND_UPDATE', book_update_frequency: 100 },
          nonce: expect.any(Number),
        },
      ]);
      expect(protocol.unsubscribe!(market).map((t) => JSON.parse(t) as unknown)).toEqual([
        { id: 1, method: 'unsubscribe', params: { channels: [`book.${symbol}.50`, `trade.${symbol}`] }, nonce: expect.any(Number) },
      ]);
      // "To re-subscribe, issue another subscribe request ... no need to issue an unsubscribe request before this."
      expect(protocol.resubscribe!(market).map((t) => (JSON.parse(t) as { params: unknown }).params)).toEqual([
        { channels: [`book.${symbol}.50`], book_subscription_type: 'SNAPSHOT_AND_UPDATE', book_update_frequency: 100 },
      ]);
      expect(protocol).toMatchObject({ multiplex: true, trades: true, snapshotSource: 'stream', depth: 50 });
      // The server's heartbeat keeps the socket, and the docs publish no checksum.
      expect([protocol.keepalive, protocol.checksum]).toEqual([undefined, undefined]);
    }
  });

  it('applies a delta only when its pu is the last u; a later pu is a gap, a u not past the last one backwards', () => {
    expect(cryptocomSequence(500, { last: 507, prev: 500 })).toBe('apply');
    expect(cryptocomSequence(500, { last: 509, prev: 503 })).toBe('gap');
    expect(cryptocomSequence(500, { last: 500, prev: 499 })).toBe('backwards');
    expect(cryptocomSequence(500, { last: 3, prev: 2 })).toBe('backwards');
    expect(cryptocomSequence(undefined, { last: 501, prev: 500 })).toBe('gap');
    expect(cryptocomSequence(500, { last: 501 })).toBe('gap');
  });

  it('over any chain of increasing ids, applies every delta in order and finds any one left out', () => {
    const chain = fc.uniqueArray(fc.integer({ min: 1, max: 1e12 }), { minLength: 3, maxLength: 40 }).map((ids) => ids.sort((a, b) => a - b));
    fc.assert(
      fc.property(chain, fc.nat(), (ids, pick) => {
        for (let k = 1; k < ids.length; k++) expect(cryptocomSequence(ids[k - 1], { last: ids[k], prev: ids[k - 1] })).toBe('apply');
        const lost = 1 + (pick % (ids.length - 2));
        expect(cryptocomSequence(ids[lost - 1], { last: ids[lost + 1], prev: ids[lost] })).toBe('gap');
      }),
    );
  });
});

describe('Crypto.com parser', () => {
  it('answers a heartbeat whose id is a string of digits with that string', () => {
    const [m] = parseCryptocomFrame('{"id":"1587523073344","method":"public/heartbeat","code":"0"}');
    expect(m!.type === 'ping' && JSON.parse(m!.reply)).toEqual({ id: '1587523073344', method: 'public/respond-heartbeat' });
  });

  it('reads a refusal as an error naming the market of the request it echoes, and fatal for a subscribe', () => {
    const original = JSON.stringify({ id: 1, method: 'subscribe', params: { channels: ['book.ETH_USDT.50', 'trade.ETH_USDT'] } });
    expect(parseCryptocomFrame(JSON.stringify({ id: 1, method: 'subscribe', code: 42901, message: 'TOO_MANY_REQUESTS', original }))).toEqual([
      { type: 'error', message: 'subscribe refused: 42901 TOO_MANY_REQUESTS', fatal: true, symbol: 'ETH_USDT' },
    ]);
    expect(parseCryptocomFrame('{"id":-1,"method":"ERROR","code":"40001","message":"BAD_REQUEST"}')).toEqual([{ type: 'error', message: 'ERROR refused: 40001 BAD_REQUEST', fatal: false }]);
  });

  it('rejects frames it does not know instead of guessing', () => {
    const update = JSON.parse(delta(2, 1, [], [])) as { result: { data: Record<string, unknown>[] } };
    const broken = (change: Record<string, unknown>): string => JSON.stringify({ ...update, result: { ...update.result, data: [{ ...update.result.data[0], ...change }] } });
    expect(() => parseCryptocomFrame(broken({ update: undefined }))).toThrow(/update is not an object/);
    expect(() => parseCryptocomFrame(broken({ pu: undefined }))).toThrow(/pu is not an integer/);
    expect(() => parseCryptocomFrame(broken({ u: 'x' }))).toThrow(/u is not an integer/);
    expect(() => parseCryptocomFrame(broken({ update: { bids: [['1']], asks: [] } }))).toThrow(/not \[price, size\]/);
    expect(() => parseCryptocomFrame(JSON.stringify({ ...update, result: { ...update.result, channel: 'ticker' } }))).toThrow(/unknown channel ticker/);
    expect(() => parseCryptocomFrame(JSON.stringify({ ...update, result: { ...update.result, data: {} } }))).toThrow(/without data/);
    expect(() => parseCryptocomFrame('{"id":1,"method":"public/get-book","code":0}')).toThrow(/unknown method/);
    expect(() => parseCryptocomFrame('{"id":1.5,"method":"public/heartbeat","code":0}')).toThrow(/no id/);
    expect(() => parseCryptocomFrame('[]')).toThrow();
  });
});

describe('Crypto.com through a feed session', () => {
  it('builds the book from the snapshot and deltas chained by pu, ids that do not step by one, and an empty delta', () => {
    const s = liveSession();
    s.frame(delta(507, 500, [['100.0', '0', '0'], ['99.8', '5', '3']], [['100.5', '2.5', '1']]), 3);
    s.frame(delta(530, 507, [], []), 4);
    s.frame(delta(531, 530, [], [['100.2', '1', '1']]), 5);
    expect(s.stats).toMatchObject({ snapshots: 1, updates: 3, gaps: 0, errors: 0 });
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

  it('answers the heartbeat with its id on the socket', () => {
    expect(liveSession().frame(HEARTBEAT, 3)).toEqual([{ type: 'send', text: '{"id":1587523073344,"method":"public/respond-heartbeat"}' }]);
  });

  it('on a pu that is not the last u, applies nothing, resubscribes on the same socket and waits for the new snapshot', () => {
    const s = liveSession();
    const effects = s.frame(delta(509, 503, [['99.9', '1', '1']], []), 3);
    expect(s.stats).toMatchObject({ gaps: 1, resyncs: 1, updates: 0 });
    expect(s.state).toBe('syncing');
    expect(sent(effects)).toEqual([
      { id: 1, method: 'subscribe', params: { channels: ['book.BTC_USDT.50'], book_subscription_type: 'SNAPSHOT_AND_UPDATE', book_update_frequency: 100 }, nonce: expect.any(Number) },
    ]);
    s.frame(delta(510, 509, [['99.7', '1', '1']], []), 4);
    expect(s.stats.skipped).toBe(1);
    s.frame(snapshot(520, [['99.0', '1', '1']], [['101.5', '1', '1']]), 5);
    s.frame(delta(521, 520, [['99.1', '2', '1']], []), 6);
    expect(s.state).toBe('live');
    expect(topOf(s.book, 5)).toEqual({
      bids: [
        [99.1, 2],
        [99, 1],
      ],
      asks: [[101.5, 1]],
    });
  });

  it('takes a delta whose u went back as backwards, and a refusal for another market on the shared socket as not its own', () => {
    const s = liveSession();
    s.frame(delta(400, 399, [], []), 3);
    expect(s.stats).toMatchObject({ resyncs: 1, resyncReasons: { backwards: 1 } });
    const original = JSON.stringify({ id: 1, method: 'subscribe', params: { channels: ['book.ETH_USDT.50'] } });
    const shared = new FeedSession(cryptocom, testMarket('cryptocom'), { sharedSocket: true });
    shared.open();
    shared.frame(JSON.stringify({ id: 1, method: 'subscribe', code: 40107, message: 'EXCEED_MAX_SUBSCRIPTIONS', original }), 1);
    expect(shared.stats).toMatchObject({ errors: 0, foreign: 1 });
  });

  it('counts a malformed frame and resubscribes', () => {
    const s = liveSession();
    const effects = s.frame('{"id":-1,"method":"subscribe","code":0,"result":', 3);
    expect(sent(effects)).toHaveLength(1);
    expect(s.stats).toMatchObject({ malformed: 1, resyncs: 1, resyncReasons: { malformed: 1 } });
  });
});

describe('Crypto.com simulator', () => {
  it('refuses an unknown market, naming it, and serves no socket but the market-data one', () => {
    const exchange = new SimExchange([cryptocomSim], 3);
    const out: string[] = [];
    const conn = exchange.connect('cryptocom', '/exchange/v1/market', (t) => out.push(t))!;
    conn.receive('{"id":7,"method":"subscribe","params":{"channels":["book.NOTACOIN_USDT.50"]}}', 1);
    expect(out.map(parseCryptocomFrame)).toEqual([[{ type: 'error', message: 'subscribe refused: 40003 INVALID_REQUEST', fatal: true, symbol: 'NOTACOIN_USDT' }]]);
    expect(exchange.connect('cryptocom', '/exchange/v1/user', () => {})).toBeUndefined();
  });

  for (const feed of ['cryptocom', 'cryptocom-perp'] as const) {
    it(`${feed}: detects a withheld delta, a crossing level and a malformed frame, resubscribes in place and ends equal to the venue book, also on replay`, async () => {
      await expectFaultRoundTrip({
        exchange: new SimExchange([cryptocomSim], 7),
        feed,
        base: 'ETH',
        steps: 300,
        faults: new Map([
          [100, 'skip-sequence'],
          [150, 'crossed'],
          [200, 'malformed'],
        ]),
        expected: { snapshots: 4, gaps: 1, crossed: 1, malformed: 1, resyncs: 3, resyncReasons: { gap: 1, crossed: 1, malformed: 1 }, errors: 1 },
      });
    });
  }

  it('keeps a 50-level book by its own deltas: levels leaving the top 50 are removed by the venue', () => {
    const exchange = new SimExchange([cryptocomSim], 5);
    const out: string[] = [];
    const conn = exchange.connect('cryptocom', '/exchange/v1/market', (t) => out.push(t))!;
    // No truncation on the client: only the venue's removals can keep this book at 50 levels.
    const session = new FeedSession({ ...cryptocom, depth: undefined }, testMarket('cryptocom'));
    conn.receive(cryptocom.subscribe(testMarket('cryptocom'))[0]!, 0);
    for (let i = 1; i <= 200; i++) {
      exchange.tick(i * 100, ['cryptocom']);
      if (i % 10 === 0) exchange.heartbeat(i * 100);
    }
    for (const text of out) for (const e of session.frame(text, 0)) if (e.type === 'send') conn.receive(e.text, 0);
    expect(session.stats).toMatchObject({ snapshots: 1, gaps: 0, errors: 0 });
    expect(session.stats.updates).toBeGreaterThan(100);
    expect(topOf(session.book, 50)).toEqual(topOf(exchange.market('cryptocom', 'BTC_USDT')!.book, 50));
    expect(session.book.bids.length).toBe(50);
  });
});

describe('Crypto.com recording (tests/fixtures/cryptocom/sim-btc.jsonl) with a frame planted', () => {
  const lines = readFileSync(new URL('../../fixtures/cryptocom/sim-btc.jsonl', import.meta.url), 'utf8').trim().split('\n');
  const replay = async (planted: readonly string[]): Promise<FeedSession> => {
    const r = new Replayer();
    for (const line of planted) await r.line(line);
    return replayedSession(r, 'cryptocom');
  };
  /** A delta after the recording's last snapshot: nothing in the recording resyncs the book after it. */
  const late = lines.map((line, k) => [line, k] as const).filter(([line]) => line.includes('book.update')).at(-20)![1];
  const rewritten = (k: number, rewrite: (text: string) => string): string => {
    const e = parseRecordedEvent(lines[k]!);
    if (!('data' in e)) throw new Error(`line ${k + 1} carries no text`);
    return formatRecordedEvent({ ...e, data: rewrite(e.data) });
  };

  it('replays clean: live, with the recorded gap and malformed frame counted once each', async () => {
    const clean = await replay(lines);
    expect(clean.state).toBe('live');
    expect(clean.stats).toMatchObject({ gaps: 1, malformed: 1, resyncs: 2 });
  });

  it('a delta taken out is a gap: the next delta is not applied and the book waits for a snapshot', async () => {
    const planted = await replay(lines.filter((_, k) => k !== late));
    expect(planted.stats).toMatchObject({ gaps: 2, malformed: 1, resyncs: 3, resyncReasons: { gap: 2, malformed: 1 } });
    expect(planted.state).toBe('syncing');
    expect(planted.book.bids.length + planted.book.asks.length).toBe(0);
  });

  it('a delta whose pu names another u is a gap, and one cut short is malformed', async () => {
    const wrongPu = await replay(lines.map((line, k) => (k === late ? rewritten(k, (t) => t.replace(/"pu":(\d+)/, (_, pu: string) => `"pu":${Number(pu) - 1}`)) : line)));
    expect(wrongPu.stats).toMatchObject({ gaps: 2, resyncs: 3 });
    const cut = await replay(lines.map((line, k) => (k === late ? rewritten(k, (t) => t.slice(0, t.length / 2)) : line)));
    expect(cut.stats).toMatchObject({ gaps: 1, malformed: 2, resyncs: 3, resyncReasons: { gap: 1, malformed: 2 } });
    expect(cut.state).toBe('syncing');
  });
});
