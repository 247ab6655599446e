import type { FeedId, Quote } from '../venues/types';

/** A stablecoin book the rates are read from: one `base` is worth `mid` of `quote` (Kraken USDT/USD: 0.9998). */
export interface RateBook {
  readonly feed: FeedId;
  readonly symbol: string;
  readonly base: Quote;
  readonly quote: Quote;
  /** Mid of the best bid and ask; undefined while the book is not live or one side is empty. */
  readonly mid?: number;
  /** Time since the book last changed, ms. */
  readonly ageMs?: number;
  /** The book is exact and its socket is not silent (its feed's status is live). */
  readonly live: boolean;
}

/** A conversion rate: `rate` units of `to` per one `from`, the books it came from, their age and trust. */
export interface Rate {
  readonly from: Quote;
  readonly to: Quote;
  readonly rate?: number;
  /** The books read: `hop` 0, or 1 for the second book of a chain; the books of one hop are averaged. */
  readonly sources: readonly RateSource[];
  readonly ageMs?: number;
  readonly stale: boolean;
}

export interface RateSource {
  readonly feed: FeedId;
  readonly symbol: string;
  readonly mid: number;
  readonly hop: number;
}

/**
 * A source book that has not changed for this long is flagged: a stablecoin book of a live venue changes every
 * few seconds, so minutes of stillness mean the venue stopped telling us about it.
 */
export const RATE_STALE_MS = 120_000;

/** One step of a conversion: a book read forwards (base → quote, times mid) or backwards (divided by mid). */
interface Step {
  readonly book: RateBook;
  readonly forward: boolean;
}

/** The books that convert `from` into `to` directly, live ones first, then by name (a mean summed in one order). */
function direct(books: readonly RateBook[], from: Quote, to: Quote): Step[] {
  const steps: Step[] = [];
  for (const book of books) {
    if (book.mid === undefined || !(book.mid > 0)) continue;
    if (book.base === from && book.quote === to) steps.push({ book, forward: true });
    else if (book.base === to && book.quote === from) steps.push({ book, forward: false });
  }
  const name = (s: Step): string => `${s.book.feed} ${s.book.symbol}`;
  return steps.sort((a, b) => Number(b.book.live) - Number(a.book.live) || name(a).localeCompare(name(b)));
}

/** What one step makes of one unit: the mid read forwards, or one over it. */
const factor = ({ book, forward }: Step): number => (forward ? book.mid! : 1 / book.mid!);

/**
 * The rate of a hop through `steps`, books that each convert the same pair: their mean. No one venue's book decides
 * alone, and the rate depends only on what the books say, not on which changed last, so a replay gets it again.
 */
function hop(steps: readonly Step[]): number {
  return steps.reduce((sum, s) => sum + factor(s), 0) / steps.length;
}

function rateOf(hops: readonly (readonly Step[])[], from: Quote, to: Quote, staleAfterMs: number): Rate {
  let rate = 1;
  let ageMs = 0;
  let stale = false;
  for (const steps of hops) {
    rate *= hop(steps);
    for (const { book } of steps) {
      ageMs = Math.max(ageMs, book.ageMs ?? Infinity);
      stale ||= !book.live || (book.ageMs ?? Infinity) > staleAfterMs;
    }
  }
  return {
    from,
    to,
    rate,
    sources: hops.flatMap((steps, hop) => steps.map(({ book }) => ({ feed: book.feed, symbol: book.symbol, mid: book.mid!, hop }))),
    ageMs: Number.isFinite(ageMs) ? ageMs : undefined,
    stale,
  };
}

/** The live books among `steps`, or undefined when there are none. */
function live(steps: readonly Step[]): Step[] | undefined {
  const up = steps.filter((s) => s.book.live);
  return up.length ? up : undefined;
}

/**
 * The rate from `from` to `to` out of the venues' own stablecoin books: the mean of the live books quoting the pair
 * directly (either way round), else two hops through the third currency (USDC → USDT → USD). Never assumed: with no
 * book, the rate is undefined and the books quoted in `from` cannot be shown in `to`.
 */
export function rateBetween(books: readonly RateBook[], from: Quote, to: Quote, staleAfterMs = RATE_STALE_MS): Rate {
  if (from === to) return { from, to, rate: 1, sources: [], ageMs: 0, stale: false };
  const directly = direct(books, from, to);
  const liveDirect = live(directly);
  if (liveDirect) return rateOf([liveDirect], from, to, staleAfterMs);
  for (const via of ['USD', 'USDT', 'USDC'] as const) {
    if (via === from || via === to) continue;
    const first = live(direct(books, from, via));
    const second = live(direct(books, via, to));
    if (first && second) return rateOf([first, second], from, to, staleAfterMs);
  }
  // No live path: the books there are, flagged stale, rather than nothing while a venue reconnects.
  if (directly.length) return rateOf([directly], from, to, staleAfterMs);
  return { from, to, sources: [], stale: true };
}
