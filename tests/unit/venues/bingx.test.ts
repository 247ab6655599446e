import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { bingx, parseBingxFrame } from '../../../src/venues/bingx';
import { consecutiveIds } from '../../../src/venues/sequence';
import { BASE_ASSETS } from '../../../src/venues/assets';
import { decodeBinaryFrame } from '../../../src/feed/decode';
import { FeedSession } from '../../../src/feed/session';
import { Replayer } from '../../../src/feed/replay';
import { formatRecordedEvent } from '../../../src/feed/recording';
import { SimExchange } from '../../../src/sim/exchange';
import { recordSimulatedFeed } from '../../../src/sim/record-feed';
import { bingxSim } from '../../../src/sim/venues/bingx';
import { topOf } from '../../helpers/books';

/*
 * Documented samples. Spot socket introduction (heartbeat, subscribe, ack):
 * https://bingx-api.github.io/docs/#/en-us/spot/socket/ ; the spot market page documents `<symbol>@incrDepth`
 * ("action" all/update, lastUpdateId N = N-1 + 1) at https://bingx-api.github.io/docs/#/en-us/spot/socket/market.html
 * without a push sample, so the push below is the one BingX publishes for the same channel and fields on
 * https://bingx-api.github.io/docs/#/en-us/swapV2/socket/market.html (Incremental Depth Information).
 */
const DOC_PING = '{"ping":"2177c68e4d0e45679965f482929b59c2","time":"2022-06-07T16:27:36.323+0800"}';
const DOC_PONG = '{"pong":"2177c68e4d0e45679965f482929b59c2","time":"2022-06-07T16:27:36.323+0800"}';
const DOC_ACK = '{ "id": "id1", "code": 0, "msg": "" }';
const DOC_SUBSCRIBE = '{"id":"975f7385-7f28-4ef1-93af-df01cb9ebb53","reqType": "sub","dataType":"BTC-USDT@incrDepth"}';
const DOC_INCR_UPDATE = `{
  "code": 0,
  "dataType": "BTC-USDT@incrDepth",
  "data": {
    "action": "update",
    "lastUpdateId": 393592635,
    "time": 1760002514979,
    "bids": [["121706.6","16.8741"],["121706.5","1.1466"],["121706.4","0.0079"],["121706.2","0.1190"],
      ["121706.0","0.0405"],["121705.6","0.0022"],["121705.3","0.0447"],["121705.2","0.1520"],["121704.0","0.0071"],
      ["121703.8","0.3957"],["121698.4","1.2145"],["121697.2","1.5386"],["121678.9","2.1586"],["121678.5","0.0000"],
      ["121668.0","3.4117"],["121667.9","0.0000"]],
    "asks": [["122539.8","0.0002"],["122006.8","0.0000"],["122005.9","37.5215"],["121938.5","0.0000"],
      ["121937.7","41.5480"],["121928.0","30.5472"],["121814.5","0.0001"],["121808.7","23.5113"],["121740.1","0.0000"],
      ["121739.3","1.9374"],["121737.7","0.0000"],["121736.9","1.6937"],["121732.9","0.0001"],["121732.0","5.6568"],
      ["121731.0","0.0000"],["121730.8","2.6757"],["121728.6","0.0000"],["121728.4","2.7471"],["121717.6","0.0000"],
      ["121717.4","2.9621"],["121716.4","0.0000"],["121716.2","2.3870"],["121715.2","0.0000"],["121715.0","0.2549"],
      ["121714.6","0.0000"],["121713.8","0.3252"],["121711.5","0.0000"],["121710.9","0.0113"],["121709.4","0.0038"],
      ["121708.7","0.0054"],["121708.0","0.0021"],["121707.6","0.0081"],["121707.3","0.0077"],["121706.9","0.0042"],
      ["121706.8","4.7697"]]
  }
}`;
/** The swap docs' "Ping" / "Pong" text heartbeat (Python sample), which other BingX sockets send. */
const DOC_TEXT_PING = 'Ping';
/** Error answers as ccxt's BingX adapter records them (ts/src/pro/bingx.ts, handleErrorMessage). */
const ERROR_WITH_ID = '{"code":100500,"id":"9cd37d32-da98-440b-bd04-37e7dbcf51ad","msg":"","timestamp":1696245842307}';
const ERROR_WITHOUT_ID = '{"code":100400,"msg":"","timestamp":1696245808833}';
/** The documented trade push (spot market page): a channel this adapter never subscribes. */
const DOC_TRADE = '{"data":{"E":1649832413551,"T":1649832413512,"e":"trade","p":"40125.48","q":"0.007146","s":"BTC-USDT","t":"33685717"},"dataType":"BTC-USDT@trade"}';

