/**
 * Demo mode: the simulator runs inside the app's worker, so `?feeds=demo` needs no network at all. Every request
 * that leaves the app's own origin is refused and recorded here: there must be none, and every venue goes live
 * with the page saying plainly that the data is simulated. (The engine's fallback from an unreachable 'live'
 * source to the demo is tested at the worker API with fake timers: tests/unit/worker/engine.test.ts.)
 */
import { VENUE_IDS } from '../../src/venues/types';
import { VENUE_FEEDS, books, expect, openApp, test } from './support';

test('?feeds=demo shows every venue live from the in-browser simulator, with no network, and says so', async ({ browser, app: origin }) => {
  const outside: string[] = [];
  const app = await openApp(browser, origin, `?feeds=demo${VENUE_FEEDS}`, (page) =>
    page.context().route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(origin)) return route.continue();
      outside.push(url);
      return route.abort('internetdisconnected');
    }),
  );
  try {
    for (const venue of VENUE_IDS) await expect(app.page.getByTestId(`venue-chip-${venue}`)).toHaveAttribute('data-state', 'live', { timeout: 20_000 });
    await expect(app.page.getByTestId('data-note')).toContainText('simulated data');
    await expect(app.page.getByTestId('data-note')).toContainText(/demo/i);
    await expect(app.page.getByTestId('ladder-bid-0').getByTestId('price')).not.toHaveText('—');
    await expect(app.page.getByTestId('best-ask')).not.toHaveText('—');
    // Every venue keeps streaming.
    const first = await books(app, 1);
    await app.page.waitForTimeout(1_500);
    const later = await books(app, 1);
    for (const venue of VENUE_IDS) expect(later[venue]!.status.counters.messages, venue).toBeGreaterThan(first[venue]!.status.counters.messages);
    expect(outside).toEqual([]);
  } finally {
    await app.page.close();
  }
});
