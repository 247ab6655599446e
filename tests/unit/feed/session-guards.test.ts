import { describe, expect, it } from 'vitest';
import type { RawLevel } from '../../../src/book/levels';
import { Replayer } from '../../../src/feed/replay';
import { FeedSession, MAX_PENDING_LEVELS, MAX_SKIPPED_AFTER_SNAPSHOT } from '../../../src/feed/session';
import { statusOfSession } from '../../../src/worker/session-status';
import { binance } from '../../../src/venues/binance';
import { bybit } from '../../../src/venues/bybit';
import { okx } from '../../../src/venues/okx';
import type { Effect } from '../../../src/venues/types';
import { testMarket } from '../../helpers/markets';

/**
 * Bad frames of every kind the issue lists, in the venues' documented shapes: Binance's diff event and REST depth
 * body ("Diff. Depth Stream", "Order Book"), OKX's `books` push and Bybit's `orderbook` push as their docs print
 * them, with the ids and levels changed to tell a story.
 */
const REST_URL = 'https://api.binance.com/api/v3/depth?symbol=BTCUSDT&limit=1000';

function diff(first: number, last: number, bids: RawLevel[], asks: RawLevel[] = [], symbol = 'BTCUSDT'): string {
  return JSON.stringify({ e: 'depthUpdate', E: 1672515782136, s: symbol, U: first, u: last, b: bids, a: asks });
}

function depthBody(lastUpdateId: number, bids: RawLevel[], asks: RawLevel[]): string {
  return JSON.stringify({ lastUpdateId, bids, asks });
}

const BIDS: RawLevel[] = [
  ['90990.01000000', '0.50000000'],
  ['90990.00000000', '1.20000000'],
];
const ASKS: RawLevel[] = [
  ['90990.02000000', '0.30000000'],
  ['90990.50000000', '2.00000000'],
];

/** A Binance session live on a snapshot at id 100. */
function liveBinance(): FeedSession {
  const s = new FeedSession(binance, testMarket('binance'));
  s.open();
  s.rest(REST_URL, 200, depthBody(100, BIDS, ASKS), 1_000);
  expect(s.state).toBe('live');
  return s;
}

function kinds(effects: Effect[]): string[] {
  return effects.map((e) => e.type);
}

/** `n` levels a side around 90990, best first, the way a venue cuts a deep snapshot. */
function ladder(n: number): { bids: RawLevel[]; asks: RawLevel[] } {
  const bids: RawLevel[] = [];
  const asks: RawLevel[] = [];
  for (let i = 0; i < n; i++) {
    bids.push([(90990 - i * 0.01).toFixed(2), '1.00']);
    asks.push([(90990.01 + i * 0.01).toFixed(2), '1.00']);
  }
  return { bids, asks };
}

/** An OKX `books` push for `instId`, one ask at 8476.98 and the given bids. */
function okxPush(instId: string, action: 'snapshot' | 'update', bids: string[][], prevSeqId: number, seqId: number): string {
  return JSON.stringify({ arg: { channel: 'books', instId }, action, data: [{ asks: [['8476.98', '415', '0', '13']], bids, ts: '1597026383085', checksum: 0, prevSeqId, seqId }] });
}

