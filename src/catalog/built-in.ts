import { FEED_IDS, type FeedId, type Market, type Quote } from '../venues/types';
import type { Catalog, FeedCatalog } from './types';
import { feedMarket } from './read';

/** A market of the list: base, quote, the venue's name for it, and what the venue documents of its units. */
type Listing = readonly [base: string, quote: Quote, symbol: string, units?: { readonly tick?: number; readonly lot?: number; readonly contractSize?: number; readonly inverse?: true }];

/**
 * The markets each feed lists, as the code knows them: the last resort when neither the venue's live list nor the
 * one the site was built with can be had. For every feed BTC, ETH, SOL, XRP and DOGE; PEPE where the venue is
 * known to list it under that name (perpetuals often list 1000PEPE, priced per thousand: a base of its own); and
 * the stablecoin books the rates are read from: Kraken USDT/USD and USDC/USD, Coinbase USDT-USD, Binance USDCUSDT,
 * Bybit USDCUSDT, OKX USDC-USDT.
 *
 * Contract sizes are the venues' own: OKX SWAP sizes are in contracts of `ctVal` base units (BTC-USDT-SWAP 0.01
 * BTC as OKX's "Get instruments" page says, ETH 0.1, SOL 1, XRP 100, DOGE 1000, PEPE 10 000 000); every other
 * feed's sizes are in the base asset. Ticks and lots are given where a venue's documented instrument example
 * states them (Kraken XBT/USD, OKX BTC-USDT, Bybit BTCUSDT spot and linear, BingX BTC-USDT spot, BingX swap
 * BTC-USDT and ETH-USDT) and left unknown elsewhere rather than guessed.
 */
