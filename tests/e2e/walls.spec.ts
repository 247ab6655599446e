/**
 * Walls end to end on the loopback simulator: a wall the simulator plants on OKX's BTC-USDT bids, far larger than
 * the levels around it, reaches the worker in OKX's own update frames and is labelled with its venue and size on
 * the ladder and in the walls panel; when the simulator pulls it, with the price away from it, both mark it pulled.
 */
import { PULLED_AWAY_BPS } from '../../src/liquidity/walls';
import type { PlantedWall, PulledWall } from '../../src/sim/types';
import { simulatorQuery } from '../../tools/app-driver';
import { books, control, expect, expectExactBook, openApp, startSimServer, symbolOf, test, tune, FAST_LINKS, type App, type SimServer } from './support';
import type { Page } from '@playwright/test';

test.describe.configure({ mode: 'serial' });
test.use({ locale: 'en-US', timezoneId: 'UTC' });

const FEED = 'okx';
const SYMBOL = symbolOf(FEED);
/** Base units: more than twice the largest level OKX's simulated BTC book ever quotes by itself. */
const SIZE = 47;
/**
 * Below mid, in bps: 5 bps further than the distance within which the detector calls a wall's going a fill (the
 * simulated BTC price wanders about 1 bp in the half minute before the pull), so that its going is a pull; and
 * within the ladder's 15 rows at the $10 price step the page opens with (about 16 bps).
 */
const BPS = PULLED_AWAY_BPS + 5;
/** OKX's tag on the ladder, and its size: "OKX 47 BTC". */
const TAG = `OKX ${SIZE} BTC`;

let sim: SimServer;
let app: App;
let wall: PlantedWall;

test.beforeAll(async ({ browser, app: origin }) => {
  sim = await startSimServer({ speed: 1, seed: 31 });
  // OKX alone: the simulator quotes a large level now and then, which the rule finds too (some 14 standing on OKX's
  // BTC book, 20 on Binance's), and the panel lists 30 walls, standing first: the pulled one must be among them.
  app = await openApp(browser, origin, `${simulatorQuery(sim)}&markets=${FEED}&step=10`);
  await tune(app, FAST_LINKS);
});

test.afterAll(async () => {
  await app?.page.close();
  await sim?.close();
});

/** The walls panel's row of the planted wall: OKX's bid wall of that size (its own walls are all far smaller). */
function listed(page: Page) {
  return page
    .getByRole('region', { name: 'Walls', exact: true })
    .locator(`[data-testid="wall-row"][data-feed="${FEED}"][data-side="bid"][data-size="${SIZE}"]`);
}

test('a wall the simulator plants is labelled with its venue and size on the ladder and in the walls panel', async () => {
  const { page } = app;
  await expect(page.getByTestId(`venue-chip-${FEED}`)).toHaveAttribute('data-state', 'live', { timeout: 30_000 });
  wall = (await control(sim, 'wall', { venue: FEED, symbol: SYMBOL, side: 'bid', bps: String(BPS), size: String(SIZE) })) as PlantedWall;
  expect(wall.base).toBe(SIZE);
  expect(wall.bps).toBeCloseTo(BPS, 1);

  const tag = page.getByTestId('wall-tag').filter({ hasText: TAG });
  await expect(tag).toHaveCount(1);
  await expect(tag).toHaveAttribute('data-feed', FEED);
  await expect(tag).toHaveAttribute('data-state', 'standing');
  const entry = listed(page);
  await expect(entry).toHaveCount(1);
  await expect(entry).toContainText('OKX');
  await expect(entry).toHaveAttribute('data-state', 'standing');

  // The worker's OKX book holds it where the simulator put it, and is the simulator's book exactly.
  const okx = (await books(app, 400))[FEED]!;
  expect(okx.bids).toContainEqual([Number(wall.price), SIZE]);
  await expectExactBook(app, sim, FEED, 400);
});

test('pulled by the simulator while the price is away from it, it is marked pulled on the ladder and in the panel', async () => {
  const { page } = app;
  const pulled = (await control(sim, 'wall', { venue: FEED, symbol: SYMBOL, side: 'bid', pull: '1' })) as PulledWall;
  expect(pulled.price).toBe(wall.price);
  // The price never came near it: still further from OKX's mid than the detector's distance for a fill.
  expect(pulled.bps).toBeGreaterThan(PULLED_AWAY_BPS);

  await expect(listed(page)).toHaveAttribute('data-state', 'pulled');
  await expect(listed(page)).toContainText(/pulled/);
  const tag = page.getByTestId('wall-tag').filter({ hasText: TAG });
  await expect(tag).toHaveAttribute('data-state', 'pulled');
  await expect(tag).toContainText('pulled');

  const okx = (await books(app, 400))[FEED]!;
  expect(okx.bids.find(([p]) => p === Number(wall.price))).toBeUndefined();
  await expectExactBook(app, sim, FEED, 400);
});
