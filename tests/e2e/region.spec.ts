/**
 * A region block, through the real browser: the loopback simulator turns Binance's main host away as Binance does
 * US addresses (the WebSocket upgrade answered 451, which the page sees as close code 1006 alone; REST 451), while
 * its Binance.US prefix works. The chip must say the venue is possibly blocked and offer Binance.US in one click;
 * Binance must then go live from there with exactly the simulator's book, the choice must survive a reload, and the
 * other six venues must never stop.
 */
import AxeBuilder from '@axe-core/playwright';
import { VENUE_IDS } from '../../src/venues/types';
import { simulatorQuery } from '../../tools/app-driver';
import { FAST_LINKS, VENUE_FEEDS, books, chipLog, control, expect, expectAllLive, expectExactBook, expectOthersKeptReceiving, openOnSimulator, startSimServer, test, tune, type App, type SimServer } from './support';

test.describe.configure({ mode: 'serial' });

let sim: SimServer;
let app: App;
const others = VENUE_IDS.filter((v) => v !== 'binance');

test.beforeAll(async ({ browser, app: origin }) => {
  sim = await startSimServer({ speed: 1, seed: 11 });
  app = await openOnSimulator(browser, origin, sim);
});

test.afterAll(async () => {
  await app?.page.close();
  await sim?.close();
});

test('a blocked Binance says so and switches to Binance.US in one click; the choice survives a reload', async ({ page: second, app: origin }) => {
  await expectAllLive(app);
  const page = app.page;
  const chip = page.getByTestId('venue-chip-binance');
  const t0 = Date.now();
  const before = await books(app, 1);

  expect(await control(sim, 'fault', { venue: 'binance', fault: 'region-block' })).toEqual({ result: expect.stringMatching(/refuses this region \(HTTP 451\)/) });
  await control(sim, 'fault', { venue: 'binance', fault: 'drop' });

  // The chip and its popover say it, with the reason; the button offers Binance.US.
  await expect(chip).toContainText('possibly blocked in your region');
  await expect(chip).toHaveAttribute('data-state', 'down');
  await expect(chip).toHaveAttribute('title', /Possibly blocked in your region: \d+ handshakes refused without a close frame/);
  await chip.focus();
  await expect(page.getByRole('tooltip')).toContainText(/possibly blocked in your region.*Binance\.US speaks the same protocol/s);
  const use = page.getByRole('button', { name: 'Use Binance.US' });
  await expect(use).toBeVisible();
  // Accessible and on a phone's width: axe (which wants a page of its own context) finds nothing serious in the top
  // bar of a second app that meets the same block, and nothing runs off the screen.
  await second.setViewportSize({ width: 360, height: 780 });
  await second.goto(`${origin}/${simulatorQuery(sim)}${VENUE_FEEDS}`);
  await expect(second.getByRole('button', { name: 'Use Binance.US' })).toBeVisible({ timeout: 20_000 });
  expect(await second.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  const axe = await new AxeBuilder({ page: second }).include('header').analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  await second.close();

  await use.click();
  await expect(chip).toHaveAttribute('data-state', 'live', { timeout: 20_000 });
  await expect(chip).not.toContainText('blocked');
  await expect(page.getByRole('button', { name: 'Back to Binance' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Use Binance.US' })).toHaveCount(0);
  // The main host still refuses this region: live means Binance.US's prefix served it.
  const status = (await books(app, 1)).binance!.status;
  expect(status.note).toMatch(/^connected to Binance\.US \(127\.0\.0\.1:\d+\), by choice$/);
  expect(status.regionHint).toBeUndefined();
  await expect(chip).toHaveAttribute('title', /connected to Binance\.US/);
  await expectExactBook(app, sim, 'binance');

  await expectOthersKeptReceiving(app, others, before);
  for (const v of others) expect((await chipLog(app, v, t0)).filter((e) => e.state !== 'live'), `${v} stayed live`).toEqual([]);

  // Remembered: after a reload Binance comes straight from Binance.US, the block still standing.
  const newWorker = page.waitForEvent('worker');
  await page.reload();
  app = { page, worker: await newWorker };
  await expect.poll(() => app.worker.evaluate(() => 'engine' in globalThis), { timeout: 30_000 }).toBe(true);
  await expectAllLive(app);
  await expect(page.getByRole('button', { name: 'Back to Binance' })).toBeVisible();
  expect((await books(app, 1)).binance!.status.note).toMatch(/Binance\.US/);
});

test('back to Binance in one click, once the region is served again', async () => {
  await tune(app, FAST_LINKS);
  await expectAllLive(app);
  const before = await books(app, 1);
  await control(sim, 'fault', { venue: 'binance', fault: 'region-open' });
  await app.page.getByRole('button', { name: 'Back to Binance' }).click();
  await expect(app.page.getByRole('button', { name: 'Back to Binance' })).toHaveCount(0);
  // A new link on the main host: no note of the alternative, live again.
  await expect
    .poll(async () => {
      const s = (await books(app, 1)).binance!.status;
      return [s.state, s.note ?? 'main host'];
    }, { timeout: 20_000 })
    .toEqual(['live', 'main host']);
  await expect(app.page.getByTestId('venue-chip-binance')).toHaveAttribute('data-state', 'live');
  await expectExactBook(app, sim, 'binance');
  await expectOthersKeptReceiving(app, others, before);
});
