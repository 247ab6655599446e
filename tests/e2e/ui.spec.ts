/**
 * The trading screen against the in-worker demo simulator, served by the Vite dev server: the ladder and the
 * execution estimate equal the worker's own books converted by the rates shown on screen, with spot and perpetual
 * markets and sizes in base units; the pair picked by search, kinds, markets, currency and step change without a
 * reload and live in the URL; a row's raw venue prices on hover and on focus; the rates, basis and catalog age;
 * a venue dropping and coming back, keyboard use; liquidity over time: the wall rule and imbalance band in
 * settings (stored, never linked), walls on the ladder and in their list, the depth chart at full resolution, size
 * to move the price, the replay scrubber; a phone's six sections behind a tab bar, remembered; phone and desktop
 * layouts (screenshots kept as artifacts, a phone's per section), and an axe-core scan in both themes.
 */
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page, type Worker } from '@playwright/test';
import { createServer, type ViteDevServer } from 'vite';
import { SECTIONS } from '../../src/ui/sections';
import { FEED_IDS, VENUE_IDS } from '../../src/venues/types';
import { crossedWithinKind, expectPrintedAs, ladderRow, merged, num, priceDecimals, settle, shownExcluded, shownRates, type Books } from './ladder-oracle';

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
  await worker.evaluate(
    ({ on, ids }) => {
      const e = (globalThis as unknown as { engine: { demo?: { setTicking(v: string, t: boolean): void } } }).engine;
      for (const id of ids) e.demo?.setTicking(id, on);
    },
    { on: ticking, ids: [...new Set<string>([...VENUE_IDS, ...FEED_IDS])] },
  );
}

/** Every ladder row against the worker's books merged in USD at the rates shown: price, size and total as printed. */
async function expectLadderOf(page: Page, b: Books, rows: number, rates: Record<string, number>, skip: readonly string[], decimals: number): Promise<void> {
  for (const [side, key] of [['bid', 'bids'], ['ask', 'asks']] as const) {
    const want = merged(b, key, rows, 'USD', rates, skip);
    for (let i = 0; i < Math.min(rows, want.length); i++) {
      const got = await ladderRow(page, side, i);
      expectPrintedAs(`${side} ${i} price`, got.price, want[i]!.price, decimals);
      expectPrintedAs(`${side} ${i} size`, got.size, want[i]!.size, 3);
      expectPrintedAs(`${side} ${i} total`, got.cum, want[i]!.cum, 3);
    }
  }
}

/** Opens the demo; `live` is a feed switched on whose chip says when the books are in. */
async function openDemo(page: Page, query = '', live = 'binance'): Promise<Worker> {
  await page.goto(`${origin}/?feeds=demo${query}`);
  const worker = await engineWorker(page);
  await expect(page.getByTestId(`venue-chip-${live}`)).toHaveAttribute('data-state', 'live');
  await expect(page.getByTestId('ladder-bid-0').getByTestId('price')).not.toHaveText('—');
  return worker;
}

