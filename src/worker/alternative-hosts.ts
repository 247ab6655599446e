import type { Endpoints, FeedId, Market } from '../venues/types';

/** A venue's sister service that speaks the same protocol, for regions the main host refuses. */
export interface AlternativeHost {
  readonly name: string;
  readonly endpoints: Endpoints;
  /** The markets it lists, of those the app asks the venue for: it is offered for these alone. */
  readonly symbols: readonly string[];
}

/** By feed: Binance.US lists spot markets only, so it is no alternative for Binance USD-M. */
export const ALTERNATIVE_HOSTS: Partial<Record<FeedId, AlternativeHost>> = {
  binance: {
    name: 'Binance.US',
    // The WebSocket API is documented at this URL: github.com/binance-us/binance-us-api-docs, web-socket-api.md
    // ("Public WebSocket API for Binance US", method `depth` as on Binance).
    endpoints: { stream: 'wss://stream.binance.us:9443', rest: 'https://api.binance.us', api: 'wss://ws-api.binance.us:443/ws-api/v3' },
    // Binance.US trades these against USDT as Binance does (BTCUSDT in its exchangeInfo as ccxt's test data holds
    // it, ETH/SOL/DOGE-USDT streams in use on stream.binance.us); XRP was delisted on 13 January 2021 and no
    // relisting was found, so XRPUSDT is not offered.
    symbols: ['BTCUSDT', 'ETHUSDT', 'SOLUSDT', 'DOGEUSDT'],
  },
};

/** The alternative host to offer: one that lists this market, when the link is not on it already. */
export function alternativeOffer(feed: FeedId, market: Market | undefined, onAlternative: AlternativeHost | undefined): AlternativeHost | undefined {
  const alternative = ALTERNATIVE_HOSTS[feed];
  if (onAlternative || !alternative || !market || !alternative.symbols.includes(market.symbol)) return undefined;
  return alternative;
}