describe('a frame about another market', () => {
  it('is counted and left out of the book on Binance, which stays live', () => {
    const s = liveBinance();
    expect(s.frame(diff(101, 101, [['90995.00000000', '9.00000000']], [], 'ETHUSDT'), 2_000)).toEqual([]);
    expect(s.stats).toMatchObject({ foreign: 1, updates: 0, resyncs: 0 });
    expect(s.book.bids.priceAt(0)).toBe(90990.01);
    expect(s.state).toBe('live');
    expect(s.stats.lastError).toMatch(/update for ETHUSDT, not BTCUSDT/);
    s.frame(diff(101, 101, [['90990.01000000', '0.70000000']]), 2_100);
    expect(s.stats.updates).toBe(1);
  });

  it('is counted and left out on OKX, snapshots included', () => {
    const s = new FeedSession(okx, testMarket('okx'));
    s.open();
    s.frame(okxPush('BTC-USDT', 'snapshot', [['8476.97', '256', '0', '12']], -1, 10), 1);
    s.frame(okxPush('ETH-USDT', 'snapshot', [['3000.1', '1', '0', '1']], -1, 500), 2);
    s.frame(okxPush('ETH-USDT', 'update', [['8476.97', '0', '0', '0']], 500, 501), 3);
    expect(s.stats).toMatchObject({ foreign: 2, snapshots: 1, resyncs: 0, errors: 2 });
    expect(s.book.bids.top(5)).toEqual([[8476.97, 256]]);
  });

  it("is the other markets' traffic on a socket they share: left out, no error, and not one of this market's frames", () => {
    const s = new FeedSession(okx, testMarket('okx'), { sharedSocket: true });
    s.open();
    s.frame(okxPush('BTC-USDT', 'snapshot', [['8476.97', '256', '0', '12']], -1, 10), 1);
    s.frame(okxPush('ETH-USDT', 'snapshot', [['3000.1', '1', '0', '1']], -1, 500), 2);
    s.frame(okxPush('ETH-USDT', 'update', [['8476.97', '0', '0', '0']], 500, 501), 3);
    s.frame('pong', 4);
    expect(s.stats).toMatchObject({ frames: 2, foreign: 2, snapshots: 1, resyncs: 0, errors: 0, malformed: 0 });
    expect(s.stats.lastError).toBeUndefined();
    expect(s.book.bids.top(5)).toEqual([[8476.97, 256]]);
  });
});

describe("a venue's own book that comes out crossed", () => {
  it('is not trusted after an update: resynced, counted, and the status says why', () => {
    const s = liveBinance();
    const effects = s.frame(diff(101, 101, [['90990.50000000', '1.00000000']]), 2_000);
    expect(kinds(effects)).toEqual(['fetch']);
    expect(s.state).toBe('syncing');
    expect(s.book.empty).toBe(true);
    expect(s.stats).toMatchObject({ crossed: 1, resyncs: 1, resyncReasons: { crossed: 1 } });
    expect(statusOfSession('binance', s, 2_000).reason).toMatch(/^crossed book: best bid 90990.5 ≥ best ask 90990.02$/);
  });

  it('is not trusted from a snapshot either', () => {
    const s = new FeedSession(binance, testMarket('binance'));
    s.open();
    s.rest(REST_URL, 200, depthBody(100, [['90991.00000000', '1.0']], ASKS), 1_000);
    expect(s.state).toBe('syncing');
    expect(s.stats.resyncReasons).toEqual({ crossed: 1 });
  });

  it('is resynced on the same socket where the venue allows it (Bybit)', () => {
    const s = new FeedSession(bybit, testMarket('bybit'));
    s.open();
    const msg = (type: 'snapshot' | 'delta', u: number, b: RawLevel[], a: RawLevel[]): string =>
      JSON.stringify({ topic: 'orderbook.1000.BTCUSDT', type, ts: 1672304484978, data: { s: 'BTCUSDT', b, a, u, seq: 7961638724 }, cts: 1672304484976 });
    s.frame(msg('snapshot', 1, [['16493.50', '0.006']], [['16611.00', '0.029']]), 1);
    const effects = s.frame(msg('delta', 2, [], [['16400.00', '0.5']]), 2);
    expect(effects.map((e) => (e.type === 'send' ? JSON.parse(e.text).op : e.type))).toEqual(['unsubscribe', 'subscribe']);
    expect(s.stats.crossed).toBe(1);
  });
});