test('with spot and perpetual in USD, the ladder equals the worker books converted by the rates shown, sizes in base units', async ({ page }) => {
  const worker = await openDemo(page, '&kinds=both&currency=USD');
  await expect(page.getByTestId('data-note')).toContainText(/simulat|demo/i);
  await expect(page.getByTestId('venue-chip-okx-swap')).toHaveAttribute('data-state', 'live', { timeout: 20_000 });
  await setTicking(worker, false);
  await settle(page);
  await expect(page.locator('[data-rate]').first()).toBeVisible();
  const rates = await shownRates(page);
  // Books quoted in USDT are on screen in USD: a USDT rate is shown, with its source.
  expect(rates.USDT).toBeGreaterThan(0.98);
  expect(rates.USDT).toBeLessThan(1.02);
  await expect(page.getByTestId('rate-USDT')).toContainText(/1 USDT = 0\.99\d{3} USD|1 USDT = 1\.00\d{3} USD/);
  await expect(page.getByTestId('rate-USDT')).toContainText(/mid/);
  await expect(page.getByTestId('rate-USDT')).toContainText(/updated .* ago/);
  const skip = await shownExcluded(page);
  const rows = await page.locator('[data-testid^=ladder-bid-]').count();
  const b = await books(worker, rows);
  // OKX documents BTC-USDT-SWAP's contract value (ctVal) as 0.01 BTC: its book counts contracts, the ladder BTC.
  expect(b['okx-swap']?.market?.contractSize).toBe(0.01);
  await expect(page.getByTestId('contract-okx-swap')).toContainText('1 contract = 0.01 BTC');
  const decimals = await priceDecimals(page);
  await expectLadderOf(page, b, rows, rates, skip, decimals);
  const bestBid = merged(b, 'bids', 1, 'USD', rates, skip)[0]!.price;
  const bestAsk = merged(b, 'asks', 1, 'USD', rates, skip)[0]!.price;
  expect(num(await page.getByTestId('best-bid').textContent())).toBeCloseTo(bestBid, decimals);
  expect(num(await page.getByTestId('best-ask').textContent())).toBeCloseTo(bestAsk, decimals);
  // A cross only where the converted prices of two feeds of one kind cross: a perpetual's bid above a spot ask is
  // its basis, shown below, not an arbitrage.
  if (crossedWithinKind(b, 'USD', rates, skip)) await expect(page.getByTestId('crossed-flag')).toContainText('bps');
  else await expect(page.getByTestId('crossed-flag')).toHaveCount(0);
  // Spot and perpetual both on: the basis is shown, overall and per venue.
  await expect(page.getByTestId('basis-all')).toContainText('bps');
  await expect(page.getByTestId('basis-okx')).toContainText('bps');
  await setTicking(worker, true);
});

test('a ladder scrolled out of sight shows the books as they are once it is back in sight', async ({ page }) => {
  const worker = await openDemo(page, '&kinds=spot&currency=USD');
  // Out of sight the ladder keeps what it last showed; the books move on meanwhile, then hold still.
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await expect.poll(() => page.getByTestId('ladder-bid-0').evaluate((el) => el.getBoundingClientRect().bottom < -200)).toBe(true);
  await page.waitForTimeout(1500);
  await setTicking(worker, false);
  await settle(page);
  const rates = await shownRates(page);
  const skip = await shownExcluded(page);
  await page.evaluate(() => window.scrollTo(0, 0));
  const rows = await page.locator('[data-testid^=ladder-bid-]').count();
  const b = await books(worker, rows);
  const decimals = await priceDecimals(page);
  await expect(() => expectLadderOf(page, b, rows, rates, skip, decimals)).toPass({ timeout: 5000 });
  await setTicking(worker, true);
});

test("a row's raw venue prices show on hover and on keyboard focus", async ({ page }) => {
  const worker = await openDemo(page, '&kinds=both');
  await expect(page.getByTestId('venue-chip-okx-swap')).toHaveAttribute('data-state', 'live', { timeout: 20_000 });
  await setTicking(worker, false);
  await settle(page);
  const rates = await shownRates(page);
  const skip = await shownExcluded(page);
  const rows = await page.locator('[data-testid^=ladder-bid-]').count();
  const want = merged(await books(worker, rows), 'bids', rows, 'USD', rates, skip);

  await page.getByTestId('ladder-bid-0').locator('button').hover();
  const breakdown = page.getByTestId('ladder-breakdown');
  for (const [feed, raw] of Object.entries(want[0]!.raw)) {
    const line = breakdown.getByTestId(`breakdown-${feed}`);
    await expect(line).toBeVisible();
    expect(num(await line.getByTestId('raw-price').textContent())).toBeCloseTo(raw, 6);
  }

  await page.mouse.move(0, 0);
  await page.getByTestId('ladder-bid-1').locator('button').focus();
  await expect(page.getByTestId('ladder-bid-1').locator('button')).toHaveAttribute('aria-describedby', 'ladder-breakdown');
  for (const [feed, raw] of Object.entries(want[1]!.raw)) {
    const line = breakdown.getByTestId(`breakdown-${feed}`);
    await expect(line).toBeVisible();
    // "OKX SWAP 91,234.5 USDT": the feed's name, its own price and its quote.
    await expect(line).toContainText(feed === 'okx-swap' ? 'OKX SWAP' : /\w/);
    expect(num(await line.getByTestId('raw-price').textContent())).toBeCloseTo(raw, 6);
  }
  await setTicking(worker, true);
});

