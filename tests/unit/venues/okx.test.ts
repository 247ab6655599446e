import { describe, expect, it } from 'vitest';
import { OrderBook } from '../../../src/book/orderbook';
import { FeedSession } from '../../../src/feed/session';
import { SimMarket } from '../../../src/sim/market';
import { simSpec } from '../../../src/sim/specs';
import type { SimFeedMarkets } from '../../../src/sim/types';
import { okxSim, okxSimulator, type OkxSimMode } from '../../../src/sim/venues/okx';
import { OKX_DEPTH, okx, okxChecksum, okxChecksumText, okxSequence, parseOkxFrame } from '../../../src/venues/okx';
import type { Effect } from '../../../src/venues/types';
import { topOf } from '../../helpers/books';
import { testMarket } from '../../helpers/markets';

// Samples from OKX's API v5 docs, "WS / Order book channel":
// https://www.okx.com/docs-v5/en/#order-book-trading-market-data-ws-order-book-channel
const ASKS = '[["8476.98","415","0","13"],["8477","7","0","2"],["8477.34","85","0","1"],["8477.56","1","0","1"],["8505.84","8","0","1"],["8506.37","85","0","1"],["8506.49","2","0","1"],["8506.96","100","0","2"]]';
const BIDS = '[["8476.97","256","0","12"],["8475.55","101","0","1"],["8475.54","100","0","1"],["8475.3","1","0","1"],["8447.32","6","0","1"],["8447.02","246","0","1"],["8446.83","24","0","1"],["8446","95","0","3"]]';
const DOC_SNAPSHOT = `{"arg":{"channel":"books","instId":"BTC-USDT"},"action":"snapshot","data":[{"asks":${ASKS},"bids":${BIDS},"ts":"1597026383085","checksum":-855196043,"prevSeqId":-1,"seqId":123456}]}`;
const DOC_UPDATE = `{"arg":{"channel":"books","instId":"BTC-USDT"},"action":"update","data":[{"asks":${ASKS},"bids":${BIDS},"ts":"1597026383085","checksum":-855196043,"prevSeqId":123456,"seqId":123457}]}`;
const DOC_ACK = '{"id":"1512","event":"subscribe","arg":{"channel":"books","instId":"BTC-USDT"},"connId":"a4d3ae55"}';
const DOC_FAILURE =
  '{"id":"1512","event":"error","code":"60012","msg":"Invalid request: {\\"op\\": \\"subscribe\\", \\"argss\\":[{ \\"channel\\" : \\"books\\", \\"instId\\" : \\"BTC-USD-191227\\"}]}","connId":"a4d3ae55"}';

/** A books push as OKX frames it, for the sequence examples of the docs. */
function push(action: 'snapshot' | 'update', prevSeqId: number, seqId: number, bids: string[][] = [], asks: string[][] = []): string {
  return JSON.stringify({ arg: { channel: 'books', instId: 'BTC-USDT' }, action, data: [{ asks, bids, ts: '1597026383085', checksum: 0, prevSeqId, seqId }] });
}

/** A books push from before OKX added seqId/prevSeqId: the checksum alone. */
function legacyPush(action: 'snapshot' | 'update', checksum: number, bids: string[][] = [], asks: string[][] = []): string {
  return JSON.stringify({ arg: { channel: 'books', instId: 'BTC-USDT' }, action, data: [{ asks, bids, ts: '1597026383085', checksum }] });
}

/** A GET /api/v5/market/books answer in the documented shape. */
function restBook(seqId: number, bids: string[][], asks: string[][]): string {
  const wire = (levels: string[][]) => levels.map(([p, q]) => [p, q, '0', '1']);
  return JSON.stringify({ code: '0', msg: '', data: [{ asks: wire(asks), bids: wire(bids), ts: '1597026383085', seqId }] });
}

const BOOKS_URL = 'https://openapi.okx.com/api/v5/market/books?instId=BTC-USDT&sz=400';

function sends(effects: Effect[]): string[] {
  return effects.map((e) => (e.type === 'send' ? e.text : `<${e.type}>`));
}

