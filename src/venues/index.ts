import type { FeedId, VenueProtocol } from './types';
import { asterdex } from './asterdex';
import { bitget } from './bitget';
import { bitgetFutures } from './bitget-futures';
import { bitfinex } from './bitfinex';
import { bitfinexPerp } from './bitfinex-perp';
import { binance } from './binance';
import { binanceUsdm } from './binance-usdm';
import { bingx } from './bingx';
import { bingxSwap } from './bingx-swap';
import { bybit } from './bybit';
import { bybitLinear } from './bybit-linear';
import { coinbase } from './coinbase';
import { cryptocom } from './cryptocom';
import { cryptocomPerp } from './cryptocom-perp';
import { hyperliquid, hyperliquidSpot } from './hyperliquid';
import { gate } from './gate';
import { gateFutures } from './gate-futures';
import { deribit } from './deribit';
import { deribitSpot } from './deribit-spot';
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
  cryptocom,
  'cryptocom-perp': cryptocomPerp,
  asterdex,
  bitget,
  'bitget-futures': bitgetFutures,
  gate,
  'gate-futures': gateFutures,
  deribit,
  'deribit-spot': deribitSpot,
  bitfinex,
  'bitfinex-perp': bitfinexPerp,
  hyperliquid,
  'hyperliquid-spot': hyperliquidSpot,
};
