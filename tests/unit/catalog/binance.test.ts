import { describe, expect, it } from 'vitest';
import { binanceExchangeInfoRequest, parseBinanceApiAnswer, parseExchangeInfo } from '../../../src/catalog/binance';
import { documented } from '../../helpers/documented';

/** Binance's documented answers (tests/fixtures/binance/docs: INSTRUMENTS.md, SOURCE.md, instruments-sources.md). */
const doc = (file: string): Record<string, unknown> => JSON.parse(documented('binance', file)) as Record<string, unknown>;

/** A documented exchangeInfo with its one symbol changed as `change` says (another quote, status, contract type). */
function withSymbol(info: Record<string, unknown>, change: Record<string, unknown>): Record<string, unknown> {
  const [symbol] = info.symbols as Record<string, unknown>[];
  return { ...info, symbols: [{ ...symbol, ...change }] };
}

/** The WebSocket API's documented answer, carrying the catalog request's id as an answer to it would. */
function apiAnswer(change: Record<string, unknown> = {}): string {
  const answer = doc('ws-api-exchange-info.json');
  const id = (JSON.parse(binanceExchangeInfoRequest()) as { id: string }).id;
  return JSON.stringify({ ...answer, id, result: withSymbol(answer.result as Record<string, unknown>, change) });
}

describe('Binance spot exchangeInfo (WebSocket API and REST)', () => {
  it('asks the WebSocket API the documented method for the spot symbols', () => {
    const request = JSON.parse(binanceExchangeInfoRequest()) as Record<string, unknown>;
    expect(request).toMatchObject({ method: 'exchangeInfo', params: { permissions: ['SPOT'], showPermissionSets: false } });
  });

  it('leaves out the documented BNBBTC: it is quoted in BTC, which the app does not convert', () => {
    expect(parseBinanceApiAnswer(apiAnswer())).toEqual([]);
  });

  it('reads a USDT symbol of the documented form with the PRICE_FILTER tick and the LOT_SIZE step', () => {
    expect(parseBinanceApiAnswer(apiAnswer({ symbol: 'BNBUSDT', quoteAsset: 'USDT' }))).toEqual([
      { venue: 'binance', feed: 'binance', base: 'BNB', quote: 'USDT', symbol: 'BNBUSDT', kind: 'spot', tick: 0.000001, lot: 0.001, contractSize: 1 },
    ]);
  });

  it('lists trading symbols only: a halted or a non-spot symbol is left out', () => {
    expect(parseBinanceApiAnswer(apiAnswer({ quoteAsset: 'USDT', status: 'HALT' }))).toEqual([]);
    expect(parseBinanceApiAnswer(apiAnswer({ quoteAsset: 'USDT', isSpotTradingAllowed: false }))).toEqual([]);
  });

  it('waits past a frame that answers another request, and reports a failed answer with its code and message', () => {
    const failed = doc('ws-api-error.json');
    expect(parseBinanceApiAnswer(JSON.stringify(failed))).toBeUndefined();
    const id = (JSON.parse(binanceExchangeInfoRequest()) as { id: string }).id;
    expect(() => parseBinanceApiAnswer(JSON.stringify({ ...failed, id }))).toThrow('status 400: -2010 Account has insufficient balance for requested action.');
  });

  it('reads the REST answer, the same object as the WebSocket API result: ETHBTC is quoted in BTC, so nothing is listed', () => {
    expect(parseExchangeInfo(documented('binance', 'instruments-rest-exchange-info.json'), 'binance')).toEqual([]);
    const result = doc('ws-api-exchange-info.json').result as Record<string, unknown>;
    expect(parseExchangeInfo(JSON.stringify(withSymbol(result, { quoteAsset: 'USDC', symbol: 'BNBUSDC' })), 'binance')).toMatchObject([{ symbol: 'BNBUSDC', quote: 'USDC', tick: 0.000001 }]);
  });

  it('refuses the documented error payload, an HTML page and a list that is not one', () => {
    expect(() => parseExchangeInfo(documented('binance', 'rest-error.json'), 'binance')).toThrow('-1121 Invalid symbol.');
    expect(() => parseExchangeInfo('<html><body>429 Too Many Requests</body></html>', 'binance')).toThrow(/HTML page/);
    expect(() => parseExchangeInfo('{"symbols": {"BTCUSDT": {}}}', 'binance')).toThrow('symbols is not a list');
    expect(() => parseExchangeInfo(JSON.stringify(withSymbol(doc('ws-api-exchange-info.json').result as Record<string, unknown>, { quoteAsset: 'USDT', filters: [{ filterType: 'PRICE_FILTER', tickSize: 'x' }] })), 'binance')).toThrow(/tickSize is not an increment/);
  });
});

describe('Binance USD-M exchangeInfo', () => {
  it('reads the documented BLZUSDT perpetual: tick 0.0001 and step 1 from the filters, not pricePrecision 5, sizes in BLZ', () => {
    expect(parseExchangeInfo(documented('binance', 'usdm-exchange-info.json'), 'binance-usdm')).toEqual([
      { venue: 'binance', feed: 'binance-usdm', base: 'BLZ', quote: 'USDT', symbol: 'BLZUSDT', kind: 'perpetual', tick: 0.0001, lot: 1, contractSize: 1 },
    ]);
  });

  it('lists perpetuals only: a quarterly contract or one that is settling is left out', () => {
    const info = doc('usdm-exchange-info.json');
    expect(parseExchangeInfo(JSON.stringify(withSymbol(info, { contractType: 'CURRENT_QUARTER' })), 'binance-usdm')).toEqual([]);
    expect(parseExchangeInfo(JSON.stringify(withSymbol(info, { status: 'SETTLING' })), 'binance-usdm')).toEqual([]);
  });
});
