import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OrderBook } from '../../../src/book/orderbook';
import { crc32Signed } from '../../../src/book/crc32';
import { Replayer } from '../../../src/feed/replay';
import { formatRecordedEvent, parseRecordedEvent, type RecordedEvent } from '../../../src/feed/recording';
import { FeedSession } from '../../../src/feed/session';
import { SimExchange } from '../../../src/sim/exchange';
import { recordSimulatedFeed } from '../../../src/sim/record-feed';
import { bitfinexSim } from '../../../src/sim/venues/bitfinex';
import { bitfinex, bitfinexChecksum, bitfinexChecksumText, bitfinexReader } from '../../../src/venues/bitfinex';
import type { FeedId } from '../../../src/venues/types';
import { topOf } from '../../helpers/books';
import { replayedSession, testMarket } from '../../helpers/markets';

const CONF_REQUEST = '{"event":"conf","flags":196608}';
const CONF_ACK = '{"event":"conf","status":"OK","flags":196608}';
const BOOK_SUBSCRIBED = '{"event":"subscribed","channel":"book","chanId":17082,"symbol":"tBTCUSD","prec":"P0","freq":"F0","len":"250","pair":"BTCUSD"}';
const TRADES_SUBSCRIBED = '{"event":"subscribed","channel":"trades","chanId":17470,"symbol":"tBTCUSD","pair":"BTCUSD"}';

function book(bids: [string, string][], asks: [string, string][]): OrderBook {
  const b = new OrderBook(undefined, true);
  b.snapshot(bids, asks);
  return b;
}

/** A session on tBTCUSD past `conf` and its subscriptions, live on a snapshot numbered 1. */
function liveSession(): FeedSession {
  const session = new FeedSession(bitfinex, testMarket('bitfinex'));
  session.open();
  for (const frame of ['{"event":"info","version":2,"platform":{"status":1}}', CONF_ACK, BOOK_SUBSCRIBED, TRADES_SUBSCRIBED]) session.frame(frame, 1);
  session.frame('[17082,[[100,1,2],[99.5,2,1],[100.5,1,-3],[101,4,-4]],1]', 2);
  return session;
}

describe('Bitfinex checksum', () => {
  it('covers bid and ask price:amount alternately over the best 25 a side, asks negative, numbers as JavaScript prints them', () => {
    const b = book(
      [
        ['7254.7', '3.3'],
        ['7254.5', '1.00'],
      ],
      [['7255', '0.0000001']],
    );
    // The documented client pushes the JSON numbers and joins them: 1.00 is 1, 0.0000001 is 1e-7 to it.
    expect(bitfinexChecksumText(b)).toBe('7254.7:3.3:7255:-1e-7:7254.5:1');
    expect(bitfinexChecksum(b)).toBe(crc32Signed('7254.7:3.3:7255:-1e-7:7254.5:1'));
  });

  it('writes a price below 1e-6 without its exponent, as Bitfinex\'s order book model does (toFixed)', () => {
    // Exponent + 1 decimals: 1.7e-7 exactly, 2e-7 with a zero more.
    expect(bitfinexChecksumText(book([['0.00000017', '5']], [['0.0000002', '6']]))).toBe('0.00000017:5:0.00000020:-6');
  });

  it('stops at 25 levels a side, the longer side going on alone', () => {
    const bids = Array.from({ length: 30 }, (_, k): [string, string] => [String(1000 - k), '1']);
    const text = bitfinexChecksumText(book(bids, [['1001', '2']]));
    expect(text.split(':')).toHaveLength(2 * 25 + 2);
    expect(text.startsWith('1000:1:1001:-2:999:1:998:1')).toBe(true);
    expect(text.endsWith('976:1')).toBe(true);
  });
});

