import type { SimVenue } from '../types';
import { asterdexSim } from './asterdex';
import { binanceSim } from './binance';
import { bingxSim } from './bingx';
import { bybitSim } from './bybit';
import { coinbaseSim } from './coinbase';
import { krakenSim } from './kraken';
import { okxSim } from './okx';

/** Every simulated venue, each speaking its venue's real wire protocol. */
export const SIM_VENUES: readonly SimVenue[] = [binanceSim, krakenSim, coinbaseSim, bingxSim, okxSim, bybitSim, asterdexSim];
