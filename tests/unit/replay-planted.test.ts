import { execFile } from 'node:child_process';
import { replayedSession } from '../helpers/markets';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RawLevel } from '../../src/book/levels';
import { Replayer, type FeedCounters } from '../../src/feed/replay';
import { formatRecordedEvent, parseRecordedEvent } from '../../src/feed/recording';
import type { FeedSession, ResyncReason } from '../../src/feed/session';
import { topOf } from '../helpers/books';
import { BAD_NUMBERS } from '../helpers/plant';
import { openBook, type EditableBook } from '../helpers/venue-wire';

const root = new URL('../../', import.meta.url).pathname;
/** A real Binance capture (tests/fixtures/binance/SOURCE.md): open, one early diff, the REST snapshot, 149 diffs. */
const LINES = readFileSync(join(root, 'tests/fixtures/binance/nknusdt-recording.jsonl'), 'utf8').trim().split('\n');
const SNAPSHOT_LINE = 2;
/** The diff bad frames are made of: mid-stream, with diffs applied before it and after it. */
const K = 80;
/** How far back the replayed older diff is. */
const OLDER = 5;
/** The snapshot came back with the 1000 asks asked for, up to 0.55060000: a price beyond what it covered. */
const BEYOND_ASKS = '0.60000000';
const BOOK_LEVELS = 5000;

function wsEvent(i: number): { t: number; data: string } {
  const e = parseRecordedEvent(LINES[i]!);
  if (e.kind !== 'ws' || !('data' in e)) throw new Error(`line ${i + 1} is not a text frame`);
  return e;
}

function restEvent(i: number): { t: number; url: string; data: string } {
  const e = parseRecordedEvent(LINES[i]!);
  if (e.kind !== 'rest') throw new Error(`line ${i + 1} is not a REST answer`);
  return e;
}

/** Line `i` with its text rewritten. */
function rewritten(i: number, rewrite: (text: string) => string): string {
  const e = parseRecordedEvent(LINES[i]!);
  if (!('data' in e)) throw new Error(`line ${i + 1} carries no text`);
  return formatRecordedEvent({ ...e, data: rewrite(e.data) });
}

/** Line `i` with its frame (or REST body) edited. */
function edited(i: number, edit: (book: EditableBook) => void): string {
  return rewritten(i, (text) => {
    const book = openBook('binance', text)!;
    edit(book);
    return book.write();
  });
}

async function replay(lines: readonly string[]): Promise<FeedSession> {
  const replayer = new Replayer();
  for (const line of lines) await replayer.line(line);
  return replayedSession(replayer, 'binance');
}

/**
 * The REST answer a client that resynced after line `i` would get: the book the clean recording describes there,
 * with the last diff's id. Without it the replayed session, which cannot ask, would stay empty to the end.
 */
async function refetched(i: number): Promise<string> {
  const { book } = await replay(LINES.slice(0, i + 1));
  const levels = (side: typeof book.bids): RawLevel[] => Array.from({ length: side.length }, (_, k) => [side.priceTextAt(k)!, side.sizeTextAt(k)!] as const);
  const lastUpdateId = (JSON.parse(wsEvent(i).data) as { u: number }).u;
  const { t, url } = restEvent(SNAPSHOT_LINE);
  const data = JSON.stringify({ lastUpdateId, bids: levels(book.bids), asks: levels(book.asks) });
  return formatRecordedEvent({ t: Math.max(t, wsEvent(i).t), venue: 'binance', kind: 'rest', url, status: 200, data });
}

/** The recording with line K replaced by `planted` lines, and a re-fetched snapshot after them when `resync`. */
async function around(planted: string[], keepReal: boolean, resync: boolean): Promise<string[]> {
  const lines = [...LINES.slice(0, K), ...planted, ...(keepReal ? [LINES[K]!] : [])];
  if (resync) lines.push(await refetched(K));
  return lines.concat(LINES.slice(K + 1));
}

interface PlantedRecording {
  readonly name: string;
  readonly lines: string[];
  /** The counter the planted frame must move to 1. */
  readonly counter: keyof FeedCounters;
  /** The resync it must cause, if any. */
  readonly reason?: ResyncReason;
  /** A level the planted frame carried, which the final book must not hold. */
  readonly level?: { readonly side: 'bids' | 'asks'; readonly price: number };
}

