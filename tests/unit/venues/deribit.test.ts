import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimalValue, SIZE_DIGITS } from '../../../src/book/decimal';
import { FeedSession } from '../../../src/feed/session';
import { DERIBIT_TEST_REQUEST, deribit, deribitSequence, parseDeribitFrame } from '../../../src/venues/deribit';
import { numberText } from '../../../src/venues/deribit-numbers';
import { deribitSpot } from '../../../src/venues/deribit-spot';
import { topOf } from '../../helpers/books';
import { testMarket } from '../../helpers/markets';

/**
 * Deribit's sync rule and the frames around it. The book page documents the fields of a `change` notification but
 * prints none, so the changes here are written from those fields: `type` "change", `prev_change_id` the change_id
 * of the notification before it, entries `[action, price, amount]`.
 */

type Entry = [string, number, number];
const market = testMarket('deribit');

function book(type: 'snapshot' | 'change', changeId: number, bids: Entry[], asks: Entry[], prev?: number, symbol = 'BTC-PERPETUAL'): string {
  const data = { type, timestamp: 1554373962454 + changeId, ...(prev === undefined ? {} : { prev_change_id: prev }), instrument_name: symbol, change_id: changeId, bids, asks };
  return JSON.stringify({ jsonrpc: '2.0', method: 'subscription', params: { channel: `book.${symbol}.100ms`, data } });
}

const SNAPSHOT = book(
  'snapshot',
  297217,
  [
    ['new', 5042.34, 30],
    ['new', 5041.94, 20],
  ],
  [
    ['new', 5042.64, 40],
    ['new', 5043.3, 40],
  ],
);

function live(): FeedSession {
  const session = new FeedSession(deribit, market);
  session.open();
  session.frame(SNAPSHOT, 1);
  expect(session.state).toBe('live');
  return session;
}

describe('Deribit change_id rule', () => {
  it('applies a change whose prev_change_id is the last change_id, and nothing else', () => {
    expect(deribitSequence(297217, { prev: 297217, last: 297218 })).toBe('apply');
    expect(deribitSequence(297217, { prev: 297218, last: 297220 })).toBe('gap');
    expect(deribitSequence(297217, { prev: 297210, last: 297215 })).toBe('backwards');
    expect(deribitSequence(297217, { prev: 297216, last: 297217 })).toBe('backwards');
    expect(deribitSequence(undefined, { prev: 297217, last: 297218 })).toBe('gap');
  });

  it('new, change and delete move the book; a chained change applies, a broken chain resubscribes the book alone', () => {
    const session = live();
    session.frame(
      book(
        'change',
        297218,
        [
          ['delete', 5041.94, 0],
          ['change', 5042.34, 50],
          ['new', 5042.5, 10],
        ],
        [['new', 5044, 20]],
        297217,
      ),
      2,
    );
    expect(topOf(session.book, 5)).toEqual({
      bids: [
        [5042.5, 10],
        [5042.34, 50],
      ],
      asks: [
        [5042.64, 40],
        [5043.3, 40],
        [5044, 20],
      ],
    });
    const effects = session.frame(book('change', 297230, [['delete', 5042.5, 0]], [], 297225), 3);
    expect(effects.map((e) => (e.type === 'send' ? JSON.parse(e.text) : e))).toEqual([
      { jsonrpc: '2.0', id: 2, method: 'public/unsubscribe', params: { channels: ['book.BTC-PERPETUAL.100ms'] } },
      { jsonrpc: '2.0', id: 1, method: 'public/subscribe', params: { channels: ['book.BTC-PERPETUAL.100ms'] } },
    ]);
    expect(session.stats).toMatchObject({ gaps: 1, resyncs: 1 });
    expect(session.state).not.toBe('live');
  });

  it('goes live again on the fresh snapshot, whatever its change_id', () => {
    const session = live();
    session.frame(book('change', 297230, [], [['delete', 5043.3, 0]], 297225), 2);
    session.frame(book('snapshot', 400001, [['new', 5040, 10]], [['new', 5041, 10]]), 3);
    expect(session.state).toBe('live');
    expect(topOf(session.book, 5)).toEqual({ bids: [[5040, 10]], asks: [[5041, 10]] });
  });

  it('a change without prev_change_id, a snapshot entry that is not new, or an unknown action is malformed', () => {
    expect(() => parseDeribitFrame(book('change', 297218, [['new', 1, 1]], []))).toThrow(/prev_change_id/);
    expect(() => parseDeribitFrame(book('snapshot', 297218, [['change', 1, 1]], []))).toThrow(/action change in a snapshot/);
    expect(() => parseDeribitFrame(book('change', 297218, [['remove', 1, 1]], [], 297217))).toThrow(/action remove/);
    expect(() => parseDeribitFrame(book('change', 297218, [['new', 1] as unknown as Entry], [], 297217))).toThrow(/\[action, price, amount\]/);
    expect(() => parseDeribitFrame(book('change', 297218, [['new', true, 1] as unknown as Entry], [], 297217))).toThrow(/price is not a number/);
  });

  it('a level in a form outside the decimal grammar reaches no book: the snapshot is refused as invalid', () => {
    const session = new FeedSession(deribit, market);
    session.open();
    session.frame(SNAPSHOT.replace('5042.34', '"0x10"'), 1);
    expect(session.state).not.toBe('live');
    expect(session.stats.invalid).toBe(1);
  });

  it('a channel naming one instrument and data naming another is malformed, never put in a book', () => {
    const text = SNAPSHOT.replace('"channel":"book.BTC-PERPETUAL.100ms"', '"channel":"book.ETH-PERPETUAL.100ms"');
    expect(() => parseDeribitFrame(text)).toThrow(/holds the book of BTC-PERPETUAL/);
  });

  it('a frame about another market on the shared socket is left out of this one', () => {
    const session = live();
    session.frame(book('change', 9, [['new', 3000, 10]], [], 8, 'ETH-PERPETUAL'), 2);
    expect(session.stats.foreign).toBe(1);
    expect(topOf(session.book, 1).bids).toEqual([[5042.34, 30]]);
  });
});

