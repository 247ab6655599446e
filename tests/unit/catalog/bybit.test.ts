import { describe, expect, it } from 'vitest';
import { parseBybitInstruments } from '../../../src/catalog/bybit';
import { CATALOG_SOURCES } from '../../../src/catalog/sources';
import { documented } from '../../helpers/documented';

const doc = (file: string): string => documented('bybit', file);

describe('Bybit instruments-info', () => {
  it('reads the documented spot example: BTCUSDT, tick 0.1, lot basePrecision 0.000001, one page', () => {
    expect(parseBybitInstruments(doc('instruments-spot.json'), 'bybit')).toEqual({
      markets: [{ venue: 'bybit', feed: 'bybit', base: 'BTC', quote: 'USDT', symbol: 'BTCUSDT', kind: 'spot', tick: 0.1, lot: 0.000001, contractSize: 1 }],
    });
  });

  it('reads the documented linear perpetual: BTCUSDT, tick 0.10, lot qtyStep 0.001 in BTC, the last page', () => {
    expect(parseBybitInstruments(doc('instruments-linear.json'), 'bybit-linear')).toEqual({
      markets: [{ venue: 'bybit', feed: 'bybit-linear', base: 'BTC', quote: 'USDT', symbol: 'BTCUSDT', kind: 'perpetual', tick: 0.1, lot: 0.001, contractSize: 1 }],
    });
  });

  it('leaves out the documented pre-market contract (PreLaunch) and gives its page cursor', () => {
    expect(parseBybitInstruments(doc('instruments-linear-pre-market.json'), 'bybit-linear')).toEqual({ markets: [], nextCursor: 'first%3DBIOUSDT%26last%3DBIOUSDT' });
  });

  it('asks for the next page with the cursor as it came, in place of the last one', () => {
    const source = CATALOG_SOURCES['bybit-linear'];
    const [request] = source.requests({ rest: 'https://api.bybit.com' });
    expect(request).toEqual({ via: 'fetch', url: 'https://api.bybit.com/v5/market/instruments-info?category=linear&limit=1000' });
    const page = source.read(doc('instruments-linear-pre-market.json'), request!);
    expect(page?.next).toEqual({ via: 'fetch', url: 'https://api.bybit.com/v5/market/instruments-info?category=linear&limit=1000&cursor=first%3DBIOUSDT%26last%3DBIOUSDT' });
    expect(source.read(doc('instruments-linear-pre-market.json'), page!.next!)?.next).toEqual(page?.next);
  });

  it('lists perpetuals only on linear: a dated future is left out', () => {
    const answer = JSON.parse(doc('instruments-linear.json')) as { result: { list: Record<string, unknown>[] } };
    answer.result.list = answer.result.list.map((i) => ({ ...i, contractType: 'LinearFutures', symbol: 'BTCUSDT-26DEC25' }));
    expect(parseBybitInstruments(JSON.stringify(answer), 'bybit-linear').markets).toEqual([]);
  });

  it('refuses an answer with a non-zero retCode', () => {
    expect(() => parseBybitInstruments('{"retCode":10006,"retMsg":"Too many visits!","result":{},"retExtInfo":{},"time":1}', 'bybit')).toThrow('10006 Too many visits!');
  });
});
