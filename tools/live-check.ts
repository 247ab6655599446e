/**
 * npm run live-check -- [--seconds 60] [--venues a,b] [--local] [--browser] [--out <dir>]
 *
 * Connects to every venue with the worker's own code for `--seconds`, records the traffic to
 * `recordings/live-<time>/<venue>.jsonl` (or `--out`), and prints one row per venue: connected, snapshot path,
 * frames, checksums, gaps, resyncs by reason, seconds to live, best bid and ask, result, state and reason.
 * `--local` runs against the loopback simulator started here (every book must be live and equal the simulator's);
 * `--browser` runs the same check in the built app (`?diagnose`) in Chromium, where CORS and origin rules apply.
 *
 * Exit codes: 0 when every venue that could be reached got live (an unreachable or region-blocked venue is
 * reported, not failed: it is the network's doing, and with no network at all there is nothing to judge);
 * 1 when a reachable venue never got live (with --local: any venue not live and exact); 2 for bad arguments.
 */
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { VENUE_IDS, type VenueId } from '../src/venues/types';
import type { ConformanceRow } from '../src/worker/conformance';
import { conformanceSummary } from '../src/worker/conformance-table';
import { freeLoopbackPort, simPortFromEnv } from './sim-port';

export interface LiveCheckArgs {
  readonly seconds: number;
  readonly venues: readonly VenueId[];
  readonly local: boolean;
  readonly browser: boolean;
  readonly out?: string;
}

/** The command's arguments; throws with what is wrong. */
export function parseLiveCheckArgs(argv: readonly string[]): LiveCheckArgs {
  let seconds = 60;
  let venues: VenueId[] = [...VENUE_IDS];
  let local = false;
  let browser = false;
  let out: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--seconds':
        seconds = Number(value());
        if (!Number.isFinite(seconds) || seconds <= 0) throw new Error('--seconds needs a positive number');
        break;
      case '--venues': {
        const names = value().split(',').map((v) => v.trim().toLowerCase()).filter(Boolean);
        const unknown = names.filter((v) => !(VENUE_IDS as readonly string[]).includes(v));
        if (unknown.length || !names.length) throw new Error(`--venues takes a comma list of ${VENUE_IDS.join(', ')}${unknown.length ? `; unknown: ${unknown.join(', ')}` : ''}`);
        venues = VENUE_IDS.filter((v) => names.includes(v));
        break;
      }
      case '--local':
        local = true;
        break;
      case '--browser':
        browser = true;
        break;
      case '--out':
        out = value();
        break;
      default:
        throw new Error(`unknown argument ${flag}`);
    }
  }
  return { seconds, venues, local, browser, out };
}

async function main(): Promise<number> {
  let args: LiveCheckArgs;
  try {
    args = parseLiveCheckArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`live-check: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  // The app and its allow list accept loopback on SIM_PORT alone: --local puts the simulator, and so SIM_PORT, on
  // a free port, so that no other simulator (npm start, a test run) is in the way.
  if (args.local) process.env.SIM_PORT = String(await freeLoopbackPort());
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const dir = args.out ?? join('recordings', `${args.browser ? 'browser' : 'live'}-${stamp}`);
  const log = (line: string): void => void process.stderr.write(`${line}\n`);
  const target = args.local ? 'the loopback simulator' : "the venues' own hosts";
  log(`live-check: ${args.venues.length} venues, ${args.seconds} s, against ${target}${args.browser ? ', in the browser' : ''}; recordings in ${dir}/`);

  let result: { rows: readonly ConformanceRow[]; table: string; exitCode: 0 | 1 };
  if (args.browser) {
    const { runBrowserCheck } = await import('./live-check-browser');
    result = await runBrowserCheck({ ...args, dir, log });
  } else {
    // Through Vite's module runner: the worker's modules read SIM_PORT from import.meta.env, which tsx leaves undefined.
    const { runnerImport } = await import('vite');
    const { module } = await runnerImport<typeof import('./live-check-run')>(fileURLToPath(new URL('./live-check-run.ts', import.meta.url)), {
      configFile: false,
      logLevel: 'error',
      define: { 'import.meta.env.SIM_PORT': JSON.stringify(String(simPortFromEnv())) },
    });
    result = await module.runLiveCheck({ ...args, dir, log });
  }
  process.stdout.write(`${result.table}\n`);
  const summary = conformanceSummary(result.rows);
  log(summary);
  // In GitHub Actions: the table on the run's summary page, and an annotation when a venue was not live.
  const title = `live-check${args.browser ? ' (browser)' : ''}`;
  if (process.env.GITHUB_STEP_SUMMARY) appendFileSync(process.env.GITHUB_STEP_SUMMARY, `### ${title}, ${args.seconds} s\n\n\`\`\`\n${result.table}\n\`\`\`\n\n${summary}\n\n`);
  if (process.env.GITHUB_ACTIONS && result.rows.some((r) => r.verdict !== 'live')) {
    process.stdout.write(`::${result.exitCode ? 'error' : 'warning'} title=${title}::${summary}\n`);
  }
  return result.exitCode;
}

const isMain = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*[\\/]/, ''));
if (isMain) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`live-check failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}
