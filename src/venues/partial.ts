import type { FeedId, PartialDepthProtocol } from './types';
import { asterdexTop, binanceTop, binanceUsdmTop } from './binance-top';
import { bingxTop } from './bingx-top';
import { okxSwapTop, okxTop } from './okx-top';

/**
 * Each feed's partial-depth channel, the fallback when its book cannot be synced exactly. Kraken, Coinbase and
 * Bybit (spot and linear) have none here: their snapshot comes on the same stream as their updates, with no request
 * that a browser or a venue can refuse, so whatever stops their exact book stops a partial one too. BingX's swap
 * socket documents `<symbol>@depth<level>@<interval>` but leaves the interval a client may ask for unclear (its
 * examples tie 200 ms to BTC-USDT and ETH-USDT, 500 ms to the rest), so it has none yet either.
 */
export const PARTIAL_PROTOCOLS: Partial<Record<FeedId, PartialDepthProtocol>> = {
  binance: binanceTop,
  'binance-usdm': binanceUsdmTop,
  asterdex: asterdexTop,
  okx: okxTop,
  'okx-swap': okxSwapTop,
  bingx: bingxTop,
};