describe('Deribit heartbeat', () => {
  it('answers a test_request with public/test, at once, and reads a heartbeat as one', () => {
    const session = live();
    const effects = session.frame(JSON.stringify({ jsonrpc: '2.0', method: 'heartbeat', params: { type: 'test_request' } }), 2);
    expect(effects).toEqual([{ type: 'send', text: DERIBIT_TEST_REQUEST }]);
    expect(JSON.parse(DERIBIT_TEST_REQUEST)).toMatchObject({ jsonrpc: '2.0', method: 'public/test' });
    expect(parseDeribitFrame(JSON.stringify({ jsonrpc: '2.0', method: 'heartbeat', params: { type: 'heartbeat' } }))).toEqual([{ type: 'heartbeat' }]);
    expect(parseDeribitFrame(JSON.stringify({ jsonrpc: '2.0', id: 4, result: { version: '1.2.26' } }))).toEqual([{ type: 'pong' }]);
  });

  it('asks for it with every subscription, and leaves and rejoins channels without it', () => {
    expect(JSON.parse(deribit.subscribe(market)[0]!)).toEqual({ jsonrpc: '2.0', id: 3, method: 'public/set_heartbeat', params: { interval: 30 } });
    expect(deribit.unsubscribe!(market).map((t) => JSON.parse(t))).toEqual([
      { jsonrpc: '2.0', id: 2, method: 'public/unsubscribe', params: { channels: ['book.BTC-PERPETUAL.100ms', 'trades.BTC-PERPETUAL.100ms'] } },
    ]);
  });
});

describe('Deribit spot', () => {
  it('subscribes to its pair on the same socket and reads its amounts in the base coin', () => {
    const spot = testMarket('deribit-spot');
    expect(JSON.parse(deribitSpot.subscribe(spot)[1]!).params).toEqual({ channels: ['book.BTC_USDC.100ms', 'trades.BTC_USDC.100ms'] });
    const [m] = deribitSpot.parse(book('snapshot', 5, [['new', 91000, 0.0001]], [['new', 91001, 1.25]], undefined, 'BTC_USDC'));
    expect(m).toMatchObject({ type: 'snapshot', symbol: 'BTC_USDC', bids: [['91000', '0.0001']], asks: [['91001', '1.25']] });
  });
});

describe('Deribit numbers', () => {
  it('writes a JSON number as the decimal it stands for, exponent forms included; a string is left to the grammar', () => {
    expect(numberText(5043.3, 'p')).toBe('5043.3');
    expect(numberText(30, 'q')).toBe('30');
    expect(numberText(1.5e-7, 'q')).toBe('0.00000015');
    expect(numberText(1e-7, 'q')).toBe('0.0000001');
    expect(numberText(1.25e21, 'q')).toBe('1250000000000000000000');
    expect(numberText('0x10', 'q')).toBe('0x10');
    expect(() => numberText(null, 'q')).toThrow(/q is not a number/);
    expect(() => numberText(Infinity, 'q')).toThrow(/q is not a number/);
  });

  it('every positive number reads back as itself through the book grammar', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-12, max: 1e15, noNaN: true, noDefaultInfinity: true }), (n) => {
        expect(decimalValue(numberText(n, 'n'), SIZE_DIGITS)).toBe(n);
      }),
      { numRuns: 2000 },
    );
  });
});
