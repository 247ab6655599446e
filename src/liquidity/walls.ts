import type { QuotedBook, QuotedSide } from '../market/quoted-book';
import type { Wall, WallRule } from './types';
import { lowerBound } from './lower-bound';

/** A level the rule picks out, before it is followed over time. */
export type WallLevel = Pick<Wall, 'feed' | 'side' | 'rawPrice' | 'price' | 'size' | 'ratio'>;

/**
 * A wall that stops qualifying ends as `pulled` only when the price was further from it than this many bps of the
 * feed's mid, and than `PULLED_AWAY_SPREADS` of its spread: nearer, it may have been traded into, which a book
 * cannot tell from a cancel, so it is called filled.
 */
export const PULLED_AWAY_BPS = 5;
export const PULLED_AWAY_SPREADS = 2;

/**
 * A standing wall keeps standing while its ratio stays at or above this fraction of the rule's factor: a wall near
 * the threshold would otherwise end and start again each time its neighbours change, each end reading as a pull.
 */
export const KEEP_FRACTION = 0.5;

/** How long an ended wall stays in the list, and how many at most. */
export const ENDED_KEEP_MS = 5 * 60_000;
export const MAX_ENDED = 200;

/**
 * The levels of one side's window, sorted, for the median of a level's neighbours as the window slides outward one
 * level at a time: each step removes one size and inserts one, instead of sorting the whole window again.
 */
class SortedWindow {
  private readonly values: Float64Array;
  private n = 0;

  constructor(capacity: number) {
    this.values = new Float64Array(capacity);
  }

  // Shifted by hand: copyWithin's call costs more than moving the twenty-odd values of a window.
  insert(v: number): void {
    const values = this.values;
    let i = this.n;
    for (; i > 0 && values[i - 1]! > v; i--) values[i] = values[i - 1]!;
    values[i] = v;
    this.n++;
  }

  remove(v: number): void {
    const values = this.values;
    this.n--;
    for (let i = lowerBound(this.values, v, 0, this.n); i < this.n; i++) values[i] = values[i + 1]!;
  }

  /** The median of the window without one copy of `v` (which it holds); undefined when nothing else is in it. */
  medianWithout(v: number): number | undefined {
    const m = this.n - 1;
    if (m <= 0) return undefined;
    const j = lowerBound(this.values, v, 0, this.n);
    const hi = m >> 1;
    const upper = this.values[hi < j ? hi : hi + 1]!;
    if (m % 2 === 1) return upper;
    const lo = hi - 1;
    return (this.values[lo < j ? lo : lo + 1]! + upper) / 2;
  }
}

/**
 * Visits the levels of one side within the rule's band of `mid` whose size is at least `minRatio` times the median
 * of their neighbours: the `rule.neighbours` levels on each side of them in the same side of the same book. At the
 * edges of the book the window is cut short rather than shifted (the best level is compared with the levels behind
 * it alone, as the last level of a partial book with those before it); a level with no neighbour at all is never a
 * wall. Neighbours are read past the band's edge, where the book has them.
 */
function scanSide(book: QuotedBook, side: 'bid' | 'ask', mid: number, rule: WallRule, minRatio: number, visit: (level: WallLevel) => void): void {
  const quoted: QuotedSide = side === 'bid' ? book.bids : book.asks;
  const edge = side === 'bid' ? mid * (1 - rule.bandBps / 1e4) : mid * (1 + rule.bandBps / 1e4);
  const candidates = quoted.depthTo(edge).levels;
  if (candidates === 0) return;
  const n = Math.max(0, Math.floor(rule.neighbours));
  const read = Math.min(quoted.length, candidates + n);
  const sizes = new Float64Array(read);
  const walk = quoted.walk();
  for (let k = 0; k < read && walk.next(); k++) sizes[k] = walk.size;
  const window = new SortedWindow(2 * n + 1);
  for (let k = 0; k <= n && k < read; k++) window.insert(sizes[k]!);
  for (let k = 0; k < candidates; k++) {
    const size = sizes[k]!;
    const median = window.medianWithout(size);
    if (median !== undefined && size >= minRatio * median) {
      visit({ feed: book.feed, side, rawPrice: quoted.rawPriceAt(k)!, price: quoted.priceAt(k)!, size, ratio: size / median });
    }
    if (k - n >= 0) window.remove(sizes[k - n]!);
    if (k + n + 1 < read) window.insert(sizes[k + n + 1]!);
  }
}

function scan(books: readonly QuotedBook[], mid: number, rule: WallRule, minRatio: number, visit: (level: WallLevel) => void): void {
  for (const book of books) {
    scanSide(book, 'bid', mid, rule, minRatio, visit);
    scanSide(book, 'ask', mid, rule, minRatio, visit);
  }
}

