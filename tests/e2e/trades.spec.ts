/**
 * Trades end to end on the loopback simulator, with its own trading off so that every trade is one the test asked
 * for: a burst of buys the simulator prints on Binance's BTCUSDT book (taking its asks, in Binance's aggTrade frames
 * on the book's socket) appears on the tape, in the volumes and as the heatmap's bubbles; a burst of sells turns the
 * volume delta; a recording of the session replays to the same figures. Binance USD-M prints on a socket apart from
 * its book's (`/market`): its trades reach the tape, and do again once the venue has dropped every socket.
 */
import { simulatorQuery } from '../../tools/app-driver';
import { control, expect, openApp, startSimServer, symbolOf, test, tune, FAST_LINKS, type App, type SimServer } from './support';
import type { HeatmapMemory } from '../../src/liquidity/types';

test.describe.configure({ mode: 'serial' });
test.use({ locale: 'en-US', timezoneId: 'UTC' });

const FEED = 'binance';
const SYMBOL = symbolOf(FEED);

interface Burst {
  readonly side: 'buy' | 'sell';
  readonly trades: readonly { readonly id: number; readonly price: string; readonly size: string; readonly base: number }[];
}

let sim: SimServer;
let app: App;
let bought: Burst;
let sold: Burst;

test.beforeAll(async ({ browser, app: origin }) => {
  sim = await startSimServer({ speed: 1, seed: 17, tradeSpeed: 0 });
  // Binance alone, in USDT (its quote), with the volumes over the last minute.
  app = await openApp(browser, origin, `${simulatorQuery(sim)}&markets=${FEED}&currency=USDT`);
  await tune(app, FAST_LINKS);
});

test.afterAll(async () => {
  await app?.page.close();
  await sim?.close();
});

const sum = (b: Burst): number => b.trades.reduce((s, t) => s + t.base, 0);

function heatmapMemory(): Promise<HeatmapMemory> {
  return app.worker.evaluate(() => (globalThis as unknown as { engine: { heatmapMemory(): Promise<HeatmapMemory> } }).engine.heatmapMemory());
}

test('a burst of buys appears on the tape, in the volumes and as bubbles on the heatmap', async () => {
  const { page } = app;
  await expect(page.getByTestId(`venue-chip-${FEED}`)).toHaveAttribute('data-state', 'live', { timeout: 30_000 });
  await page.getByTestId('volume-window-1m').check();
  await expect(page.getByTestId('trades-none')).toBeVisible();
  bought = (await control(sim, 'trades', { venue: FEED, symbol: SYMBOL, side: 'buy', count: '8', size: '0.25' })) as Burst;
  // Eight orders of 0.25 BTC, each taking the asks from the best up: a print per level it took.
  expect(bought.trades.length).toBeGreaterThanOrEqual(8);
  expect(sum(bought)).toBeCloseTo(2, 9);

  // The tape, newest first: the last print on top, at its price and size, a buy.
  const rows = page.getByTestId('trade-row');
  const last = bought.trades.at(-1)!;
  await expect(rows.first()).toHaveAttribute('data-price', String(Number(last.price)));
  await expect(rows.first()).toHaveAttribute('data-size', String(last.base));
  await expect(rows.first()).toHaveAttribute('data-side', 'buy');
  await expect(rows.first()).toHaveAttribute('data-feed', FEED);

  // The volumes count every print: bought 2 BTC, a delta of +2, on Binance and for all markets.
  for (const key of [FEED, 'all']) {
    const row = page.getByTestId(`volume-${key}`);
    await expect(row).toHaveAttribute('data-trades', String(bought.trades.length));
    expect(Number(await row.getAttribute('data-cvd'))).toBeCloseTo(2, 9);
  }
  // The heatmap holds them, as bubbles at their prices.
  await expect.poll(async () => (await heatmapMemory()).tradeCells).toBeGreaterThan(0);
});

test('a burst of sells turns the volume delta and is listed as sells', async () => {
  const { page } = app;
  sold = (await control(sim, 'trades', { venue: FEED, symbol: SYMBOL, side: 'sell', count: '12', size: '0.5' })) as Burst;
  expect(sum(sold)).toBeCloseTo(6, 9);
  const row = page.getByTestId(`volume-${FEED}`);
  await expect(row).toHaveAttribute('data-trades', String(bought.trades.length + sold.trades.length));
  expect(Number(await row.getAttribute('data-cvd'))).toBeCloseTo(2 - 6, 9);
  await expect(page.getByTestId('trade-row').first()).toHaveAttribute('data-side', 'sell');
  // Sells only: no buy listed.
  await page.getByTestId('trade-side-sell').check();
  await expect(page.locator('[data-testid="trade-row"][data-side="buy"]')).toHaveCount(0);
  await expect(page.locator('[data-testid="trade-row"][data-side="sell"]').first()).toBeVisible();
  await page.getByTestId('trade-side-both').check();
});

