/**
 * Every fault the simulator can play, through the real browser: the app's worker talks to the loopback simulator
 * over real WebSockets and fetch (BingX in gzip binary frames). Each fault must show on the venue's status, the
 * venue must come back live with exactly the simulator's book, and the other venues must never stop.
 */
import type { Fault } from '../../src/sim/faults';
import { VENUE_IDS, type VenueId } from '../../src/venues/types';
import { books, chipLog, control, expect, expectAllLive, expectExactBook, expectOthersKeptReceiving, openOnSimulator, startSimServer, test, type App, type ChipEntry, type SimServer, type VenueBook } from './support';

test.describe.configure({ mode: 'serial' });

let sim: SimServer;
let app: App;

test.beforeAll(async ({ browser, app: origin }) => {
  sim = await startSimServer({ speed: 1, seed: 7 });
  app = await openOnSimulator(browser, origin, sim);
});

test.afterAll(async () => {
  await app?.page.close();
  await sim?.close();
});

test('all thirteen venues go live from the loopback simulator, each book exactly the simulator\'s', async () => {
  await expectAllLive(app);
  await expect(app.page.getByTestId('data-note')).toContainText(/simulat/i);
  await expect(app.page.getByTestId('ladder-bid-0').getByTestId('price')).not.toHaveText('—');
  await expect(app.page.getByTestId('ladder-ask-0').getByTestId('price')).not.toHaveText('—');
  for (const venue of VENUE_IDS) await expectExactBook(app, sim, venue);
  // BingX arrives as gzip binary frames, the others as text: both paths ran.
  const all = await books(app, 1);
  expect(all.bingx!.status.counters.messages).toBeGreaterThan(0);
});

interface FaultCase {
  readonly fault: Fault;
  readonly venue: VenueId;
  /** States the venue's chip must pass through. */
  readonly states?: readonly string[];
  /** Text the chip's explanation must show at some point. */
  readonly title?: RegExp;
  /** Counters that must grow. */
  readonly counters: readonly (keyof VenueBook['status']['counters'])[];
  /** What the venue's status must say (the view's last error), where no chip state shows a passing fault. */
  readonly lastError?: RegExp;
  /** A REST fault answers the next snapshot: drop the socket so the venue takes one. */
  readonly thenDrop?: boolean;
  /** Silence lasts until the venue has declared the socket dead. */
  readonly resumeAfter?: string;
  /** The venue must wait this long (Retry-After) between the refused snapshot and the next one. */
  readonly waitsMs?: number;
  /** What the venues table's Resyncs cell must give as the reason, once the venue is back. */
  readonly resyncReason?: RegExp;
}

const CASES: readonly FaultCase[] = [
  { fault: 'drop', venue: 'bingx', states: ['reconnecting'], title: /dropped without a close frame/, counters: ['reconnects'] },
  { fault: 'silent', venue: 'okx', states: ['stale', 'reconnecting'], title: /closed the silent socket as dead/, counters: ['reconnects'], resumeAfter: 'reconnecting' },
  { fault: 'skip-sequence', venue: 'coinbase', counters: ['gaps', 'resyncs'] },
  { fault: 'skip-sequence', venue: 'binance', counters: ['gaps', 'resyncs'] },
  { fault: 'corrupt-checksum', venue: 'kraken', counters: ['checksumFailures', 'resyncs'] },
  // OKX publishes no checksum since its deprecation; a lost update resyncs it from GET /api/v5/market/books, as the
  // resubscription brings no snapshot since the delisting.
  { fault: 'skip-sequence', venue: 'okx', counters: ['gaps', 'resyncs'] },
  // The venue's book turns crossed with no gap and a checksum that fits it: only the crossing itself gives it away.
  // Coinbase cannot ask for a fresh snapshot on its socket, so it reconnects after a backoff the chip shows; the
  // others resync on loopback within a frame, which leaves the venues table's Resyncs cell to say why.
  { fault: 'crossed', venue: 'coinbase', states: ['reconnecting'], title: /crossed book: best bid .+ ≥ best ask/, counters: ['crossed', 'resyncs', 'reconnects'], resyncReason: /crossed book 1\b/ },
  { fault: 'crossed', venue: 'bybit', counters: ['crossed', 'resyncs'], resyncReason: /crossed book 1\b/ },
  { fault: 'crossed', venue: 'okx', counters: ['crossed', 'resyncs'], resyncReason: /crossed book 1\b/ },
  { fault: 'crossed', venue: 'binance', counters: ['crossed', 'resyncs'], resyncReason: /crossed book 1\b/ },
  { fault: 'malformed', venue: 'bybit', counters: ['errors'], lastError: /malformed/i },
  { fault: 'rest-html', venue: 'asterdex', states: ['syncing'], title: /HTML/, counters: ['reconnects', 'errors'], thenDrop: true },
  { fault: 'rest-429', venue: 'asterdex', states: ['syncing'], title: /HTTP 429.*Retry-After 2 s/, counters: ['reconnects'], thenDrop: true, waitsMs: 2_000 },
  { fault: 'rest-418', venue: 'asterdex', states: ['syncing'], title: /HTTP 418.*Retry-After 3 s/, counters: ['reconnects'], thenDrop: true, waitsMs: 3_000 },
  // The six venues added last, each through every fault its protocol can show: none asks for a snapshot by REST, and
  // Hyperliquid's whole top-20 books carry no ids and no checksum to break.
  ...(['bitget', 'gate', 'bitfinex', 'deribit', 'cryptocom', 'hyperliquid'] as const).flatMap((venue): FaultCase[] => [
    { fault: 'drop', venue, states: ['reconnecting'], title: /dropped without a close frame/, counters: ['reconnects'] },
    { fault: 'silent', venue, states: ['stale', 'reconnecting'], title: /closed the silent socket as dead/, counters: ['reconnects'], resumeAfter: 'reconnecting' },
    { fault: 'malformed', venue, counters: ['errors'], lastError: /malformed/i },
    { fault: 'crossed', venue, counters: ['crossed', 'resyncs'], resyncReason: /crossed book 1\b/ },
  ]),
  ...(['bitget', 'gate', 'bitfinex', 'deribit', 'cryptocom'] as const).map((venue): FaultCase => ({ fault: 'skip-sequence', venue, counters: ['gaps', 'resyncs'] })),
  ...(['bitget', 'bitfinex'] as const).map((venue): FaultCase => ({ fault: 'corrupt-checksum', venue, counters: ['checksumFailures', 'resyncs'] })),
];

