/**
 * Soak: a long simulated run through the worker's own venue links (createVenueLink, real clock) over the
 * in-memory simulator transport, at ten times each venue's normal rate, with faults on a schedule. Every few
 * seconds the markets stop, every live book is compared level by level with the simulator's truth, and they
 * move on. Reports books checked, mismatches (must be 0), reconnects, and the heap at start and end.
 *
 *   npm run soak -- [--minutes 20] [--speed 10] [--seed 1] [--check-every 5] [--fault-every 6]
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { FAULTS, type Fault } from '../src/sim/faults';
import { simEndpoints } from '../src/sim/endpoints';
import { SimHost } from '../src/sim/host';
import { SIM_VENUES } from '../src/sim/venues';
import { PROTOCOLS } from '../src/venues';
import { VENUE_IDS, type VenueId } from '../src/venues/types';
import type { LinkTuning } from '../src/worker/engine';
import { createVenueLink } from '../src/worker/link-factory';
import { SimTransport } from '../src/worker/sim-transport';
import { systemClock } from '../src/worker/transport';
import type { VenueLink } from '../src/worker/venue-link';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const n = Number(process.argv[i + 1]);
  if (!Number.isFinite(n) || n <= 0) {
    process.stderr.write(`--${name} needs a positive number\n`);
    process.exit(2);
  }
  return n;
}

const minutes = arg('minutes', 20);
const speed = arg('speed', 10);
const seed = arg('seed', 1);
const checkEveryMs = arg('check-every', 5) * 1000;
const faultEveryMs = arg('fault-every', 6) * 1000;
/** Levels per side compared (fewer where the venue's subscribed depth is smaller). */
const COMPARE_DEPTH = 50;
/** Short timeouts so that a silent socket is declared dead and replaced within seconds. */
const TUNING: LinkTuning = { staleAfterMs: 2_000, deadAfterMs: 5_000, backoffInitialMs: 500, backoffMaxMs: 4_000, healthyAfterMs: 10_000 };

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
function heapMb(): number {
  gc();
  gc();
  return Math.round((process.memoryUsage().heapUsed / 2 ** 20) * 10) / 10;
}

let started = Date.now();
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const host = new SimHost(SIM_VENUES, seed);
host.start(speed);
const transport = new SimTransport(host);
const links = new Map<VenueId, VenueLink>();
const symbols = new Map<VenueId, string>();
for (const venue of VENUE_IDS) {
  const protocol = PROTOCOLS[venue];
  const market = protocol?.market('BTC');
  if (!protocol || !market) continue;
  const link = createVenueLink({
    protocol,
    market,
    endpoints: simEndpoints(protocol, 'http://soak.invalid'),
    transport,
    clock: systemClock,
    tuning: TUNING,
    onChange: () => {},
  }) as VenueLink;
  links.set(venue, link);
  symbols.set(venue, market.symbol);
  link.start();
}

/** The fault plan: every fault on every venue that can play it, round robin; REST faults where a snapshot is fetched. */
const restVenues = [...links.keys()].filter((v) => links.get(v)!.status().snapshotPath === 'rest');
const plan: [VenueId, Fault][] = [];
const faults = FAULTS.filter((f) => f !== 'resume');
for (let round = 0; round < links.size; round++) {
  faults.forEach((fault, k) => {
    const venues = fault.startsWith('rest-') ? restVenues : [...links.keys()];
    if (venues.length) plan.push([venues[(round + k) % venues.length]!, fault]);
  });
}

const injected: Record<string, number> = {};
const notPlayable: Record<string, number> = {};
let checked = 0;
let mismatches = 0;
let notLive = 0;
const mismatchSamples: string[] = [];

/** Each venue's latest faults, for a mismatch's report. */
const history = new Map<VenueId, string[]>();

function inject(planned: VenueId, fault: Fault): void {
  // A protocol fault goes to the planned venue or, where that venue cannot play it (no checksum), the next that can.
  const order = [...links.keys()];
  const from = order.indexOf(planned);
  let venue = planned;
  let result = host.inject(venue, fault);
  for (let k = 1; k < order.length && / has no /.test(result); k++) {
    venue = order[(from + k) % order.length]!;
    result = host.inject(venue, fault);
  }
  const h = history.get(venue) ?? [];
  h.push(`${Math.round((Date.now() - started) / 100) / 10}s ${fault}: ${result}`);
  history.set(venue, h.slice(-3));
  if (/ has no | 0 socket/.test(result)) {
    notPlayable[fault] = (notPlayable[fault] ?? 0) + 1;
    return;
  }
  injected[fault] = (injected[fault] ?? 0) + 1;
  if (fault === 'silent') setTimeout(() => host.inject(venue, 'resume'), TUNING.deadAfterMs! + 1_500);
  // A REST fault answers the next snapshot request: drop the socket so the link takes a new snapshot.
  if (fault.startsWith('rest-')) host.inject(venue, 'drop');
}