describe('OKX parser', () => {
  it('reads the documented full snapshot: price and size of each level, seqId, checksum and time', () => {
    const [m] = parseOkxFrame(DOC_SNAPSHOT);
    expect(m).toMatchObject({ type: 'snapshot', symbol: 'BTC-USDT', last: 123456, checksum: -855196043, time: 1597026383085 });
    if (m?.type !== 'snapshot') throw new Error('not a snapshot');
    expect(m.bids[0]).toEqual(['8476.97', '256']);
    expect(m.asks[7]).toEqual(['8506.96', '100']);
    expect(m.bids).toHaveLength(8);
  });

  it('reads the documented incremental push with its prevSeqId', () => {
    expect(parseOkxFrame(DOC_UPDATE)[0]).toMatchObject({ type: 'update', symbol: 'BTC-USDT', prev: 123456, last: 123457, checksum: -855196043 });
  });

  it('reads the documented subscribe confirmation and failure, and the bare pong', () => {
    expect(parseOkxFrame(DOC_ACK)).toEqual([{ type: 'info', text: 'subscribe' }]);
    const [error] = parseOkxFrame(DOC_FAILURE);
    expect(error).toMatchObject({ type: 'error' });
    expect((error as { message: string }).message).toMatch(/^60012 Invalid request: /);
    expect(parseOkxFrame('pong')).toEqual([{ type: 'pong' }]);
  });

  // OKX, "Order Book Channels Checksum Field Deprecation" (21 May 2026; https://www.okx.com/docs-v5/log_en): on
  // books, books-l2-tbt and books50-l2-tbt "the checksum field will remain present in push messages but will
  // always return 0 and must no longer be used for data integrity validation".
  it('reads a checksum of 0 as no checksum, as OKX deprecated the field', () => {
    expect(parseOkxFrame(push('update', 10, 15))[0]).toMatchObject({ type: 'update', checksum: undefined });
  });

  it('reads a frame from before seqId/prevSeqId by its checksum alone, and refuses one with neither as unverifiable', () => {
    expect(parseOkxFrame(legacyPush('update', -1881014294))[0]).toMatchObject({ type: 'update', prev: undefined, last: undefined, checksum: -1881014294 });
    expect(() => parseOkxFrame(legacyPush('update', 0))).toThrow(/cannot be verified/);
    expect(() => parseOkxFrame(legacyPush('snapshot', 0))).toThrow(/cannot be verified/);
  });

  it('rejects frames it does not know instead of guessing', () => {
    expect(() => parseOkxFrame('{"arg":{"channel":"tickers","instId":"BTC-USDT"},"data":[]}')).toThrow(/not a books or trades push/);
    expect(() => parseOkxFrame('{"event":"login","code":"0"}')).toThrow(/unknown event login/);
    expect(() => parseOkxFrame(DOC_UPDATE.replace('"prevSeqId":123456,', ''))).toThrow(/prevSeqId/);
    expect(() => parseOkxFrame('ping')).toThrow();
  });
});

describe('OKX checksum', () => {
  // The docs' two worked examples ("Calculate Checksum"). The v5 page gives the check strings; OKX's v3 docs
  // published the same two books with their checksums, -1881014294 and 831078360.
  const example1 = { bids: [['3366.1', '7'], ['3366', '6']] as const, asks: [['3366.8', '9'], ['3368', '8']] as const };
  const example2 = { bids: [['3366.1', '7']] as const, asks: [['3366.8', '9'], ['3368', '8'], ['3372', '8']] as const };

  it('interleaves bids and asks, the longer side continuing alone, as in the docs', () => {
    expect(okxChecksumText(example1.bids, example1.asks)).toBe('3366.1:7:3366.8:9:3366:6:3368:8');
    expect(okxChecksumText(example2.bids, example2.asks)).toBe('3366.1:7:3366.8:9:3368:8:3372:8');
  });

  it('equals the checksums OKX published for those books, as signed 32-bit integers', () => {
    expect(okxChecksum(example1.bids, example1.asks)).toBe(-1881014294);
    expect(okxChecksum(example2.bids, example2.asks)).toBe(831078360);
  });

  it('computes the same from a book holding the documented levels, whatever order they arrive in', () => {
    const book = new OrderBook(OKX_DEPTH);
    book.snapshot([['3366', '6'], ['3366.1', '7']], [['3368', '8'], ['3366.8', '9']]);
    expect(okx.checksum!(book)).toBe(-1881014294);
  });

  it('covers only the best 25 levels of each side', () => {
    const bids = Array.from({ length: 30 }, (_, i) => [String(100 - i), '1'] as const);
    const asks = Array.from({ length: 30 }, (_, i) => [String(101 + i), '2'] as const);
    const fields = okxChecksumText(bids, asks).split(':');
    expect(fields).toHaveLength(100);
    expect(fields.slice(-4)).toEqual(['76', '1', '125', '2']);
  });

  it('keeps the text as received: "0.5000" is not "0.5"', () => {
    expect(okxChecksum([['0.5000', '1']], [])).not.toBe(okxChecksum([['0.5', '1']], []));
  });
});