test('execution estimate matches routing the order through the converted worker books', async ({ page }) => {
  const worker = await openDemo(page);
  await page.getByRole('button', { name: /Buy/ }).click();
  await page.getByTestId('exec-size').fill('2');
  await setTicking(worker, false);
  await settle(page);
  const rates = await shownRates(page);
  const skip = await shownExcluded(page);
  const b = await books(worker, 500);
  const asks = merged(b, 'asks', 10_000, 'USD', rates, skip);
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
  const bestBid = merged(b, 'bids', 1, 'USD', rates, skip)[0]!.price;
  const mid = (bestBid + asks[0]!.price) / 2;
  const avg = notional / 2;
  expect(num(await page.getByTestId('exec-avg').textContent())).toBeCloseTo(avg, 1);
  expect(num(await page.getByTestId('exec-worst').textContent())).toBeCloseTo(worst, 1);
  expect(num(await page.getByTestId('exec-slippage').textContent())).toBeCloseTo(((avg - mid) / mid) * 1e4, 1);
  await expect(page.getByTestId('exec-best-single')).not.toHaveText('—');
  await expect(page.getByTestId('exec-saving')).toContainText('bps');
  await expect(page.getByTestId('exec-size-note')).toContainText('The size you typed for BTC');
  await setTicking(worker, true);
});

test('the order size is about 50 000 of the currency until one is typed, and a typed one is kept per base', async ({ page }) => {
  await page.goto(`${origin}/?feeds=demo`);
  await page.evaluate(() => localStorage.clear());
  await openDemo(page);
  await expect(page.getByTestId('exec-size-note')).toContainText('Automatic size: about 50,000 USD');
  const size = Number(await page.getByTestId('exec-size').inputValue());
  const mid = num(await page.getByTestId('mid').textContent());
  expect(size * mid).toBeGreaterThan(50_000 / 2.3);
  expect(size * mid).toBeLessThan(50_000 * 2.3);
  await page.getByTestId('exec-size').fill('3');
  await page.getByTestId('pair-search').fill('eth');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('exec-size-note')).toContainText('Automatic size');
  await page.getByTestId('pair-search').fill('btc');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('exec-size')).toHaveValue('3');
  await page.evaluate(() => localStorage.clear());
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

test('pair by search, kinds, markets, currency and step change without a reload, live in the URL and survive one', async ({ page }) => {
  const worker = await openDemo(page);
  const marker = await page.evaluate(() => ((globalThis as { __same?: number }).__same = Math.random()));

  // "et" finds ETH; each result says where it trades as spot and as perpetual.
  const search = page.getByTestId('pair-search');
  await search.fill('et');
  const option = page.getByTestId('pair-option-ETH');
  await expect(option).toBeVisible();
  await expect(option).toContainText(/spot/i);
  await expect(option).toContainText(/perp/i);
  await option.click();
  await expect(page).toHaveURL(/base=ETH/);
  await expect.poll(async () => num(await page.getByTestId('best-bid').textContent()), { timeout: 15_000 }).toBeLessThan(20_000);

  await page.getByTestId('kind-both').check();
  await expect(page).toHaveURL(/kinds=spot,perpetual/);
  await expect(page.getByTestId('venue-chip-okx-swap')).toHaveAttribute('data-state', 'live', { timeout: 20_000 });

  await page.getByTestId('market-toggle-kraken').uncheck();
  await expect(page.getByTestId('venue-chip-kraken')).toHaveAttribute('data-state', 'disabled');
  await expect(page).toHaveURL(/markets=binance,binance-usdm,coinbase,bingx,bingx-swap,okx,okx-swap,bybit,bybit-linear,asterdex/);
  await expect.poll(async () => Object.keys(await books(worker, 1))).not.toContain('kraken');

  await page.getByTestId('currency-USDT').check();
  await expect(page).toHaveURL(/currency=USDT/);
  await expect(page.getByRole('heading', { name: 'Consolidated book in USDT' })).toBeVisible();

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
  await expect(page.getByTestId('pair-search')).toHaveValue('ETH');
  await expect(page.getByTestId('step-select')).toHaveValue('1');
  await expect(page.getByTestId('market-toggle-kraken')).not.toBeChecked();
  await expect(page.getByTestId('kind-both')).toBeChecked();
  await expect(page.getByTestId('currency-USDT')).toBeChecked();

  // A shared link wins over what this browser stored; what it leaves out is the default.
  await page.goto(`${origin}/?base=SOL&feeds=demo`);
  await expect(page.getByTestId('pair-search')).toHaveValue('SOL');
  await expect(page.getByTestId('market-toggle-kraken')).toBeChecked();
  await expect(page.getByTestId('kind-spot')).toBeChecked();
  await expect(page.getByTestId('currency-USD')).toBeChecked();
  await expect(page.getByTestId('step-select')).toHaveValue('0');
  await page.evaluate(() => localStorage.clear());
});

