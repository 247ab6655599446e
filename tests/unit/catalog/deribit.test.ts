import { describe, expect, it } from 'vitest';
import {
  deribitCatalogSource,
  deribitInstrumentsRequest,
  parseDeribitInstruments,
  parseDeribitInstrumentsAnswer,
} from '../../../src/catalog/deribit';
import { documented } from '../../helpers/documented';

type Answer = { result: Record<string, unknown>[] } & Record<string, unknown>;
const FUTURES = documented('deribit', 'instruments-future.json');
const answer = (): Answer => JSON.parse(FUTURES) as Answer;
/** The documented BTC-PERPETUAL entry. */
const perpetual = (): Record<string, unknown> => answer().result[1]!;

function listing(...instruments: Record<string, unknown>[]): string {
  return JSON.stringify({ ...answer(), result: instruments });
}

/**
 * A spot pair with the fields the get_instruments schema gives every instrument, settlement_period and
 * settlement_currency left out ("Optional (not added for spot)"); the documentation prints no spot example.
 */
function spotPair(): Record<string, unknown> {
  const pair: Record<string, unknown> = { ...perpetual(), kind: 'spot', instrument_name: 'BTC_USDC', quote_currency: 'USDC', counter_currency: 'USDC', tick_size: 1, min_trade_amount: 0.0001, contract_size: 0.0001 };
  for (const field of ['settlement_period', 'settlement_currency', 'instrument_type']) delete pair[field];
  return pair;
}
const btcUsdc = spotPair();

describe('Deribit instruments', () => {
  it('reads the documented futures: BTC-PERPETUAL in USD (inverse), tick 0.5, in contracts of 10 USD; the dated future left out', () => {
    expect(parseDeribitInstruments(FUTURES, 'deribit')).toEqual([
      { venue: 'deribit', feed: 'deribit', base: 'BTC', quote: 'USD', symbol: 'BTC-PERPETUAL', kind: 'perpetual', tick: 0.5, lot: 10, contractSize: 1, inverse: true },
    ]);
  });

  it('reads a linear perpetual in its base coin, in steps of min_trade_amount', () => {
    const linear = { ...perpetual(), instrument_name: 'BTC_USDC-PERPETUAL', instrument_type: 'linear', quote_currency: 'USDC', counter_currency: 'USDC', tick_size: 1, min_trade_amount: 0.001 };
    expect(parseDeribitInstruments(listing(linear), 'deribit')).toEqual([
      { venue: 'deribit', feed: 'deribit', base: 'BTC', quote: 'USDC', symbol: 'BTC_USDC-PERPETUAL', kind: 'perpetual', tick: 1, lot: 0.001, contractSize: 1 },
    ]);
  });

  it('reads a spot pair in its base coin, and keeps each feed to its kind', () => {
    expect(parseDeribitInstruments(listing(btcUsdc), 'deribit-spot')).toEqual([
      { venue: 'deribit', feed: 'deribit-spot', base: 'BTC', quote: 'USDC', symbol: 'BTC_USDC', kind: 'spot', tick: 1, lot: 0.0001, contractSize: 1 },
    ]);
    expect(parseDeribitInstruments(listing(btcUsdc), 'deribit')).toEqual([]);
    expect(parseDeribitInstruments(FUTURES, 'deribit-spot')).toEqual([]);
  });

  it('lists active instruments whose quote it converts and whose counter currency agrees', () => {
    expect(parseDeribitInstruments(listing({ ...perpetual(), is_active: false }), 'deribit')).toEqual([]);
    expect(parseDeribitInstruments(listing({ ...perpetual(), quote_currency: 'EURR', counter_currency: 'EURR' }), 'deribit')).toEqual([]);
    expect(parseDeribitInstruments(listing({ ...perpetual(), counter_currency: 'USDC' }), 'deribit')).toEqual([]);
  });

  it('refuses a perpetual of an unknown type and an error answer', () => {
    expect(() => parseDeribitInstruments(listing({ ...perpetual(), instrument_type: 'quanto' }), 'deribit')).toThrow('result[0].instrument_type is quanto');
    expect(() => parseDeribitInstruments(documented('deribit', 'error-response.json'), 'deribit')).toThrow('11050 bad_request');
  });

  it('asks the WebSocket API first, for every currency of the kind, and knows its answer by id', () => {
    const source = deribitCatalogSource('deribit');
    const requests = source.requests(source.endpoint);
    expect(requests).toEqual([
      { via: 'socket', url: 'wss://www.deribit.com/ws/api/v2', text: deribitInstrumentsRequest('deribit') },
      { via: 'fetch', url: 'https://www.deribit.com/api/v2/public/get_instruments?currency=any&kind=future' },
    ]);
    expect(JSON.parse(deribitInstrumentsRequest('deribit-spot'))).toMatchObject({ jsonrpc: '2.0', method: 'public/get_instruments', params: { currency: 'any', kind: 'spot' } });
    const id = (JSON.parse(deribitInstrumentsRequest('deribit')) as { id: number }).id;
    expect(parseDeribitInstrumentsAnswer(FUTURES, 'deribit')).toBeUndefined();
    expect(source.read(JSON.stringify({ ...answer(), id }), requests[0]!)?.markets).toHaveLength(1);
    expect(source.read(FUTURES, requests[1]!)?.markets).toHaveLength(1);
  });
});