describe('Bitfinex frames', () => {
  it('reads the book: the first message on the channel is its snapshot, then one level or a bulk list a message', () => {
    const read = bitfinexReader();
    read(BOOK_SUBSCRIBED);
    expect(read('[17082,[[100,1,2],[100.5,1,-3]]]')[0]).toMatchObject({ type: 'snapshot', bids: [['100', '2']], asks: [['100.5', '3']] });
    expect(read('[17082,[100.5,0,-1]]')[0]).toMatchObject({ type: 'update', bids: [], asks: [['100.5', '0']] });
    expect(read('[17082,[[99,2,0.5],[101,1,-1e-7]]]')[0]).toMatchObject({ type: 'update', bids: [['99', '0.5']], asks: [['101', '0.0000001']] });
  });

  it('refuses entries no book can hold: a delete with another AMOUNT than ±1, AMOUNT 0 with orders, a price of 0, a delete in a snapshot', () => {
    const read = bitfinexReader();
    read(BOOK_SUBSCRIBED);
    expect(() => read('[17082,[[100,0,1]]]')).toThrow('COUNT 0');
    read(BOOK_SUBSCRIBED);
    read('[17082,[[100,1,2]]]');
    expect(() => read('[17082,[100,0,0.5]]')).toThrow('COUNT 0');
    expect(() => read('[17082,[100,2,0]]')).toThrow('AMOUNT 0');
    expect(() => read('[17082,[0,1,1]]')).toThrow('out of range');
    expect(() => read('[17082,[100,1.5,1]]')).toThrow('COUNT');
    expect(() => read('[17082,[100,1,"1"]]')).toThrow('AMOUNT');
  });

  it('once conf switched SEQ_ALL on, reads every channel message with its sequence number and refuses one without', () => {
    const read = bitfinexReader();
    read(CONF_ACK);
    read(BOOK_SUBSCRIBED);
    expect(read('[17082,[[100,1,2]],7]')[0]).toMatchObject({ type: 'snapshot', seq: 7 });
    expect(read('[17082,"hb",8]')).toEqual([{ type: 'heartbeat', seq: 8 }]);
    expect(read('[17082,"cs",-1234,9]')).toEqual([{ type: 'update', symbol: 'tBTCUSD', bids: [], asks: [], checksum: -1234, seq: 9 }]);
    expect(() => read('[17082,[100,0,1]]')).toThrow('sequence number');
  });

  it('tells the info codes apart: a restart and maintenance are reported, the end of maintenance takes the book again', () => {
    const read = bitfinexReader();
    expect(read('{"event":"info","version":2,"platform":{"status":0}}')[0]).toMatchObject({ type: 'error' });
    expect(read('{"event":"info","code":20051,"msg":"Stop/Restart Websocket Server (please reconnect)"}')).toEqual([
      { type: 'error', message: '20051 Stop/Restart Websocket Server (please reconnect)' },
    ]);
    expect(read('{"event":"info","code":20060,"msg":"Entering in Maintenance mode"}')[0]).toMatchObject({ type: 'error' });
    expect(() => read('{"event":"info","code":20061,"msg":"Maintenance ended"}')).toThrow('20061');
  });

  it('reads pong, a refused subscription (fatal, to its market), and refuses an unknown event', () => {
    const read = bitfinexReader();
    expect(read('{"event":"pong","ts":1511545528111,"cid":1234}')).toEqual([{ type: 'pong' }]);
    expect(read('{"event":"error","msg":"symbol: invalid","code":10300,"channel":"book","symbol":"tNOPEUSD"}')).toEqual([
      { type: 'error', message: '10300 symbol: invalid', fatal: true, symbol: 'tNOPEUSD' },
    ]);
    expect(() => read('{"event":"surprise"}')).toThrow('unknown event');
  });
});

describe('Bitfinex session', () => {
  it('goes live on the snapshot and verifies the checksum message against its book', () => {
    const session = liveSession();
    expect(session.state).toBe('live');
    const sum = bitfinexChecksum(book([['100', '2'], ['99.5', '1']], [['100.5', '3'], ['101', '4']]));
    session.frame(`[17082,"cs",${sum},2]`, 3);
    expect(session.stats.checksums).toEqual({ verified: 1, failed: 0 });
    session.frame('[17082,[100,0,1],3]', 4);
    expect(topOf(session.book, 5).bids).toEqual([[99.5, 1]]);
  });

  it('resyncs by reconnecting on a gap in the sequence numbers and on a checksum that disagrees', () => {
    const gap = liveSession();
    expect(gap.frame('[17082,[100,0,1],3]', 3)).toEqual([{ type: 'reconnect', reason: 'gap: message 3 after 1' }]);
    expect(gap.stats.resyncReasons).toEqual({ gap: 1 });
    const bad = liveSession();
    bad.frame('[17082,"cs",12345,2]', 3);
    expect(bad.stats.resyncReasons).toEqual({ checksum: 1 });
    expect(bad.state).toBe('syncing');
  });

  it('takes the trades from te alone, so a trade is counted once', () => {
    const session = liveSession();
    session.frame('[17470,[[401597393,1574694475039,0.005,7244.9]],2]', 3);
    session.frame('[17470,"te",[401597395,1574694478808,-0.25,7245.3],3]', 4);
    session.frame('[17470,"tu",[401597395,1574694478808,-0.25,7245.3],4]', 5);
    expect(session.takeTrades().map((t) => [t.id, t.side, t.size])).toEqual([
      ['401597393', 'buy', 0.005],
      ['401597395', 'sell', 0.25],
    ]);
  });

  it('starts each connection with a fresh channel table: a frame on a channel of the last connection is unreadable', () => {
    const session = liveSession();
    session.close();
    session.open();
    session.frame('[17082,[100,0,1]]', 5);
    expect(session.stats.malformed).toBe(1);
  });
});

