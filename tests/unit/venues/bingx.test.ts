import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { bingx, parseBingxFrame } from '../../../src/venues/bingx';
import { consecutiveIds } from '../../../src/venues/sequence';
import { decodeBinaryFrame } from '../../../src/feed/decode';
import { FeedSession } from '../../../src/feed/session';
import { Replayer } from '../../../src/feed/replay';
import { formatRecordedEvent } from '../../../src/feed/recording';
import { SimExchange } from '../../../src/sim/exchange';
import { recordSimulatedFeed } from '../../../src/sim/record-feed';
import { bingxSim } from '../../../src/sim/venues/bingx';
import { topOf } from '../../helpers/books';
import { documented } from '../../helpers/documented';
import { replayedSession, testMarket } from '../../helpers/markets';

/** Documented messages (tests/fixtures/bingx/docs/SOURCE.md). */
const DOC_PING = documented('bingx', 'ping.json');
const DOC_PONG = documented('bingx', 'pong.json');
const DOC_ACK = documented('bingx', 'subscribe-ack-intro.json');
/** The only incrDepth push BingX prints, on its swap page: [price, qty] pairs and `time`. */
const DOC_INCR_UPDATE = documented('bingx', 'incrdepth-update-swap-page.json');
/** The swap docs' "Ping" / "Pong" text heartbeat (Python sample), which other BingX sockets send. */
const DOC_TEXT_PING = 'Ping';
/** Error answers as ccxt's BingX adapter records them (ts/src/pro/bingx.ts, handleErrorMessage). */
const ERROR_WITH_ID = '{"code":100500,"id":"9cd37d32-da98-440b-bd04-37e7dbcf51ad","msg":"","timestamp":1696245842307}';
const ERROR_WITHOUT_ID = '{"code":100400,"msg":"","timestamp":1696245808833}';
/**
 * The trade push as BingX's older spot document printed it (BingX-API/BingX-spot-api-doc): no `m`, so no side to
 * read (today's, with `m`, is read in bingx-trades.test.ts).
 */
const DOC_TRADE = '{"data":{"E":1649832413551,"T":1649832413512,"e":"trade","p":"40125.48","q":"0.007146","s":"BTC-USDT","t":"33685717"},"dataType":"BTC-USDT@trade"}';

/** A push in the spot form (SOURCE.md): each side a price → size map, the time as `timestamp`. */
function spotPush(action: 'all' | 'update', lastUpdateId: number, bids: [string, string][], asks: [string, string][]): string {
  const data = { action, lastUpdateId, timestamp: 1760002514000, bids: Object.fromEntries(bids), asks: Object.fromEntries(asks) };
  return JSON.stringify({ code: 0, dataType: 'BTC-USDT@incrDepth', data, success: true, timestamp: 1760002514000 });
}

/** The full book that opens the channel. */
const fullBook = (lastUpdateId: number, bids: [string, string][], asks: [string, string][]): string => spotPush('all', lastUpdateId, bids, asks);

const update = (lastUpdateId: number, bids: [string, string][], asks: [string, string][]): string => spotPush('update', lastUpdateId, bids, asks);

describe('BingX parser', () => {
  it('answers the text Ping with Pong (the documented JSON ping: bingx-docs.test.ts)', () => {
    expect(parseBingxFrame(DOC_TEXT_PING)).toEqual([{ type: 'ping', reply: 'Pong' }]);
  });

  it('reads the documented subscription ack as info and non-zero codes as errors', () => {
    expect(parseBingxFrame(DOC_ACK)).toMatchObject([{ type: 'info' }]);
    const [withId] = parseBingxFrame(ERROR_WITH_ID);
    expect(withId).toMatchObject({ type: 'error' });
    expect((withId as { message: string }).message).toContain('100500');
    expect((withId as { message: string }).message).toContain('9cd37d32-da98-440b-bd04-37e7dbcf51ad');
    expect(parseBingxFrame(ERROR_WITHOUT_ID)).toMatchObject([{ type: 'error', message: expect.stringContaining('100400') }]);
  });

  it('rejects what it does not know instead of guessing', () => {
    expect(() => parseBingxFrame(documented('bingx', 'incrdepth-spot-page-sample.json'))).toThrow(/unknown message for BTC-USDT@bookTicker/);
    expect(() => parseBingxFrame(DOC_TRADE)).toThrow(/m is not a boolean/);
    expect(() => parseBingxFrame(DOC_INCR_UPDATE.replace('"update"', '"merge"'))).toThrow(/action/);
    expect(() => parseBingxFrame(DOC_INCR_UPDATE.replace('393592635', '"abc"'))).toThrow(/lastUpdateId/);
    expect(() => parseBingxFrame('Pong?')).toThrow();
  });
});

