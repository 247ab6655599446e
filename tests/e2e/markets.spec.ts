/**
 * Markets in one currency, end to end on the loopback simulator (every venue's spot and perpetual markets and its
 * stablecoin books, in their real wire protocols): a pair chosen by search with spot and perpetual on and USD shown;
 * the ladder equals the worker's books converted by the rates on screen, OKX SWAP's contracts in base units, a cross
 * only where converted prices of one kind cross; the URL holds pair, kinds, markets and currency; a recording of the
 * session replays to the same ladder; and the instrument catalog falls back from the venues to the site's build to
 * the built-in list, saying so.
 */
import { readFileSync } from 'node:fs';
import { writeBuildTimeCatalog } from '../../src/catalog/build-time';
import { Replayer } from '../../src/feed/replay';
import { SIM_HOSTS } from '../../src/sim/hosts';
import { simCatalog } from '../../src/sim/listings';
import { FEED_IDS, FEEDS, type FeedId } from '../../src/venues/types';
import { crossedWithinKind, expectLadder, expectPrintedAs, ladderRow, merged, num, priceDecimals, settle, shownExcluded, shownRates, type Books } from './ladder-oracle';
import { books, control, expect, openApp, startSimServer, test, tune, FAST_LINKS, type App, type SimServer } from './support';
import { openApp as openInContext, simulatorQuery } from '../../tools/app-driver';

test.describe.configure({ mode: 'serial' });
test.use({ locale: 'en-US', timezoneId: 'UTC' });

let sim: SimServer;
let app: App;

test.beforeAll(async ({ browser, app: origin }) => {
  sim = await startSimServer({ port: 0, speed: 1, seed: 23 });
  app = await openApp(browser, origin, simulatorQuery(sim));
  await tune(app, FAST_LINKS);
});

test.afterAll(async () => {
  await app?.page.close();
  await sim?.close();
});

async function setTicking(run: boolean): Promise<void> {
  await Promise.all(FEED_IDS.map((venue) => control(sim, 'ticks', { venue, run: run ? '1' : '0' })));
}

test('a pair found by search, spot and perpetual in USD: the ladder is the worker books converted by the rates shown', async () => {
  test.setTimeout(120_000);
  const { page } = app;
  await page.getByTestId('pair-search').fill('eth');
  const option = page.getByTestId('pair-option-ETH');
  await expect(option).toContainText(/perp/i);
  await option.click();
  await page.getByTestId('kind-both').check();
  await expect(page.getByTestId('currency-USD')).toBeChecked();
  for (const feed of ['binance', 'kraken', 'okx', 'okx-swap', 'bybit-linear', 'binance-usdm']) {
    await expect(page.getByTestId(`venue-chip-${feed}`)).toHaveAttribute('data-state', 'live', { timeout: 30_000 });
  }
  // The URL holds the pair, the kinds and the currency (USD is the default, so it is left out), and a reload keeps them.
  await expect(page).toHaveURL(/base=ETH/);
  await expect(page).toHaveURL(/kinds=spot,perpetual/);
  await page.getByTestId('market-toggle-coinbase').uncheck();
  await expect(page).toHaveURL(/markets=binance,binance-usdm,kraken,bingx,bingx-swap,okx,okx-swap,bybit,bybit-linear,asterdex/);
  const workerEvent = page.waitForEvent('worker');
  await page.reload();
  const worker = await workerEvent;
  await expect.poll(() => worker.evaluate(() => 'engine' in globalThis)).toBe(true);
  app = { page, worker };
  await tune(app, FAST_LINKS);
  await expect(page.getByTestId('pair-search')).toHaveValue('ETH');
  await expect(page.getByTestId('kind-both')).toBeChecked();
  await expect(page.getByTestId('market-toggle-coinbase')).not.toBeChecked();
  await expect(page.getByTestId('currency-USD')).toBeChecked();
  // Every market shown is live before the books are read: one still connecting would join the ladder between the
  // worker's books and the screen's rows being read.
  for (const feed of FEED_IDS.filter((f) => f !== 'coinbase')) {
    await expect(page.getByTestId(`venue-chip-${feed}`)).toHaveAttribute('data-state', 'live', { timeout: 30_000 });
  }
  await expect(page.getByTestId('catalog-age')).toContainText(/Instruments: live/);

  await setTicking(false);
  try {
    await settle(page);
    const rates = await shownRates(page);
    // Books quoted in USDT are shown in USD at the venues' own USDT/USD mid, never at par.
    expect(rates.USDT).toBeGreaterThan(0.99);
    expect(rates.USDT).not.toBe(1);
    await expect(page.getByTestId('rate-USDT')).toContainText(/USDT\/USD|USDT-USD/);
    const skip = await shownExcluded(page);
    const rows = await page.locator('[data-testid^=ladder-bid-]').count();
    const b = (await books(app, rows)) as unknown as Books;
    expect(Object.keys(b)).not.toContain('coinbase');
    // OKX documents ETH-USDT-SWAP's contract as 0.1 ETH: its book counts contracts, the ladder ETH.
    expect(b['okx-swap']?.market?.contractSize).toBe(0.1);
    await expect(page.getByTestId('contract-okx-swap')).toContainText('1 contract = 0.1 ETH');
    const decimals = await priceDecimals(page);
    const kinds = new Set<string>();
    for (const [side, key] of [['bid', 'bids'], ['ask', 'asks']] as const) {
      const want = merged(b, key, rows, 'USD', rates, skip);
      expect(want.length, `${side} rows the books make`).toBe(rows);
      for (const r of want) for (const feed of Object.keys(r.raw)) kinds.add(FEEDS[feed as FeedId].kind);
      for (let i = 0; i < rows; i++) {
        const got = await ladderRow(page, side, i);
        expectPrintedAs(`${side} ${i} price`, got.price, want[i]!.price, decimals);
        expectPrintedAs(`${side} ${i} size`, got.size, want[i]!.size, 3);
      }
    }
    // Spot and perpetual books are both on the ladder.
    expect([...kinds].sort()).toEqual(['perpetual', 'spot']);
    if (crossedWithinKind(b, 'USD', rates, skip)) await expect(page.getByTestId('crossed-flag')).toContainText('bps');
    else await expect(page.getByTestId('crossed-flag')).toHaveCount(0);
    await expect(page.getByTestId('basis-all')).toContainText('bps');
    expect(num(await page.getByTestId('best-bid').textContent())).toBeLessThan(20_000);
  } finally {
    await setTicking(true);
  }
});

