import { describe, expect, it } from 'vitest';
import { buildTimeFeed, readBuildTimeCatalog, writeBuildTimeCatalog } from '../../../src/catalog/build-time';
import type { Market } from '../../../src/venues/types';

const SWAP: Market = { venue: 'okx', feed: 'okx-swap', base: 'BTC', quote: 'USDT', symbol: 'BTC-USDT-SWAP', kind: 'perpetual', tick: 0.1, lot: 0.01, contractSize: 0.01 };

describe('the build-time catalog file', () => {
  it('reads back what the build wrote, each feed with the time its venue was asked', () => {
    const text = writeBuildTimeCatalog({ builtAt: 1_764_000_000_000, feeds: { 'okx-swap': { fetchedAt: 1_763_999_990_000, markets: [SWAP] } } });
    const file = readBuildTimeCatalog(text);
    expect(file.builtAt).toBe(1_764_000_000_000);
    expect(buildTimeFeed(file.feeds, 'okx-swap')).toEqual({ fetchedAt: 1_763_999_990_000, markets: [SWAP] });
    expect(buildTimeFeed(file.feeds, 'okx')).toBeUndefined();
  });

  it("refuses a feed's list that is not the feed's, lacks a contract size or quotes what the app does not convert", () => {
    const feeds = (markets: unknown[]): Record<string, unknown> => ({ 'okx-swap': { fetchedAt: 1, markets } });
    expect(() => buildTimeFeed(feeds([{ ...SWAP, feed: 'okx' }]), 'okx-swap')).toThrow('feeds.okx-swap.markets[0] is not a market of okx-swap');
    expect(() => buildTimeFeed(feeds([{ ...SWAP, kind: 'spot' }]), 'okx-swap')).toThrow(/is not a market of okx-swap/);
    expect(() => buildTimeFeed(feeds([{ ...SWAP, contractSize: undefined }]), 'okx-swap')).toThrow('feeds.okx-swap.markets[0].contractSize is missing');
    expect(() => buildTimeFeed(feeds([{ ...SWAP, quote: 'EUR' }]), 'okx-swap')).toThrow(/quote is not USD, USDT or USDC/);
    expect(() => buildTimeFeed(feeds([]), 'okx-swap')).toThrow('feeds.okx-swap lists no market');
  });

  it('refuses a file that is not one: an HTML page (a 404 page served as 200), no builtAt', () => {
    expect(() => readBuildTimeCatalog('<!doctype html><h1>Page not found</h1>')).toThrow(/HTML page/);
    expect(() => readBuildTimeCatalog('{"feeds":{}}')).toThrow('builtAt is not a time');
  });
});
