import type { VenueId, VenueProtocol } from './types';
import { asterdex } from './asterdex';
import { binance } from './binance';
import { bingx } from './bingx';
import { bybit } from './bybit';
import { coinbase } from './coinbase';
import { kraken } from './kraken';
import { okx } from './okx';

/** Every venue protocol the app speaks, by id. */
export const PROTOCOLS: Record<VenueId, VenueProtocol> = { binance, kraken, coinbase, bingx, okx, bybit, asterdex };