test('a market the pair is not listed on is greyed out with the reason, and so is a kind not shown', async ({ page }) => {
  const worker = await openDemo(page, '&kinds=both');
  const catalog = await worker.evaluate(() =>
    (globalThis as unknown as { engine: { catalog(): Promise<{ bases: { base: string; feeds: string[] }[] }> } }).engine.catalog(),
  );
  // The base listed on the fewest feeds: the one most markets are greyed out for.
  const sparse = catalog.bases.at(-1)!;
  await page.getByTestId('pair-search').fill(sparse.base.toLowerCase());
  await page.getByTestId(`pair-option-${sparse.base}`).click();
  await expect(page).toHaveURL(new RegExp(`base=${sparse.base}`));
  for (const feed of FEED_IDS) {
    const toggle = page.getByTestId(`market-toggle-${feed}`);
    if (sparse.feeds.includes(feed)) {
      await expect(toggle, feed).toBeEnabled();
      await expect(page.getByTestId(`market-reason-${feed}`), feed).toHaveCount(0);
    } else {
      await expect(toggle, feed).toBeDisabled();
      await expect(page.getByTestId(`market-reason-${feed}`), feed).toHaveText(new RegExp(`^no ${sparse.base} (spot market|perpetual)$`));
    }
  }
  // Perpetuals hidden: their toggles say so.
  await page.getByTestId('kind-spot').check();
  await expect(page.getByTestId('market-toggle-okx-swap')).toBeDisabled();
  await expect(page.getByTestId('market-reason-okx-swap')).toHaveText('perpetuals not shown');
  await expect(page.getByTestId('catalog-age')).toContainText('Instruments:');
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

test('the pair picker, the ladder and the controls work from the keyboard', async ({ page }) => {
  await openDemo(page);
  const search = page.getByTestId('pair-search');
  await search.focus();
  await page.keyboard.type('so');
  await expect(search).toHaveAttribute('aria-expanded', 'true');
  await page.keyboard.press('ArrowDown');
  await expect(search).toHaveAttribute('aria-activedescendant', /pair-option-/);
  await page.keyboard.press('ArrowUp');
  await expect(search).toHaveAttribute('aria-activedescendant', 'pair-option-SOL');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/base=SOL/);
  await expect(search).toHaveValue('SOL');
  await expect(search).toHaveAttribute('aria-expanded', 'false');
  // Escape leaves the pair as it was.
  await page.keyboard.type('xrp');
  await page.keyboard.press('Escape');
  await expect(search).toHaveValue('SOL');
  await expect(page).toHaveURL(/base=SOL/);

  await page.getByTestId('ladder-ask-0').locator('button').focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('ladder-bid-0').locator('button')).toBeFocused();
  await expect(page.getByTestId('ladder-breakdown')).toContainText(/Bid/);
  await page.keyboard.press('Tab');
  // Only one ladder row is in the tab order: Tab leaves the ladder.
  expect(await page.evaluate(() => document.activeElement?.closest('[data-testid^=ladder-]') === null)).toBe(true);

  // The currency is a radio group: arrows move the choice.
  await page.getByTestId('currency-USD').focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('currency-USDT')).toBeChecked();
  await expect(page).toHaveURL(/currency=USDT/);
  await page.evaluate(() => localStorage.clear());
});

