/** Books for the tests of walls, imbalance and size to move. */
import fc from 'fast-check';
import { OrderBook } from '../../../src/book/orderbook';
import { quotedBook, type QuotedBook } from '../../../src/market/quoted-book';
import { parseOkxFrame } from '../../../src/venues/okx';
import type { FeedId } from '../../../src/venues/types';
import { documented } from '../../helpers/documented';

/** A book of these [price, size] levels, best first, printed as a venue prints numbers. */
export function book(bids: readonly (readonly [number, number])[], asks: readonly (readonly [number, number])[]): OrderBook {
  const b = new OrderBook();
  b.snapshot(
    bids.map(([p, q]) => [String(p), String(q)]),
    asks.map(([p, q]) => [String(p), String(q)]),
  );
  return b;
}

/**
 * OKX's documented books snapshot (tests/fixtures/okx/docs/ws-books-snapshot.json; page in tests/fixtures/okx/SOURCE.md),
 * read by the venue's own parser: BTC-USDT, eight levels a side, best bid 8476.97 and best ask 8476.98.
 */
export function documentedOkxBook(): OrderBook {
  const [snapshot] = parseOkxFrame(documented('okx', 'ws-books-snapshot.json'));
  if (snapshot?.type !== 'snapshot') throw new Error('the documented push is a snapshot');
  const okx = new OrderBook();
  okx.snapshot(snapshot.bids, snapshot.asks);
  return okx;
}

const FEEDS: readonly FeedId[] = ['binance', 'okx-swap', 'kraken'];

/**
 * One to three feeds' books around 100: up to 50 levels a side on a cent grid (no binary noise in their text), each
 * feed in the display currency or a quote a few bps off it, in base units or contracts of 0.01.
 */
export const quotedBooks: fc.Arbitrary<QuotedBook[]> = fc
  .array(
    fc.tuple(
      fc.uniqueArray(fc.tuple(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 1, max: 500 })), { selector: ([p]) => p, maxLength: 50 }),
      fc.uniqueArray(fc.tuple(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 1, max: 500 })), { selector: ([p]) => p, maxLength: 50 }),
      fc.constantFrom(1, 0.9997, 1.0004),
      fc.constantFrom(1, 0.01),
    ),
    { minLength: 1, maxLength: 3 },
  )
  .map((specs) =>
    specs.map(([bids, asks, rate, contract], i) =>
      quotedBook(FEEDS[i]!, book(bids.map(([p, q]) => [(9999 - p) / 100, q / 10]), asks.map(([p, q]) => [(10001 + p) / 100, q / 10])), rate, contract),
    ),
  );
