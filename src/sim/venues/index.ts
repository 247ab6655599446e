import type { SimVenue } from '../types';
import { asterdexSim } from './asterdex';
import { binanceSim } from './binance';
import { binanceUsdmSim } from './binance-usdm';
import { bingxSim, bingxSwapSim } from './bingx';
import { bybitSim } from './bybit';
import { coinbaseSim } from './coinbase';
import { krakenSim } from './kraken';
import { okxSim } from './okx';

/** Every simulated host, each speaking its venue's real wire protocol for every feed it carries. */
export const SIM_VENUES: readonly SimVenue[] = [binanceSim, binanceUsdmSim, krakenSim, coinbaseSim, bingxSim, bingxSwapSim, okxSim, bybitSim, asterdexSim];
