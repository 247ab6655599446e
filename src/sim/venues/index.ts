import type { SimVenue } from '../types';
import { asterdexSim } from './asterdex';
import { binanceSim } from './binance';
import { krakenSim } from './kraken';
import { coinbaseSim } from './coinbase';
import { bybitSim } from './bybit';

/** Every simulated venue, each speaking its venue's real wire protocol. */
export const SIM_VENUES: readonly SimVenue[] = [binanceSim, krakenSim, asterdexSim, coinbaseSim, bybitSim];