describe('OKX sequence rule', () => {
  // The docs' example, "Sequence ID": snapshot -1 -> 10, then 10 -> 15, 15 -> 15 (no update), 15 -> 3 (reset after
  // maintenance), 3 -> 5. Each update names the seqId of the message before it.
  it('applies the documented chain, including the keepalive and the reset to a smaller seqId', () => {
    expect(okxSequence(10, { prev: 10 })).toBe('apply');
    expect(okxSequence(15, { prev: 15 })).toBe('apply');
    expect(okxSequence(15, { prev: 15 })).toBe('apply');
    expect(okxSequence(3, { prev: 3 })).toBe('apply');
  });

  it('calls anything else a gap: a lost message, or no id to compare', () => {
    expect(okxSequence(15, { prev: 20 })).toBe('gap');
    expect(okxSequence(15, { prev: 10 })).toBe('gap');
    expect(okxSequence(undefined, { prev: 15 })).toBe('gap');
    expect(okxSequence(15, { prev: 10, last: 20 }, false)).toBe('gap');
  });

  // The changelog's "How to manage a local order book correctly" (https://www.okx.com/docs-v5/log_en): discard
  // buffered events with seqId <= the snapshot's seqId; the first should satisfy prevSeqId <= snapshot seqId < seqId.
  it('joins the first update after a REST snapshot by prevSeqId <= snapshot seqId < seqId', () => {
    expect(okxSequence(100, { prev: 90, last: 95 }, true)).toBe('skip');
    expect(okxSequence(100, { prev: 95, last: 100 }, true)).toBe('skip');
    expect(okxSequence(100, { prev: 100, last: 100 }, true)).toBe('apply');
    expect(okxSequence(100, { prev: 100, last: 104 }, true)).toBe('apply');
    expect(okxSequence(100, { prev: 97, last: 104 }, true)).toBe('apply');
    // prevSeqId past the snapshot: updates between them are in neither, the snapshot is older than the stream.
    expect(okxSequence(100, { prev: 101, last: 104 }, true)).toBe('gap');
  });

  it('applies a frame from before OKX had ids: its checksum proves it', () => {
    expect(okxSequence(undefined, {}, false)).toBe('apply');
    expect(okxSequence(10, {}, true)).toBe('apply');
  });

  it('keeps the book live through the documented chain and resubscribes on the same socket after a gap', () => {
    const session = new FeedSession(okx, testMarket('okx'));
    session.open();
    session.frame(push('snapshot', -1, 10, [['100', '1']], [['101', '1']]), 0);
    session.frame(push('update', 10, 15, [['100', '2']]), 1);
    session.frame(push('update', 15, 15), 2);
    session.frame(push('update', 15, 3, [], [['101', '0'], ['102', '4']]), 3);
    session.frame(push('update', 3, 5, [['99', '1']]), 4);
    expect(session.stats).toMatchObject({ snapshots: 1, updates: 4, gaps: 0, resyncs: 0, errors: 0 });
    expect(topOf(session.book, 5)).toEqual({ bids: [[100, 2], [99, 1]], asks: [[102, 4]] });

    const effects = session.frame(push('update', 7, 9, [['98', '1']]), 5);
    expect(session.stats).toMatchObject({ gaps: 1, resyncs: 1 });
    expect(session.state).toBe('syncing');
    expect(sends(effects).map((t) => JSON.parse(t))).toEqual([
      { op: 'unsubscribe', args: [{ channel: 'books', instId: 'BTC-USDT' }] },
      { op: 'subscribe', args: [{ channel: 'books', instId: 'BTC-USDT' }] },
    ]);
  });

  it('resubscribes when a published checksum disagrees with the book', () => {
    const session = new FeedSession(okx, testMarket('okx'));
    session.open();
    const ok = okxChecksum([['100', '1']], [['101', '1']]);
    session.frame(push('snapshot', -1, 1, [['100', '1']], [['101', '1']]).replace('"checksum":0', `"checksum":${ok}`), 0);
    session.frame(push('update', 1, 2, [['100', '3']]).replace('"checksum":0', `"checksum":${ok}`), 1);
    expect(session.stats.checksums).toEqual({ verified: 1, failed: 1 });
    expect(session.stats.resyncs).toBe(1);
  });
});

