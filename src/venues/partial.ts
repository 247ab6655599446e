import type { PartialDepthProtocol, VenueId } from './types';
import { asterdexTop, binanceTop } from './binance-top';
import { bingxTop } from './bingx-top';
import { okxTop } from './okx-top';

/**
 * Each venue's partial-depth channel, the fallback when its book cannot be synced exactly. Kraken, Coinbase and
 * Bybit have none here: their snapshot comes on the same stream as their updates, with no request that a browser
 * or a venue can refuse, so whatever stops their exact book stops a partial one too.
 */
export const PARTIAL_PROTOCOLS: Partial<Record<VenueId, PartialDepthProtocol>> = {
  binance: binanceTop,
  asterdex: asterdexTop,
  okx: okxTop,
  bingx: bingxTop,
};
