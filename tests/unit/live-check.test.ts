import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRecordedEvent } from '../../src/feed/recording';
import { VENUE_IDS, type VenueId } from '../../src/venues/types';
import { VENUE_META } from '../../src/ui/venue-meta';
import type { NetworkFailure } from '../../src/worker/conformance';
import type { SocketEvents, Transport } from '../../src/worker/transport';
import { runLiveCheck } from '../../tools/live-check-run';

const root = new URL('../../', import.meta.url).pathname;
const tempDir = (): string => mkdtempSync(join(tmpdir(), 'live-check-'));

/** The command, run to its end: exit status, the table it printed, what it said on stderr. */
function liveCheck(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  // Not as a step of GitHub Actions (npm test runs in one): no annotation, nothing added to the job's summary.
  const env = { ...process.env, GITHUB_ACTIONS: '', GITHUB_STEP_SUMMARY: '' };
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'tools/live-check.ts', ...args], { cwd: root, env, encoding: 'utf8', timeout: 90_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The printed table's rows by venue name, as the cells of each (split on the two-space column gap). */
function tableRows(stdout: string): Map<string, string[]> {
  const lines = stdout.trim().split('\n');
  expect(lines[0]).toMatch(/^venue +connected +snapshot +frames +checksums ok\/failed +gaps +resyncs +to live +best bid \/ ask +result/);
  return new Map(lines.slice(1).map((line) => {
    const cells = line.split(/ {2,}/);
    return [cells[0]!, cells];
  }));
}

/** A network where every attempt fails as `fail` says, after a moment (a socket never opens, a fetch rejects). */
function failingNetwork(fail: (url: string) => NetworkFailure): (report: (f: NetworkFailure) => void) => Transport {
  return (report) => ({
    connect(url: string, events: SocketEvents) {
      setTimeout(() => {
        report(fail(url));
        events.close(1006, '');
      }, 5);
      return { send() {}, close() {} };
    },
    async fetch(url: string) {
      report(fail(url));
      throw new TypeError('fetch failed');
    },
  });
}

describe('npm run live-check', () => {
  it('--local: every venue live, their books equal to the simulator\'s, the traffic recorded per venue; exit 0', () => {
    const dir = tempDir();
    const { status, stdout, stderr } = liveCheck('--local', '--seconds', '4', '--out', dir);
    expect(status, stderr).toBe(0);
    const rows = tableRows(stdout);
    expect([...rows.keys()]).toEqual(VENUE_IDS.map((v) => VENUE_META[v].name));
    for (const [name, cells] of rows) {
      // Binance asks its WebSocket API for the snapshot, AsterDEX and OKX (since its snapshot delisting) REST.
      const path: Record<string, string> = { Binance: 'api', AsterDEX: 'rest', OKX: 'rest' };
      expect(cells.slice(1, 3), name).toEqual(['yes', path[name] ?? 'stream']);
      expect(cells.slice(-3), name).toEqual(['live', 'equal', 'live']);
    }
    expect(stderr).toContain(`${VENUE_IDS.length} of ${VENUE_IDS.length} venues live`);
    for (const venue of VENUE_IDS) {
      const events = readFileSync(join(dir, `${venue}.jsonl`), 'utf8').trim().split('\n').map(parseRecordedEvent);
      expect(events[0], venue).toMatchObject({ venue, kind: 'open' });
      expect(events.filter((e) => e.kind === 'ws').length, venue).toBeGreaterThan(5);
    }
    const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));
    expect(summary.matchesSimulator).toEqual(Object.fromEntries(VENUE_IDS.map((v) => [v, true])));
  }, 120_000);

  it('refuses an unknown venue with exit 2, saying which', () => {
    const { status, stderr } = liveCheck('--venues', 'binance,nasdaq');
    expect(status).toBe(2);
    expect(stderr).toContain('unknown: nasdaq');
  }, 60_000);

  it('reports venues whose hosts cannot be resolved as unreachable, and does not fail', async () => {
    const dir = tempDir();
    const result = await runLiveCheck({
      seconds: 1,
      venues: VENUE_IDS,
      local: false,
      dir,
      network: failingNetwork((url) => ({ kind: 'network', url, code: 'ENOTFOUND', message: `getaddrinfo ENOTFOUND ${new URL(url).hostname}` })),
    });
    expect(result.exitCode).toBe(0);
    expect(result.rows.map((r) => [r.venue, r.verdict, r.connected, r.frames])).toEqual(VENUE_IDS.map((v) => [v, 'unreachable', false, 0]));
    expect(result.rows.find((r) => r.venue === 'kraken')?.reason).toBe('getaddrinfo ENOTFOUND ws.kraken.com');
    expect(tableRows(result.table).get('Kraken')).toEqual(['Kraken', 'no', 'stream', '0', '0/0', '0', '0', '—', '—', 'unreachable', expect.stringMatching(/: getaddrinfo ENOTFOUND ws\.kraken\.com$/)]);
    expect(existsSync(join(dir, 'kraken.jsonl'))).toBe(true);
  });

  it('reports a venue that refuses the region (451, Bybit\'s 403) as region-blocked, and does not fail', async () => {
    const status: Partial<Record<string, number>> = { 'stream.binance.com:9443': 451, 'ws-api.binance.com:443': 451, 'stream.bybit.com': 403 };
    const result = await runLiveCheck({
      seconds: 1,
      venues: ['binance', 'bybit', 'okx'],
      local: false,
      dir: tempDir(),
      network: failingNetwork((url) => {
        const refused = status[new URL(url).host];
        return refused ? { kind: 'http', url, status: refused } : { kind: 'network', url, code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' };
      }),
    });
    expect(result.exitCode).toBe(0);
    expect(result.rows.map((r) => [r.venue, r.verdict])).toEqual([['binance', 'region-blocked'], ['bybit', 'region-blocked'], ['okx', 'unreachable']]);
    expect(result.rows.find((r) => r.venue === 'bybit')?.reason).toBe('HTTP 403 from stream.bybit.com');
  });

  it('fails (exit 1) when a venue answers and yet its book never gets live', async () => {
    // Sockets open and then say nothing: the venue is there, the book is not.
    const silent = (): Transport => ({
      connect(_url: string, events: SocketEvents) {
        setTimeout(() => events.open(), 5);
        return { send() {}, close() {} };
      },
      fetch: () => new Promise(() => {}),
    });
    const result = await runLiveCheck({ seconds: 1, venues: ['kraken', 'coinbase'] satisfies VenueId[], local: false, dir: tempDir(), network: silent });
    expect(result.exitCode).toBe(1);
    expect(result.rows.map((r) => [r.venue, r.verdict, r.connected, r.state])).toEqual([
      ['kraken', 'failed', true, 'syncing'],
      ['coinbase', 'failed', true, 'syncing'],
    ]);
  });
});
