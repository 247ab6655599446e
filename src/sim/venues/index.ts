import type { SimVenue } from '../types';
import { asterdexSim } from './asterdex';
import { binanceSim } from './binance';
import { binanceUsdmSim } from './binance-usdm';
import { bitgetSim } from './bitget';
import { bitfinexSim } from './bitfinex';
import { bingxSim, bingxSwapSim } from './bingx';
import { bybitSim } from './bybit';
import { coinbaseSim } from './coinbase';
import { cryptocomSim } from './cryptocom';
import { hyperliquidSim } from './hyperliquid';
import { deribitSim } from './deribit';
import { gateFuturesSim, gateSim } from './gate';
import { krakenSim } from './kraken';
import { okxSim } from './okx';

/** Every simulated host, each speaking its venue's real wire protocol for every feed it carries. */
export const SIM_VENUES: readonly SimVenue[] = [binanceSim, binanceUsdmSim, krakenSim, coinbaseSim, bingxSim, bingxSwapSim, okxSim, bybitSim, asterdexSim, bitfinexSim, deribitSim, bitgetSim, hyperliquidSim, gateSim, gateFuturesSim, cryptocomSim];