const LISTINGS: Readonly<Record<FeedId, readonly Listing[]>> = {
  binance: [
    ['BTC', 'USDT', 'BTCUSDT'],
    ['ETH', 'USDT', 'ETHUSDT'],
    ['SOL', 'USDT', 'SOLUSDT'],
    ['XRP', 'USDT', 'XRPUSDT'],
    ['DOGE', 'USDT', 'DOGEUSDT'],
    ['PEPE', 'USDT', 'PEPEUSDT'],
    ['USDC', 'USDT', 'USDCUSDT'],
  ],
  'binance-usdm': [
    ['BTC', 'USDT', 'BTCUSDT'],
    ['ETH', 'USDT', 'ETHUSDT'],
    ['SOL', 'USDT', 'SOLUSDT'],
    ['XRP', 'USDT', 'XRPUSDT'],
    ['DOGE', 'USDT', 'DOGEUSDT'],
  ],
  kraken: [
    ['BTC', 'USD', 'BTC/USD', { tick: 0.1, lot: 0.00000001 }],
    ['ETH', 'USD', 'ETH/USD'],
    ['SOL', 'USD', 'SOL/USD'],
    ['XRP', 'USD', 'XRP/USD'],
    ['DOGE', 'USD', 'DOGE/USD'],
    ['PEPE', 'USD', 'PEPE/USD'],
    ['USDT', 'USD', 'USDT/USD'],
    ['USDC', 'USD', 'USDC/USD'],
  ],
  coinbase: [
    ['BTC', 'USD', 'BTC-USD'],
    ['ETH', 'USD', 'ETH-USD'],
    ['SOL', 'USD', 'SOL-USD'],
    ['XRP', 'USD', 'XRP-USD'],
    ['DOGE', 'USD', 'DOGE-USD'],
    ['USDT', 'USD', 'USDT-USD'],
  ],
  bingx: [
    ['BTC', 'USDT', 'BTC-USDT', { tick: 0.01, lot: 0.00001 }],
    ['ETH', 'USDT', 'ETH-USDT'],
    ['SOL', 'USDT', 'SOL-USDT'],
    ['XRP', 'USDT', 'XRP-USDT'],
    ['DOGE', 'USDT', 'DOGE-USDT'],
    ['PEPE', 'USDT', 'PEPE-USDT'],
  ],
  'bingx-swap': [
    ['BTC', 'USDT', 'BTC-USDT', { tick: 0.1, lot: 0.0001 }],
    ['ETH', 'USDT', 'ETH-USDT', { tick: 0.01, lot: 0.01 }],
    ['SOL', 'USDT', 'SOL-USDT'],
    ['XRP', 'USDT', 'XRP-USDT'],
    ['DOGE', 'USDT', 'DOGE-USDT'],
  ],
  okx: [
    ['BTC', 'USDT', 'BTC-USDT', { tick: 0.1, lot: 0.00000001 }],
    ['ETH', 'USDT', 'ETH-USDT'],
    ['SOL', 'USDT', 'SOL-USDT'],
    ['XRP', 'USDT', 'XRP-USDT'],
    ['DOGE', 'USDT', 'DOGE-USDT'],
    ['PEPE', 'USDT', 'PEPE-USDT'],
    ['USDC', 'USDT', 'USDC-USDT'],
  ],
  'okx-swap': [
    ['BTC', 'USDT', 'BTC-USDT-SWAP', { contractSize: 0.01 }],
    ['ETH', 'USDT', 'ETH-USDT-SWAP', { contractSize: 0.1 }],
    ['SOL', 'USDT', 'SOL-USDT-SWAP', { contractSize: 1 }],
    ['XRP', 'USDT', 'XRP-USDT-SWAP', { contractSize: 100 }],
    ['DOGE', 'USDT', 'DOGE-USDT-SWAP', { contractSize: 1000 }],
    ['PEPE', 'USDT', 'PEPE-USDT-SWAP', { contractSize: 10_000_000 }],
  ],
  bybit: [
    ['BTC', 'USDT', 'BTCUSDT', { tick: 0.1, lot: 0.000001 }],
    ['ETH', 'USDT', 'ETHUSDT'],
    ['SOL', 'USDT', 'SOLUSDT'],
    ['XRP', 'USDT', 'XRPUSDT'],
    ['DOGE', 'USDT', 'DOGEUSDT'],
    ['PEPE', 'USDT', 'PEPEUSDT'],
    ['USDC', 'USDT', 'USDCUSDT'],
  ],
  'bybit-linear': [
    ['BTC', 'USDT', 'BTCUSDT', { tick: 0.1, lot: 0.001 }],
    ['ETH', 'USDT', 'ETHUSDT'],
    ['SOL', 'USDT', 'SOLUSDT'],
    ['XRP', 'USDT', 'XRPUSDT'],
    ['DOGE', 'USDT', 'DOGEUSDT'],
  ],
  asterdex: [
    ['BTC', 'USDT', 'BTCUSDT'],
    ['ETH', 'USDT', 'ETHUSDT'],
    ['SOL', 'USDT', 'SOLUSDT'],
    ['XRP', 'USDT', 'XRPUSDT'],
    ['DOGE', 'USDT', 'DOGEUSDT'],
  ],
  bitget: [
    ['BTC', 'USDT', 'BTCUSDT'],
    ['ETH', 'USDT', 'ETHUSDT'],
    ['SOL', 'USDT', 'SOLUSDT'],
    ['XRP', 'USDT', 'XRPUSDT'],
    ['DOGE', 'USDT', 'DOGEUSDT'],
  ],
  'bitget-futures': [
    ['BTC', 'USDT', 'BTCUSDT'],
    ['ETH', 'USDT', 'ETHUSDT'],
    ['SOL', 'USDT', 'SOLUSDT'],
    ['XRP', 'USDT', 'XRPUSDT'],
    ['DOGE', 'USDT', 'DOGEUSDT'],
  ],
  gate: [
    ['BTC', 'USDT', 'BTC_USDT'],
    ['ETH', 'USDT', 'ETH_USDT'],
    ['SOL', 'USDT', 'SOL_USDT'],
    ['XRP', 'USDT', 'XRP_USDT'],
    ['DOGE', 'USDT', 'DOGE_USDT'],
  ],
  'gate-futures': [
    // Gate's documented contract example: quanto_multiplier "0.0001", order_price_round "0.1", order_size_min 1.
    ['BTC', 'USDT', 'BTC_USDT', { tick: 0.1, lot: 1, contractSize: 0.0001 }],
    ['ETH', 'USDT', 'ETH_USDT', { contractSize: 0.01 }],
    ['SOL', 'USDT', 'SOL_USDT', { contractSize: 1 }],
    ['XRP', 'USDT', 'XRP_USDT', { contractSize: 10 }],
    ['DOGE', 'USDT', 'DOGE_USDT', { contractSize: 10 }],
  ],
  bitfinex: [
    ['BTC', 'USD', 'tBTCUSD'],
    ['ETH', 'USD', 'tETHUSD'],
    ['SOL', 'USD', 'tSOLUSD'],
    ['XRP', 'USD', 'tXRPUSD'],
    ['DOGE', 'USD', 'tDOGE:USD'],
  ],
  'bitfinex-perp': [
    ['BTC', 'USDT', 'tBTCF0:USTF0'],
    ['ETH', 'USDT', 'tETHF0:USTF0'],
    ['SOL', 'USDT', 'tSOLF0:USTF0'],
    ['XRP', 'USDT', 'tXRPF0:USTF0'],
    ['DOGE', 'USDT', 'tDOGEF0:USTF0'],
  ],
  // BTC and ETH inverse: amounts in USD ("For perpetuals and futures, `amount` is in USD units"), BTC-PERPETUAL's
  // tick and contract of 10 USD as Deribit's get_instruments example gives them; the others linear USDC perpetuals.
  deribit: [
    ['BTC', 'USD', 'BTC-PERPETUAL', { tick: 0.5, lot: 10, inverse: true }],
    ['ETH', 'USD', 'ETH-PERPETUAL', { inverse: true }],
    ['SOL', 'USDC', 'SOL_USDC-PERPETUAL'],
    ['XRP', 'USDC', 'XRP_USDC-PERPETUAL'],
    ['DOGE', 'USDC', 'DOGE_USDC-PERPETUAL'],
  ],
  'deribit-spot': [
    ['BTC', 'USDC', 'BTC_USDC'],
    ['ETH', 'USDC', 'ETH_USDC'],
  ],
  cryptocom: [
    ['BTC', 'USDT', 'BTC_USDT'],
    ['ETH', 'USDT', 'ETH_USDT'],
    ['SOL', 'USDT', 'SOL_USDT'],
    ['XRP', 'USDT', 'XRP_USDT'],
    ['DOGE', 'USDT', 'DOGE_USDT'],
  ],
  'cryptocom-perp': [
    ['BTC', 'USD', 'BTCUSD-PERP'],
    ['ETH', 'USD', 'ETHUSD-PERP'],
    ['SOL', 'USD', 'SOLUSD-PERP'],
    ['XRP', 'USD', 'XRPUSD-PERP'],
    ['DOGE', 'USD', 'DOGEUSD-PERP'],
  ],
  hyperliquid: [
    ['BTC', 'USDC', 'BTC'],
    ['ETH', 'USDC', 'ETH'],
    ['SOL', 'USDC', 'SOL'],
    ['XRP', 'USDC', 'XRP'],
    ['DOGE', 'USDC', 'DOGE'],
  ],
  'hyperliquid-spot': [
    // Unit's bridged UBTC and UETH, by their pairs' socket names (the live list rules: src/catalog/hyperliquid.ts).
    ['BTC', 'USDC', '@142'],
    ['ETH', 'USDC', '@151'],
  ],
};

/** A feed's built-in markets. */
export function builtInMarkets(feed: FeedId): Market[] {
  return LISTINGS[feed].map(([base, quote, symbol, units]) => feedMarket(feed, { base, quote, symbol, ...units }));
}

/** Every feed's built-in markets, as a catalog: what a tool that cannot ask the venues (the live check) starts from. */
export function builtInCatalog(): Catalog {
  return Object.fromEntries(FEED_IDS.map((feed): [FeedId, FeedCatalog] => [feed, { feed, source: 'built-in', markets: builtInMarkets(feed) }]));
}