for (const c of CASES) {
  test(`${c.fault} on ${c.venue}: shown, recovered to the simulator's exact book, the others never stop`, async () => {
    await expectAllLive(app);
    const others = VENUE_IDS.filter((v) => v !== c.venue);
    const before = await books(app, 1);
    const t0 = Date.now();

    expect(await control(sim, 'fault', { venue: c.venue, fault: c.fault })).toEqual({ result: expect.not.stringMatching(/no |0 socket/) });
    if (c.thenDrop) await control(sim, 'fault', { venue: c.venue, fault: 'drop' });
    const chip = app.page.getByTestId(`venue-chip-${c.venue}`);
    if (c.resumeAfter) {
      await expect.poll(async () => (await chipLog(app, c.venue, t0)).map((e) => e.state), { timeout: 15_000 }).toContain(c.resumeAfter);
      await control(sim, 'fault', { venue: c.venue, fault: 'resume' });
    }

    // The status shows it: its counters grow, and the chip passes through the fault's states with its reason.
    await expect
      .poll(async () => {
        const s = (await books(app, 1))[c.venue]!.status;
        return c.counters.filter((k) => s.counters[k] <= before[c.venue]!.status.counters[k]);
      }, { message: `${c.venue} counters ${c.counters.join(', ')} grow`, timeout: 15_000 })
      .toEqual([]);
    if (c.lastError) expect((await books(app, 1))[c.venue]!.status.lastError).toMatch(c.lastError);
    await expect(chip).toHaveAttribute('data-state', 'live', { timeout: 20_000 });
    const seen: ChipEntry[] = await chipLog(app, c.venue, t0);
    for (const state of c.states ?? []) expect(seen.map((e) => e.state), `${c.venue} chip went ${state}`).toContain(state);
    const said = seen.find((e) => c.title?.test(e.title));
    if (c.title) expect(said, `${c.venue} chip said ${c.title}: ${JSON.stringify(seen.map((e) => e.title))}`).toBeDefined();
    if (c.waitsMs) {
      const liveAgain = seen.find((e) => e.t > said!.t && e.state === 'live');
      expect(liveAgain!.t - said!.t, 'Retry-After honoured').toBeGreaterThanOrEqual(c.waitsMs - 250);
    }

    if (c.resyncReason) await expect(app.page.getByTestId(`resyncs-${c.venue}`)).toHaveAttribute('title', c.resyncReason);

    // Recovered to exactly the simulator's book.
    await expectExactBook(app, sim, c.venue);

    // The other venues never stopped: live throughout, and their message counters kept growing.
    await expectOthersKeptReceiving(app, others, before);
    for (const v of others) {
      expect((await chipLog(app, v, t0)).filter((e) => e.state !== 'live'), `${v} stayed live`).toEqual([]);
    }
  });
}
