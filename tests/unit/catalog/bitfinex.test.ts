import { describe, expect, it } from 'vitest';
import { parseBitfinexPairs } from '../../../src/catalog/bitfinex';
import { CATALOG_SOURCES } from '../../../src/catalog/sources';
import { documented } from '../../helpers/documented';

const spot = (base: string, quote: string, symbol: string) => ({ venue: 'bitfinex', feed: 'bitfinex', base, quote, symbol, kind: 'spot', tick: undefined, lot: undefined, contractSize: 1 });

describe('Bitfinex pair lists', () => {
  it('reads the exchange pairs quoted in USD, USDt (UST) and USDC (UDC), codes longer than three letters split at the colon', () => {
    expect(parseBitfinexPairs(documented('bitfinex', 'pairs-exchange-shape.json'), 'bitfinex')).toEqual([
      spot('1INCH', 'USD', 't1INCH:USD'),
      spot('1INCH', 'USDT', 't1INCH:UST'),
      spot('BTC', 'USD', 'tBTCUSD'),
      spot('BTC', 'USDT', 'tBTCUST'),
      spot('BTC', 'USDC', 'tBTCUDC'),
      spot('ETH', 'USD', 'tETHUSD'),
      spot('ETH', 'USDT', 'tETHUST'),
    ]);
  });

  it('reads the perpetuals (F0) in base units, their quote the USDt they settle in, test pairs left out', () => {
    expect(parseBitfinexPairs(documented('bitfinex', 'pairs-futures-shape.json'), 'bitfinex-perp')).toEqual([
      { venue: 'bitfinex', feed: 'bitfinex-perp', base: 'BTC', quote: 'USDT', symbol: 'tBTCF0:USTF0', kind: 'perpetual', tick: undefined, lot: undefined, contractSize: 1 },
      { venue: 'bitfinex', feed: 'bitfinex-perp', base: 'ETH', quote: 'USDT', symbol: 'tETHF0:USTF0', kind: 'perpetual', tick: undefined, lot: undefined, contractSize: 1 },
      { venue: 'bitfinex', feed: 'bitfinex-perp', base: 'EUR', quote: 'USDT', symbol: 'tEURF0:USTF0', kind: 'perpetual', tick: undefined, lot: undefined, contractSize: 1 },
    ]);
  });

  it("says what came instead of the list: Bitfinex's error answer, an HTML page, another shape", () => {
    expect(() => parseBitfinexPairs('["error",11010,"ratelimit: error"]', 'bitfinex')).toThrow('error 11010 ratelimit: error');
    expect(() => parseBitfinexPairs('<html><body>502</body></html>', 'bitfinex')).toThrow('an HTML page');
    expect(() => parseBitfinexPairs('{"pairs":[]}', 'bitfinex')).toThrow('not a list');
    expect(() => parseBitfinexPairs('[[1]]', 'bitfinex')).toThrow('[0][0] is not a name');
  });

  it('asks the documented public host for each feed its own list', () => {
    for (const [feed, list] of [
      ['bitfinex', 'pub:list:pair:exchange'],
      ['bitfinex-perp', 'pub:list:pair:futures'],
    ] as const) {
      const source = CATALOG_SOURCES[feed];
      expect(source.requests(source.endpoint)).toEqual([{ via: 'fetch', url: `https://api-pub.bitfinex.com/v2/conf/${list}` }]);
    }
  });
});