describe('numbers outside the grammar', () => {
  it.each(['0x10', '0b101', '+90990.01', ' 90990.01 ', '90990.0100000000000000000000001', '1e308', ''])(
    'a size of %j makes the update invalid: the book is dropped and synced again, never holding it',
    (bad) => {
      const s = liveBinance();
      expect(kinds(s.frame(diff(101, 101, [['90990.00000000', bad]]), 2_000))).toEqual(['fetch']);
      expect(s.stats).toMatchObject({ invalid: 1, resyncReasons: { invalid: 1 } });
      expect(s.book.empty).toBe(true);
      s.rest(REST_URL, 200, depthBody(101, BIDS, ASKS), 2_100);
      expect(s.book.bids.top(5)).toEqual([
        [90990.01, 0.5],
        [90990, 1.2],
      ]);
    },
  );

  it('as a price, too', () => {
    const s = liveBinance();
    s.frame(diff(101, 101, [['0x10', '1.0']]), 2_000);
    expect(s.stats.invalid).toBe(1);
    expect(s.stats.lastError).toMatch(/unreadable level \["0x10", "1.0"\]/);
  });
});

describe('ids that go backwards', () => {
  it('after an update was applied mean a restart: resync, counted apart from gaps', () => {
    const s = liveBinance();
    s.frame(diff(101, 103, [['90990.00000000', '1.30000000']]), 2_000);
    expect(kinds(s.frame(diff(5, 6, [['90990.00000000', '7.00000000']]), 2_100))).toEqual(['fetch']);
    expect(s.stats).toMatchObject({ updates: 1, gaps: 0, resyncReasons: { backwards: 1 } });
    expect(s.stats.lastResync).toMatch(/ids went back/);
  });

  it('are skipped while the stream catches up with the snapshot, and that count is kept', () => {
    const s = new FeedSession(binance, testMarket('binance'));
    s.open();
    s.frame(diff(90, 95, []), 900);
    s.frame(diff(96, 99, []), 950);
    s.rest(REST_URL, 200, depthBody(100, BIDS, ASKS), 1_000);
    s.frame(diff(100, 100, []), 1_010);
    s.frame(diff(101, 102, []), 1_020);
    expect(s.stats).toMatchObject({ skipped: 3, updates: 1, resyncs: 0 });
    expect(statusOfSession('binance', s, 1_020).counters.skipped).toBe(3);
  });

  it('before any was applied still tell a restart when they drop below the last one skipped', () => {
    const s = new FeedSession(binance, testMarket('binance'));
    s.open();
    s.rest(REST_URL, 200, depthBody(100, BIDS, ASKS), 1_000);
    s.frame(diff(80, 90, []), 1_010);
    expect(kinds(s.frame(diff(3, 4, []), 1_020))).toEqual(['fetch']);
    expect(s.stats.resyncReasons).toEqual({ backwards: 1 });
  });

  it('or when the stream never reaches the snapshot', () => {
    const s = new FeedSession(binance, testMarket('binance'));
    s.open();
    s.rest(REST_URL, 200, depthBody(1_000_000, BIDS, ASKS), 1_000);
    let effects: Effect[] = [];
    for (let id = 1; id <= MAX_SKIPPED_AFTER_SNAPSHOT + 1; id++) effects = s.frame(diff(id, id, []), 1_000 + id);
    expect(kinds(effects)).toEqual(['fetch']);
    expect(s.stats).toMatchObject({ skipped: MAX_SKIPPED_AFTER_SNAPSHOT, resyncReasons: { backwards: 1 } });
  });
});

describe('a frame that cannot be read', () => {
  it('may have been an update: the book is resynced', () => {
    const s = liveBinance();
    expect(kinds(s.frame('{"e":"depthUpdate","U":', 2_000))).toEqual(['fetch']);
    expect(s.stats).toMatchObject({ malformed: 1, resyncReasons: { malformed: 1 } });
    expect(s.state).toBe('syncing');
  });
});

describe('a snapshot that lists a price twice', () => {
  it('is invalid: resynced rather than the last copy silently kept', () => {
    const s = new FeedSession(binance, testMarket('binance'));
    s.open();
    const effects = s.rest(REST_URL, 200, depthBody(100, [...BIDS, ['90990.01000000', '9.00000000']], ASKS), 1_000);
    expect(kinds(effects)).toEqual(['fetch']);
    expect(s.state).toBe('syncing');
    expect(s.stats).toMatchObject({ invalid: 1, snapshots: 0, resyncReasons: { invalid: 1 } });
  });
});

