import { describe, expect, it } from 'vitest';
import { parseGateContracts, parseGateCurrencyPairs } from '../../../src/catalog/gate';
import { CATALOG_SOURCES } from '../../../src/catalog/sources';
import { documented } from '../../helpers/documented';

const doc = (file: string): string => documented('gate', file);
type Json = Record<string, unknown>;

/** The documented list with its one entry changed. */
function changed(file: string, fields: Json): string {
  const [entry] = JSON.parse(doc(file)) as Json[];
  return JSON.stringify([{ ...entry, ...fields }]);
}

describe('Gate spot currency pairs', () => {
  it('reads the documented pair: ETH_USDT, tick 10^-precision (6), lot 10^-amount_precision (3), sizes in ETH', () => {
    expect(parseGateCurrencyPairs(doc('currency-pairs.json'))).toEqual([
      { venue: 'gate', feed: 'gate', base: 'ETH', quote: 'USDT', symbol: 'ETH_USDT', kind: 'spot', tick: 0.000001, lot: 0.001, contractSize: 1 },
    ]);
  });

  it('lists only pairs that can be bought and sold, not pre-market ones, quoted in USD, USDT or USDC', () => {
    for (const trade_status of ['untradable', 'buyable', 'sellable']) expect(parseGateCurrencyPairs(changed('currency-pairs.json', { trade_status }))).toEqual([]);
    expect(parseGateCurrencyPairs(changed('currency-pairs.json', { type: 'premarket' }))).toEqual([]);
    expect(parseGateCurrencyPairs(changed('currency-pairs.json', { quote: 'BTC', id: 'ETH_BTC' }))).toEqual([]);
    expect(parseGateCurrencyPairs(changed('currency-pairs.json', { quote: 'USDC', id: 'ETH_USDC' }))).toHaveLength(1);
  });

  it("says Gate's refusal, an HTML page, and a malformed entry", () => {
    // A label of the docs' label list (General → Error Handling), in the shape of its example.
    expect(() => parseGateCurrencyPairs('{"label":"SERVER_ERROR","message":"Internal server error"}')).toThrow('SERVER_ERROR Internal server error');
    expect(() => parseGateCurrencyPairs('<html><body>502</body></html>')).toThrow(/HTML page/);
    expect(() => parseGateCurrencyPairs(changed('currency-pairs.json', { precision: 'six' }))).toThrow(/precision is not a count of decimals/);
  });

  it('is asked for at GET /api/v4/spot/currency_pairs on api.gateio.ws', () => {
    const source = CATALOG_SOURCES.gate;
    expect(source.requests(source.endpoint)).toEqual([{ via: 'fetch', url: 'https://api.gateio.ws/api/v4/spot/currency_pairs' }]);
  });
});

describe('Gate USDT futures contracts', () => {
  it('reads the documented contract: BTC_USDT, contracts of quanto_multiplier 0.0001 BTC, tick order_price_round 0.1, lot 1', () => {
    expect(parseGateContracts(doc('futures-contracts.json'))).toEqual([
      { venue: 'gate', feed: 'gate-futures', base: 'BTC', quote: 'USDT', symbol: 'BTC_USDT', kind: 'perpetual', tick: 0.1, lot: 1, contractSize: 0.0001 },
    ]);
  });

  it('lists only direct contracts in trade: not inverse, pre-launch, delisting or delisted ones', () => {
    expect(parseGateContracts(changed('futures-contracts.json', { type: 'inverse' }))).toEqual([]);
    for (const status of ['prelaunch', 'delisting', 'delisted', 'circuit_breaker']) expect(parseGateContracts(changed('futures-contracts.json', { status }))).toEqual([]);
    expect(parseGateContracts(changed('futures-contracts.json', { in_delisting: true }))).toEqual([]);
  });

  it('gives no size step for a contract that trades in fractions, whose step the list does not say', () => {
    expect(parseGateContracts(changed('futures-contracts.json', { enable_decimal: true }))[0]!.lot).toBeUndefined();
  });

  it('refuses a contract without its multiplier, which its sizes cannot be read without', () => {
    expect(() => parseGateContracts(changed('futures-contracts.json', { quanto_multiplier: '' }))).toThrow(/quanto_multiplier is missing/);
  });

  it('is asked for at GET /api/v4/futures/usdt/contracts', () => {
    const source = CATALOG_SOURCES['gate-futures'];
    expect(source.requests(source.endpoint)).toEqual([{ via: 'fetch', url: 'https://api.gateio.ws/api/v4/futures/usdt/contracts' }]);
  });
});
