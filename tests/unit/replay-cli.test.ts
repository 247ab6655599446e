import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;

function replay(file: string, ...args: string[]): Record<string, any> {
  const out = execFileSync(process.execPath, ['--import', 'tsx', 'tools/replay.ts', file, ...args], { cwd: root, encoding: 'utf8' });
  return JSON.parse(out);
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
    expect(report.binance.bids[0]).toEqual([0.3527, 9602]);
  });

  it('refuses bad arguments with a usage line', () => {
    expect(() => execFileSync(process.execPath, ['--import', 'tsx', 'tools/replay.ts'], { cwd: root, stdio: 'pipe' })).toThrow(/usage: npm run replay/);
  });
});