describe('changes beyond the prices a partial snapshot covered', () => {
  const { bids, asks } = ladder(binance.snapshotLevels!);

  it('are left out of the book and counted, so no hole is shown as exact', () => {
    const s = new FeedSession(binance, testMarket('binance'));
    s.open();
    s.rest(REST_URL, 200, depthBody(100, bids, asks), 1_000);
    const floor = s.book.bids.priceAt(s.book.bids.length - 1)!;
    s.frame(diff(101, 101, [['80000.00', '5.00']], [['99000.00', '5.00']]), 1_100);
    expect(s.stats).toMatchObject({ outOfRange: 2, updates: 1, resyncs: 0 });
    expect(s.book.bids.priceAt(s.book.bids.length - 1)).toBe(floor);
    expect(s.book.asks.top(1000).some(([p]) => p === 99000)).toBe(false);
  });

  it('are taken as they come when the snapshot held the whole side', () => {
    const s = new FeedSession(binance, testMarket('binance'));
    s.open();
    s.rest(REST_URL, 200, depthBody(100, BIDS, ASKS), 1_000);
    s.frame(diff(101, 101, [['80000.00', '5.00']]), 1_100);
    expect(s.stats.outOfRange).toBe(0);
    expect(s.book.bids.priceAt(2)).toBe(80000);
  });

  it('resync the book once the market has moved out of the covered range', () => {
    const s = new FeedSession(binance, testMarket('binance'));
    s.open();
    s.rest(REST_URL, 200, depthBody(100, bids, asks), 1_000);
    // The market falls through 95 % of the covered bids, and the venue sends bids below them.
    const gone: RawLevel[] = bids.slice(0, 950).map(([p]) => [p, '0']);
    const effects = s.frame(diff(101, 101, [...gone, ['80000.00', '1.00']], [['90980.00', '1.00']]), 1_100);
    expect(kinds(effects)).toEqual(['fetch']);
    expect(s.stats.resyncReasons).toEqual({ range: 1 });
    expect(s.stats.lastResync).toMatch(/moved out of the 1000 levels the snapshot covered/);
  });
});

describe('updates waiting for a snapshot', () => {
  it('are capped: past the cap they are dropped, counted, and the snapshot is joined to what comes after or replaced', () => {
    const s = new FeedSession(binance, testMarket('binance'));
    // The diff stream's subscription, and the snapshot request.
    expect(kinds(s.open())).toEqual(['send', 'fetch']);
    const perDiff = 100;
    const levels = ladder(perDiff / 2);
    const diffs = MAX_PENDING_LEVELS / perDiff + 1;
    let effects: Effect[] = [];
    for (let id = 1; id <= diffs; id++) effects.push(...s.frame(diff(id, id, levels.bids, levels.asks), id));
    expect(s.stats).toMatchObject({ overflow: 1, resyncReasons: { overflow: 1 } });
    // A snapshot is still in flight: no second request.
    expect(effects).toEqual([]);
    // It answers from before the drop: it cannot be joined to the diffs kept, so a newer one is asked for.
    expect(kinds(s.rest(REST_URL, 200, depthBody(50, BIDS, ASKS), 500))).toEqual(['fetch']);
    expect(s.state).toBe('syncing');
    s.rest(REST_URL, 200, depthBody(diffs, BIDS, ASKS), 600);
    expect(s.state).toBe('live');
  });
});

describe('text that came from the venue', () => {
  it('is clipped before it is kept in the status', () => {
    const s = liveBinance();
    s.frame(JSON.stringify({ code: -1, msg: 'x'.repeat(5_000_000) }), 2_000);
    expect(s.stats.lastError!.length).toBeLessThan(400);
    expect(s.stats.lastError).toMatch(/\(5,000,0\d\d chars\)$/);
  });
});

