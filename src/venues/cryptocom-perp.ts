import type { VenueProtocol } from './types';
import { cryptocom } from './cryptocom';

/**
 * Crypto.com's perpetuals (inst_type PERPETUAL_SWAP, `BTCUSD-PERP`, quoted in USD) on the same market-data socket,
 * with the same `book`, `book.update` and `trade` channels, sequence rule and heartbeat as spot: the docs' own book
 * and trade examples are `BTCUSD-PERP`'s. Quantities are in the base asset (the book example's "0.1689" BTC, the
 * instrument's qty_tick_size "0.0001").
 */
export const cryptocomPerp: VenueProtocol = { ...cryptocom, id: 'cryptocom-perp', kind: 'perpetual', name: 'Crypto.com perp' };
