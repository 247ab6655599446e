import { randomBytes } from 'node:crypto';
import { replayedSession } from '../../helpers/markets';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAX_LINE_CHARS } from '../../../src/feed/line-reader';
import { NotARecording, openRecording } from '../../../src/feed/recording-reader';
import { Replayer } from '../../../src/feed/replay';

const fixture = readFileSync(new URL('../../fixtures/binance/nknusdt-recording.jsonl', import.meta.url), 'utf8');

async function replayAll(file: Blob): Promise<Replayer> {
  const replayer = new Replayer();
  for await (const event of await openRecording(file, replayer)) await replayer.event(event);
  return replayer;
}

describe('openRecording', () => {
  it('replays a file as it streams into the same books as reading it line by line', async () => {
    const streamed = await replayAll(new Blob([fixture]));
    const whole = new Replayer();
    for (const line of fixture.split('\n')) await whole.line(line);
    expect(streamed.report(20)).toEqual(whole.report(20));
    expect(streamed.report(20).lines).toEqual({ total: 152, errors: 0 });
  });

  it('counts unreadable lines, a line too long to read among them, and replays the rest', async () => {
    const lines = fixture.trim().split('\n');
    lines.splice(3, 0, 'garbage', `{"t":1,"venue":"binance","kind":"ws","data":"${'9'.repeat(MAX_LINE_CHARS)}"}`, '[1,2]');
    const replayer = await replayAll(new Blob([lines.join('\r\n')]));
    expect(replayer.report(1).lines).toEqual({ total: 155, errors: 3 });
    expect(replayedSession(replayer, 'binance').book.bids.top(1)).toEqual([[0.3527, 9602]]);
  });

  it('reports how far into the file it has read', async () => {
    const replayer = new Replayer();
    const file = new Blob([fixture]);
    const events = await openRecording(file, replayer);
    let read = 0;
    for await (const _ of events) {
      expect(events.bytesRead).toBeGreaterThanOrEqual(read);
      read = events.bytesRead;
    }
    expect(events.bytesRead).toBe(file.size);
    expect(replayer.lines).toBe(152);
  });

  it.each([
    ['random bytes', randomBytes(300_000)],
    ['a web page', `<!doctype html>\n<html lang="en">\n<head><title>Recording</title></head>\n<body>${'<p>text</p>\n'.repeat(10_000)}</body></html>\n`],
    ['a JSON array of events', JSON.stringify(fixture.trim().split('\n').map((l) => JSON.parse(l)), null, 2)],
    ['a JSON array on one line', JSON.stringify(fixture.trim().split('\n').map((l) => JSON.parse(l)))],
    ['one endless line', 'x'.repeat(MAX_LINE_CHARS + 10)],
    ['an empty file', ''],
  ])('refuses %s as not a recording before replaying anything', async (_, content) => {
    const replayer = new Replayer();
    await expect(openRecording(new Blob([content]), replayer)).rejects.toThrow(NotARecording);
    expect(replayer.markets.size).toBe(0);
  });

  it('takes a recording whose first event follows a few unreadable lines', async () => {
    const replayer = await replayAll(new Blob([`# notes\nnot json\n${fixture}`]));
    expect(replayer.report(1).lines).toEqual({ total: 154, errors: 2 });
  });
});