describe('BingX gzip transport', () => {
  it('gunzips a real gzip of the documented ping and answers it', async () => {
    const text = await decodeBinaryFrame(new Uint8Array(gzipSync(DOC_PING)));
    expect(text).toBe(DOC_PING);
    const session = new FeedSession(bingx, testMarket('bingx'));
    session.open();
    const effects = session.frame(text, 0);
    expect(effects).toHaveLength(1);
    expect(effects[0]!.type).toBe('send');
    expect(JSON.parse((effects[0] as { text: string }).text)).toEqual(JSON.parse(DOC_PONG));
  });

  it('gunzips a real gzip of the documented depth push into the same message as its text', async () => {
    const text = await decodeBinaryFrame(new Uint8Array(gzipSync(DOC_INCR_UPDATE)));
    expect(parseBingxFrame(text)).toEqual(parseBingxFrame(DOC_INCR_UPDATE));
  });
});

describe('BingX sequence rule', () => {
  it('applies the push whose id follows the last one', () => {
    expect(consecutiveIds(393592634, { last: 393592635 })).toBe('apply');
  });

  it('treats a jump as a gap', () => {
    expect(consecutiveIds(393592634, { last: 393592636 })).toBe('gap');
  });

  it('never skips: a repeated or older id means the ids went back (a restart), a resync either way', () => {
    expect(consecutiveIds(393592635, { last: 393592635 })).toBe('backwards');
    expect(consecutiveIds(393592635, { last: 12 })).toBe('backwards');
  });

  it('needs a known id on both sides', () => {
    expect(consecutiveIds(undefined, { last: 1 })).toBe('gap');
    expect(consecutiveIds(1, {})).toBe('gap');
  });
});

describe('BingX markets and requests', () => {
  it('opens the documented socket and subscribes like the documented example, with unique ids', () => {
    const market = testMarket('bingx');
    expect(bingx.streamUrl(market, bingx.endpoints)).toBe('wss://open-api-ws.bingx.com/market');
    const doc = JSON.parse(documented('bingx', 'subscribe.json'));
    const [a] = bingx.subscribe(market).map((t) => JSON.parse(t));
    const [b] = bingx.subscribe(market).map((t) => JSON.parse(t));
    expect(a).toMatchObject({ reqType: doc.reqType, dataType: doc.dataType });
    expect(typeof a.id).toBe('string');
    expect(a.id).not.toBe(b.id);
  });

  it('asks for a fresh full book by unsubscribing and subscribing again', () => {
    const frames = bingx.resubscribe!(testMarket('bingx', 'ETH')).map((t) => JSON.parse(t));
    expect(frames.map((f) => [f.reqType, f.dataType])).toEqual([
      ['unsub', 'ETH-USDT@incrDepth'],
      ['sub', 'ETH-USDT@incrDepth'],
    ]);
  });

  it('leaves a market alone on a shared socket with the documented unsubscribe request', () => {
    const [frame] = bingx.unsubscribe!(testMarket('bingx', 'ETH')).map((t) => JSON.parse(t));
    expect(frame).toMatchObject({ reqType: 'unsub', dataType: 'ETH-USDT@incrDepth' });
  });
});