/** The documented update's data, re-labelled as the full book that opens the channel (same fields, action "all"). */
function fullBook(lastUpdateId: number, bids: [string, string][], asks: [string, string][]): string {
  return JSON.stringify({ code: 0, dataType: 'BTC-USDT@incrDepth', data: { action: 'all', lastUpdateId, time: 1760002514000, bids, asks } });
}

function update(lastUpdateId: number, bids: [string, string][], asks: [string, string][]): string {
  return JSON.stringify({ code: 0, dataType: 'BTC-USDT@incrDepth', data: { action: 'update', lastUpdateId, time: 1760002514500, bids, asks } });
}

describe('BingX parser', () => {
  it('reads the documented incrDepth update with its id, time and every level, zero sizes included', () => {
    const doc = JSON.parse(DOC_INCR_UPDATE).data;
    expect(parseBingxFrame(DOC_INCR_UPDATE)).toEqual([
      { type: 'update', symbol: 'BTC-USDT', first: 393592635, last: 393592635, time: 1760002514979, bids: doc.bids, asks: doc.asks },
    ]);
  });

  it('reads the full book that opens the channel as a snapshot', () => {
    const [m] = parseBingxFrame(fullBook(393592634, [['121706.6', '16.8741']], [['121706.8', '4.7697']]));
    expect(m).toEqual({ type: 'snapshot', symbol: 'BTC-USDT', last: 393592634, time: 1760002514000, bids: [['121706.6', '16.8741']], asks: [['121706.8', '4.7697']] });
  });

  it('answers the documented JSON ping with the documented pong, and the text Ping with Pong', () => {
    const [ping] = parseBingxFrame(DOC_PING);
    expect(ping).toMatchObject({ type: 'ping' });
    expect(JSON.parse((ping as { reply: string }).reply)).toEqual(JSON.parse(DOC_PONG));
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
    expect(() => parseBingxFrame(DOC_TRADE)).toThrow(/unknown message for BTC-USDT@trade/);
    expect(() => parseBingxFrame(DOC_INCR_UPDATE.replace('"update"', '"merge"'))).toThrow(/action/);
    expect(() => parseBingxFrame(DOC_INCR_UPDATE.replace('393592635', '"abc"'))).toThrow(/lastUpdateId/);
    expect(() => parseBingxFrame('Pong?')).toThrow();
  });
});

describe('BingX gzip transport', () => {
  it('gunzips a real gzip of the documented ping and answers it', async () => {
    const text = await decodeBinaryFrame(new Uint8Array(gzipSync(DOC_PING)));
    expect(text).toBe(DOC_PING);
    const session = new FeedSession(bingx, bingx.market('BTC'));
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
  it('maps every base asset to its USDT spot market and nothing else', () => {
    for (const base of BASE_ASSETS) {
      expect(bingx.market(base)).toEqual({ venue: 'bingx', base, quote: 'USDT', symbol: `${base}-USDT`, kind: 'spot' });
    }
    expect(bingx.market('ADA')).toBeUndefined();
    expect(bingx.market('btc')).toBeUndefined();
  });

  it('opens the documented socket and subscribes like the documented example, with unique ids', () => {
    const market = bingx.market('BTC')!;
    expect(bingx.streamUrl(market, bingx.endpoints)).toBe('wss://open-api-ws.bingx.com/market');
    const doc = JSON.parse(DOC_SUBSCRIBE);
    const [a] = bingx.subscribe(market).map((t) => JSON.parse(t));
    const [b] = bingx.subscribe(market).map((t) => JSON.parse(t));
    expect(a).toMatchObject({ reqType: doc.reqType, dataType: doc.dataType });
    expect(typeof a.id).toBe('string');
    expect(a.id).not.toBe(b.id);
  });

  it('asks for a fresh full book by unsubscribing and subscribing again', () => {
    const frames = bingx.resubscribe!(bingx.market('ETH')!).map((t) => JSON.parse(t));
    expect(frames.map((f) => [f.reqType, f.dataType])).toEqual([
      ['unsub', 'ETH-USDT@incrDepth'],
      ['sub', 'ETH-USDT@incrDepth'],
    ]);
  });
});

describe('BingX through FeedSession', () => {
  const live = (): FeedSession => {
    const s = new FeedSession(bingx, bingx.market('BTC'));
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
      venue: 'bingx',
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
    const replayed = r.sessions.get('bingx')!;
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