/** Whatever axe finds serious or critical on the page as it is now. */
/** Serious and critical axe violations on the page, or only within the elements `within` selects. */
async function seriousViolations(page: Page, within?: string): Promise<string[]> {
  const builder = new AxeBuilder({ page });
  const axe = await (within ? builder.include(within) : builder).analyze();
  return axe.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
}

for (const [name, viewport] of [
  ['phone', { width: 360, height: 780 }],
  ['desktop', { width: 1440, height: 1000 }],
] as const) {
  test(`${name} layout fits the screen, in dark and light, with no serious accessibility violation`, async ({ page }, info) => {
    test.setTimeout(180_000);
    await page.setViewportSize(viewport);
    await page.goto(`${origin}/?feeds=demo`);
    await page.evaluate(() => localStorage.clear());
    for (const scheme of ['dark', 'light'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await openDemo(page, '&kinds=both');
      await page.waitForTimeout(500);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
      // The pair picker's list open too: its options are part of the screen a reader meets.
      await page.getByTestId('pair-search').fill('e');
      await expect(page.getByRole('listbox')).toBeVisible();
      const shot = info.outputPath(`ui-${name}-${scheme}.png`);
      // Panels out of sight are not rendered (content-visibility): a window as tall as the page shows them all.
      await page.setViewportSize({ width: viewport.width, height: await page.evaluate(() => document.documentElement.scrollHeight) });
      await page.waitForTimeout(200);
      await page.screenshot({ path: shot, fullPage: true });
      await page.setViewportSize(viewport);
      await info.attach(`ui-${name}-${scheme}`, { path: shot, contentType: 'image/png' });
      expect(await seriousViolations(page)).toEqual([]);
      await page.keyboard.press('Escape');
      if (name === 'desktop') continue;
      // Each of a phone's sections as a phone shows it, each scanned on its own (a hidden section is not scanned).
      for (const section of SECTIONS) {
        await page.getByTestId(`tab-${section}`).click();
        await expect(page.locator(`#section-${section}`)).toBeVisible();
        await page.locator(`#section-${section}`).evaluate((e) => e.scrollIntoView());
        expect(await page.evaluate(() => document.documentElement.scrollWidth), section).toBeLessThanOrEqual(viewport.width);
        const sectionShot = info.outputPath(`ui-${name}-${scheme}-${section}.png`);
        await page.screenshot({ path: sectionShot });
        await info.attach(`ui-${name}-${scheme}-${section}`, { path: sectionShot, contentType: 'image/png' });
        // The page around the section (top bar, tab bar) was scanned with the whole page above.
        expect(await seriousViolations(page, `#section-${section}`), section).toEqual([]);
      }
      await page.getByTestId('tab-book').click();
    }
    await page.evaluate(() => localStorage.clear());
  });
}

test('on a phone the screen is six sections a tab bar switches between, by touch or keys, the last one remembered', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 780 });
  await page.goto(`${origin}/?feeds=demo`);
  await page.evaluate(() => localStorage.clear());
  await openDemo(page);
  const tabs = page.getByRole('tablist', { name: 'Sections' });
  await expect(tabs.getByRole('tab')).toHaveText([/Book/, /Heatmap/, /Trades/, /Depth/, /Venues/, /Settings/]);
  const shows = async (section: string): Promise<void> => {
    await expect(page.getByRole('tab', { name: new RegExp(section, 'i') })).toHaveAttribute('aria-selected', 'true');
    for (const s of SECTIONS) {
      if (s === section) await expect(page.locator(`#section-${s}`), s).toBeVisible();
      else await expect(page.locator(`#section-${s}`), s).toBeHidden();
    }
  };
  await shows('book');
  await expect(page.getByRole('tabpanel')).toHaveAttribute('aria-labelledby', 'tab-book');
  await expect(page.getByTestId('ladder-bid-0')).toBeVisible();

  await page.getByTestId('tab-depth').click();
  await shows('depth');
  await expect(page.getByRole('heading', { name: /Depth/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Imbalance' })).toBeVisible();

  // One tab stop; arrows move between the tabs and show their section at once, wrapping round.
  await page.getByTestId('tab-depth').focus();
  await page.keyboard.press('ArrowRight');
  await shows('venues');
  await expect(page.getByTestId('tab-venues')).toBeFocused();
  await page.keyboard.press('End');
  await shows('settings');
  await page.keyboard.press('ArrowRight');
  await shows('book');
  await page.keyboard.press('ArrowLeft');
  await shows('settings');
  expect(await page.getByRole('tab').evaluateAll((els) => els.filter((e) => e.getAttribute('tabindex') === '0').length)).toBe(1);

  // Remembered on this device, never in the link.
  await page.getByTestId('tab-heatmap').click();
  await shows('heatmap');
  expect(page.url()).not.toContain('heatmap');
  await page.reload();
  await expect(page.getByTestId('venue-chip-binance')).toHaveAttribute('data-state', 'live');
  await shows('heatmap');

  // Wider than a phone, every section is laid out at once and there is no tab bar.
  await page.setViewportSize({ width: 1000, height: 900 });
  await expect(page.getByRole('tablist', { name: 'Sections' })).toHaveCount(0);
  for (const s of SECTIONS) await expect(page.locator(`#section-${s}`), s).toBeVisible();
  await expect(page.getByRole('tabpanel')).toHaveCount(0);
  await page.evaluate(() => localStorage.clear());
});

test('liquidity panels: walls on the ladder and in their list, imbalance, size to move, the depth chart at every level', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 1000 });
  // OKX alone, so the walls its own book shows now and then are few; rows of 10 USD, so the ladder reaches the
  // wall 10 bps (about 90 USD) under mid.
  const worker = await openDemo(page, '&markets=okx&step=10', 'okx');
  // A 60 BTC bid on OKX among levels of a few BTC: a wall by the default rule, far enough from mid that taking it
  // away is pulling it, not trading into it.
  const planted = await worker.evaluate(() => {
    const e = (globalThis as unknown as { engine: { demo?: { plantWall(p: object, bps: number, size: number): { price?: string; error?: string } } } }).engine;
    return e.demo?.plantWall({ feed: 'okx', symbol: 'BTC-USDT', side: 'bid' }, 10, 60);
  });
  expect(planted?.error).toBeUndefined();
  const raw = String(Number(planted!.price));
  const row = page.locator(`[data-testid=wall-row][data-feed=okx][data-side=bid][data-raw-price="${raw}"]`);
  await expect(row).toHaveAttribute('data-state', 'standing', { timeout: 15_000 });
  await expect(row).toContainText('OKX');
  await expect(row).toContainText('60');
  // On the ladder, on the row its price is in: the venue's tag and the size.
  const tag = page.locator(`[data-testid^=ladder-bid-] [data-testid=wall-tag][data-raw-price="${raw}"]`);
  await expect(tag).toContainText(/OKX 60\s+BTC/);
  await expect(page.getByTestId('wall-rule')).toContainText('8× the median size of the 10 levels');

  await worker.evaluate(() => {
    const e = (globalThis as unknown as { engine: { demo?: { pullWall(p: object): unknown } } }).engine;
    return e.demo?.pullWall({ feed: 'okx', symbol: 'BTC-USDT', side: 'bid' });
  });
  await expect(row).toHaveAttribute('data-state', 'pulled');
  await expect(row).toContainText(/pulled .* ago/);
  await expect(tag).toHaveAttribute('data-state', 'pulled');
  await expect(tag).toContainText('pulled');

  // Imbalance: a bar per feed and all markets, a line over time. Read where a trader reads it: out of sight, the depth
  // section keeps what it last showed.
  await page.getByTestId('imbalance-all').scrollIntoViewIfNeeded();
  await expect(page.getByTestId('imbalance-all')).toContainText(/[+−]?\d\.\d\d/);
  await expect(page.getByTestId('imbalance-okx')).toBeVisible();
  await expect(page.getByTestId('imbalance-sparkline')).toHaveAttribute('aria-label', /Consolidated imbalance/);

  // Size to move: the venues table's column group and the chart, all markets first.
  await expect(page.getByRole('columnheader', { name: /Size to move the price/ })).toBeVisible();
  await expect(page.getByTestId('move-okx-1')).toContainText(/\d.* · .*\d/);
  await expect(page.getByTestId('move-all')).toContainText('moves the price up 1 %');
  await page.getByTestId('move-pct-0.1').check({ force: true });
  await expect(page.getByTestId('move-all')).toContainText('moves the price up 0.1 %');

  // The depth chart draws every level's step: far more corners than the 60 samples it used to draw.
  const corners = await page.locator('[data-testid=depth-svg] path.bid-line').getAttribute('d');
  expect((corners ?? '').split('L').length).toBeGreaterThan(2 * 60);
});

