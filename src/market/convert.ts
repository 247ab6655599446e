import type { OrderBook } from '../book/orderbook';
import type { FeedId, Market, Quote } from '../venues/types';
import { quotedBook, type QuotedBook } from './quoted-book';
import { rateBetween, type Rate, type RateBook } from './rates';

/** A feed's book to show, and its market (absent for a recording made before markets were recorded). */
export interface BookToShow {
  readonly feed: FeedId;
  readonly book: OrderBook;
  readonly market?: Market;
}

/** Books in one currency, those left out for want of a rate, and the rates used (one per quote converted). */
export interface ConvertedBooks {
  readonly quoted: readonly QuotedBook[];
  readonly excluded: readonly { readonly feed: FeedId; readonly reason: string }[];
  readonly rates: readonly Rate[];
}

/**
 * Each book in `currency` at the rate from its quote (read from `rateBooks`), and in base units; a book whose quote
 * has no rate is left out with the reason, never shown at a guessed rate. A book with no market is shown as the app
 * showed every book before markets were recorded: in one currency and base units.
 */
export function convertBooks(books: readonly BookToShow[], rateBooks: readonly RateBook[], currency: Quote): ConvertedBooks {
  const quoted: QuotedBook[] = [];
  const excluded: { feed: FeedId; reason: string }[] = [];
  const rates = new Map<Quote, Rate>();
  for (const { feed, book, market } of books) {
    const quote = market?.quote ?? currency;
    let rate = rates.get(quote);
    if (!rate && quote !== currency) {
      rate = rateBetween(rateBooks, quote, currency);
      rates.set(quote, rate);
    }
    const factor = quote === currency ? 1 : rate?.rate;
    if (factor === undefined) {
      excluded.push({ feed, reason: `no ${quote} → ${currency} rate: none of the venues' ${quote} books is live` });
      continue;
    }
    quoted.push(quotedBook(feed, book, factor, market?.contractSize ?? 1, market?.inverse === true));
  }
  return { quoted, excluded, rates: [...rates.values()] };
}