describe('OKX without a snapshot on the stream (delisted)', () => {
  function open(): FeedSession {
    const session = new FeedSession(okx, testMarket('okx'));
    expect(sends(session.open())).toEqual(['{"op":"subscribe","args":[{"channel":"books","instId":"BTC-USDT"},{"channel":"trades","instId":"BTC-USDT"}]}']);
    return session;
  }

  it('holds the updates, asks GET /api/v5/market/books once, and joins the answer to them', () => {
    const session = open();
    expect(session.frame(push('update', 90, 95, [['99', '1']]), 0)).toEqual([{ type: 'fetch', url: BOOKS_URL }]);
    expect(session.frame(push('update', 95, 101, [['98', '1']]), 1)).toEqual([]);
    expect(session.frame(push('update', 101, 104, [['100', '3']]), 2)).toEqual([]);
    expect(session.state).toBe('syncing');
    expect(session.awaitingSnapshot).toBe(true);

    session.rest(BOOKS_URL, 200, restBook(100, [['100', '1'], ['99', '1']], [['101', '1']]), 3);
    // 90->95 is in the snapshot; 95->101 straddles it and applies; 101->104 follows.
    expect(session.stats).toMatchObject({ snapshots: 1, skipped: 1, updates: 2, resyncs: 0 });
    expect(session.state).toBe('live');
    expect(topOf(session.book, 5)).toEqual({ bids: [[100, 3], [99, 1], [98, 1]], asks: [[101, 1]] });
    session.frame(push('update', 104, 110, [], [['101', '0'], ['102', '2']]), 4);
    expect(topOf(session.book, 5).asks).toEqual([[102, 2]]);
  });

  it('asks again when the snapshot is older than the stream, keeping the update it could not join', () => {
    const session = open();
    session.frame(push('update', 101, 104, [['99', '2']]), 0);
    const effects = session.rest(BOOKS_URL, 200, restBook(100, [['99', '1']], [['101', '1']]), 1);
    expect(effects).toEqual([{ type: 'fetch', url: BOOKS_URL }]);
    expect(session.stats.resyncReasons).toEqual({ 'stale-snapshot': 1 });
    expect(session.state).toBe('syncing');
    session.rest(BOOKS_URL, 200, restBook(102, [['99', '1']], [['101', '1']]), 2);
    expect(session.state).toBe('live');
    expect(topOf(session.book, 5).bids).toEqual([[99, 2]]);
  });

  it('takes an empty stream snapshot for a missing one: not shown live, the snapshot asked for', () => {
    const session = open();
    expect(session.frame(push('snapshot', -1, 100), 0)).toEqual([{ type: 'fetch', url: BOOKS_URL }]);
    expect(session.state).toBe('syncing');
    expect(session.stats.snapshots).toBe(0);
    session.frame(push('update', 100, 103, [['99', '2']]), 1);
    session.rest(BOOKS_URL, 200, restBook(100, [['99', '1']], [['101', '1']]), 2);
    expect(session.state).toBe('live');
    expect(topOf(session.book, 5)).toEqual({ bids: [[99, 2]], asks: [[101, 1]] });
  });

  it('lets a stream snapshot that does come rule: the held updates were before it, a late REST answer is left out', () => {
    const session = open();
    session.frame(push('update', 90, 95, [['99', '1']]), 0);
    session.frame(push('snapshot', -1, 96, [['100', '1']], [['101', '1']]), 1);
    expect(session.state).toBe('live');
    expect(session.awaitingSnapshot).toBe(false);
    expect(session.rest(BOOKS_URL, 200, restBook(90, [['50', '1']], [['51', '1']]), 2)).toEqual([]);
    expect(session.stats).toMatchObject({ snapshots: 1, skipped: 1, errors: 0 });
    expect(topOf(session.book, 5)).toEqual({ bids: [[100, 1]], asks: [[101, 1]] });
  });

  it('resyncs by resubscribing, and asks REST again when the new subscription brings no snapshot', () => {
    const session = open();
    session.frame(push('update', 90, 95), 0);
    session.rest(BOOKS_URL, 200, restBook(95, [['99', '1']], [['101', '1']]), 1);
    session.frame(push('update', 95, 96), 2);
    const resync = session.frame(push('update', 97, 99), 2);
    expect(session.stats.resyncReasons).toEqual({ gap: 1 });
    expect(sends(resync).map((t) => JSON.parse(t).op)).toEqual(['unsubscribe', 'subscribe']);
    expect(session.frame(push('update', 99, 100), 3)).toEqual([{ type: 'fetch', url: BOOKS_URL }]);
  });

  it('counts a refused order book request as an error and stays syncing', () => {
    const session = open();
    session.frame(push('update', 90, 95), 0);
    session.rest(BOOKS_URL, 200, '{"code":"51001","msg":"Instrument ID, Instrument ID code or Spread ID doesn\'t exist.","data":[]}', 1);
    expect(session.stats).toMatchObject({ errors: 1, snapshots: 0 });
    expect(session.stats.lastError).toMatch(/OKX says: 51001/);
    expect(session.awaitingSnapshot).toBe(false);
    expect(session.state).toBe('syncing');
  });
});

