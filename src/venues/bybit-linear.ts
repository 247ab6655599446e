import type { Endpoints, Market, VenueProtocol } from './types';
import { bybit } from './bybit';

/**
 * Bybit's USDT and USDC perpetuals (category `linear`) on their own v5 public socket,
 * `wss://stream.bybit.com/v5/public/linear` (https://bybit-exchange.github.io/docs/v5/ws/connect): the same topics
 * (the book's and `publicTrade`), messages and update ids as spot, with sizes in the base asset; a trade's push adds
 * `L`, the tick direction, which the app does not need.
 */
export const bybitLinear: VenueProtocol = {
  ...bybit,
  id: 'bybit-linear',
  kind: 'perpetual',
  name: 'Bybit linear',
  streamUrl(_market: Market, endpoints: Endpoints): string {
    return `${endpoints.stream}/v5/public/linear`;
  },
};