test('the wall rule and the imbalance band are adjustable, stored on the device, never in the link', async ({ page }) => {
  await page.goto(`${origin}/?feeds=demo`);
  await page.evaluate(() => localStorage.clear());
  await openDemo(page);
  const factor = page.getByTestId('wall-rule-factor');
  await factor.fill('5');
  await factor.press('Enter');
  // The walls panel keeps what it showed while out of sight: the rule is read where it is shown.
  await page.getByTestId('wall-rule').scrollIntoViewIfNeeded();
  await expect(page.getByTestId('wall-rule')).toContainText('at least 5× the median');
  await page.getByTestId('wall-rule-neighbours').fill('2.5');
  await page.getByTestId('wall-rule-neighbours').press('Enter');
  await expect(page.getByTestId('wall-rule-neighbours')).toHaveAttribute('aria-invalid', 'true');
  await page.getByTestId('wall-rule').scrollIntoViewIfNeeded();
  await expect(page.getByTestId('wall-rule')).toContainText('of the 10 levels');
  await page.getByTestId('imbalance-bps').selectOption('25');
  await expect(page.getByTestId('imbalance-band')).toContainText('±25 bps');
  expect(page.url()).not.toMatch(/wall|imbalance|factor/i);
  await page.reload();
  await expect(page.getByTestId('wall-rule-factor')).toHaveValue('5');
  await expect(page.getByTestId('imbalance-bps')).toHaveValue('25');
  await page.getByRole('button', { name: 'Default rule' }).click();
  await expect(page.getByTestId('wall-rule-factor')).toHaveValue('8');
  await page.evaluate(() => localStorage.clear());
});

