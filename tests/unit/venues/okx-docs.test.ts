import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Replayer } from '../../../src/feed/replay';
import { SimExchange } from '../../../src/sim/exchange';
import { OKX_FIXTURE_SCRIPTS } from '../../../src/sim/okx-fixture-scripts';
import { recordSimulatedFeed } from '../../../src/sim/record-feed';
import { okxSimulator, type OkxSimMode } from '../../../src/sim/venues/okx';
import { OKX_BOOKS_PATH, okx, parseOkxFrame, parseOkxRest } from '../../../src/venues/okx';
import { topOf } from '../../helpers/books';
import { replayedSession, testMarket } from '../../helpers/markets';
import { shapeDifferences } from '../../helpers/shape';

/** One of OKX's documented examples (tests/fixtures/okx/docs, pages named in SOURCE.md). */
function doc(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`../../fixtures/okx/docs/${name}.json`, import.meta.url), 'utf8'));
}

async function replay(file: string): Promise<Replayer> {
  const replayer = new Replayer();
  for (const line of readFileSync(new URL(`../../fixtures/okx/${file}`, import.meta.url), 'utf8').split('\n')) await replayer.line(line);
  return replayer;
}

/** What the simulator in `mode` sends and answers for BTC-USDT: the stream frames of a few steps and its REST book. */
function simulated(mode: OkxSimMode): { frames: Record<string, unknown>[]; rest: { status: number; body: string } } {
  const exchange = new SimExchange([okxSimulator(mode)], 3);
  const frames: Record<string, unknown>[] = [];
  const conn = exchange.connect('okx', '/ws/v5/public', (t) => frames.push(JSON.parse(t)))!;
  conn.receive(JSON.stringify(doc('ws-subscribe')), 0);
  for (let i = 1; i <= 5; i++) exchange.tick(i * 100, ['okx']);
  const rest = exchange.rest('okx', OKX_BOOKS_PATH, new URLSearchParams({ instId: 'BTC-USDT', sz: '400' }));
  return { frames, rest };
}

describe('OKX documented messages', () => {
  it('reads the documented GET /api/v5/market/books answer as a snapshot with its seqId', () => {
    const [m] = parseOkxRest(JSON.stringify(doc('rest-books')));
    expect(m).toEqual({ type: 'snapshot', bids: [['41006.3', '0.30178218']], asks: [['41006.8', '0.60038921']], last: 3235851742, time: 1629966436396 });
  });

  it('refuses an order book answer without the seqId that joins it to the stream, and reports an error code', () => {
    const body = doc('rest-books');
    delete (body.data as Record<string, unknown>[])[0]!.seqId;
    expect(() => parseOkxRest(JSON.stringify(body))).toThrow(/seqId/);
    // "Error Code" page, REST API / Public: 51001, HTTP 200, "Instrument ID, Instrument ID code or Spread ID doesn't exist."
    expect(parseOkxRest('{"code":"51001","msg":"Instrument ID, Instrument ID code or Spread ID doesn\'t exist.","data":[]}')).toEqual([
      { type: 'error', message: "51001 Instrument ID, Instrument ID code or Spread ID doesn't exist.", fatal: true },
    ]);
  });

  it('reads the documented pushes of today: checksum 0 is no checksum, the ids carry the sequence', () => {
    expect(parseOkxFrame(JSON.stringify(doc('ws-books-snapshot')))[0]).toMatchObject({ type: 'snapshot', last: 123456, checksum: undefined });
    expect(parseOkxFrame(JSON.stringify(doc('ws-books-update')))[0]).toMatchObject({ type: 'update', prev: 123456, last: 123457, checksum: undefined });
  });

  it('asks for the documented order book, 400 levels a side (the most the endpoint answers), on the documented host', () => {
    const effect = okx.snapshotRequest!(testMarket('okx'), okx.endpoints, 'rest');
    expect(effect).toEqual({ type: 'fetch', url: 'https://openapi.okx.com/api/v5/market/books?instId=BTC-USDT&sz=400' });
  });
});

