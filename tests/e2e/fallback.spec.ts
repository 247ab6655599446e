/**
 * The fallback to a partial-depth channel, through the real browser: the loopback simulator sends AsterDEX's REST
 * answers without the CORS header, so the page's fetch of the snapshot fails, and AsterDEX has no WebSocket API to
 * ask instead. AsterDEX must then show its top 20 from `@depth20@100ms`, equal to the simulator's, marked "top 20,
 * not sequence-verified" on the chip and in the venue table, its ladder bars hatched; once the venue answers again
 * it must return to an exact book by itself, and the other six venues must never stop.
 */
import AxeBuilder from '@axe-core/playwright';
import { VENUE_IDS } from '../../src/venues/types';
import { awaitExactBook, simulatorQuery, withTicksPaused } from '../../tools/app-driver';
import { FAST_LINKS, VENUE_FEEDS, books, control, expect, expectAllLive, expectExactBook, expectOthersKeptReceiving, openOnSimulator, startSimServer, test, tune, type App, type SimServer } from './support';

test.describe.configure({ mode: 'serial' });

let sim: SimServer;
let app: App;
const others = VENUE_IDS.filter((v) => v !== 'asterdex');

test.beforeAll(async ({ browser, app: origin }) => {
  sim = await startSimServer({ speed: 1, seed: 13 });
  app = await openOnSimulator(browser, origin, sim);
  // Exact sync tried again 4 s after the fallback, then every 8 s at most, not the minute (doubling up to 15) a
  // reader gets: the refusal lasts as long as the checks below take, and the return to exact is waited for 40 s.
  await tune(app, { ...FAST_LINKS, exactProbeMs: 4_000, exactProbeMaxMs: 8_000 });
});

test.afterAll(async () => {
  await app?.page.close();
  await sim?.close();
});

test('AsterDEX refused its snapshot shows its top 20, hatched and marked, and returns to exact by itself', async ({ page: second, app: origin }) => {
  // A second app and axe on top of two syncs: 30-40 s on the development machine.
  test.setTimeout(120_000);
  await expectAllLive(app);
  const page = app.page;
  const chip = page.getByTestId('venue-chip-asterdex');
  const row = page.getByTestId('venue-row-asterdex');

  expect(await control(sim, 'fault', { venue: 'asterdex', fault: 'rest-cors' })).toEqual({ result: expect.stringMatching(/leave out the CORS header/) });
  await control(sim, 'fault', { venue: 'asterdex', fault: 'drop' });

  // The chip and the venue table say it, with the reason.
  await expect(chip).toContainText('top 20, not sequence-verified', { timeout: 15_000 });
  await expect(chip).toHaveAttribute('data-mode', 'partial');
  await expect(chip).toHaveAttribute('data-state', 'live');
  await expect(chip).toHaveAttribute('title', /Exact sync is impossible now \(AsterDEX's REST snapshot refused by the browser \(CORS\)/);
  await expect(row).toHaveAttribute('data-mode', 'partial');
  await expect(page.getByTestId('venue-state-asterdex')).toContainText('top 20, not sequence-verified');
  await expect(row).toContainText('partial channel, top 20');

  // Its share of the ladder's rows is drawn hatched, and the legend says why.
  await expect(page.getByTestId('bars-bid')).toHaveAttribute('data-hatched', /asterdex/);
  await expect(page.getByTestId('bars-ask')).toHaveAttribute('data-hatched', /asterdex/);
  await expect(page.getByTestId('ladder-partial-note')).toContainText('AsterDEX at its top 20');
  await expect(page.getByTestId('depth-partial-note')).toContainText('unknown there, not absent');

  // Its top 20 is the simulator's top 20, exactly.
  const { got, want } = await withTicksPaused(sim, ['asterdex'], () => awaitExactBook(app, sim, 'asterdex', 20, 10_000));
  expect(got, "AsterDEX's top 20 equals the simulator's").toEqual(want);

  // Nothing serious for axe with a partial venue on screen: axe wants a page of its own context, so a second app,
  // which meets the same refusal, is checked.
  await second.goto(`${origin}/${simulatorQuery(sim)}${VENUE_FEEDS}`);
  await expect(second.getByTestId('venue-chip-asterdex')).toContainText('top 20, not sequence-verified', { timeout: 20_000 });
  await expect(second.getByTestId('ladder-partial-note')).toBeVisible();
  const axe = await new AxeBuilder({ page: second }).analyze();
  const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`)).toEqual([]);

  await second.close();

  // The other venues kept receiving, and none of them went partial.
  await expectOthersKeptReceiving(app, others, await books(app, 1), true);

  // The venue answers again: the next try at exact sync goes live, and the partial channel is left.
  await control(sim, 'fault', { venue: 'asterdex', fault: 'rest-cors-open' });
  await expect(chip).toHaveAttribute('data-mode', 'exact', { timeout: 40_000 });
  await expect(chip).toHaveAttribute('data-state', 'live');
  await expect(chip).not.toContainText('top 20');
  await expect(row).toHaveAttribute('data-mode', 'exact');
  await expect(page.getByTestId('bars-bid')).not.toHaveAttribute('data-hatched', /asterdex/);
  await expectExactBook(app, sim, 'asterdex', 50);
});
