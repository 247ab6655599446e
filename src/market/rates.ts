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
  readonly sources: readonly { readonly feed: FeedId; readonly symbol: string; readonly mid: number }[];
  readonly ageMs?: number;
  readonly stale: boolean;
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

/** The books that convert `from` into `to` directly, best first: live before not, then the most recently changed. */
function direct(books: readonly RateBook[], from: Quote, to: Quote): Step[] {
  const steps: Step[] = [];
  for (const book of books) {
    if (book.mid === undefined || !(book.mid > 0)) continue;
    if (book.base === from && book.quote === to) steps.push({ book, forward: true });
    else if (book.base === to && book.quote === from) steps.push({ book, forward: false });
  }
  return steps.sort((a, b) => Number(b.book.live) - Number(a.book.live) || (a.book.ageMs ?? Infinity) - (b.book.ageMs ?? Infinity));
}

function rateOf(steps: readonly Step[], from: Quote, to: Quote, staleAfterMs: number): Rate {
  let rate = 1;
  let ageMs = 0;
  let stale = false;
  for (const { book, forward } of steps) {
    rate = forward ? rate * book.mid! : rate / book.mid!;
    ageMs = Math.max(ageMs, book.ageMs ?? Infinity);
    stale ||= !book.live || (book.ageMs ?? Infinity) > staleAfterMs;
  }
  return {
    from,
    to,
    rate,
    sources: steps.map(({ book }) => ({ feed: book.feed, symbol: book.symbol, mid: book.mid! })),
    ageMs: Number.isFinite(ageMs) ? ageMs : undefined,
    stale,
  };
}

/**
 * The rate from `from` to `to` out of the venues' own stablecoin books: a book quoting the pair directly (either
 * way round), else two books through the third currency (USDC → USDT → USD). Never assumed: with no book, the rate
 * is undefined and the books quoted in `from` cannot be shown in `to`.
 */
export function rateBetween(books: readonly RateBook[], from: Quote, to: Quote, staleAfterMs = RATE_STALE_MS): Rate {
  if (from === to) return { from, to, rate: 1, sources: [], ageMs: 0, stale: false };
  const one = direct(books, from, to)[0];
  if (one?.book.live) return rateOf([one], from, to, staleAfterMs);
  let chain: Step[] | undefined;
  for (const via of ['USD', 'USDT', 'USDC'] as const) {
    if (via === from || via === to) continue;
    const first = direct(books, from, via)[0];
    const second = direct(books, via, to)[0];
    if (first && second && first.book.live && second.book.live) chain = [first, second];
  }
  if (chain) return rateOf(chain, from, to, staleAfterMs);
  // No live path: the best there is, flagged stale, rather than nothing while a venue reconnects.
  if (one) return rateOf([one], from, to, staleAfterMs);
  return { from, to, sources: [], stale: true };
}
