import type { SimVenue } from '../types';
import { binanceSim } from './binance';

/** Every simulated venue, each speaking its venue's real wire protocol. */
export const SIM_VENUES: readonly SimVenue[] = [binanceSim];