describe('a stream venue whose book keeps failing a check', () => {
  it('reconnects, through the link and its backoff, instead of resubscribing at frame rate', () => {
    const s = new FeedSession(bybit, testMarket('bybit'));
    s.open();
    const crossedSnapshot = JSON.stringify({
      topic: 'orderbook.1000.BTCUSDT',
      type: 'snapshot',
      ts: 1,
      data: { s: 'BTCUSDT', b: [['16700.00', '0.006']], a: [['16611.00', '0.029']], u: 1, seq: 1 },
    });
    expect(kinds(s.frame(crossedSnapshot, 10_000))).toEqual(['send', 'send']);
    expect(kinds(s.frame(crossedSnapshot, 10_500))).toEqual(['reconnect']);
    expect(kinds(s.frame(crossedSnapshot, 13_000))).toEqual(['send', 'send']);
  });
});

/** The session of a replay that met one market. */
function onlySession(r: Replayer): FeedSession {
  expect(r.markets.size).toBe(1);
  return [...r.markets.values()][0]!.session;
}

describe('a binary frame that will not decompress, on replay', () => {
  it('is unreadable like any malformed frame: counted and resynced', async () => {
    const r = new Replayer();
    await r.line(JSON.stringify({ t: 1, venue: 'bingx', kind: 'open' }));
    await r.line(JSON.stringify({ t: 2, venue: 'bingx', kind: 'ws', data64: Buffer.from([0x1f, 0x8b, 8, 0, 1, 2, 3]).toString('base64') }));
    const s = onlySession(r);
    expect(s.stats).toMatchObject({ frames: 1, malformed: 1, resyncReasons: { malformed: 1 } });
    expect(s.stats.lastError).toMatch(/^undecodable binary frame/);
  });
});

describe('a snapshot older than updates a resync threw away', () => {
  it('is not joined (it would miss them): a newer one is asked for', () => {
    const s = liveBinance();
    s.frame(diff(101, 105, [['90990.00000000', '1.30000000']]), 2_000);
    s.frame(diff(106, 106, [['90990.50000000', '1.00000000']]), 2_100);
    expect(s.stats.resyncReasons).toEqual({ crossed: 1 });
    // An answer from before update 106 (a cache, or a request made before the resync) would show a book that
    // never existed once joined to 107.
    expect(kinds(s.rest(REST_URL, 200, depthBody(104, BIDS, ASKS), 2_200))).toEqual(['fetch']);
    expect(s.state).toBe('syncing');
    expect(s.stats.resyncReasons).toEqual({ crossed: 1, 'stale-snapshot': 1 });
    s.frame(diff(107, 107, []), 2_300);
    s.rest(REST_URL, 200, depthBody(107, BIDS, ASKS), 2_400);
    expect(s.state).toBe('live');
  });

  it('is still taken after the ids went back, since a restarted venue numbers its snapshots lower', () => {
    const s = liveBinance();
    s.frame(diff(101, 105, []), 2_000);
    s.frame(diff(3, 4, []), 2_100);
    s.rest(REST_URL, 200, depthBody(4, BIDS, ASKS), 2_200);
    expect(s.state).toBe('live');
  });
});

describe('a replay', () => {
  it("takes the market from the recording's open event, so even a first frame of another market is left out", async () => {
    const r = new Replayer();
    const push = (instId: string, seqId: number): string =>
      JSON.stringify({ arg: { channel: 'books', instId }, action: 'snapshot', data: [{ asks: [['8476.98', '415', '0', '13']], bids: [['8476.97', '256', '0', '12']], ts: '1597026383085', checksum: 0, prevSeqId: -1, seqId }] });
    await r.line(JSON.stringify({ t: 1, venue: 'okx', kind: 'open', url: 'wss://ws.okx.com:8443/ws/v5/public', symbol: 'BTC-USDT' }));
    await r.line(JSON.stringify({ t: 2, venue: 'okx', kind: 'ws', data: push('ETH-USDT', 7) }));
    await r.line(JSON.stringify({ t: 3, venue: 'okx', kind: 'ws', data: push('BTC-USDT', 9) }));
    const s = onlySession(r);
    expect(s.stats).toMatchObject({ foreign: 1, snapshots: 1 });
    expect(s.symbol).toBe('BTC-USDT');
  });
});
