import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;

function replay(file: string, ...args: string[]): Record<string, any> {
  const out = execFileSync(process.execPath, ['--import', 'tsx', 'tools/replay.ts', file, ...args], { cwd: root, encoding: 'utf8', stdio: 'pipe' });
  return JSON.parse(out);
}

/** Runs the command to its end: exit status, what it printed and what it said on stderr. */
function run(file: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'tools/replay.ts', file], { cwd: root, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function tempFile(name: string, content: string | Buffer): string {
  const file = join(mkdtempSync(join(tmpdir(), 'replay-')), name);
  writeFileSync(file, content);
  return file;
}

describe('npm run replay', () => {
  it('prints the book the Binance NKNUSDT recording describes', () => {
    const report = replay('tests/fixtures/binance/nknusdt-recording.jsonl', '--depth', '3');
    expect(report.binance).toMatchObject({ symbol: 'NKNUSDT', frames: 150, snapshots: 1, updates: 149, gaps: 0, resyncs: 0, errors: 0 });
    expect(report.binance.bids[0]).toEqual([0.3527, 9602]);
    expect(report.binance.asks[0]).toEqual([0.3531, 152]);
    expect(report.binance.bids).toHaveLength(3);
    expect(report.consolidated.bids[0]).toEqual([0.3527, 9602, { binance: 9602 }]);
  });

  it('replays Kraken documented messages with every checksum verified', () => {
    const report = replay('tests/fixtures/kraken/docs-example.jsonl');
    expect(report.kraken.checksums).toEqual({ verified: 2, failed: 0 });
    expect(report.kraken.resyncs).toBe(0);
  });

  it('counts unknown and malformed lines as errors and goes on', () => {
    const dir = mkdtempSync(join(tmpdir(), 'replay-'));
    const file = join(dir, 'mixed.jsonl');
    const lines = readFileSync(join(root, 'tests/fixtures/binance/nknusdt-recording.jsonl'), 'utf8').trim().split('\n');
    lines.splice(5, 0, 'not json', '{"t":1,"venue":"nasdaq","kind":"ws","data":"{}"}', '{"t":1,"venue":"binance","kind":"telepathy"}');
    lines.splice(40, 0, '{"t":1633998520000,"venue":"binance","kind":"ws","data":"<html>502 Bad Gateway</html>"}');
    writeFileSync(file, lines.join('\n'));
    const report = replay(file, '--depth', '1');
    expect(report.lines).toEqual({ total: 156, errors: 3 });
    expect(report.binance.errors).toBe(1);
    // Every frame after the bad lines was still read.
    expect(report.binance.frames).toBe(151);
    const { status, stderr } = run(file);
    expect(status).toBe(0);
    expect(stderr).toContain('156 lines, 3 unreadable');
  });

  it('reports every counter of the session and why it resynced', () => {
    const report = replay('tests/fixtures/binance/sim-btc.jsonl', '--depth', '1');
    const venue = report.binance as Record<string, unknown>;
    for (const counter of ['frames', 'snapshots', 'updates', 'skipped', 'gaps', 'resyncs', 'errors']) expect(typeof venue[counter], counter).toBe('number');
    // Readings of the latest message are not counters.
    expect(venue).not.toHaveProperty('lastUpdateAt');
    expect(venue.resyncs).toBeGreaterThan(0);
    expect(Object.values(venue.resyncReasons as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(venue.resyncs);
  });

  it('exits non-zero, saying so, when no line of the file could be read', () => {
    for (const [name, content] of [
      ['random.bin', randomBytes(200_000)],
      ['page.html', '<!doctype html>\n<html><body>Not found</body></html>\n'],
      ['array.json', JSON.stringify([{ t: 1, venue: 'binance', kind: 'open' }], null, 2)],
      ['empty.jsonl', ''],
    ] as const) {
      const { status, stdout, stderr } = run(tempFile(name, content));
      expect(status, name).toBe(1);
      expect(stdout, name).toBe('');
      expect(stderr, name).toMatch(/not a recording: (none of its first [\d,]+ lines is a recorded event|it is empty)/);
    }
  });

  it('refuses bad arguments with a usage line', () => {
    expect(() => execFileSync(process.execPath, ['--import', 'tsx', 'tools/replay.ts'], { cwd: root, stdio: 'pipe' })).toThrow(/usage: npm run replay/);
  });
});