function sameLevels(a: [number, number][], b: [number, number][]): boolean {
  return a.length === b.length && a.every(([p, s], i) => p === b[i]![0] && s === b[i]![1]);
}

/** Stops every market, lets the frames in flight land, compares each live book with the truth, restarts. */
async function check(): Promise<void> {
  for (const venue of links.keys()) host.setTicking(venue, false);
  await sleep(150);
  await Promise.all([...links.values()].map((l) => l.idle()));
  await sleep(50);
  for (const [venue, link] of links) {
    // A silenced venue's book is what the venue last said, not the truth: the link cannot know until it is stale.
    if (link.status().state !== 'live' || host.faults.isSilent(venue)) {
      notLive++;
      continue;
    }
    const truth = host.exchange.market(venue, symbols.get(venue)!)!.book;
    const depth = Math.min(COMPARE_DEPTH, link.protocol.depth ?? COMPARE_DEPTH);
    const book = link.session.book;
    checked++;
    const ok = sameLevels(book.bids.top(depth), truth.bids.top(depth)) && sameLevels(book.asks.top(depth), truth.asks.top(depth));
    if (!ok) {
      mismatches++;
      if (mismatchSamples.length < 5) {
        mismatchSamples.push(`${venue} at ${Math.round((Date.now() - started) / 100) / 10}s after [${(history.get(venue) ?? []).join('; ')}]: bid ${JSON.stringify(book.bids.top(2))} vs ${JSON.stringify(truth.bids.top(2))}, ask ${JSON.stringify(book.asks.top(2))} vs ${JSON.stringify(truth.asks.top(2))}`);
      }
    }
  }
  for (const venue of links.keys()) host.setTicking(venue, true);
}

function totals(): Record<string, number> {
  const sum: Record<string, number> = {};
  for (const link of links.values()) for (const [k, v] of Object.entries(link.status().counters)) sum[k] = (sum[k] ?? 0) + v;
  return sum;
}

process.stdout.write(`soak: ${minutes} min at ${speed}x, seed ${seed}, ${links.size} venues, ${plan.length} faults in the plan, check every ${checkEveryMs / 1000} s\n`);
await sleep(5_000);
const heapStart = heapMb();
started = Date.now();
const end = started + minutes * 60_000;
let nextCheck = started + checkEveryMs;
let nextFault = started + faultEveryMs;
let nextReport = started + 60_000;
let step = 0;
while (Date.now() < end) {
  await sleep(100);
  const now = Date.now();
  if (now >= nextFault) {
    const [venue, fault] = plan[step++ % plan.length]!;
    inject(venue, fault);
    nextFault = now + faultEveryMs;
  }
  if (now >= nextCheck) {
    await check();
    nextCheck = Date.now() + checkEveryMs;
  }
  if (now >= nextReport) {
    const t = totals();
    process.stdout.write(
      `  ${Math.round((now - started) / 60_000)} min: checked ${checked}, mismatches ${mismatches}, not live or silent ${notLive}, messages ${t.messages}, reconnects ${t.reconnects}, resyncs ${t.resyncs}, heap ${Math.round((process.memoryUsage().heapUsed / 2 ** 20) * 10) / 10} MB\n`,
    );
    nextReport += 60_000;
  }
}
// Let the last faults heal, then one final check.
for (const venue of links.keys()) host.inject(venue, 'resume');
await sleep(TUNING.deadAfterMs! + 5_000);
await check();
for (const link of links.values()) link.stop();
host.stop();
await sleep(500);
const heapEnd = heapMb();
const t = totals();
const report = {
  minutes: Math.round(((Date.now() - started) / 60_000) * 10) / 10,
  speed,
  booksChecked: checked,
  mismatches,
  notLiveOrSilentAtCheck: notLive,
  faultsInjected: injected,
  faultsNotPlayable: notPlayable,
  reconnects: t.reconnects,
  resyncs: t.resyncs,
  gaps: t.gaps,
  checksumsVerified: t.checksumsVerified,
  checksumFailures: t.checksumFailures,
  errors: t.errors,
  messages: t.messages,
  heapMb: { start: heapStart, end: heapEnd },
  mismatchSamples,
};
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
process.exit(mismatches === 0 && checked > 0 ? 0 : 1);
