import type { VenueProtocol } from './types';
import { bitgetProtocol } from './bitget';

/**
 * Bitget's USDT-M perpetual futures (`instType` USDT-FUTURES, symbols like BTCUSDT as on spot): the same public
 * socket, `books` and `trade` channels, sequence rule and checksum as spot. Sizes are in the base coin: the contract
 * list counts `minTradeNum` and `sizeMultiplier` in it (BTCUSDT: 0.01), with no contract value to multiply by, so
 * a market's `contractSize` is 1.
 */
export const bitgetFutures: VenueProtocol = bitgetProtocol('bitget-futures', 'perpetual', 'Bitget USDT-M', 'USDT-FUTURES');
