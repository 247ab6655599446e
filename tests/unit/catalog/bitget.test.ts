import { describe, expect, it } from 'vitest';
import { parseBitgetContracts, parseBitgetSymbols } from '../../../src/catalog/bitget';
import { CATALOG_SOURCES } from '../../../src/catalog/sources';
import { SimExchange } from '../../../src/sim/exchange';
import { SIM_LISTINGS } from '../../../src/sim/listings';
import { bitgetSim } from '../../../src/sim/venues/bitget';
import { documented } from '../../helpers/documented';

const doc = (file: string): string => documented('bitget', file);

function edited(file: string, change: (entry: Record<string, unknown>) => Record<string, unknown>): string {
  const answer = JSON.parse(doc(file)) as { data: Record<string, unknown>[] };
  return JSON.stringify({ ...answer, data: answer.data.map(change) });
}

describe('Bitget spot symbols and USDT-M contracts (tests/fixtures/bitget/docs/SOURCE.md)', () => {
  it('reads the documented spot symbol: BTCUSDT, pricePrecision 4 and quantityPrecision 8 as increments', () => {
    expect(parseBitgetSymbols(doc('rest-spot-symbols.json'))).toEqual([
      { venue: 'bitget', feed: 'bitget', base: 'BTC', quote: 'USDT', symbol: 'BTCUSDT', kind: 'spot', tick: 0.0001, lot: 0.00000001, contractSize: 1 },
    ]);
  });

  it('reads the documented contract: tick priceEndStep 1 at pricePlace 1, lot sizeMultiplier, sizes in the base coin', () => {
    expect(parseBitgetContracts(doc('rest-contracts.json'))).toEqual([
      { venue: 'bitget', feed: 'bitget-futures', base: 'BTC', quote: 'USDT', symbol: 'BTCUSDT', kind: 'perpetual', tick: 0.1, lot: 0.01, contractSize: 1 },
    ]);
    expect(parseBitgetContracts(edited('rest-contracts.json', (c) => ({ ...c, priceEndStep: '5', pricePlace: '2' })))[0]!.tick).toBe(0.05);
  });

  it('lists trading markets only: online symbols, normal perpetual contracts, quoted in USD, USDT or USDC', () => {
    for (const status of ['offline', 'gray', 'halt']) expect(parseBitgetSymbols(edited('rest-spot-symbols.json', (s) => ({ ...s, status })))).toEqual([]);
    for (const symbolStatus of ['listed', 'maintain', 'limit_open', 'restrictedAPI', 'off']) {
      expect(parseBitgetContracts(edited('rest-contracts.json', (c) => ({ ...c, symbolStatus })))).toEqual([]);
    }
    expect(parseBitgetContracts(edited('rest-contracts.json', (c) => ({ ...c, symbolType: 'delivery', symbol: 'BTCUSDT0927' })))).toEqual([]);
    expect(parseBitgetSymbols(edited('rest-spot-symbols.json', (s) => ({ ...s, symbol: 'BTCEUR', quoteCoin: 'EUR' })))).toEqual([]);
  });

  it('refuses an answer Bitget refused, or one it cannot read', () => {
    expect(() => parseBitgetSymbols('{"code":"429","msg":"Too Many Requests","requestTime":1,"data":null}')).toThrow('429 Too Many Requests');
    expect(() => parseBitgetSymbols(edited('rest-spot-symbols.json', (s) => ({ ...s, pricePrecision: 4 })))).toThrow(/pricePrecision is not a count of decimals/);
    expect(() => parseBitgetContracts(edited('rest-contracts.json', (c) => ({ ...c, priceEndStep: '0.5' })))).toThrow(/priceEndStep/);
    expect(() => parseBitgetContracts('<html>')).toThrow(/HTML/);
  });

  it('asks the documented endpoints, and reads the simulator\'s answers as the markets it lists', () => {
    const exchange = new SimExchange([bitgetSim], 1);
    for (const [feed, parse] of [
      ['bitget', parseBitgetSymbols],
      ['bitget-futures', parseBitgetContracts],
    ] as const) {
      const [request] = CATALOG_SOURCES[feed].requests(CATALOG_SOURCES[feed].endpoint);
      expect(request).toEqual({
        via: 'fetch',
        url: feed === 'bitget' ? 'https://api.bitget.com/api/v2/spot/public/symbols' : 'https://api.bitget.com/api/v2/mix/market/contracts?productType=USDT-FUTURES',
      });
      const url = new URL(request!.url);
      const answer = exchange.rest('bitget', url.pathname, url.searchParams);
      expect(parse(answer.body)).toEqual(SIM_LISTINGS[feed].map((l) => l.market));
    }
  });
});
