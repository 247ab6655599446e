import { describe, expect, it } from 'vitest';
import { parseBingxContracts, parseBingxSymbols } from '../../../src/catalog/bingx';
import { documented } from '../../helpers/documented';

const doc = (file: string): string => documented('bingx', file);

describe('BingX spot symbols and swap contracts (tests/fixtures/bingx/docs/INSTRUMENTS.md)', () => {
  it('reads the documented spot symbol: BTC-USDT, tickSize 0.01, stepSize 0.00001', () => {
    expect(parseBingxSymbols(doc('spot-symbols.json'))).toEqual([
      { venue: 'bingx', feed: 'bingx', base: 'BTC', quote: 'USDT', symbol: 'BTC-USDT', kind: 'spot', tick: 0.01, lot: 0.00001, contractSize: 1 },
    ]);
  });

  it('reads the documented contracts: increments from pricePrecision and quantityPrecision, sizes in coins', () => {
    expect(parseBingxContracts(doc('swap-contracts.json'))).toEqual([
      { venue: 'bingx', feed: 'bingx-swap', base: 'BTC', quote: 'USDT', symbol: 'BTC-USDT', kind: 'perpetual', tick: 0.1, lot: 0.0001, contractSize: 1 },
      { venue: 'bingx', feed: 'bingx-swap', base: 'ETH', quote: 'USDT', symbol: 'ETH-USDT', kind: 'perpetual', tick: 0.01, lot: 0.01, contractSize: 1 },
    ]);
  });

  it('lists online markets only (status 1, not 0 offline, 5 pre-open, 25 suspended)', () => {
    for (const status of [0, 5, 25]) {
      const spot = JSON.parse(doc('spot-symbols.json')) as { data: { symbols: Record<string, unknown>[] } };
      spot.data.symbols = spot.data.symbols.map((s) => ({ ...s, status }));
      expect(parseBingxSymbols(JSON.stringify(spot))).toEqual([]);
      const swap = JSON.parse(doc('swap-contracts.json')) as { data: Record<string, unknown>[] };
      swap.data = swap.data.map((c) => ({ ...c, status }));
      expect(parseBingxContracts(JSON.stringify(swap))).toEqual([]);
    }
  });

  it('refuses an answer with a non-zero code', () => {
    expect(() => parseBingxSymbols('{"code":100410,"msg":"FREQUENCY_LIMIT","data":{}}')).toThrow('100410 FREQUENCY_LIMIT');
    expect(() => parseBingxContracts('{"code":0,"msg":"","data":{"symbols":[]}}')).toThrow('data is not a list');
  });
});
