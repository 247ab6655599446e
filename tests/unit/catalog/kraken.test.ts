import { describe, expect, it } from 'vitest';
import { parseKrakenAssetPairs } from '../../../src/catalog/kraken';
import { documented } from '../../helpers/documented';

/** The documented example's XBT/USD pair (tests/fixtures/kraken/docs/instruments-sources.md). */
const xbtusd = (): { error: string[]; result: Record<string, Record<string, unknown>> } =>
  JSON.parse(documented('kraken', 'instruments-asset-pairs-xbtusd.json')) as { error: string[]; result: Record<string, Record<string, unknown>> };

/** The documented pair with some fields changed, listed under its key. */
function pair(change: Record<string, unknown>): string {
  const answer = xbtusd();
  return JSON.stringify({ ...answer, result: { XXBTZUSD: { ...answer.result.XXBTZUSD, ...change } } });
}

describe('Kraken AssetPairs', () => {
  it('reads the documented XBT/USD pair under its WebSocket v2 name BTC/USD, tick 0.1, lot of 8 decimals', () => {
    expect(parseKrakenAssetPairs(documented('kraken', 'instruments-asset-pairs-xbtusd.json'))).toEqual([
      { venue: 'kraken', feed: 'kraken', base: 'BTC', quote: 'USD', symbol: 'BTC/USD', kind: 'spot', tick: 0.1, lot: 0.00000001, contractSize: 1 },
    ]);
  });

  it('leaves out the documented ETH/XBT pair: it is quoted in bitcoin', () => {
    expect(parseKrakenAssetPairs(documented('kraken', 'asset-pairs.json'))).toEqual([]);
  });

  it('renames Dogecoin as v2 does (XDG/USD → DOGE/USD) and reads a stablecoin book (USDT/USD)', () => {
    expect(parseKrakenAssetPairs(pair({ wsname: 'XDG/USD' }))).toMatchObject([{ base: 'DOGE', symbol: 'DOGE/USD' }]);
    expect(parseKrakenAssetPairs(pair({ wsname: 'USDT/USD' }))).toMatchObject([{ base: 'USDT', quote: 'USD', symbol: 'USDT/USD' }]);
  });

  it('takes the tick from pair_decimals where tick_size is absent', () => {
    expect(parseKrakenAssetPairs(pair({ tick_size: undefined, pair_decimals: 2 }))).toMatchObject([{ tick: 0.01 }]);
  });

  it('lists online pairs with a WebSocket name only', () => {
    for (const status of ['cancel_only', 'post_only', 'limit_only', 'reduce_only']) expect(parseKrakenAssetPairs(pair({ status }))).toEqual([]);
    expect(parseKrakenAssetPairs(pair({ wsname: undefined }))).toEqual([]);
  });

  it("refuses an answer whose error list is not empty, and one that is not Kraken's JSON", () => {
    expect(() => parseKrakenAssetPairs('{"error":["EAPI:Rate limit exceeded"]}')).toThrow('EAPI:Rate limit exceeded');
    expect(() => parseKrakenAssetPairs('<!DOCTYPE html><title>502 Bad Gateway</title>')).toThrow(/HTML page/);
    expect(() => parseKrakenAssetPairs(pair({ lot_decimals: 'eight' }))).toThrow(/lot_decimals is not a count of decimals/);
  });
});
