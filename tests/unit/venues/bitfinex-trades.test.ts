import { describe, expect, it } from 'vitest';
import { readBitfinexTrade, readBitfinexTradeSnapshot } from '../../../src/venues/bitfinex-trades';
import { documented } from '../../helpers/documented';

/** The documented trades snapshot's entries (tests/fixtures/bitfinex/docs/trades-snapshot.json). */
const SNAPSHOT = (JSON.parse(documented('bitfinex', 'trades-snapshot.json')) as [number, unknown[]])[1];

describe('Bitfinex trades', () => {
  it('reads AMOUNT positive as a buy and negative as a sell, the taker side, its size in base units', () => {
    expect(readBitfinexTrade([401597395, 1574694478808, 0.005, 7245.3])).toEqual({ id: '401597395', time: 1574694478808, price: 7245.3, size: 0.005, side: 'buy' });
    expect(readBitfinexTrade([401597396, 1574694478809, -2.5e-7, 7245.3])).toEqual({ id: '401597396', time: 1574694478809, price: 7245.3, size: 2.5e-7, side: 'sell' });
  });

  it('orders the documented snapshot, newest first on the wire, oldest first', () => {
    expect(readBitfinexTradeSnapshot(SNAPSHOT).map((t) => t.id)).toEqual(['401597392', '401597393']);
  });

  it('refuses a trade of nothing, at no price, or not in the documented [ID, MTS, AMOUNT, PRICE] shape', () => {
    expect(() => readBitfinexTrade([1, 2, 0, 7245.3])).toThrow('AMOUNT');
    expect(() => readBitfinexTrade([1, 2, 0.5, 0])).toThrow('PRICE');
    expect(() => readBitfinexTrade([1, 2, 0.5])).toThrow('[ID, MTS, AMOUNT, PRICE]');
    expect(() => readBitfinexTrade([1, 2, '0.5', 7245.3])).toThrow('AMOUNT or PRICE');
    expect(() => readBitfinexTrade(['x', 2, 0.5, 7245.3])).toThrow('ID');
  });
});
