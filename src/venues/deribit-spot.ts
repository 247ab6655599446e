import type { VenueProtocol } from './types';
import { deribit } from './deribit';

/**
 * Deribit's spot pairs (kind `spot`, named like `BTC_USDC`) on the same JSON-RPC socket, channels, messages and
 * change_id rule as its perpetuals; only the instrument differs, and its amounts, which are in the base coin.
 */
export const deribitSpot: VenueProtocol = { ...deribit, id: 'deribit-spot', kind: 'spot', name: 'Deribit spot' };
