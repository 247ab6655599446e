import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatRecordedEvent, parseRecordedEvent } from '../../../src/feed/recording';
import { Replayer } from '../../../src/feed/replay';
import type { FeedSession } from '../../../src/feed/session';
import { hyperliquid } from '../../../src/venues/hyperliquid';
import { topOf } from '../../helpers/books';
import { replayedSession } from '../../helpers/markets';

/**
 * Faults planted in Hyperliquid's committed simulator recording (tests/fixtures/hyperliquid/sim-btc.jsonl), as
 * replay-planted.test.ts plants them in Binance's: what replay detects, and, since the venue sends no ids, what it
 * cannot. Every push is the whole top 20, so the book is whole again at the next push whatever happened before.
 */

const LINES = readFileSync(new URL('../../fixtures/hyperliquid/sim-btc.jsonl', import.meta.url), 'utf8').trim().split('\n');

const isBookPush = (line: string): boolean => {
  const e = parseRecordedEvent(line);
  return e.kind === 'ws' && 'data' in e && e.data.startsWith('{"channel":"l2Book"');
};

/** Line numbers of the book pushes, and one in the middle of the run with pushes after it. */
const PUSHES = LINES.flatMap((line, k) => (isBookPush(line) ? [k] : []));
const K = PUSHES[Math.floor(PUSHES.length / 2)]!;

async function replay(lines: readonly string[]): Promise<FeedSession> {
  const replayer = new Replayer();
  for (const line of lines) await replayer.line(line);
  expect(replayer.lineErrors).toBe(0);
  return replayedSession(replayer, 'hyperliquid');
}

/** Line `k` (a text frame) carrying `text` instead. */
function withFrame(k: number, text: (was: string) => string): string {
  const e = parseRecordedEvent(LINES[k]!);
  if (e.kind !== 'ws' || !('data' in e)) throw new Error(`line ${k + 1} is not a text frame`);
  return formatRecordedEvent({ ...e, data: text(e.data) });
}

/** Line `k` with its frame rewritten. */
function rewritten(k: number, rewrite: (frame: { channel: string; data: { levels: unknown[][] } }) => unknown): string {
  return withFrame(k, (was) => JSON.stringify(rewrite(JSON.parse(was))));
}

describe('Hyperliquid recording: planted faults on replay', () => {
  it('the clean recording replays live, with every push taken as a whole book and nothing to resync', async () => {
    const s = await replay(LINES);
    expect(s.state).toBe('live');
    expect(s.stats).toMatchObject({ snapshots: PUSHES.length, updates: 0, gaps: 0, errors: 1, malformed: 1, resyncs: 1 });
    expect(s.book.bids.length).toBe(20);
  });

  it('a malformed frame is an error and a resync; the next push makes the book whole again', async () => {
    const clean = await replay(LINES);
    const planted = [...LINES.slice(0, K + 1), withFrame(K, () => '{"channel":"l2Book","data":{"coin":'), ...LINES.slice(K + 1)];
    const s = await replay(planted);
    expect(s.stats.malformed).toBe(clean.stats.malformed + 1);
    expect(s.stats.resyncs).toBe(clean.stats.resyncs + 1);
    expect(s.state).toBe('live');
    expect(topOf(s.book, 20)).toEqual(topOf(clean.book, 20));
  });

  it('a crossed push is caught and resynced; the next push makes the book whole again', async () => {
    const clean = await replay(LINES);
    const crossed = rewritten(K, (f) => {
      const [bids, asks] = f.data.levels as [unknown[], unknown[]];
      return { ...f, data: { ...f.data, levels: [[asks[0], ...bids], asks] } };
    });
    const s = await replay([...LINES.slice(0, K), crossed, ...LINES.slice(K + 1)]);
    expect(s.stats.crossed).toBe(clean.stats.crossed + 1);
    expect(s.stats.resyncReasons.crossed).toBe(1);
    expect(s.state).toBe('live');
    expect(topOf(s.book, 20)).toEqual(topOf(clean.book, 20));
  });

  it('a lost push cannot be detected (no ids: there is no gap to plant), and the next push repairs the book', async () => {
    expect(hyperliquid.sequence).toBeUndefined();
    const next = PUSHES[PUSHES.indexOf(K) + 1]!;
    const lost = [...LINES.slice(0, K), ...LINES.slice(K + 1)];
    // Just before the next push the book is the one before the lost push: stale, and nothing says so.
    const stale = await replay(lost.slice(0, next - 1));
    const truthThen = await replay(LINES.slice(0, next));
    expect(stale.stats).toMatchObject({ gaps: 0, resyncs: (await replay(LINES.slice(0, K))).stats.resyncs });
    expect(topOf(stale.book, 20)).not.toEqual(topOf(truthThen.book, 20));
    const s = await replay(lost);
    expect(topOf(s.book, 20)).toEqual(topOf((await replay(LINES)).book, 20));
  });
});
