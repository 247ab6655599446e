import type { VenueProtocol } from './types';
import { okx } from './okx';

/**
 * OKX's perpetual swaps (instType SWAP, instId like `BTC-USDT-SWAP`): the same public socket, `books` and `trades`
 * channels, REST book, sequence rule and checksum as spot; only the instrument differs. Sizes are contracts ("the
 * quantity at the price (number of contracts for derivatives, ...)", the order book channel's fields; a trade's `sz`:
 * "For `FUTURES`/`SWAP`/`OPTION`, the unit is contract"), kept as OKX sends them: the market's `contractSize` (the
 * instrument's ctVal) turns them into base units where books and trades are compared.
 */
export const okxSwap: VenueProtocol = { ...okx, id: 'okx-swap', kind: 'perpetual', name: 'OKX SWAP' };