/** One recording per kind of bad frame, each with that one frame planted (and, where it resyncs, a re-fetch). */
async function plantedRecordings(): Promise<PlantedRecording[]> {
  const after = await replay(LINES.slice(0, K + 1));
  const bestAsk = after.book.asks.level(0)!;
  const older = { ...parseRecordedEvent(LINES[K - OLDER]!), t: wsEvent(K).t };
  const diff = openBook('binance', wsEvent(K).data)!;
  const [side, [price, size]] = diff.bids.length ? (['bids', diff.bids[0]!] as const) : (['asks', diff.asks[0]!] as const);
  const badNumbers = BAD_NUMBERS.flatMap((bad): RawLevel[] => [
    [bad(price), size],
    [price, bad(size)],
  ]);
  const withBad = (level: RawLevel): string =>
    edited(K, (b) => {
      b[side][0] = level;
    });
  return [
    {
      name: 'a diff for another symbol',
      lines: await around([edited(K, (b) => b.retarget!('BTCUSDT'))], true, false),
      counter: 'foreign',
    },
    {
      name: 'a bid at the best ask',
      lines: await around([edited(K, (b) => b.bids.push([bestAsk.priceText, bestAsk.sizeText]))], false, true),
      counter: 'crossed',
      reason: 'crossed',
      level: { side: 'bids', price: bestAsk.price },
    },
    ...(await Promise.all(
      badNumbers.map(async (level) => ({
        name: `a level ${JSON.stringify(level)}`,
        lines: await around([withBad(level)], false, true),
        counter: 'invalid' as const,
        reason: 'invalid' as const,
      })),
    )),
    {
      name: 'a frame cut in half',
      lines: await around([rewritten(K, (text) => text.slice(0, text.length >> 1))], false, true),
      counter: 'malformed',
      reason: 'malformed',
    },
    {
      name: `a diff from ${OLDER} frames back, again`,
      lines: await around([formatRecordedEvent(older)], true, true),
      counter: 'resyncs',
      reason: 'backwards',
    },
    {
      name: `an ask at ${BEYOND_ASKS}, beyond the asks the snapshot covered`,
      lines: await around([edited(K, (b) => b.asks.push([BEYOND_ASKS, '100.00000000']))], false, false),
      counter: 'outOfRange',
      level: { side: 'asks', price: Number(BEYOND_ASKS) },
    },
    {
      name: 'a snapshot listing its best bid twice',
      lines: [
        ...LINES.slice(0, SNAPSHOT_LINE),
        edited(SNAPSHOT_LINE, (b) => b.bids.splice(1, 0, [b.bids[0]![0], '1.00000000'])),
        ...LINES.slice(SNAPSHOT_LINE),
      ],
      counter: 'invalid',
      reason: 'invalid',
    },
  ];
}

describe('a real Binance recording with one bad frame planted', () => {
  let clean: FeedSession;
  let planted: PlantedRecording[];
  beforeAll(async () => {
    clean = await replay(LINES);
    planted = await plantedRecordings();
  });

  it('replays clean with none of the counters moved', () => {
    for (const counter of ['foreign', 'crossed', 'invalid', 'malformed', 'outOfRange', 'resyncs'] as const) expect(clean.stats[counter], counter).toBe(0);
    expect(clean.state).toBe('live');
  });

  it('counts the planted frame and ends on the clean book, without the planted level', async () => {
    for (const p of planted) {
      const session = await replay(p.lines);
      expect(session.stats[p.counter], `${p.counter} after ${p.name}`).toBe(1);
      expect(session.stats.resyncReasons, `resyncs after ${p.name}`).toEqual(p.reason ? { [p.reason]: 1 } : {});
      expect(session.state, `state after ${p.name}`).toBe('live');
      expect(topOf(session.book, BOOK_LEVELS), `book after ${p.name}`).toEqual(topOf(clean.book, BOOK_LEVELS));
      if (p.level) expect(session.book[p.level.side].top(BOOK_LEVELS).map(([price]) => price), p.name).not.toContain(p.level.price);
    }
  });

  it('shows the count in the JSON of npm run replay', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'replay-planted-'));
    const run = promisify(execFile);
    // One recording per kind (the first bad number stands for all): each a process of its own, run side by side.
    const kinds = planted.filter((p, i) => planted.findIndex((q) => q.counter === p.counter && q.reason === p.reason) === i);
    const reports = await Promise.all(
      kinds.map(async (p, i) => {
        const file = join(dir, `planted-${i}.jsonl`);
        writeFileSync(file, `${p.lines.join('\n')}\n`);
        const { stdout } = await run(process.execPath, ['--import', 'tsx', 'tools/replay.ts', file, '--depth', '1'], { cwd: root });
        return JSON.parse(stdout) as { binance: Record<string, unknown> & { resyncReasons?: Record<string, number>; bids: unknown[] } };
      }),
    );
    kinds.forEach((p, i) => {
      const report = reports[i]!.binance;
      expect(report[p.counter], `${p.counter} after ${p.name}`).toBe(1);
      if (p.reason) expect(report.resyncReasons?.[p.reason], `${p.reason} resyncs after ${p.name}`).toBe(1);
      expect(report.bids, `best bid after ${p.name}`).toEqual(clean.book.bids.top(1));
    });
  }, 60_000);

  it('counts a frame for another symbol that comes before any of the recorded market', async () => {
    // A replay knows no market: it must not take the first symbol it sees as the recorded one.
    const first = LINES.findIndex((line) => parseRecordedEvent(line).kind === 'ws');
    const session = await replay([...LINES.slice(0, first), edited(first, (b) => b.retarget!('BTCUSDT')), ...LINES.slice(first)]);
    expect(session.symbol).toBe('NKNUSDT');
    expect(session.stats.foreign).toBe(1);
    expect(topOf(session.book, BOOK_LEVELS)).toEqual(topOf(clean.book, BOOK_LEVELS));
  });
});
