import { consolidate } from '../src/market/consolidate';
import { walkMerged } from '../src/market/merge';
import { quotedBook, type QuotedBook } from '../src/market/quoted-book';
import { SimMarket } from '../src/sim/market';
import { simSpec } from '../src/sim/specs';
import { VENUE_IDS, type VenueId } from '../src/venues/types';
import { median } from './stats';

export interface LadderResult {
  /** Books merged: one per venue. */
  readonly books: number;
  readonly step: number;
  readonly rows: number;
  readonly levelsPerSide: number;
  /** Rows the ladder actually filled per side (a coarse step can run out of book). */
  readonly bidRows: number;
  readonly askRows: number;
  /** Venue levels the merge visited to fill the rows, both sides. */
  readonly levelsWalked: number;
  /** Median CPU microseconds for one consolidate() call (both sides, best prices, spread). */
  readonly micros: number;
  readonly minMicros: number;
}

function cpuMicros(since: NodeJS.CpuUsage): number {
  const c = process.cpuUsage(since);
  return c.user + c.system;
}

/** How many venue levels a ladder of `rows` rows at `step` visits, both sides. */
function walked(books: readonly QuotedBook[], step: number, rows: number): number {
  let n = 0;
  for (const side of ['bid', 'ask'] as const) {
    let key = NaN;
    let filled = 0;
    walkMerged(books, side, (price) => {
      const k = step > 0 ? (side === 'bid' ? Math.floor(price / step + 1e-9) : Math.ceil(price / step - 1e-9)) : price;
      if (k !== key) {
        if (filled === rows) return false;
        key = k;
        filled++;
      }
      n++;
      return true;
    });
  }
  return n;
}

/**
 * A BTC book from the simulator for each of `venues`, each at its venue's tick and mid offset, `depth` levels a side,
 * moved a few hundred steps so they are no longer perfectly regular; then the 50-row ladder at each step.
 */
export function ladderBooks(depth: number, venues: readonly VenueId[] = VENUE_IDS): QuotedBook[] {
  return venues.map((venue, i) => {
    const market = new SimMarket({ ...simSpec(venue, 'BTC'), depth }, 100 + i);
    for (let s = 0; s < 300; s++) market.step();
    return quotedBook(venue, market.book);
  });
}

export function benchConsolidation(venues: readonly VenueId[], depth: number, steps: readonly number[], rows: number, log: (s: string) => void): LadderResult[] {
  const books = ladderBooks(depth, venues);
  const levels = Math.min(...books.map((b) => Math.min(b.bids.length, b.asks.length)));
  const out: LadderResult[] = [];
  let sink = 0;
  for (const step of steps) {
    for (let i = 0; i < 50; i++) sink += consolidate(books, step, rows).bids.length;
    // Each sample is a batch of calls long enough (>= 20 ms of CPU) for the process CPU clock; a sample is the batch's mean.
    const c0 = process.cpuUsage();
    let calls = 0;
    while (cpuMicros(c0) < 20_000) {
      sink += consolidate(books, step, rows).asks.length;
      calls++;
    }
    const samples: number[] = [];
    for (let s = 0; s < 15; s++) {
      const c1 = process.cpuUsage();
      for (let i = 0; i < calls; i++) sink += consolidate(books, step, rows).asks.length;
      samples.push(cpuMicros(c1) / calls);
    }
    const last = consolidate(books, step, rows);
    out.push({
      books: books.length,
      step,
      rows,
      levelsPerSide: levels,
      bidRows: last.bids.length,
      askRows: last.asks.length,
      levelsWalked: walked(books, step, rows),
      micros: median(samples),
      minMicros: Math.min(...samples),
    });
    log(`  ladder, ${books.length} books, step ${step}: ${median(samples).toFixed(1)} µs`);
  }
  if (sink === -1) log('');
  return out;
}