/**
 * The walls standing in `books` now: each feed's levels within `rule.bandBps` of `mid` whose size is at least
 * `rule.factor` times the median size of the `rule.neighbours` levels either side of them in that feed's book.
 * In the order of `books`, each feed's bids then asks, best first.
 */
export function findWalls(books: readonly QuotedBook[], mid: number, rule: WallRule): WallLevel[] {
  const out: WallLevel[] = [];
  scan(books, mid, rule, rule.factor, (level) => out.push(level));
  return out;
}

/** A wall is one feed's level at one raw price: its identity while it stands. */
function keyOf(w: WallLevel): string {
  return `${w.feed} ${w.side} ${w.rawPrice}`;
}

function sameRule(a: WallRule, b: WallRule): boolean {
  return a.factor === b.factor && a.neighbours === b.neighbours && a.bandBps === b.bandBps;
}

/**
 * Whether the price is at a wall or near enough to it that its going could be trades: the feed's best price on the
 * wall's side at or through the wall, or the feed's mid within `max(PULLED_AWAY_BPS, PULLED_AWAY_SPREADS spreads)`
 * of it (the consolidated `mid` when the feed lacks a side). The feed's own prices, not the consolidated ones: a
 * perpetual at a premium reaches its walls at its own price.
 */
function priceNear(book: QuotedBook, wall: WallLevel, mid: number): boolean {
  const own = wall.side === 'bid' ? book.bids : book.asks;
  const best = own.rawPriceAt(0);
  if (best !== undefined && (wall.side === 'bid' ? best <= wall.rawPrice : best >= wall.rawPrice)) return true;
  const bid = book.bids.priceAt(0);
  const ask = book.asks.priceAt(0);
  const feedMid = bid !== undefined && ask !== undefined ? (bid + ask) / 2 : mid;
  const spread = bid !== undefined && ask !== undefined ? Math.max(0, ask - bid) : 0;
  const away = Math.max((feedMid * PULLED_AWAY_BPS) / 1e4, PULLED_AWAY_SPREADS * spread);
  return Math.abs(wall.price - feedMid) <= away;
}

interface Followed {
  readonly wall: Wall;
  /** Whether the price was near it at the last update it stood. */
  readonly near: boolean;
}

/**
 * Follows walls over time. A wall keeps its identity (and `since`) while its feed keeps a wall at its raw price,
 * whatever its size does, as long as its ratio stays at or above `KEEP_FRACTION` of the rule's factor. When it goes
 * or shrinks below that, it ends `filled` if the price was near it (see `priceNear`) now or at the last update it
 * stood (a sweep and a bounce between two updates), else `pulled`; an ended wall keeps the price and size it last
 * stood with, and is listed for `ENDED_KEEP_MS` (at most `MAX_ENDED` of them). A wall is forgotten, neither pulled
 * nor filled, when its feed leaves `books` (no longer live), when it lies outside the band (the price moved away and
 * the rule no longer looks there) or when the rule changes; everything is forgotten when time goes back (a replay
 * seeking backwards). Memory: the walls standing, bounded by the levels in the band, and `MAX_ENDED`.
 */
export class WallTracker {
  private standing = new Map<string, Followed>();
  /** Newest first. */
  private ended: Wall[] = [];
  private rule: WallRule | undefined;
  private last = -Infinity;

  /** The walls after this update of the books: standing ones newest first, then ended ones, latest ended first. */
  update(books: readonly QuotedBook[], mid: number, now: number, rule: WallRule): Wall[] {
    if (now < this.last) {
      this.standing.clear();
      this.ended = [];
    }
    this.last = now;
    const ruleChanged = this.rule !== undefined && !sameRule(this.rule, rule);
    this.rule = rule;
    const byFeed = new Map(books.map((b) => [b.feed, b]));
    const next = new Map<string, Followed>();
    scan(books, mid, rule, rule.factor * KEEP_FRACTION, (level) => {
      const key = keyOf(level);
      const was = this.standing.get(key);
      if (!was && level.ratio < rule.factor) return;
      const wall: Wall = { ...level, since: was?.wall.since ?? now, state: 'standing' };
      next.set(key, { wall, near: priceNear(byFeed.get(level.feed)!, wall, mid) });
    });
    const band = (mid * rule.bandBps) / 1e4;
    for (const [key, { wall, near }] of this.standing) {
      if (next.has(key)) continue;
      const book = byFeed.get(wall.feed);
      if (!book || ruleChanged || Math.abs(wall.price - mid) > band) continue;
      this.ended.unshift({ ...wall, state: near || priceNear(book, wall, mid) ? 'filled' : 'pulled', endedAt: now });
    }
    this.standing = next;
    this.ended = this.ended.filter((w) => w.endedAt! > now - ENDED_KEEP_MS).slice(0, MAX_ENDED);
    const standing = [...next.values()].map((f) => f.wall).sort((a, b) => b.since - a.since || b.ratio - a.ratio);
    return [...standing, ...this.ended];
  }
}