test('a recorded session replays to the same figures', async () => {
  test.setTimeout(120_000);
  const { page } = app;
  const record = page.getByTestId('record-button');
  await record.click();
  await expect(record).toHaveAttribute('aria-pressed', 'true');
  // Recording restarts the links, so the burst comes once they are live again.
  await expect(page.getByTestId(`venue-chip-${FEED}`)).toHaveAttribute('data-state', 'live', { timeout: 30_000 });
  await page.waitForTimeout(1_000);
  const burst = (await control(sim, 'trades', { venue: FEED, symbol: SYMBOL, side: 'buy', count: '5', size: '0.2' })) as Burst;
  const row = page.getByTestId(`volume-${FEED}`);
  const liveTrades = bought.trades.length + sold.trades.length + burst.trades.length;
  await expect(row).toHaveAttribute('data-trades', String(liveTrades));
  await page.waitForTimeout(500);
  const downloading = page.waitForEvent('download');
  await record.click();
  const file = (await (await downloading).path())!;

  await page.getByTestId('replay-speed').selectOption('max');
  await page.getByTestId('replay-file').setInputFiles(file);
  await expect(page.getByTestId('replay-percent')).toHaveText('100 %', { timeout: 30_000 });
  // The recording holds the last burst alone: its prints, bought and delta, as the live page counted them.
  await expect(row).toHaveAttribute('data-trades', String(burst.trades.length));
  expect(Number(await row.getAttribute('data-cvd'))).toBeCloseTo(sum(burst), 9);
  const rows = page.getByTestId('trade-row');
  await expect(rows.first()).toHaveAttribute('data-price', String(Number(burst.trades.at(-1)!.price)));
  await expect(rows.first()).toHaveAttribute('data-size', String(burst.trades.at(-1)!.base));
  await page.getByTestId('stop-replay').click();
});

test.describe('Binance USD-M, whose trades come on a socket of their own', () => {
  const USDM = 'binance-usdm';
  let usdm: App;

  // The same simulator (its port is the one the app was built for), a page of its own.
  test.beforeAll(async ({ browser, app: origin }) => {
    usdm = await openApp(browser, origin, `${simulatorQuery(sim)}&markets=${USDM}&kinds=perpetual&currency=USDT`);
    await tune(usdm, FAST_LINKS);
  });

  test.afterAll(async () => {
    await usdm?.page.close();
  });

  test("its trades reach the tape from the /market socket, and again after the venue drops every socket", async () => {
    const { page } = usdm;
    const chip = page.getByTestId(`venue-chip-${USDM}`);
    await expect(chip).toHaveAttribute('data-state', 'live', { timeout: 30_000 });
    await page.getByTestId('volume-window-1m').check();
    const rows = page.getByTestId('trade-row');
    const first = (await control(sim, 'trades', { venue: USDM, symbol: symbolOf(USDM), side: 'buy', count: '3', size: '0.1' })) as Burst;
    await expect(rows.first()).toHaveAttribute('data-price', String(Number(first.trades.at(-1)!.price)));
    await expect(rows.first()).toHaveAttribute('data-feed', USDM);
    await expect(page.getByTestId(`volume-${USDM}`)).toHaveAttribute('data-trades', String(first.trades.length));

    // The book's stream, its WebSocket API (snapshots) and the trade socket.
    expect(await control(sim, 'fault', { venue: USDM, fault: 'drop' })).toEqual({ result: 'dropped 3 socket(s) without a close frame' });
    await expect(chip).toHaveAttribute('data-state', 'live', { timeout: 30_000 });
    // Both sockets are back once a print reaches the tape: the book's chip says nothing of the trade socket.
    await expect
      .poll(
        async () => {
          const burst = (await control(sim, 'trades', { venue: USDM, symbol: symbolOf(USDM), side: 'sell', count: '1', size: '0.1' })) as Burst;
          await page.waitForTimeout(500);
          return (await rows.first().getAttribute('data-price')) === String(Number(burst.trades.at(-1)!.price)) && (await rows.first().getAttribute('data-side')) === 'sell';
        },
        { timeout: 30_000 },
      )
      .toBe(true);
  });
});