describe('Bitfinex simulator', () => {
  it('keeps a subscriber of a shorter book (len 25) at the best 25 levels, levels leaving it deleted, checksums of that book', () => {
    const t0 = 1_764_000_000_000;
    const exchange = new SimExchange([bitfinexSim], 5);
    const sent: string[] = [];
    const conn = exchange.connect('bitfinex', '/ws/2', (text) => sent.push(text))!;
    conn.receive(CONF_REQUEST, t0);
    conn.receive(JSON.stringify({ event: 'subscribe', channel: 'book', symbol: 'tBTCUSD', prec: 'P0', freq: 'F0', len: '25' }), t0);
    const read = bitfinexReader();
    // No depth of its own: a level the venue did not delete would stay and show.
    const client = new OrderBook(undefined, true);
    let verified = 0;
    for (let k = 1; k <= 200; k++) {
      exchange.tick(t0 + k * 100, ['bitfinex']);
      for (const text of sent.splice(0)) {
        for (const m of read(text)) {
          if (m.type === 'snapshot') client.snapshot(m.bids, m.asks);
          if (m.type !== 'update') continue;
          client.update(m.bids, m.asks);
          if (m.checksum === undefined) continue;
          expect(bitfinexChecksum(client)).toBe(m.checksum);
          verified++;
        }
      }
    }
    expect(verified).toBeGreaterThan(150);
    expect(client.bids.length).toBe(25);
    expect(client.asks.length).toBe(25);
    expect(topOf(client, 25)).toEqual(topOf(exchange.market('bitfinex', 'tBTCUSD')!.book, 25));
  });

  it('answers ping with pong and refuses a second subscription to the same book', () => {
    const exchange = new SimExchange([bitfinexSim], 5);
    const sent: string[] = [];
    const conn = exchange.connect('bitfinex', '/ws/2', (text) => sent.push(text))!;
    const request = JSON.parse(bitfinex.subscribe(testMarket('bitfinex'))[1]!) as Record<string, unknown>;
    conn.receive('{"event":"ping","cid":1234}', 7);
    conn.receive(JSON.stringify(request), 8);
    conn.receive(JSON.stringify(request), 9);
    const read = bitfinexReader();
    const messages = sent.flatMap((text) => read(text));
    expect(messages[0]).toMatchObject({ type: 'info' });
    expect(messages).toContainEqual({ type: 'pong' });
    expect(messages.at(-1)).toEqual({ type: 'error', message: '10301 subscribe: dup', fatal: true, symbol: 'tBTCUSD' });
  });
});

