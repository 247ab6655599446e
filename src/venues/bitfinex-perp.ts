import { bitfinexProtocol } from './bitfinex';
import type { VenueProtocol } from './types';

/**
 * Bitfinex's perpetual derivatives (`tBTCF0:USTF0`, settled in USDt): the same public socket, channels, checksum and
 * sequence numbers as spot; only the symbol differs. Amounts are in the base asset, as on spot.
 */
export const bitfinexPerp: VenueProtocol = bitfinexProtocol('bitfinex-perp', 'Bitfinex perp');
