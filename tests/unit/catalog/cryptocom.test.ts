import { describe, expect, it } from 'vitest';
import { parseCryptocomInstruments } from '../../../src/catalog/cryptocom';
import { CATALOG_SOURCES } from '../../../src/catalog/sources';
import { documented } from '../../helpers/documented';

type Json = Record<string, unknown>;

const doc = (file: string): string => documented('cryptocom', file);

/** The documented answer with its one instrument replaced by `instruments` (each the documented one, changed). */
function answerWith(instruments: readonly Json[]): string {
  const answer = JSON.parse(doc('instruments.json')) as { result: { data: Json[] } };
  const [documentedOne] = answer.result.data;
  return JSON.stringify({ ...answer, result: { data: instruments.map((i) => ({ ...documentedOne, ...i })) } });
}

const BTC_PERP = { venue: 'cryptocom', feed: 'cryptocom-perp', base: 'BTC', quote: 'USD', symbol: 'BTCUSD-PERP', kind: 'perpetual', tick: 0.5, lot: 0.0001, contractSize: 1 };

describe('Crypto.com public/get-instruments', () => {
  it('reads the documented perpetual: BTCUSD-PERP in USD, tick 0.5, lot 0.0001 in BTC', () => {
    expect(parseCryptocomInstruments(doc('instruments.json'), 'cryptocom-perp')).toEqual([BTC_PERP]);
    expect(parseCryptocomInstruments(doc('instruments.json'), 'cryptocom')).toEqual([]);
  });

  it("reads the newer reference's example, code and decimals as strings, the same", () => {
    expect(parseCryptocomInstruments(doc('instruments-reference.json'), 'cryptocom-perp')).toEqual([BTC_PERP]);
  });

  it('lists tradable spot pairs named BASE_QUOTE in USD, USDT or USDC on spot, and perpetuals alone on the perpetual feed', () => {
    const spot = { inst_type: 'CCY_PAIR', expiry_timestamp_ms: 0, max_leverage: '10' };
    const body = answerWith([
      { ...spot, symbol: 'BTC_USDT', display_name: 'BTC/USDT', quote_ccy: 'USDT', price_tick_size: '0.01', qty_tick_size: '0.00001' },
      { ...spot, symbol: 'BTC_USD', display_name: 'BTC/USD', quote_ccy: 'USD', price_tick_size: '0.01', qty_tick_size: '0.00001' },
      { ...spot, symbol: 'ETH_BTC', base_ccy: 'ETH', quote_ccy: 'BTC' },
      { ...spot, symbol: 'SOL_USDT', base_ccy: 'SOL', quote_ccy: 'USDT', tradable: false },
      { ...spot, symbol: 'BTC_USDT@OEX_HK', quote_ccy: 'USDT' },
      { symbol: 'BTCUSD-251226', inst_type: 'FUTURE' },
      { contract_size: '1' },
    ]);
    expect(parseCryptocomInstruments(body, 'cryptocom').map((m) => [m.symbol, m.quote, m.tick, m.lot, m.kind])).toEqual([
      ['BTC_USDT', 'USDT', 0.01, 0.00001, 'spot'],
      ['BTC_USD', 'USD', 0.01, 0.00001, 'spot'],
    ]);
    expect(parseCryptocomInstruments(body, 'cryptocom-perp')).toEqual([BTC_PERP]);
  });

  it("takes a perpetual's contract size where the list gives one", () => {
    expect(parseCryptocomInstruments(answerWith([{ contract_size: '0.001' }]), 'cryptocom-perp')).toEqual([{ ...BTC_PERP, contractSize: 0.001 }]);
  });

  it('refuses the documented refusal, and an answer without the list', () => {
    expect(() => parseCryptocomInstruments(doc('instruments-429.json'), 'cryptocom')).toThrow('42901 TOO_MANY_REQUESTS');
    expect(() => parseCryptocomInstruments('{"id":1,"method":"public/get-instruments","code":0,"result":{}}', 'cryptocom')).toThrow(/result.data is not a list/);
    expect(() => parseCryptocomInstruments(answerWith([{ price_tick_size: 'half' }]), 'cryptocom-perp')).toThrow(/price_tick_size/);
  });

  it('asks the one list for both feeds at api.crypto.com', () => {
    for (const feed of ['cryptocom', 'cryptocom-perp'] as const) {
      const source = CATALOG_SOURCES[feed];
      expect(source.requests(source.endpoint)).toEqual([{ via: 'fetch', url: 'https://api.crypto.com/exchange/v1/public/get-instruments' }]);
      expect(source.read(doc('instruments.json'), source.requests(source.endpoint)[0]!)).toEqual({ markets: feed === 'cryptocom' ? [] : [BTC_PERP] });
    }
  });
});