describe('OKX simulator frames have the documented shape', () => {
  it('since the delisting: no snapshot on subscribing, updates shaped as documented, REST answered as documented', () => {
    const { frames, rest } = simulated('rest-snapshot');
    expect(shapeDifferences(frames[0], doc('ws-subscribe-response'))).toEqual([]);
    const pushes = frames.slice(1);
    expect(pushes.length).toBeGreaterThan(0);
    for (const f of pushes) {
      expect(f.action).toBe('update');
      expect(shapeDifferences(f, doc('ws-books-update'))).toEqual([]);
      expect((f.data as { checksum: number }[])[0]!.checksum).toBe(0);
    }
    expect(rest.status).toBe(200);
    expect(shapeDifferences(JSON.parse(rest.body), doc('rest-books'))).toEqual([]);
  });

  it('with a stream snapshot: the snapshot and updates shaped as documented, with non-zero checksums', () => {
    const { frames } = simulated('stream-snapshot');
    expect(shapeDifferences(frames[1], doc('ws-books-snapshot'))).toEqual([]);
    for (const f of frames.slice(2)) expect(shapeDifferences(f, doc('ws-books-update'))).toEqual([]);
    expect(frames.slice(1).every((f) => (f.data as { checksum: number }[])[0]!.checksum !== 0)).toBe(true);
  });

  it('before seqId: the documented shape without seqId and prevSeqId, which OKX added in 2022', () => {
    const { frames } = simulated('checksum-only');
    const withoutIds = ['data[].seqId', 'data[].prevSeqId'];
    expect(shapeDifferences(frames[1], doc('ws-books-snapshot'), withoutIds)).toEqual([]);
    for (const f of frames.slice(2)) {
      expect(shapeDifferences(f, doc('ws-books-update'), withoutIds)).toEqual([]);
      expect(f.data).toEqual([expect.not.objectContaining({ seqId: expect.anything() })]);
    }
  });
});

describe('OKX recordings', () => {
  it('replays the docs\' checksum examples, sent without ids, with both checksums verified', async () => {
    const okxSession = replayedSession(await replay('docs-checksum-only.jsonl'), 'okx');
    expect(okxSession.stats).toMatchObject({ snapshots: 1, updates: 1, checksums: { verified: 2, failed: 0 }, resyncs: 0, errors: 0 });
    expect(okxSession.state).toBe('live');
    expect(topOf(okxSession.book, 5)).toEqual({ bids: [[3366.1, 7]], asks: [[3366.8, 9], [3368, 8], [3372, 8]] });
  });

  it.each(OKX_FIXTURE_SCRIPTS.map((s) => [s.file, s] as const))('%s replays into the simulator book', async (file, script) => {
    const replayer = await replay(file);
    const replayed = replayedSession(replayer, 'okx');
    const exchange = new SimExchange([okxSimulator(script.mode)], script.seed);
    const { played } = await recordSimulatedFeed({ exchange, feed: 'okx', ...script });
    expect(played).toEqual([...script.faults.values()]);
    expect(replayer.lineErrors).toBe(0);
    expect(replayed.state).toBe('live');
    expect(topOf(replayed.book, 400)).toEqual(topOf(exchange.market('okx', 'BTC-USDT')!.book, 400));
    const { stats } = replayed;
    const lines = readFileSync(new URL(`../../fixtures/okx/${file}`, import.meta.url), 'utf8');
    if (script.mode === 'rest-snapshot') {
      // No snapshot on the socket: every snapshot the book took is a REST answer, one at the start and one per resync.
      expect(lines).not.toMatch(/\\"action\\":\\"snapshot\\"/);
      expect(stats).toMatchObject({ snapshots: 1 + stats.resyncs, gaps: 1, malformed: 1, resyncs: 2, checksums: { verified: 0, failed: 0 } });
      expect(lines.match(/"kind":"rest"/g)).toHaveLength(stats.snapshots);
    } else {
      // No ids on the book at all (trade pushes carry their own seqId): every snapshot and update is proved by its
      // checksum, the planted faults caught by it.
      const bookLines = lines.split('\n').filter((l) => l.includes('\\"books\\"'));
      expect(bookLines.length).toBeGreaterThan(0);
      for (const l of bookLines) expect(l).not.toMatch(/seqId/);
      expect(stats.checksums).toEqual({ verified: stats.snapshots + stats.updates - 2, failed: 2 });
      expect(stats).toMatchObject({ gaps: 0, resyncs: 2, resyncReasons: { checksum: 2 } });
    }
  });
});
