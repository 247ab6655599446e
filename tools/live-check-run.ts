/**
 * The core of `npm run live-check` in Node: every chosen venue's link (the worker's own VenueLink and FeedSession,
 * made by its link factory) over Node's sockets and fetch behind the worker's allow list, each venue's traffic
 * captured by the worker's Recorder into `<dir>/<venue>.jsonl`, for a number of seconds; then one row per venue
 * (src/worker/conformance.ts) and the exit code. With `local` the links dial the loopback simulator this starts,
 * and every book must be live and equal to the simulator's at the end.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { simEndpoints } from '../src/sim/endpoints';
import { PROTOCOLS } from '../src/venues';
import { builtInCatalog } from '../src/catalog/built-in';
import { marketOf } from '../src/catalog/types';
import type { VenueId } from '../src/venues/types';
import { guardedTransport } from '../src/worker/allowed-hosts';
import { ConformanceRun, failingRows, probingTransport, type ConformanceRow, type NetworkFailure } from '../src/worker/conformance';
import { formatConformanceTable, type ConformanceColumn } from '../src/worker/conformance-table';
import type { FeedLink } from '../src/worker/engine';
import { createVenueLink } from '../src/worker/link-factory';
import { Recorder, recordingTransport } from '../src/worker/recorder';
import { systemClock, type Clock, type Transport } from '../src/worker/transport';
import { compareDepth } from './app-driver';
import { FileStore } from './file-store';
import { nodeTransport } from './node-transport';
import { startSimServer, type SimServer } from './sim-server';
import { sameLevels, sleep } from './soak';

export interface LiveCheckOptions {
  readonly seconds: number;
  readonly venues: readonly VenueId[];
  /** Against the loopback simulator, started here on SIM_PORT (the one loopback port the allow list accepts). */
  readonly local: boolean;
  /** Where the recordings go: `<venue>.jsonl` each, and `summary.json` with the rows. */
  readonly dir: string;
  /** The network under the allow list, told how to report failures it can name: Node's sockets and fetch by default. */
  readonly network?: (report: (failure: NetworkFailure) => void) => Transport;
  readonly clock?: Clock;
  /** Progress as it happens (a venue getting live); stderr in the command. */
  readonly log?: (line: string) => void;
}

export interface LiveCheckResult {
  readonly rows: readonly ConformanceRow[];
  /** With `local`: whether each venue's book equalled the simulator's once its market stood still. */
  readonly matchesSimulator?: Partial<Record<VenueId, boolean>>;
  /** The rows as printed. */
  readonly table: string;
  /** 1 when a reachable venue's book never got live (and, with `local`, when any book is not live and exact). */
  readonly exitCode: 0 | 1;
}

interface CheckedVenue {
  readonly venue: VenueId;
  readonly link: FeedLink;
  readonly recorder: Recorder;
  readonly symbol: string;
}

/** Stops every simulated market, lets the links apply what is on its way, and compares each live book with the truth. */
async function compareWithSimulator(sim: SimServer, checked: readonly CheckedVenue[]): Promise<Partial<Record<VenueId, boolean>>> {
  for (const { venue } of checked) sim.host.setTicking(venue, false);
  await sleep(150);
  await Promise.all(checked.map(({ link }) => link.idle()));
  await sleep(50);
  const out: Partial<Record<VenueId, boolean>> = {};
  for (const { venue, link, symbol } of checked) {
    const truth = sim.host.exchange.market(venue, symbol)?.book;
    const book = link.session.book;
    const k = compareDepth(venue);
    out[venue] = !!truth && link.session.state === 'live' && sameLevels(book.bids.top(k), truth.bids.top(k)) && sameLevels(book.asks.top(k), truth.asks.top(k));
  }
  return out;
}

export async function runLiveCheck(options: LiveCheckOptions): Promise<LiveCheckResult> {
  const clock = options.clock ?? systemClock;
  const network = options.network ?? nodeTransport;
  const log = options.log ?? (() => {});
  mkdirSync(options.dir, { recursive: true });
  const sim = options.local ? await startSimServer() : undefined;
  const run = new ConformanceRun(clock.now(), options.seconds * 1000);
  const checked: CheckedVenue[] = [];
  for (const venue of options.venues) {
    const protocol = PROTOCOLS[venue];
    const market = marketOf(builtInCatalog(), venue, 'BTC');
    if (!protocol || !market) continue;
    const probe = run.probe(venue);
    const recorder = new Recorder(new FileStore(join(options.dir, `${venue}.jsonl`)));
    const transport = probingTransport(
      recordingTransport(guardedTransport(network((failure) => probe.network(failure))), market, clock, () => recorder),
      probe,
    );
    const link: FeedLink = createVenueLink({
      protocol,
      market,
      endpoints: sim ? simEndpoints(protocol, sim.origin) : protocol.endpoints,
      transport,
      clock,
      onChange: () => {
        if (probe.liveAt !== undefined) return;
        run.observe(venue, link.session, clock.now());
        if (probe.liveAt !== undefined) log(`${protocol.name}: live after ${((probe.liveAt - run.startedAt) / 1000).toFixed(1)} s`);
      },
    });
    checked.push({ venue, link, recorder, symbol: market.symbol });
  }
  for (const { link } of checked) link.start();
  await new Promise((resolve) => clock.setTimeout(() => resolve(undefined), run.durationMs));

  const rows = checked.map(({ venue, link }) => run.row(venue, PROTOCOLS[venue]!.name, link, !!PROTOCOLS[venue]!.checksum, true));
  const matchesSimulator = sim ? await compareWithSimulator(sim, checked) : undefined;
  for (const { link } of checked) link.stop();
  await Promise.all(checked.map(({ recorder }) => recorder.finish()));
  await sim?.close();

  const extra: ConformanceColumn[] = matchesSimulator
    ? [{ key: 'simulator', title: 'book = simulator', numeric: false, cell: (r) => (matchesSimulator[r.venue] ? 'equal' : 'differs') }]
    : [];
  const table = formatConformanceTable(rows, extra);
  const failed = sim ? rows.some((r) => r.verdict !== 'live' || !matchesSimulator?.[r.venue]) : failingRows(rows).length > 0;
  writeFileSync(join(options.dir, 'summary.json'), `${JSON.stringify({ seconds: options.seconds, local: options.local, rows, matchesSimulator }, null, 2)}\n`);
  return { rows, matchesSimulator, table, exitCode: failed ? 1 : 0 };
}
