import { describe, expect, it } from 'vitest';
import { parseOkxInstruments } from '../../../src/catalog/okx';
import { documented } from '../../helpers/documented';

type Instruments = { data: Record<string, unknown>[] } & Record<string, unknown>;
const doc = (file: string): Instruments => JSON.parse(documented('okx', file)) as Instruments;

/** An answer of the file's first instrument with `change` applied. */
function first(file: string, change: Record<string, unknown>): string {
  const answer = doc(file);
  return JSON.stringify({ ...answer, data: [{ ...answer.data[0], ...change }] });
}

describe('OKX instruments', () => {
  it('reads the documented SPOT example: BTC-USDT, tick 0.1, lot 0.00000001 BTC', () => {
    expect(parseOkxInstruments(documented('okx', 'rest-instruments.json'), 'okx')).toEqual([
      { venue: 'okx', feed: 'okx', base: 'BTC', quote: 'USDT', symbol: 'BTC-USDT', kind: 'spot', tick: 0.1, lot: 0.00000001, contractSize: 1 },
    ]);
  });

  it('reads a linear SWAP in contracts of ctVal base units (0.01 BTC for BTC-USDT-SWAP), the inverse one left out', () => {
    expect(parseOkxInstruments(documented('okx', 'instruments-swap-shape.json'), 'okx-swap')).toEqual([
      { venue: 'okx', feed: 'okx-swap', base: 'BTC', quote: 'USDT', symbol: 'BTC-USDT-SWAP', kind: 'perpetual', tick: 0.1, lot: 0.01, contractSize: 0.01 },
    ]);
  });

  it('keeps each feed to its own instrument type', () => {
    expect(parseOkxInstruments(documented('okx', 'rest-instruments.json'), 'okx-swap')).toEqual([]);
    expect(parseOkxInstruments(documented('okx', 'instruments-swap-shape.json'), 'okx')).toEqual([]);
  });

  it('lists live instruments only, and no contract valued in another currency than its base', () => {
    for (const state of ['suspend', 'preopen', 'test']) expect(parseOkxInstruments(first('rest-instruments.json', { state }), 'okx')).toEqual([]);
    expect(parseOkxInstruments(first('instruments-swap-shape.json', { ctValCcy: 'USDT' }), 'okx-swap')).toEqual([]);
  });

  it('refuses a swap without its contract value, and an answer with a non-zero code', () => {
    expect(() => parseOkxInstruments(first('instruments-swap-shape.json', { ctVal: '' }), 'okx-swap')).toThrow('data[0].ctVal is missing');
    expect(() => parseOkxInstruments('{"code":"50011","msg":"Too Many Requests","data":[]}', 'okx')).toThrow('50011 Too Many Requests');
  });
});