describe('BingX through FeedSession', () => {
  const live = (): FeedSession => {
    const s = new FeedSession(bingx, testMarket('bingx'));
    s.open();
    s.frame(DOC_ACK, 1);
    s.frame(fullBook(100, [['121706.6', '1'], ['121706.5', '2']], [['121706.8', '3']]), 2);
    return s;
  };

  it('builds the book from the full push and applies the next id', () => {
    const s = live();
    s.frame(update(101, [['121706.6', '0'], ['121706.4', '5']], []), 3);
    expect(s.state).toBe('live');
    expect(s.book.bids.top(5)).toEqual([
      [121706.5, 2],
      [121706.4, 5],
    ]);
    expect(s.stats).toMatchObject({ snapshots: 1, updates: 1, gaps: 0, errors: 0 });
  });

  it('detects a gap and asks for a new full book on the same socket', () => {
    const s = live();
    const effects = s.frame(update(102, [['121706.6', '9']], []), 3);
    expect(s.stats).toMatchObject({ gaps: 1, resyncs: 1, updates: 0 });
    expect(s.state).toBe('syncing');
    expect(effects.map((e) => (e.type === 'send' ? JSON.parse(e.text).reqType : e.type))).toEqual(['unsub', 'sub']);
    s.frame(fullBook(200, [['121700.0', '1']], [['121701.0', '1']]), 4);
    expect(s.state).toBe('live');
    expect(s.book.bids.top(5)).toEqual([[121700, 1]]);
  });

  it('counts a malformed frame, an unknown message and a refused subscription, and resyncs after the unreadable ones', () => {
    const s = live();
    expect(() => s.frame('{"truncated":', 3)).not.toThrow();
    expect(s.state).toBe('syncing');
    expect(() => s.frame(DOC_TRADE, 4)).not.toThrow();
    expect(() => s.frame(ERROR_WITH_ID, 5)).not.toThrow();
    expect(s.stats).toMatchObject({ errors: 3, malformed: 2, resyncReasons: { malformed: 2 } });
    expect(s.stats.lastError).toContain('100500');
  });
});

describe('BingX simulator', () => {
  it('records gzip frames that replay, through a planted gap, into exactly the venue book', async () => {
    const exchange = new SimExchange([bingxSim], 7);
    const { events, session } = await recordSimulatedFeed({
      exchange,
      feed: 'bingx',
      base: 'BTC',
      steps: 300,
      faults: new Map([
        [100, 'skip-sequence'],
        [200, 'malformed'],
      ]),
    });
    const truth = exchange.market('bingx', 'BTC-USDT')!;
    expect(session.stats).toMatchObject({ snapshots: 3, gaps: 1, malformed: 1, resyncs: 2, resyncReasons: { gap: 1, malformed: 1 }, errors: 1 });
    expect(topOf(session.book, 50)).toEqual(topOf(truth.book, 50));
    const frames = events.filter((e) => e.kind === 'ws');
    expect(frames.every((e) => 'data64' in e)).toBe(true);

    const r = new Replayer();
    for (const e of events) await r.line(formatRecordedEvent(e));
    const replayed = replayedSession(r, 'bingx');
    expect(replayed.stats).toMatchObject({ snapshots: 3, gaps: 1, malformed: 1, resyncs: 2, resyncReasons: { gap: 1, malformed: 1 }, errors: 1 });
    expect(topOf(replayed.book, 50)).toEqual(topOf(truth.book, 50));
  });

  it('pings in the documented JSON form and refuses a subscription it cannot serve', () => {
    const exchange = new SimExchange([bingxSim], 7);
    const sent: string[] = [];
    const conn = exchange.connect('bingx', '/market', (t) => sent.push(t))!;
    conn.heartbeat(1_764_000_000_000);
    const ping = JSON.parse(sent[0]!);
    expect(Object.keys(ping).sort()).toEqual(Object.keys(JSON.parse(DOC_PING)).sort());
    expect(ping.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0800$/);
    conn.receive('{"id":"x","reqType":"sub","dataType":"ADA-USDT@incrDepth"}', 0);
    expect(parseBingxFrame(sent[1]!)).toMatchObject([{ type: 'error' }]);
    expect(exchange.connect('bingx', '/swap-market', () => {})).toBeUndefined();
  });
});
