import { describe, expect, it } from 'vitest';
import { builtInMarkets } from '../../../src/catalog/built-in';
import { marketIn, marketOf, type Catalog } from '../../../src/catalog/types';
import { PROTOCOLS } from '../../../src/venues/index';
import { FEEDS, FEED_IDS, type FeedId } from '../../../src/venues/types';

const catalog: Catalog = Object.fromEntries(FEED_IDS.map((feed) => [feed, { feed, source: 'built-in', markets: builtInMarkets(feed) }]));

/** The large bases a feed lists: Deribit's and Hyperliquid's spot sides list BTC and ETH of them only. */
function largeBases(feed: FeedId): string[] {
  return feed === 'deribit-spot' || feed === 'hyperliquid-spot' ? ['BTC', 'ETH'] : ['BTC', 'ETH', 'SOL', 'XRP', 'DOGE'];
}

describe('the built-in list, the last resort', () => {
  it('lists BTC, ETH, SOL, XRP and DOGE on every feed (BTC and ETH on the small spot sides), each market one of its feed', () => {
    for (const feed of FEED_IDS) {
      for (const base of largeBases(feed)) expect(marketOf(catalog, feed, base), `${feed} ${base}`).toBeDefined();
      for (const m of builtInMarkets(feed)) expect(m).toMatchObject({ feed, venue: FEEDS[feed].venue, kind: FEEDS[feed].kind });
    }
  });

  it('spells each market as its protocol does', () => {
    const btc: Record<FeedId, string> = {
      binance: 'BTCUSDT',
      'binance-usdm': 'BTCUSDT',
      kraken: 'BTC/USD',
      coinbase: 'BTC-USD',
      bingx: 'BTC-USDT',
      'bingx-swap': 'BTC-USDT',
      okx: 'BTC-USDT',
      'okx-swap': 'BTC-USDT-SWAP',
      bybit: 'BTCUSDT',
      'bybit-linear': 'BTCUSDT',
      asterdex: 'BTCUSDT',
      deribit: 'BTC-PERPETUAL',
      'deribit-spot': 'BTC_USDC',
      cryptocom: 'BTC_USDT',
      'cryptocom-perp': 'BTCUSD-PERP',
      bitget: 'BTCUSDT',
      'bitget-futures': 'BTCUSDT',
      gate: 'BTC_USDT',
      'gate-futures': 'BTC_USDT',
      bitfinex: 'tBTCUSD',
      'bitfinex-perp': 'tBTCF0:USTF0',
      hyperliquid: 'BTC',
      // Unit's bridged UBTC/USDC, by its pair's socket name.
      'hyperliquid-spot': '@142',
    };
    for (const feed of FEED_IDS) {
      expect(marketOf(catalog, feed, 'BTC')?.symbol).toBe(btc[feed]);
      // Every protocol can subscribe to its markets.
      for (const m of builtInMarkets(feed)) expect(PROTOCOLS[feed].subscribe(m).join('')).not.toBe('');
    }
  });

  it('holds the stablecoin books the rates are read from', () => {
    expect(marketIn(catalog, 'kraken', 'USDT', 'USD')?.symbol).toBe('USDT/USD');
    expect(marketIn(catalog, 'kraken', 'USDC', 'USD')?.symbol).toBe('USDC/USD');
    expect(marketIn(catalog, 'coinbase', 'USDT', 'USD')?.symbol).toBe('USDT-USD');
    expect(marketIn(catalog, 'binance', 'USDC', 'USDT')?.symbol).toBe('USDCUSDT');
    expect(marketIn(catalog, 'okx', 'USDC', 'USDT')?.symbol).toBe('USDC-USDT');
  });

  it("sizes OKX SWAP books in contracts of OKX's ctVal and every other book in the base asset", () => {
    // "ctVal=0.01 BTC for BTC-USDT-SWAP" (OKX, Get instruments); the others as OKX's instrument list gives them.
    const sizes = Object.fromEntries(builtInMarkets('okx-swap').map((m) => [m.base, m.contractSize]));
    expect(sizes).toEqual({ BTC: 0.01, ETH: 0.1, SOL: 1, XRP: 100, DOGE: 1000, PEPE: 10_000_000 });
    for (const feed of FEED_IDS.filter((f) => f !== 'okx-swap' && f !== 'gate-futures')) for (const m of builtInMarkets(feed)) expect(m.contractSize).toBe(1);
  });

  it("sizes Gate futures books in contracts of the contract's quanto_multiplier", () => {
    // "quanto_multiplier": "0.0001" for BTC_USDT (Gate API v4, List all futures contracts, the documented example).
    expect(marketOf(catalog, 'gate-futures', 'BTC')).toMatchObject({ contractSize: 0.0001, lot: 1 });
  });

  it('gives the documented tick and lot of the documented markets', () => {
    expect(marketOf(catalog, 'kraken', 'BTC')).toMatchObject({ tick: 0.1, lot: 0.00000001 });
    expect(marketOf(catalog, 'bybit-linear', 'BTC')).toMatchObject({ tick: 0.1, lot: 0.001 });
    expect(marketOf(catalog, 'bingx-swap', 'ETH')).toMatchObject({ tick: 0.01, lot: 0.01 });
  });
});