test('a replay has a time scrubber: it shows the recorded time and seeks from the keyboard', async ({ page }) => {
  test.setTimeout(90_000);
  await openDemo(page);
  const record = page.getByTestId('record-button');
  await record.click();
  await page.waitForTimeout(6_000);
  const downloading = page.waitForEvent('download');
  await record.click();
  const file = (await (await downloading).path())!;
  const times = readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => (JSON.parse(l) as { t: number }).t);
  const [first, last] = [times[0]!, times.at(-1)!];

  // At 1×: once the file was read to its end the span is known, and a seek back plays on slowly from there.
  await page.getByTestId('replay-speed').selectOption('1');
  await page.getByTestId('replay-file').setInputFiles(file);
  await expect(page.getByTestId('replay-scrubber')).toBeVisible();
  await expect(page.getByTestId('replay-percent')).toHaveText('100 %', { timeout: 30_000 });
  const seek = page.getByTestId('replay-seek');
  await expect(seek).toBeEnabled();
  expect(Number(await seek.getAttribute('min'))).toBe(first);
  expect(Number(await seek.getAttribute('max'))).toBe(last);
  await expect(seek).toHaveAttribute('aria-valuetext', /^\d\d:\d\d:\d\d\.\d$/);

  await seek.focus();
  await page.keyboard.press('Home');
  await expect.poll(async () => Number(await seek.inputValue())).toBeLessThan((first + last) / 2);
  const early = await page.getByTestId('replay-time').textContent();
  await page.keyboard.press('End');
  await expect.poll(async () => Number(await seek.inputValue()), { timeout: 15_000 }).toBeGreaterThan(last - 1_000);
  await expect(page.getByTestId('replay-time')).not.toHaveText(early ?? '');
  await page.getByTestId('stop-replay').click();
  await expect(page.getByTestId('replay-scrubber')).toHaveCount(0);
});
