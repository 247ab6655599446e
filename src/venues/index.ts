import type { FeedId, VenueProtocol } from './types';
import { asterdex } from './asterdex';
import { binance } from './binance';
import { binanceUsdm } from './binance-usdm';
import { bingx } from './bingx';
import { bingxSwap } from './bingx-swap';
import { bybit } from './bybit';
import { bybitLinear } from './bybit-linear';
import { coinbase } from './coinbase';
import { kraken } from './kraken';
import { okx } from './okx';
import { okxSwap } from './okx-swap';

/** Every feed's protocol (a venue's spot or perpetual market), by feed id. */
export const PROTOCOLS: Record<FeedId, VenueProtocol> = {
  binance,
  'binance-usdm': binanceUsdm,
  kraken,
  coinbase,
  bingx,
  'bingx-swap': bingxSwap,
  okx,
  'okx-swap': okxSwap,
  bybit,
  'bybit-linear': bybitLinear,
  asterdex,
};
