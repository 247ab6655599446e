import type { SimVenue } from '../types';
import { asterdexSim } from './asterdex';
import { binanceSim } from './binance';
import { bingxSim } from './bingx';
import { krakenSim } from './kraken';
import { coinbaseSim } from './coinbase';
import { bybitSim } from './bybit';
import { okxSim } from './okx';

/** Every simulated venue, each speaking its venue's real wire protocol. */
export const SIM_VENUES: readonly SimVenue[] = [binanceSim, bingxSim, krakenSim, asterdexSim, coinbaseSim, bybitSim, okxSim];
