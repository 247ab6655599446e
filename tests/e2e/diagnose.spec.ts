/**
 * The `?diagnose` view against the loopback simulator: the conformance check runs in the engine worker with the
 * app's own links, the table shows every venue as it goes and at the end, each book is exactly the simulator's
 * while it runs, the view has no accessibility violation in either theme, and the recording downloads.
 */
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { parseRecordedEvent } from '../../src/feed/recording';
import { VENUE_IDS } from '../../src/venues/types';
import { openApp } from '../../tools/app-driver';
import { expect, expectExactBook, startSimServer, test, type SimServer } from './support';

let sim: SimServer;

// After the worker's fixtures: the simulator listens on the port its app server was built for (SIM_PORT).
test.beforeAll(async ({ app: _ }) => {
  sim = await startSimServer({ port: 0, speed: 1, seed: 21 });
});

test.afterAll(async () => {
  await sim?.close();
});

/** A row's cell by its column key (src/worker/conformance-table.ts). */
function cell(page: Page, venue: string, column: string): Locator {
  return page.getByTestId(`diagnose-row-${venue}`).locator(`[data-col="${column}"]`);
}

test('?diagnose&feeds=local: every venue live and exact, the table axe-clean, the recording downloads', async ({ browser, app: origin }) => {
  test.setTimeout(90_000);
  // A context of its own: axe scans pages of one.
  const context = await browser.newContext();
  const app = await openApp(context, origin, '?diagnose=20&feeds=local');
  const { page } = app;
  await expect(page.getByRole('heading', { name: 'Venue diagnostics' })).toBeVisible();

  // As it runs: every venue live, and its book exactly the simulator's.
  for (const venue of VENUE_IDS) await expect(page.getByTestId(`diagnose-row-${venue}`)).toHaveAttribute('data-state', 'live', { timeout: 10_000 });
  await expect(page.getByTestId('diagnose-progress')).toContainText(/Checking: \d+ of 20 s/);
  for (const venue of VENUE_IDS) await expectExactBook(app, sim, venue);

  // At the end: the verdicts, and what each row says about the book.
  await expect(page.getByTestId('diagnose-summary')).toHaveText(`Done: ${VENUE_IDS.length} of ${VENUE_IDS.length} venues live.`, { timeout: 30_000 });
  for (const venue of VENUE_IDS) {
    await expect(page.getByTestId(`diagnose-row-${venue}`)).toHaveAttribute('data-verdict', 'live');
    await expect(cell(page, venue, 'connected')).toHaveText('yes');
    await expect(cell(page, venue, 'gaps')).toHaveText('0');
    await expect(cell(page, venue, 'resyncs')).toHaveText('0');
    await expect(cell(page, venue, 'to-live')).toHaveText(/^\d+\.\d s$/);
    expect(Number(await cell(page, venue, 'frames').textContent())).toBeGreaterThan(20);
  }
  for (const venue of ['kraken', 'bitfinex'] as const) await expect(cell(page, venue, 'checksums')).toHaveText(/^[1-9]\d*\/0$/);
  await expect(cell(page, 'binance', 'snapshot')).toHaveText('api');
  await expect(cell(page, 'asterdex', 'snapshot')).toHaveText('rest');

  for (const scheme of ['dark', 'light'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.evaluate((s) => (document.documentElement.dataset.theme = s), scheme);
    const axe = await new AxeBuilder({ page }).analyze();
    expect(axe.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`), scheme).toEqual([]);
  }

  const downloading = page.waitForEvent('download');
  await page.getByTestId('diagnose-download').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^diagnose-local-.*\.jsonl$/);
  const events = readFileSync((await download.path())!, 'utf8').trim().split('\n').map(parseRecordedEvent);
  for (const venue of VENUE_IDS) {
    expect(events.find((e) => e.venue === venue)?.kind, venue).toBe('open');
    expect(events.filter((e) => e.venue === venue && e.kind === 'ws').length, venue).toBeGreaterThan(20);
  }
  await context.close();
});
