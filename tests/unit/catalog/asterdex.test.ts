import { describe, expect, it } from 'vitest';
import { parseAsterdexExchangeInfo } from '../../../src/catalog/asterdex';
import { documented } from '../../helpers/documented';

describe('AsterDEX exchangeInfo (tests/fixtures/asterdex/docs/INSTRUMENTS.md)', () => {
  it('reads the documented answer as it is printed: symbol DOGEUSDT with baseAsset BLZ', () => {
    // The page's example pairs the symbol DOGEUSDT with Binance's baseAsset BLZ; the fields are read as they say.
    expect(parseAsterdexExchangeInfo(documented('asterdex', 'exchange-info.json'))).toEqual([
      { venue: 'asterdex', feed: 'asterdex', base: 'BLZ', quote: 'USDT', symbol: 'DOGEUSDT', kind: 'perpetual', tick: 0.0001, lot: 1, contractSize: 1 },
    ]);
  });

  it('lists trading perpetuals only, as Binance USD-M does', () => {
    const info = JSON.parse(documented('asterdex', 'exchange-info.json')) as { symbols: Record<string, unknown>[] };
    info.symbols = info.symbols.map((s) => ({ ...s, status: 'PENDING_TRADING' }));
    expect(parseAsterdexExchangeInfo(JSON.stringify(info))).toEqual([]);
  });

  it('refuses the documented error payload', () => {
    expect(() => parseAsterdexExchangeInfo(documented('asterdex', 'rest-error.json'))).toThrow('-1121 Invalid symbol.');
  });
});
