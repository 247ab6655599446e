/**
 * `npm run live-check -- --browser`: the same check in the production build in Chromium (the app's `?diagnose`
 * view), where the venues' CORS and origin rules really apply. Waits for the view to finish, takes its rows from
 * the engine worker and its recording through the view's download link, and judges them as the Node check does.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { VENUE_IDS, type VenueId } from '../src/venues/types';
import type { Diagnosis } from '../src/worker/api';
import { failingRows, type ConformanceRow } from '../src/worker/conformance';
import { formatConformanceTable } from '../src/worker/conformance-table';
import { openApp, waitUntil } from './app-driver';
import { launchChromium, serveBuild } from './built-app';
import { startSimServer } from './sim-server';

export interface BrowserCheckOptions {
  readonly seconds: number;
  readonly venues: readonly VenueId[];
  /** Against the loopback simulator, started here on SIM_PORT (the port the build accepts). */
  readonly local: boolean;
  /** Where the recording (`recording.jsonl`) and `summary.json` go. */
  readonly dir: string;
  readonly log: (line: string) => void;
}

export async function runBrowserCheck(options: BrowserCheckOptions): Promise<{ rows: readonly ConformanceRow[]; table: string; exitCode: 0 | 1 }> {
  mkdirSync(options.dir, { recursive: true });
  const sim = options.local ? await startSimServer() : undefined;
  const app = await serveBuild(options.log);
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ acceptDownloads: true });
    const query = new URLSearchParams({ diagnose: String(options.seconds) });
    if (options.local) query.set('feeds', 'local');
    if (options.venues.length < VENUE_IDS.length) query.set('venues', options.venues.join(','));
    const { page, worker } = await openApp(context, app.origin, `?${query}`);
    const done = await waitUntil(() => page.getByTestId('diagnose-summary').isVisible(), options.seconds * 1000 + 30_000, 500);
    if (!done) throw new Error(`the diagnostics view did not finish within ${options.seconds + 30} s`);
    const diagnosis = await worker.evaluate(() => (globalThis as unknown as { engine: { diagnosis(): Promise<Diagnosis> } }).engine.diagnosis());
    const downloading = page.waitForEvent('download');
    await page.getByTestId('diagnose-download').click();
    await (await downloading).saveAs(join(options.dir, 'recording.jsonl'));
    const rows = diagnosis.rows;
    writeFileSync(join(options.dir, 'summary.json'), `${JSON.stringify({ seconds: options.seconds, local: options.local, browser: true, rows }, null, 2)}\n`);
    const failed = options.local ? rows.length !== options.venues.length || rows.some((r) => r.verdict !== 'live') : failingRows(rows).length > 0;
    return { rows, table: formatConformanceTable(rows), exitCode: failed ? 1 : 0 };
  } finally {
    await browser.close();
    await app.close();
    await sim?.close();
  }
}
