/**
 * The trading screen against the in-worker demo simulator, served by the Vite dev server: the ladder and the
 * execution estimate match the worker's own books, pair / venue / step changes, URL and stored settings,
 * a venue dropping and coming back, keyboard use, phone and desktop layouts (screenshots kept as artifacts),
 * and an axe-core scan in both themes.
 */
import type { AddressInfo } from 'node:net';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page, type Worker } from '@playwright/test';
import { createServer, type ViteDevServer } from 'vite';

let server: ViteDevServer;
let origin: string;

test.describe.configure({ mode: 'serial' });
test.use({ locale: 'en-US', timezoneId: 'UTC' });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  server = await createServer({ logLevel: 'error', server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false } });
  await server.listen();
  origin = `http://127.0.0.1:${(server.httpServer!.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await server?.close();
});

type Level = [number, number];
/** engine.books(): each venue's book top and its state (as `status.state`, or `state` in older builds). */
type Books = Record<string, { state?: string; status?: { state: string }; bids: Level[]; asks: Level[] }>;

/** The engine worker (it is the only worker the page starts besides none). */
async function engineWorker(page: Page): Promise<Worker> {
  await expect.poll(() => page.workers().length).toBeGreaterThan(0);
  return page.workers()[0]!;
}

async function books(worker: Worker, depth: number): Promise<Books> {
  return worker.evaluate((d) => (globalThis as unknown as { engine: { books(n: number): Books } }).engine.books(d), depth);
}

/** Stops (or restarts) the demo market's price moves, so the books hold still while the test compares them. */
async function setTicking(worker: Worker, ticking: boolean): Promise<void> {
  await worker.evaluate((on) => {
    const e = (globalThis as unknown as { engine: { demo?: { setTicking(v: string, t: boolean): void } } }).engine;
    for (const v of ['binance', 'kraken', 'coinbase', 'bingx', 'okx', 'bybit', 'asterdex']) e.demo?.setTicking(v, on);
  }, ticking);
}

function num(text: string | null): number {
  return Number((text ?? '').replace(/[^0-9.\-−]/g, '').replace('−', '-'));
}

/** The consolidated ladder a side: every venue's levels merged by price, best first, `rows` rows. */
function merged(all: Books, side: 'bids' | 'asks', rows: number, venues?: readonly string[]): { price: number; size: number; cum: number }[] {
  const byPrice = new Map<number, number>();
  for (const [venue, b] of Object.entries(all)) {
    // The view merges live books and stale ones (open socket, quiet market): paused demo venues go stale.
    const state = b.status?.state ?? b.state;
    if ((state !== 'live' && state !== 'stale') || (venues && !venues.includes(venue))) continue;
    for (const [p, q] of b[side]) byPrice.set(p, (byPrice.get(p) ?? 0) + q);
  }
  const prices = [...byPrice.keys()].sort((a, b) => (side === 'bids' ? b - a : a - b)).slice(0, rows);
  let cum = 0;
  return prices.map((price) => {
    const size = byPrice.get(price)!;
    cum += size;
    return { price, size, cum };
  });
}

async function ladderRow(page: Page, side: 'ask' | 'bid', i: number): Promise<{ price: number; size: number; cum: number }> {
  const row = page.getByTestId(`ladder-${side}-${i}`);
  return {
    price: num(await row.getByTestId('price').textContent()),
    size: num(await row.getByTestId('size').textContent()),
    cum: num(await row.getByTestId('cum').textContent()),
  };
}

async function openDemo(page: Page, query = ''): Promise<Worker> {
  await page.goto(`${origin}/?feeds=demo${query}`);
  const worker = await engineWorker(page);
  await expect(page.getByTestId('venue-chip-binance')).toHaveAttribute('data-state', 'live');
  await expect(page.getByTestId('ladder-bid-0').getByTestId('price')).not.toHaveText('—');
  return worker;
}

/** Waits until the screen shows a view built after the books stopped moving. */
async function settle(page: Page): Promise<void> {
  await page.waitForTimeout(400);
  const seq = await page.locator('footer').textContent();
  await expect.poll(async () => page.locator('footer').textContent(), { timeout: 5000 }).not.toBe(seq);
  await page.waitForTimeout(300);
}

test('the ladder shows exactly the worker books merged, and says the data is simulated', async ({ page }) => {
  const worker = await openDemo(page);
  await expect(page.getByTestId('data-note')).toContainText(/simulat|demo/i);
  await setTicking(worker, false);
  await settle(page);
  const rows = await page.locator('[data-testid^=ladder-bid-]').count();
  const b = await books(worker, rows);
  for (const [side, key] of [['bid', 'bids'], ['ask', 'asks']] as const) {
    const want = merged(b, key, rows);
    for (let i = 0; i < Math.min(rows, want.length); i++) {
      const got = await ladderRow(page, side, i);
      expect(got.price).toBeCloseTo(want[i]!.price, 6);
      expect(got.size).toBeCloseTo(want[i]!.size, 3);
      expect(got.cum).toBeCloseTo(want[i]!.cum, 3);
    }
  }
  const bestBid = merged(b, 'bids', 1)[0]!.price;
  const bestAsk = merged(b, 'asks', 1)[0]!.price;
  expect(num(await page.getByTestId('best-bid').textContent())).toBeCloseTo(bestBid, 6);
  expect(num(await page.getByTestId('best-ask').textContent())).toBeCloseTo(bestAsk, 6);
  expect(num(await page.getByTestId('mid').textContent())).toBeCloseTo((bestBid + bestAsk) / 2, 6);
  if (bestBid > bestAsk) await expect(page.getByTestId('crossed-flag')).toContainText('bps');
  else await expect(page.getByTestId('crossed-flag')).toHaveCount(0);
  await setTicking(worker, true);
});

test('ladder rows are reused, not re-created, as prices move', async ({ page }) => {
  await openDemo(page);
  await page.evaluate(() => {
    (globalThis as { __rows?: Element[] }).__rows = [...document.querySelectorAll('[data-testid^=ladder-]')];
  });
  const before = await page.getByTestId('ladder-bid-0').getByTestId('size').textContent();
  await expect.poll(() => page.getByTestId('ladder-bid-0').getByTestId('size').textContent(), { timeout: 10_000 }).not.toBe(before);
  const same = await page.evaluate(() => {
    const old = (globalThis as { __rows?: Element[] }).__rows!;
    const now = [...document.querySelectorAll('[data-testid^=ladder-]')];
    return old.length === now.length && old.every((e, i) => e === now[i] && e.isConnected);
  });
  expect(same).toBe(true);
});

test('execution estimate matches routing the order through the worker books', async ({ page }) => {
  const worker = await openDemo(page);
  await page.getByRole('button', { name: /Buy/ }).click();
  await page.getByTestId('exec-size').fill('2');
  await setTicking(worker, false);
  await settle(page);
  const b = await books(worker, 500);
  const asks = merged(b, 'asks', 10_000);
  let left = 2;
  let notional = 0;
  let worst = 0;
  for (const l of asks) {
    const take = Math.min(left, l.size);
    notional += take * l.price;
    left -= take;
    worst = l.price;
    if (left <= 1e-9) break;
  }
  const bestBid = merged(b, 'bids', 1)[0]!.price;
  const mid = (bestBid + asks[0]!.price) / 2;
  const avg = notional / 2;
  expect(num(await page.getByTestId('exec-avg').textContent())).toBeCloseTo(avg, 2);
  expect(num(await page.getByTestId('exec-worst').textContent())).toBeCloseTo(worst, 6);
  expect(num(await page.getByTestId('exec-slippage').textContent())).toBeCloseTo(((avg - mid) / mid) * 1e4, 1);
  await expect(page.getByTestId('exec-best-single')).not.toHaveText('—');
  await expect(page.getByTestId('exec-saving')).toContainText('bps');
  await setTicking(worker, true);
});

test('pair, venues and step change without a reload, live in the URL and survive one', async ({ page }) => {
  const worker = await openDemo(page);
  const marker = await page.evaluate(() => ((globalThis as { __same?: number }).__same = Math.random()));

  await page.getByTestId('pair-select').selectOption('ETH');
  await expect(page).toHaveURL(/base=ETH/);
  await expect.poll(async () => num(await page.getByTestId('best-bid').textContent()), { timeout: 15_000 }).toBeLessThan(20_000);

  await page.getByTestId('venue-toggle-kraken').uncheck();
  await expect(page.getByTestId('venue-chip-kraken')).toHaveAttribute('data-state', 'disabled');
  await expect(page).toHaveURL(/venues=binance,coinbase,bingx,okx,bybit,asterdex/);
  await expect.poll(async () => Object.keys(await books(worker, 1))).not.toContain('kraken');

  await page.getByTestId('step-select').selectOption('1');
  await expect(page).toHaveURL(/step=1(&|$)/);
  await expect
    .poll(async () => {
      const p = [0, 1, 2].map((i) => page.getByTestId(`ladder-bid-${i}`).getByTestId('price').textContent());
      return (await Promise.all(p)).every((t) => /^\d{1,3}(,\d{3})*$/.test(t ?? ''));
    })
    .toBe(true);
  // Both rows from one frame: with the market moving, a row read a frame later may be the first one moved down.
  await setTicking(worker, false);
  await settle(page);
  const b0 = await ladderRow(page, 'bid', 0);
  const b1 = await ladderRow(page, 'bid', 1);
  await setTicking(worker, true);
  expect(b0.price - b1.price).toBeGreaterThanOrEqual(1);

  expect(await page.evaluate(() => (globalThis as { __same?: number }).__same)).toBe(marker);

  await page.reload();
  await expect(page.getByTestId('pair-select')).toHaveValue('ETH');
  await expect(page.getByTestId('step-select')).toHaveValue('1');
  await expect(page.getByTestId('venue-toggle-kraken')).not.toBeChecked();

  // A shared link wins over what this browser stored.
  await page.goto(`${origin}/?base=SOL&feeds=demo`);
  await expect(page.getByTestId('pair-select')).toHaveValue('SOL');
  await expect(page.getByTestId('venue-toggle-kraken')).toBeChecked();
  await expect(page.getByTestId('step-select')).toHaveValue('0');
  await page.evaluate(() => localStorage.clear());
});

test('a venue that drops shows its countdown and comes back live', async ({ page }) => {
  const worker = await openDemo(page);
  await worker.evaluate(() => {
    const e = (globalThis as unknown as { engine: { tune(t: object): void } }).engine;
    e.tune({ backoffInitialMs: 3000, backoffMaxMs: 3000 });
  });
  await expect(page.getByTestId('venue-chip-okx')).toHaveAttribute('data-state', 'live');
  await worker.evaluate(() => {
    const e = (globalThis as unknown as { engine: { demo?: { inject(v: string, f: string): string } } }).engine;
    return e.demo?.inject('okx', 'drop');
  });
  const chip = page.getByTestId('venue-chip-okx');
  await expect(chip).toHaveAttribute('data-state', /reconnecting|down|connecting|syncing/);
  if ((await chip.getAttribute('data-state')) === 'reconnecting') await expect(chip).toContainText(/reconnecting in \d+ s/);
  await chip.focus();
  await expect(page.getByRole('tooltip')).toContainText('OKX');
  await expect(chip).toHaveAttribute('data-state', 'live', { timeout: 20_000 });
  await expect(page.getByTestId('venue-row-okx')).toHaveAttribute('data-state', 'live');
});

test('the ladder and controls work from the keyboard', async ({ page }) => {
  await openDemo(page);
  await page.getByTestId('ladder-ask-0').locator('button').focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('ladder-bid-0').locator('button')).toBeFocused();
  await expect(page.locator('.breakdown')).toContainText(/Bid/);
  await page.keyboard.press('Tab');
  // Only one ladder row is in the tab order: Tab leaves the ladder.
  expect(await page.evaluate(() => document.activeElement?.closest('[data-testid^=ladder-]') === null)).toBe(true);
});

for (const [name, viewport] of [
  ['phone', { width: 360, height: 780 }],
  ['desktop', { width: 1440, height: 1000 }],
] as const) {
  test(`${name} layout fits the screen, in dark and light, with no serious accessibility violation`, async ({ page }, info) => {
    await page.setViewportSize(viewport);
    for (const scheme of ['dark', 'light'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await openDemo(page);
      await page.waitForTimeout(500);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
      const shot = info.outputPath(`ui-${name}-${scheme}.png`);
      await page.screenshot({ path: shot, fullPage: true });
      await info.attach(`ui-${name}-${scheme}`, { path: shot, contentType: 'image/png' });
      const axe = await new AxeBuilder({ page }).analyze();
      const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`)).toEqual([]);
    }
  });
}
