/**
 * Record and replay in the app: the record button captures the raw traffic from the loopback simulator, written
 * by the worker to the origin private file system as it goes, and downloads it as JSON Lines; opening that file
 * replays it as fast as possible, read by the worker as it streams, and the app then shows exactly what the replay
 * command's Replayer builds from the same file. A file that is not a recording is refused, and unreadable lines
 * are counted on screen.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Replayer } from '../../src/feed/replay';
import { VENUE_IDS } from '../../src/venues/types';
import { expectLadder } from './ladder-oracle';
import { books, expect, openOnSimulator, startSimServer, test, type App, type SimServer } from './support';

test.describe.configure({ mode: 'serial' });

let sim: SimServer;
let app: App;

test.beforeAll(async ({ browser, app: origin }) => {
  sim = await startSimServer({ port: 0, speed: 1, seed: 11 });
  app = await openOnSimulator(browser, origin, sim);
});

test.afterAll(async () => {
  await app?.page.close();
  await sim?.close();
});

test('records raw traffic to a .jsonl download, and replaying it at max speed shows the Replayer\'s ladder', async () => {
  test.setTimeout(90_000);
  const { page } = app;
  for (const venue of VENUE_IDS) await expect(page.getByTestId(`venue-chip-${venue}`)).toHaveAttribute('data-state', 'live', { timeout: 20_000 });

  const record = page.getByTestId('record-button');
  await record.click();
  await expect(record).toHaveAttribute('aria-pressed', 'true');
  // Recording reconnects every venue so the file starts from snapshots; record a few seconds of them all live.
  for (const venue of VENUE_IDS) await expect(page.getByTestId(`venue-chip-${venue}`)).toHaveAttribute('data-state', 'live', { timeout: 20_000 });
  await page.waitForTimeout(3_000);
  await expect(record).toContainText(/Stop and save \([\d,]+ events, [\d.,]+ MB\)/);
  // Written to the browser's file storage, not kept in memory with a cap.
  await expect(page.getByText(/Recording in memory/)).toHaveCount(0);
  const downloading = page.waitForEvent('download');
  await record.click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^orderbook-BTC-.*\.jsonl$/);
  const text = readFileSync((await download.path())!, 'utf8');
  const lines = text.split('\n').filter((l) => l.trim());
  expect(lines.length).toBeGreaterThan(200);

  const replayer = new Replayer();
  for (const line of lines) await replayer.line(line);
  expect(replayer.lineErrors).toBe(0);
  const markets = [...replayer.markets.values()];
  expect([...new Set(markets.filter((m) => !m.rate).map((m) => m.feed))].sort()).toEqual([...VENUE_IDS].sort());
  // The stablecoin books the USDT books were converted with are in the file too, so a replay converts as the screen did.
  expect(markets.filter((m) => m.rate).map((m) => m.market?.symbol)).toEqual(expect.arrayContaining(['USDT/USD', 'USDT-USD']));
  // BingX's gzip binary frames are in the file too, base64.
  expect(lines.some((l) => l.includes('"data64"'))).toBe(true);

  await page.getByTestId('replay-speed').selectOption('max');
  await page.getByTestId('replay-file').setInputFiles((await download.path())!);
  await expect(page.getByTestId('data-note')).toContainText(/Replaying a recording/);
  await expect(page.getByTestId('replay-percent')).toHaveText('100 %', { timeout: 30_000 });
  await expect(page.getByTestId('replay-status')).toContainText(`Replayed`);
  await expect(page.getByTestId('replay-status')).toContainText(`${lines.length.toLocaleString('en-US')} lines read.`);
  await expect(page.getByTestId('replay-unreadable')).toHaveCount(0);

  // The books the app replayed are the Replayer's, feed by feed.
  const expected = Object.fromEntries(
    markets.filter((m) => !m.rate).map(({ feed, session: s }) => [feed, { state: s.state, bids: s.book.bids.top(50), asks: s.book.asks.top(50) }]),
  );
  await expect
    .poll(
      async () => {
        const got = await books(app, 50);
        return Object.fromEntries(
          Object.entries(got).flatMap(([feed, b]) => (b && !feed.startsWith('rate:') ? [[feed, { state: b.status.state, bids: b.bids, asks: b.asks }]] : [])),
        );
      },
      { timeout: 20_000 },
    )
    .toEqual(expected);

  // And the ladder on screen is the Replayer's consolidated ladder, row by row, to the printed decimals.
  const rows = await page.locator('[data-testid^="ladder-bid-"]').count();
  expect(rows).toBeGreaterThan(5);
  // The page paints the worker's last view a frame or two after the worker's books are there.
  await expect(() => expectLadder(page, replayer.report(rows, 0).consolidated, rows)).toPass({ timeout: 10_000 });
});

test('refuses a file of random bytes, saying it is not a recording, and stays on the feeds', async () => {
  const { page } = app;
  await page.getByTestId('stop-replay').click();
  await expect(page.getByTestId('data-note')).not.toContainText(/Replaying/);
  await page.getByTestId('replay-file').setInputFiles({ name: 'noise.jsonl', mimeType: 'application/jsonl', buffer: randomBytes(200_000) });
  await expect(page.getByTestId('replay-error')).toContainText(/Could not replay noise\.jsonl: not a recording: none of its first [\d,]+ lines is a recorded event/);
  await expect(page.getByTestId('data-note')).not.toContainText(/Replaying/);
  await expect(page.getByTestId('replay-progress')).toHaveCount(0);
  for (const venue of VENUE_IDS) await expect(page.getByTestId(`venue-chip-${venue}`)).toHaveAttribute('data-state', 'live', { timeout: 20_000 });
});

test('replays a recording with bad lines to 100 %, showing how many lines it could not read', async () => {
  const { page } = app;
  const lines = readFileSync(new URL('../fixtures/okx/sim-btc.jsonl', import.meta.url), 'utf8').trim().split('\n');
  lines.splice(20, 0, 'not json', '{"t":1,"venue":"nasdaq","kind":"ws","data":"{}"}');
  lines.splice(400, 0, '<html>502 Bad Gateway</html>');
  await page.getByTestId('replay-speed').selectOption('max');
  await page.getByTestId('replay-file').setInputFiles({ name: 'okx-mixed.jsonl', mimeType: 'application/jsonl', buffer: Buffer.from(lines.join('\r\n')) });
  await expect(page.getByTestId('replay-percent')).toHaveText('100 %', { timeout: 30_000 });
  await expect(page.getByTestId('replay-progress')).toHaveAttribute('value', String(Buffer.byteLength(lines.join('\r\n'))));
  await expect(page.getByTestId('replay-status')).toContainText(`Replayed okx-mixed.jsonl at max speed: ${lines.length.toLocaleString('en-US')} lines read, 3 could not be read.`);
  await expect(page.getByTestId('replay-unreadable')).toHaveText('3 could not be read');
  await expect(page.getByTestId('venue-chip-okx')).toHaveAttribute('data-state', 'live');
  await expect(page.getByTestId('replay-error')).toHaveCount(0);
});
