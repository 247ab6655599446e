import type { RawLevel } from '../../src/book/levels';
import type { SimLevels } from '../../src/sim/market';
import type { FeedId } from '../../src/venues/types';
import { openBook, type EditableBook } from './venue-wire';

/** The prices a snapshot cut at the depth asked for covered: bids at or above the floor, asks at or below the ceiling. */
export interface CoveredRange {
  readonly bidFloor: number;
  readonly askCeiling: number;
}

/** Steps of truth kept: a message is taken in the step it was sent, or a few later (a snapshot answer on its way). */
const KEPT_STEPS = 8;

/**
 * The book a venue's valid messages describe, to hold a client's book against after every message it takes.
 *
 * Why it is exact: the simulator applies each step's changes to its book before it sends anything, and every view
 * it sends covers that whole book (about 310 levels a side, inside every venue's window: Kraken 500, OKX 400, the
 * others 1000 or all), so a real book message sent at step s brings a client that took the valid messages before
 * it to exactly the simulator's book at s. Planted frames are about another market or invalid: none may change
 * what the client shows, and a real message a plant replaced is lost, so only a resync may follow it. One cut:
 * a request venue's snapshot that came back as deep as asked covers only its own price range, and nothing beyond
 * it can be placed exactly, so there the truth is read within that range.
 */
export class ReferenceBook {
  private readonly feed: FeedId;
  /** The levels per side a request venue's snapshot is asked for; undefined for stream venues. */
  private readonly snapshotLevels: number | undefined;
  private readonly truths = new Map<number, SimLevels>();
  private latest = 0;
  private cached: { step: number; coverage: CoveredRange | undefined; levels: SimLevels } | undefined;
  coverage: CoveredRange | undefined;

  constructor(feed: FeedId, snapshotLevels: number | undefined) {
    this.feed = feed;
    this.snapshotLevels = snapshotLevels;
  }

  /** The simulator's book after `step` steps, best first. */
  record(step: number, truth: SimLevels): void {
    this.truths.set(step, truth);
    // Never the one at the newest message taken: a market whose book is still while it trades sends no book
    // message for a while, and the client shows that truth meanwhile.
    const keepFrom = Math.min(step - KEPT_STEPS + 1, this.latest);
    for (const kept of this.truths.keys()) if (kept < keepFrom) this.truths.delete(kept);
  }

  truthAt(step: number): SimLevels {
    const truth = this.truths.get(step);
    if (!truth) throw new Error(`no truth kept for step ${step}`);
    return truth;
  }

  /**
   * The client took a message with the whole content of a real one sent at `step`. A snapshot answer can arrive
   * after newer diffs, which are held and applied on top of it: the client is then at the newest.
   */
  took(step: number, text: string): void {
    const book = openBook(this.feed, text);
    if (!book) return;
    this.latest = Math.max(this.latest, step);
    if (this.snapshotLevels === undefined) return;
    if (book.type === 'snapshot') this.coverage = coveredBy(book, this.snapshotLevels);
  }

  /** What a live client must show: the truth at the newest real message it took, within the covered range. */
  expected(step = this.latest): SimLevels {
    const c = this.coverage;
    if (this.cached?.step === step && this.cached.coverage === c) return this.cached.levels;
    const truth = this.truthAt(step);
    const levels = c
      ? { bids: truth.bids.filter(([p]) => Number(p) >= c.bidFloor), asks: truth.asks.filter(([p]) => Number(p) <= c.askCeiling) }
      : truth;
    this.cached = { step, coverage: c, levels };
    return levels;
  }

  /** Levels of a message that fall beyond the covered range. */
  beyondCoverage(book: Pick<EditableBook, 'bids' | 'asks'>): number {
    const c = this.coverage;
    if (!c) return 0;
    return book.bids.filter(([p]) => Number(p) < c.bidFloor).length + book.asks.filter(([p]) => Number(p) > c.askCeiling).length;
  }
}

/** A side that came back as deep as asked was cut there; a shorter one is the venue's whole side. */
function coveredBy(snapshot: EditableBook, asked: number): CoveredRange | undefined {
  const worst = (levels: readonly RawLevel[], pick: (...n: number[]) => number): number | undefined =>
    levels.length >= asked ? pick(...levels.map(([p]) => Number(p))) : undefined;
  const bidFloor = worst(snapshot.bids, Math.min);
  const askCeiling = worst(snapshot.asks, Math.max);
  if (bidFloor === undefined && askCeiling === undefined) return undefined;
  return { bidFloor: bidFloor ?? -Infinity, askCeiling: askCeiling ?? Infinity };
}
