import type { VenueId, VenueProtocol } from './types';
import { asterdex } from './asterdex';
import { binance } from './binance';
import { bingx } from './bingx';
import { kraken } from './kraken';
import { coinbase } from './coinbase';
import { bybit } from './bybit';
import { okx } from './okx';

/** Every venue protocol the app speaks, by id. */
export const PROTOCOLS: Partial<Record<VenueId, VenueProtocol>> = {
  binance,
  bingx,
  kraken,
  coinbase,
  asterdex,
  bybit,
  okx,
};
