import type { Endpoints, Market, VenueProtocol } from './types';
import { gateProtocol } from './gate';

/**
 * Gate's USDT-settled perpetual futures over `wss://fx-ws.gateio.ws/v4/ws/usdt` (Futures WebSocket v4, Server URL →
 * USDT Contract, "Real Trading"): the spot socket's V2 book, trades and ping as `futures.*` channels. Sizes are
 * contracts, in the book ("30166" in the V2 example) and in trades, each worth the contract's `quanto_multiplier` of
 * the base (0.0001 BTC for BTC_USDT), kept as Gate sends them: the market's `contractSize` turns them into base units.
 */
export const gateFutures: VenueProtocol = {
  id: 'gate-futures',
  venue: 'gate',
  kind: 'perpetual',
  name: 'Gate futures',
  endpoints: { stream: 'wss://fx-ws.gateio.ws' },
  streamUrl(_market: Market, endpoints: Endpoints): string {
    return `${endpoints.stream}/v4/ws/usdt`;
  },
  ...gateProtocol('futures'),
};
