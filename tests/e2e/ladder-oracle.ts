/**
 * The oracle the ladder is held to in the browser tests: the worker's own books (engine.books()), converted by the
 * rates the screen shows and by each market's contract size, merged by converted price; and how the screen is read.
 */
import { expect, type Page } from '@playwright/test';
import { FEEDS, type FeedId } from '../../src/venues/types';

export type Level = [number, number];
/** engine.books(): each shown feed's book top in its own numbers (its quote, its size unit), its market and state. */
export type Books = Record<string, { status: { state: string }; market?: { quote: string; contractSize: number; inverse?: true; symbol: string }; bids: Level[]; asks: Level[] }>;
/** A ladder row as the oracle computes it: converted price, base-unit size, and each feed's own price there. */
export type Row = { price: number; size: number; cum: number; raw: Record<string, number> };


export function num(text: string | null): number {
  return Number((text ?? '').replace(/[^0-9.\-−]/g, '').replace('−', '-'));
}

/** The rates the screen shows (in full, from the rate line's data-rate), by the quote they convert. */
export async function shownRates(page: Page): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const line of await page.locator('[data-rate]').all()) out[(await line.getAttribute('data-from'))!] = Number(await line.getAttribute('data-rate'));
  return out;
}

/** The feeds the screen lists as left out for want of a rate. */
export async function shownExcluded(page: Page): Promise<string[]> {
  const ids = await page.locator('[data-testid^=excluded-]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!));
  return ids.map((id) => id.replace('excluded-', ''));
}

/**
 * The consolidated ladder a side, from the worker's books: each live feed's levels converted into `currency` by
 * `rates` (a book quoted in it as it is) and its sizes into base units by its contract size (over its own price for an
 * inverse contract), merged by converted
 * price, best first, `rows` rows.
 */
export function merged(all: Books, side: 'bids' | 'asks', rows: number, currency: string, rates: Record<string, number>, skip: readonly string[] = []): Row[] {
  const byPrice = new Map<number, { size: number; raw: Record<string, number> }>();
  for (const [feed, b] of Object.entries(all)) {
    // The view merges live books and stale ones (open socket, quiet market): paused demo venues go stale.
    const state = b.status.state;
    if (feed.startsWith('rate:') || !b.market || (state !== 'live' && state !== 'stale') || skip.includes(feed)) continue;
    const rate = b.market.quote === currency ? 1 : rates[b.market.quote];
    if (rate === undefined) continue;
    for (const [p, q] of b[side]) {
      const price = rate === 1 ? p : p * rate;
      const row = byPrice.get(price) ?? { size: 0, raw: {} };
      // An inverse contract (Deribit's BTC-PERPETUAL) counts its quote: a level's base size is its amount at its own price.
      row.size += b.market.inverse ? (q * b.market.contractSize) / p : b.market.contractSize === 1 ? q : q * b.market.contractSize;
      row.raw[feed] = p;
      byPrice.set(price, row);
    }
  }
  const prices = [...byPrice.keys()].sort((a, b) => (side === 'bids' ? b - a : a - b)).slice(0, rows);
  let cum = 0;
  return prices.map((price) => {
    const { size, raw } = byPrice.get(price)!;
    cum += size;
    return { price, size, cum, raw };
  });
}

export async function ladderRow(page: Page, side: 'ask' | 'bid', i: number): Promise<{ price: number; size: number; cum: number }> {
  const row = page.getByTestId(`ladder-${side}-${i}`);
  return {
    price: num(await row.getByTestId('price').textContent()),
    size: num(await row.getByTestId('size').textContent()),
    cum: num(await row.getByTestId('cum').textContent()),
  };
}

/** Waits until the screen shows a view built after the books stopped moving. */
export async function settle(page: Page): Promise<void> {
  await page.waitForTimeout(400);
  const seq = await page.locator('footer').textContent();
  await expect.poll(async () => page.locator('footer').textContent(), { timeout: 5000 }).not.toBe(seq);
  await page.waitForTimeout(300);
}

/** Decimals the screen prints a ladder price with. */
export async function priceDecimals(page: Page): Promise<number> {
  const text = (await page.getByTestId('ladder-bid-0').getByTestId('price').textContent()) ?? '';
  return text.includes('.') ? text.split('.')[1]!.length : 0;
}


/**
 * Whether two feeds of one kind cross once converted: a best bid above a best ask of another feed of that kind. A
 * perpetual's bid above a spot ask is its basis, not a cross.
 */
export function crossedWithinKind(all: Books, currency: string, rates: Record<string, number>, skip: readonly string[] = []): boolean {
  return (['spot', 'perpetual'] as const).some((kind) => {
    const same = Object.fromEntries(Object.entries(all).filter(([feed]) => !feed.startsWith('rate:') && FEEDS[feed as FeedId].kind === kind));
    const bid = merged(same, 'bids', 1, currency, rates, skip)[0];
    const ask = merged(same, 'asks', 1, currency, rates, skip)[0];
    return bid !== undefined && ask !== undefined && bid.price > ask.price && Object.keys(bid.raw).some((f) => !(f in ask.raw));
  });
}

/** A number as the ladder prints it, and its printed decimals. */
export function printed(text: string): { value: number; decimals: number } {
  const clean = text.replace(/[^\d.\-]/g, '');
  return { value: Number(clean), decimals: clean.split('.')[1]?.length ?? 0 };
}

/**
 * A figure printed with `decimals` against the value it stands for: within half its last printed digit (a value
 * exactly halfway, 12.0625 printed 12.063, is as near as printing gets).
 */
export function expectPrintedAs(label: string, shown: number, value: number, decimals: number): void {
  expect(Math.abs(shown - value), `${label} ${shown} vs ${value}`).toBeLessThanOrEqual(0.5 * 10 ** -decimals + 1e-9);
}

/** Holds the ladder on screen to `want` (price, size), row by row, each to the decimals it is printed with. */
export async function expectLadder(page: Page, want: { bids: [number, number, unknown][]; asks: [number, number, unknown][] }, rows: number): Promise<void> {
  // Read where a trader reads it: a panel out of sight is not rendered (content-visibility), and has no text to read.
  await page.getByTestId('ladder-bid-0').scrollIntoViewIfNeeded();
  for (const side of ['bid', 'ask'] as const) {
    const wanted = side === 'bid' ? want.bids : want.asks;
    expect(wanted.length).toBe(rows);
    for (let i = 0; i < rows; i++) {
      const row = page.getByTestId(`ladder-${side}-${i}`);
      const price = printed(await row.getByTestId('price').innerText());
      const size = printed(await row.getByTestId('size').innerText());
      const [p, s] = wanted[i]!;
      expectPrintedAs(`${side} ${i} price`, price.value, p, price.decimals);
      expectPrintedAs(`${side} ${i} size`, size.value, s, size.decimals);
    }
  }
}
