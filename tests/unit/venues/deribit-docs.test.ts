import { describe, expect, it } from 'vitest';
import { FeedSession } from '../../../src/feed/session';
import { quotedBook } from '../../../src/market/quoted-book';
import { tradeOf } from '../../../src/trades/normalize';
import { deribit, parseDeribitFrame } from '../../../src/venues/deribit';
import { deribitSpot } from '../../../src/venues/deribit-spot';
import { topOf } from '../../helpers/books';
import { documented } from '../../helpers/documented';
import { testMarket } from '../../helpers/markets';

/**
 * Deribit's documented examples (tests/fixtures/deribit/docs/SOURCE.md): the book and trades channels' data in the
 * documented notification envelope, the requests the channel pages print, and the answers of the API reference.
 */

type Json = Record<string, unknown>;
const doc = (file: string): string => documented('deribit', file);
const json = (file: string): Json => JSON.parse(doc(file)) as Json;

/** A channel page's `{"data": ...}` example in the envelope of notification.json, on `channel`. */
function notification(file: string, channel: string): string {
  const envelope = json('notification.json');
  return JSON.stringify({ ...envelope, params: { channel, data: json(file).data } });
}

const SNAPSHOT = notification('book-snapshot.json', 'book.BTC-PERPETUAL.100ms');
const TRADES = notification('trades.json', 'trades.BTC-PERPETUAL.100ms');
/** BTC-PERPETUAL as the documented instrument list gives it: USD amounts (inverse), tick 0.5, contracts of 10 USD. */
const perpetual = testMarket('deribit', 'BTC', { tick: 0.5, lot: 10 });

describe('Deribit documented messages, read by the adapter', () => {
  it('reads the book snapshot: its instrument, change_id, time and levels, numbers as their decimal text', () => {
    expect(parseDeribitFrame(SNAPSHOT)).toEqual([
      {
        type: 'snapshot',
        symbol: 'BTC-PERPETUAL',
        last: 297217,
        time: 1554373962454,
        bids: [
          ['5042.34', '30'],
          ['5041.94', '20'],
        ],
        asks: [
          ['5042.64', '40'],
          ['5043.3', '40'],
        ],
      },
    ]);
  });

  it('reads the trades notification: one sell (the taker sold), its number, id, time, price and USD amount', () => {
    expect(parseDeribitFrame(TRADES)).toEqual([
      { type: 'trades', symbol: 'BTC-PERPETUAL', time: 1590484512188, trades: [{ id: '48079269', seq: 30289442, time: 1590484512188, price: 8950, size: 10, side: 'sell' }] },
    ]);
  });

  it('takes the trade of 10 USD at 8950 as 10 / 8950 BTC on the inverse perpetual', () => {
    const [m] = parseDeribitFrame(TRADES);
    const raw = m!.type === 'trades' ? m!.trades[0]! : undefined;
    const trade = tradeOf('deribit', perpetual, { ...raw!, receivedAt: 0 });
    expect(trade.size).toBeCloseTo(0.0011173184357541898, 15);
    expect(trade).toMatchObject({ price: 8950, quote: 'USD', side: 'sell' });
  });

  it('reads the answers: a subscription confirmed with its channels, the heartbeat set, an error with its code', () => {
    expect(parseDeribitFrame(doc('subscribe-response.json'))).toEqual([{ type: 'info', text: 'subscribed deribit_price_index.btc_usd' }]);
    expect(parseDeribitFrame(doc('set-heartbeat-response.json'))).toEqual([{ type: 'info', text: 'heartbeat set' }]);
    expect(parseDeribitFrame(doc('error-response.json'))).toEqual([{ type: 'error', message: '11050 bad_request' }]);
  });

  it('refuses a notification on a channel it never subscribes to (the documented price index)', () => {
    expect(() => parseDeribitFrame(doc('notification.json'))).toThrow(/deribit_price_index\.btc_usd/);
  });
});

describe('Deribit requests, as the documentation writes them', () => {
  const sent = deribit.subscribe(perpetual).map((t) => JSON.parse(t) as Json);

  it('asks for the heartbeat as the documented request does (an interval in seconds, at least 10)', () => {
    const asked = json('set-heartbeat-request.json');
    expect(sent[0]).toMatchObject({ jsonrpc: asked.jsonrpc, method: asked.method, params: asked.params });
  });

  it('subscribes to the book and the trades channels the pages name, at 100ms, in one public/subscribe', () => {
    const book = json('subscribe-book.json');
    const trades = json('subscribe-trades.json');
    expect(sent[1]).toMatchObject({ jsonrpc: book.jsonrpc, method: book.method });
    expect((sent[1]!.params as Json).channels).toEqual([...((book.params as Json).channels as string[]), ...((trades.params as Json).channels as string[])]);
  });

  it('is the perpetual feed on the documented production socket, spot on the same one', () => {
    expect(deribit.streamUrl(perpetual, deribit.endpoints)).toBe('wss://www.deribit.com/ws/api/v2');
    expect(deribitSpot.streamUrl(testMarket('deribit-spot'), deribitSpot.endpoints)).toBe('wss://www.deribit.com/ws/api/v2');
    expect(deribit).toMatchObject({ id: 'deribit', kind: 'perpetual', multiplex: true, snapshotSource: 'stream', trades: true });
    expect(deribitSpot).toMatchObject({ id: 'deribit-spot', venue: 'deribit', kind: 'spot', multiplex: true });
  });
});

describe('Deribit book from the documented snapshot', () => {
  it('is live on the snapshot, in USD as sent, and reads in BTC as amount / price', () => {
    const session = new FeedSession(deribit, perpetual);
    session.open();
    session.frame(doc('subscribe-response.json'), 1);
    session.frame(SNAPSHOT, 2);
    expect(session.state).toBe('live');
    expect(topOf(session.book, 5)).toEqual({
      bids: [
        [5042.34, 30],
        [5041.94, 20],
      ],
      asks: [
        [5042.64, 40],
        [5043.3, 40],
      ],
    });
    const quoted = quotedBook('deribit', session.book, 1, perpetual.contractSize, perpetual.inverse);
    expect(quoted.bids.sizeAt(0)).toBeCloseTo(0.0059496186294458525, 15);
    expect(quoted.bids.sizeAt(1)).toBeCloseTo(0.003966727093142719, 15);
    expect(quoted.asks.sizeAt(0)).toBeCloseTo(0.007932352894515571, 15);
    expect(quoted.asks.sizeAt(1)).toBeCloseTo(0.007931314813713243, 15);
  });
});
