import { describe, expect, it } from 'vitest';
import { countMatches, pairMatch, searchBases } from '../../src/ui/pair-search';
import type { CatalogEntry } from '../../src/worker/api';

/** The catalog's bases as the worker lists them: most-listed first. */
const BASES: CatalogEntry[] = [
  { base: 'BTC', feeds: ['binance', 'binance-usdm', 'kraken', 'coinbase', 'bingx', 'bingx-swap', 'okx', 'okx-swap', 'bybit', 'bybit-linear', 'asterdex'] },
  { base: 'ETH', feeds: ['binance', 'binance-usdm', 'kraken', 'coinbase', 'okx', 'okx-swap', 'bybit', 'bybit-linear', 'asterdex'] },
  { base: 'PEPE', feeds: ['binance', 'okx', 'okx-swap', 'bybit', 'bybit-linear'] },
  { base: '1000PEPE', feeds: ['binance-usdm', 'asterdex'] },
  { base: 'SPEPE', feeds: ['bingx'] },
  { base: 'WBTC', feeds: ['coinbase'] },
];

describe('the pair search', () => {
  it('finds a base whatever its case or surrounding spaces: "pepe" finds PEPE first', () => {
    expect(searchBases(BASES, ' pepe ').map((m) => m.base)).toEqual(['PEPE', '1000PEPE', 'SPEPE']);
  });

  it('puts the exact name first, then names starting with the text, then names containing it', () => {
    expect(searchBases(BASES, 'btc').map((m) => m.base)).toEqual(['BTC', 'WBTC']);
    expect(searchBases(BASES, 'e').map((m) => m.base)).toEqual(['ETH', 'PEPE', '1000PEPE', 'SPEPE']);
  });

  it('lists the most-listed bases for an empty search, at most `limit`', () => {
    expect(searchBases(BASES, '', 3).map((m) => m.base)).toEqual(['BTC', 'ETH', 'PEPE']);
    expect(searchBases(BASES, 'pe', 2).map((m) => m.base)).toEqual(['PEPE', '1000PEPE']);
    expect(countMatches(BASES, 'pe')).toBe(3);
    expect(countMatches(BASES, '')).toBe(BASES.length);
    expect(searchBases(BASES, 'doge')).toEqual([]);
  });

  it('says which feeds list a base as spot and which as perpetual', () => {
    expect(pairMatch(BASES[2]!)).toEqual({ base: 'PEPE', spot: ['binance', 'okx', 'bybit'], perpetual: ['okx-swap', 'bybit-linear'] });
    expect(searchBases(BASES, '1000pepe')[0]).toEqual({ base: '1000PEPE', spot: [], perpetual: ['binance-usdm', 'asterdex'] });
  });
});