test('a recording of that session replays to the same ladder', async () => {
  test.setTimeout(120_000);
  const { page } = app;
  const record = page.getByTestId('record-button');
  await record.click();
  await expect(record).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('venue-chip-okx-swap')).toHaveAttribute('data-state', 'live', { timeout: 30_000 });
  await page.waitForTimeout(3_000);
  const downloading = page.waitForEvent('download');
  await record.click();
  const download = await downloading;
  const file = (await download.path())!;
  const lines = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim());

  const replayer = new Replayer();
  for (const line of lines) await replayer.line(line);
  expect(replayer.lineErrors).toBe(0);
  const markets = [...replayer.markets.values()];
  expect(markets.find((m) => m.feed === 'okx-swap')?.market).toMatchObject({ symbol: 'ETH-USDT-SWAP', contractSize: 0.1 });
  expect(markets.some((m) => m.rate && m.market?.quote === 'USD')).toBe(true);

  await page.getByTestId('replay-speed').selectOption('max');
  await page.getByTestId('replay-file').setInputFiles(file);
  await expect(page.getByTestId('replay-percent')).toHaveText('100 %', { timeout: 30_000 });
  const rows = await page.locator('[data-testid^="ladder-bid-"]').count();
  expect(rows).toBeGreaterThan(5);
  // The page paints the worker's last view a frame or two after the replay ends.
  await expect(() => expectLadder(page, replayer.report(rows, 0, 'USD').consolidated, rows)).toPass({ timeout: 10_000 });
  await page.getByTestId('stop-replay').click();
});

test('the instrument catalog falls back from the venues to the site build to the built-in list, and says which', async ({ browser, app: origin }) => {
  test.setTimeout(120_000);
  // Every venue's REST answers refused to the page, as CORS does: only the lists asked for on a socket still come
  // (Binance spot's WebSocket API, Deribit's and Hyperliquid's sockets: five feeds).
  await Promise.all(SIM_HOSTS.map((venue) => control(sim, 'fault', { venue, fault: 'rest-cors' })));
  try {
    const listed = simCatalog();
    const builtAt = Date.now() - 3 * 3_600_000;
    const file = writeBuildTimeCatalog({
      builtAt,
      feeds: Object.fromEntries(FEED_IDS.map((feed) => [feed, { fetchedAt: builtAt, markets: listed[feed]!.markets }])),
    });
    for (const [served, source] of [
      [file, new RegExp(`site build .*ago \\(${FEED_IDS.length - 5} of ${FEED_IDS.length} feeds\\)`)],
      [undefined, new RegExp(`built-in list \\(${FEED_IDS.length - 5} of ${FEED_IDS.length} feeds\\)`)],
    ] as const) {
      const context = await browser.newContext();
      await context.route('**/catalog.json', (route) => (served ? route.fulfill({ status: 200, contentType: 'application/json', body: served }) : route.fulfill({ status: 404, body: 'Not found' })));
      const other = await openInContext(context, origin, simulatorQuery(sim));
      const age = other.page.getByTestId('catalog-age');
      await expect(age).toContainText(new RegExp(`live .*\\(5 of ${FEED_IDS.length} feeds\\)`), { timeout: 30_000 });
      await expect(age).toContainText(source);
      // The pair still comes from a list, and the books still come: Kraken's spot book is read over its socket.
      await expect(other.page.getByTestId('venue-chip-kraken')).toHaveAttribute('data-state', 'live', { timeout: 30_000 });
      await context.close();
    }
  } finally {
    await Promise.all(SIM_HOSTS.map((venue) => control(sim, 'fault', { venue, fault: 'rest-cors-open' })));
  }
});
