import { describe, expect, it } from 'vitest';
import { bitfinex, bitfinexReader, bookRequest } from '../../../src/venues/bitfinex';
import { bitfinexPerp } from '../../../src/venues/bitfinex-perp';
import { tradesRequest } from '../../../src/venues/bitfinex-trades';
import { documented } from '../../helpers/documented';
import { testMarket } from '../../helpers/markets';

// Documented examples: tests/fixtures/bitfinex/docs (SOURCE.md names each page and section).
const doc = (file: string): string => documented('bitfinex', file).trim();
const json = (file: string): Record<string, unknown> => JSON.parse(doc(file)) as Record<string, unknown>;

/** A documented `subscribed` message announcing `chanId`, the channel id of the documented frames that follow it. */
function announce(file: string, chanId: number): string {
  return JSON.stringify({ ...json(file), chanId });
}

/** A reader that has seen `file`'s subscription announce the channel of the documented frames (the pages' ids differ). */
function readerOn(file: string, chanId: number): (frame: string) => ReturnType<ReturnType<typeof bitfinexReader>> {
  const read = bitfinexReader();
  read(announce(file, chanId));
  return read;
}

describe('Bitfinex documented messages', () => {
  it('subscribes as the documented book request, at P0, real time, 250 levels (the longest len), and to the trades', () => {
    const market = testMarket('bitfinex');
    const documentedBook = json('book-subscribe.json');
    const ours = JSON.parse(bookRequest(market)) as Record<string, unknown>;
    expect(Object.keys(ours).sort()).toEqual(Object.keys(documentedBook).filter((k) => k !== 'subId').sort());
    expect(ours).toEqual({ ...documentedBook, subId: undefined, len: '250' });
    expect(JSON.parse(tradesRequest(market))).toEqual(json('trades-subscribe.json'));
    expect(bitfinex.subscribe(market).map((t) => JSON.parse(t) as unknown)).toEqual([{ event: 'conf', flags: 65_536 + 131_072 + 536_870_912 }, ours, json('trades-subscribe.json')]);
  });

  it('reads the documented subscription answers as information', () => {
    const read = bitfinexReader();
    expect(read(doc('book-subscribed.json'))).toEqual([{ type: 'info', text: 'subscribed book tETHUSD' }]);
    expect(read(doc('trades-subscribed.json'))).toEqual([{ type: 'info', text: 'subscribed trades tBTCUSD' }]);
  });

  it('reads the documented book snapshot and update: AMOUNT > 0 a bid, COUNT 0 with AMOUNT 1 deletes a bid', () => {
    const read = readerOn('book-subscribed.json', 17082);
    expect(read(doc('book-snapshot.json'))).toEqual([{ type: 'snapshot', symbol: 'tETHUSD', bids: [['7254.7', '3.3']], asks: [], seq: undefined }]);
    expect(read(doc('book-update.json'))).toEqual([{ type: 'update', symbol: 'tETHUSD', bids: [['7254.5', '0']], asks: [], seq: undefined }]);
  });

  it('reads the documented trades snapshot oldest first and the te update, the sign of AMOUNT the taker side', () => {
    const read = readerOn('trades-subscribed.json', 17470);
    expect(read(doc('trades-snapshot.json'))).toEqual([
      {
        type: 'trades',
        symbol: 'tBTCUSD',
        seq: undefined,
        trades: [
          { id: '401597392', time: 1574694470503, price: 7245.3, size: 0.01, side: 'sell' },
          { id: '401597393', time: 1574694475039, price: 7244.9, size: 0.005, side: 'buy' },
        ],
      },
    ]);
    expect(read(doc('trades-te.json'))).toEqual([
      { type: 'trades', symbol: 'tBTCUSD', seq: undefined, time: 1574694478808, trades: [{ id: '401597395', time: 1574694478808, price: 7245.3, size: 0.005, side: 'buy' }] },
    ]);
  });

  it('counts a trade once: the documented tu repeats the te trade (same ID) and carries no trade', () => {
    const read = readerOn('trades-subscribed.json', 17470);
    expect(read(doc('trades-tu.json'))).toEqual([{ type: 'info', seq: undefined }]);
  });

  it('names the perpetual as the documented derivatives status does (tBTCF0:USTF0), on the same socket and channels', () => {
    expect(json('status-subscribed-deriv.json').key).toBe('deriv:tBTCF0:USTF0');
    const perp = testMarket('bitfinex-perp');
    expect(perp.symbol).toBe('tBTCF0:USTF0');
    expect(bitfinexPerp.streamUrl(perp, bitfinexPerp.endpoints)).toBe('wss://api-pub.bitfinex.com/ws/2');
    expect(JSON.parse(bitfinexPerp.subscribe(perp)[1]!)).toMatchObject({ channel: 'book', symbol: 'tBTCF0:USTF0' });
  });

  it('refuses a frame on a channel no documented subscription opened on the connection', () => {
    expect(() => bitfinexReader()(doc('book-snapshot.json'))).toThrow('channel 17082');
  });
});