describe('OKX frames without seqId/prevSeqId', () => {
  const snapshot = { bids: [['3366.1', '7'], ['3366', '6']], asks: [['3366.8', '9'], ['3368', '8']] };

  it('verifies each by its checksum (the docs\' examples) and resyncs on one that disagrees', () => {
    const session = new FeedSession(okx, testMarket('okx'));
    session.open();
    session.frame(legacyPush('snapshot', -1881014294, snapshot.bids, snapshot.asks), 0);
    session.frame(legacyPush('update', 831078360, [['3366', '0']], [['3372', '8']]), 1);
    expect(session.stats).toMatchObject({ snapshots: 1, updates: 1, checksums: { verified: 2, failed: 0 }, resyncs: 0 });
    const effects = session.frame(legacyPush('update', 831078360, [['3366.1', '8']]), 2);
    expect(session.stats.checksums.failed).toBe(1);
    expect(sends(effects).map((t) => JSON.parse(t).op)).toEqual(['unsubscribe', 'subscribe']);
  });

  it('resyncs on a frame with neither ids nor a checksum, as on any unreadable frame', () => {
    const session = new FeedSession(okx, testMarket('okx'));
    session.open();
    session.frame(legacyPush('snapshot', -1881014294, snapshot.bids, snapshot.asks), 0);
    session.frame(legacyPush('update', 0, [['3366', '0']]), 1);
    expect(session.stats).toMatchObject({ malformed: 1, resyncReasons: { malformed: 1 } });
    expect(session.state).toBe('syncing');
  });
});