describe('Bitfinex simulator round trip', () => {
  for (const feed of ['bitfinex', 'bitfinex-perp'] as const satisfies readonly FeedId[]) {
    it(`${feed}: every fault is detected and resynced, the book ends equal to the venue's, also on replay`, async () => {
      const exchange = new SimExchange([bitfinexSim], 11);
      const { events, session, played } = await recordSimulatedFeed({
        exchange,
        feed,
        base: 'BTC',
        steps: 400,
        faults: new Map([
          [100, 'skip-sequence'],
          [170, 'corrupt-checksum'],
          [240, 'malformed'],
          [310, 'crossed'],
        ]),
      });
      expect(played).toEqual(['skip-sequence', 'corrupt-checksum', 'malformed', 'crossed']);
      const reasons = { gap: 1, checksum: 1, malformed: 1, crossed: 1 };
      expect(session.stats).toMatchObject({ snapshots: 5, resyncs: 4, resyncReasons: reasons });
      expect(session.stats.checksums.failed).toBe(1);
      expect(session.stats.checksums.verified).toBeGreaterThan(300);
      expect(session.stats.trades.trades).toBeGreaterThan(0);
      const truth = exchange.market(feed, testMarket(feed).symbol)!;
      expect(topOf(session.book, 250)).toEqual(topOf(truth.book, 250));

      const replayer = new Replayer();
      for (const e of events) await replayer.line(formatRecordedEvent(e));
      const replayed = replayedSession(replayer, feed);
      expect(replayed.stats).toMatchObject({ snapshots: 5, resyncs: 4, resyncReasons: reasons });
      expect(replayed.stats.checksums).toEqual(session.stats.checksums);
      expect(topOf(replayed.book, 250)).toEqual(topOf(truth.book, 250));
    });
  }
});

describe('the Bitfinex recording with a fault planted on replay', () => {
  const lines = readFileSync(new URL('../../fixtures/bitfinex/sim-btc.jsonl', import.meta.url), 'utf8').trim().split('\n');
  const frameOf = (line: string): string | undefined => {
    const e = parseRecordedEvent(line);
    return e.kind === 'ws' && 'data' in e ? e.data : undefined;
  };
  /** The line of the recording's `n`th book update (a list of levels after its connection's snapshot) or checksum. */
  const lineOf = (n: number, kind: 'update' | 'cs'): number => {
    let book: unknown;
    let snapshot = false;
    let seen = 0;
    return lines.findIndex((line) => {
      const frame = frameOf(line);
      if (frame === undefined) return false;
      const o = JSON.parse(frame) as unknown;
      if (!Array.isArray(o)) {
        const e = o as { event?: unknown; channel?: unknown; chanId?: unknown };
        if (e.event === 'subscribed' && e.channel === 'book') [book, snapshot] = [e.chanId, false];
        return false;
      }
      if (o[0] !== book) return false;
      if (kind === 'cs') return o[1] === 'cs' && ++seen === n;
      if (!Array.isArray(o[1])) return false;
      if (!snapshot) return !(snapshot = true);
      return ++seen === n;
    });
  };
  /** The recording with line `i`'s frame replaced by `data`. */
  const withFrame = (i: number, data: string): string[] => lines.map((line, k) => (k === i ? formatRecordedEvent({ ...parseRecordedEvent(line), data } as RecordedEvent) : line));
  async function replay(recorded: readonly string[]): Promise<FeedSession> {
    const replayer = new Replayer();
    for (const line of recorded) await replayer.line(line);
    expect(replayer.lineErrors).toBe(0);
    return replayedSession(replayer, 'bitfinex');
  }

  it('counts a dropped update as a gap, a changed checksum as a failure, a cut frame as malformed, each with one resync', async () => {
    const clean = (await replay(lines)).stats;
    const dropped = lineOf(40, 'update');
    const gap = await replay(lines.filter((_, k) => k !== dropped));
    expect(gap.stats.gaps).toBe(clean.gaps + 1);
    expect(gap.stats.resyncReasons.gap).toBe((clean.resyncReasons.gap ?? 0) + 1);

    const cs = lineOf(40, 'cs');
    const [chanId, , value, seq] = JSON.parse(frameOf(lines[cs]!)!) as number[];
    const bad = await replay(withFrame(cs, JSON.stringify([chanId, 'cs', (value! + 1) | 0, seq])));
    expect(bad.stats.checksums.failed).toBe(clean.checksums.failed + 1);
    expect(bad.stats.resyncReasons.checksum).toBe((clean.resyncReasons.checksum ?? 0) + 1);

    const cut = lineOf(40, 'update');
    const malformed = await replay(withFrame(cut, frameOf(lines[cut]!)!.slice(0, 12)));
    expect(malformed.stats.malformed).toBe(clean.malformed + 1);
    expect(malformed.stats.resyncReasons.malformed).toBe((clean.resyncReasons.malformed ?? 0) + 1);

    for (const planted of [gap, bad, malformed]) {
      expect(planted.state).toBe('live');
      expect(topOf(planted.book, 250)).toEqual(topOf((await replay(lines)).book, 250));
    }
  });
});