describe('OKX markets and connection', () => {
  it('opens the public socket, subscribes to books and trades as the docs show and leaves a market alone', () => {
    const market = testMarket('okx', 'ETH');
    const channels = [
      { channel: 'books', instId: 'ETH-USDT' },
      { channel: 'trades', instId: 'ETH-USDT' },
    ];
    expect(okx.streamUrl(market, okx.endpoints)).toBe('wss://ws.okx.com:8443/ws/v5/public');
    expect(okx.subscribe(market).map((t) => JSON.parse(t))).toEqual([{ op: 'subscribe', args: channels }]);
    expect(okx.unsubscribe!(market).map((t) => JSON.parse(t))).toEqual([{ op: 'unsubscribe', args: channels }]);
    expect(okx.keepalive?.text).toBe('ping');
    expect(okx.keepalive!.everyMs).toBeLessThan(30_000);
  });

  it('counts malformed frames, unknown messages and subscription errors without throwing', () => {
    const session = new FeedSession(okx, testMarket('okx'));
    session.open();
    expect(() => session.frame('{"arg":', 0)).not.toThrow();
    expect(() => session.frame('{"arg":{"channel":"tickers","instId":"BTC-USDT"},"data":[]}', 0)).not.toThrow();
    expect(() => session.frame(DOC_FAILURE, 0)).not.toThrow();
    session.frame(DOC_ACK, 0);
    session.frame('pong', 0);
    expect(session.stats.errors).toBe(3);
    expect(session.stats.lastError).toMatch(/OKX says: 60012 Invalid request/);
  });
});

describe('OKX simulator', () => {
  /** The simulated OKX host's markets: spot's `market` as BTC-USDT, no swap. */
  const onlySpot = (market: SimMarket): SimFeedMarkets => new Map([['okx', new Map([['BTC-USDT', market]])]]);

  function connect(markets: SimFeedMarkets) {
    const inbox: string[] = [];
    const conn = okxSim.connect('/ws/v5/public', markets, (t) => inbox.push(t))!;
    return { conn, inbox };
  }

  it('answers ping with pong and refuses an instrument it does not list', () => {
    const { conn, inbox } = connect(onlySpot(new SimMarket(simSpec('okx', 'BTC'), 1)));
    conn.receive('ping', 0);
    conn.receive('{"op":"subscribe","args":[{"channel":"books","instId":"ADA-USDT"}]}', 0);
    expect(inbox[0]).toBe('pong');
    expect(parseOkxFrame(inbox[1]!)[0]).toMatchObject({ type: 'error', message: expect.stringMatching(/^60018 /) });
    expect(okxSim.connect('/ws/v5/private', new Map(), () => {})).toBeUndefined();
  });

  it.each<OkxSimMode>(['rest-snapshot', 'stream-snapshot', 'checksum-only'])(
    'keeps a 400-level window of a deeper book, and the client cut at 400 levels stays equal to it (%s)',
    (mode) => {
      const market = new SimMarket({ ...simSpec('okx', 'BTC'), depth: 500 }, 11);
      const markets = onlySpot(market);
      const sim = okxSimulator(mode);
      const inbox: string[] = [];
      const conn = sim.connect('/ws/v5/public', markets, (t) => inbox.push(t))!;
      const session = new FeedSession(okx, testMarket('okx'));
      const run = (effects: Effect[], now: number): void => {
        for (const e of effects) {
          if (e.type === 'send') conn.receive(e.text, now);
          if (e.type === 'fetch') {
            const u = new URL(e.url);
            const answer = sim.rest!(u.pathname, u.searchParams, markets, now)!;
            run(session.rest(e.url, answer.status, answer.body, now), now);
          }
        }
      };
      run(session.open(), 0);
      for (let i = 0; i < 300; i++) {
        conn.update(market, market.step(), i);
        for (const text of inbox.splice(0)) run(session.frame(text, i), i);
      }
      expect(market.book.bids.length).toBeGreaterThan(OKX_DEPTH);
      expect(session.stats).toMatchObject({ snapshots: 1, gaps: 0, resyncs: 0, errors: 0 });
      expect(session.stats.checksums.failed).toBe(0);
      if (mode !== 'rest-snapshot') expect(session.stats.checksums.verified).toBe(1 + session.stats.updates);
      expect(session.book.bids.length).toBe(OKX_DEPTH);
      expect(topOf(session.book, OKX_DEPTH)).toEqual(topOf(market.book, OKX_DEPTH));
    },
  );
});
