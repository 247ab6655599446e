import type { FeedId, Market } from '../venues/types';
import { parseAsterdexExchangeInfo } from './asterdex';
import { binanceExchangeInfoRequest, parseBinanceApiAnswer, parseExchangeInfo } from './binance';
import { parseBingxContracts, parseBingxSymbols } from './bingx';
import { parseBitgetContracts, parseBitgetSymbols } from './bitget';
import { BITFINEX_PAIR_LISTS, parseBitfinexPairs, type BitfinexFeed } from './bitfinex';
import { parseBybitInstruments, type BybitFeed } from './bybit';
import { parseGateContracts, parseGateCurrencyPairs } from './gate';
import { parseCoinbaseProducts } from './coinbase';
import { parseCryptocomInstruments, type CryptocomFeed } from './cryptocom';
import { hyperliquidCatalogSource } from './hyperliquid';
import { deribitCatalogSource } from './deribit';
import { parseKrakenAssetPairs } from './kraken';
import { parseOkxInstruments, type OkxFeed } from './okx';
import type { ListPage } from './read';

/**
 * Where a feed's instrument list is asked for: the venue's REST base URL, and its WebSocket API where that answers
 * the list too (Binance spot). A page may be refused a REST answer by the venue's CORS headers; a socket is not
 * subject to CORS. The loopback simulator stands in for them with its own origin.
 */
export interface CatalogEndpoint {
  readonly rest: string;
  readonly api?: string;
}

/** One request for (a page of) a feed's instrument list: a REST GET, or a text sent on a WebSocket API. */
export type CatalogRequest = { readonly via: 'fetch'; readonly url: string } | { readonly via: 'socket'; readonly url: string; readonly text: string };

/** What one answer held: markets, and the request for the next page where the venue pages its list (Bybit, Coinbase). */
export interface CatalogPage {
  readonly markets: readonly Market[];
  readonly next?: CatalogRequest;
}

/** How a feed's instrument list is asked for and read. */
export interface FeedCatalogSource {
  /** The venue's own hosts for it. */
  readonly endpoint: CatalogEndpoint;
  /** The ways to ask, best first: the WebSocket API where there is one, then REST. */
  requests(endpoint: CatalogEndpoint): CatalogRequest[];
  /**
   * Reads an answer to `request`; throws on one it cannot read or that refuses. Undefined for a socket frame that
   * answers something else, past which the caller waits for the answer.
   */
  read(answer: string, request: CatalogRequest): CatalogPage | undefined;
}

/**
 * A source asked with a REST GET at `path`, each page read by `parse`; where a page names the next one's cursor, the
 * next is the same URL with `cursor`, sent back as it came (Bybit's comes URL-encoded, "first%3DBIOUSDT%26last%3D
 * BIOUSDT"; Coinbase's is base64, encoded here).
 */
function restSource(rest: string, path: string, parse: (body: string) => ListPage): FeedCatalogSource {
  return {
    endpoint: { rest },
    requests: (endpoint) => [{ via: 'fetch', url: `${endpoint.rest}${path}` }],
    read(body, request) {
      const page = parse(body);
      if (page.nextCursor === undefined) return { markets: page.markets };
      const cursor = /^[\w%.~-]+$/.test(page.nextCursor) ? page.nextCursor : encodeURIComponent(page.nextCursor);
      const first = request.url.replace(/&cursor=[^&]*$/, '');
      return { markets: page.markets, next: { via: 'fetch', url: `${first}&cursor=${cursor}` } };
    },
  };
}

/** A parser of a whole list as the parser of its only page. */
function oneList(parse: (body: string) => Market[]): (body: string) => ListPage {
  return (body) => ({ markets: parse(body) });
}

/** Binance spot: `exchangeInfo` on the WebSocket API, else `GET /api/v3/exchangeInfo` with the same parameters. */
const binanceSpot: FeedCatalogSource = {
  endpoint: { rest: 'https://api.binance.com', api: 'wss://ws-api.binance.com:443/ws-api/v3' },
  requests: (endpoint) => [
    ...(endpoint.api ? [{ via: 'socket' as const, url: endpoint.api, text: binanceExchangeInfoRequest() }] : []),
    { via: 'fetch', url: `${endpoint.rest}/api/v3/exchangeInfo?permissions=SPOT&showPermissionSets=false` },
  ],
  read(answer, request) {
    if (request.via === 'fetch') return { markets: parseExchangeInfo(answer, 'binance') };
    const markets = parseBinanceApiAnswer(answer);
    return markets && { markets };
  },
};

/**
 * Bybit: `limit` 1000, the most a page holds ("This endpoint returns 500 entries by default. There are now more
 * than 500 linear symbols ... use cursor for pagination"); spot is one page ("Spot does not support pagination").
 */
function bybitSource(feed: BybitFeed, category: 'spot' | 'linear'): FeedCatalogSource {
  const query = category === 'linear' ? `category=linear&limit=1000` : `category=spot`;
  return restSource('https://api.bybit.com', `/v5/market/instruments-info?${query}`, (body) => parseBybitInstruments(body, feed));
}

function okxSource(feed: OkxFeed, instType: 'SPOT' | 'SWAP'): FeedCatalogSource {
  // "Production Trading URL ... REST: https://openapi.okx.com" (OKX API v5 overview), the book snapshot's host too.
  return restSource('https://openapi.okx.com', `/api/v5/public/instruments?instType=${instType}`, oneList((body) => parseOkxInstruments(body, feed)));
}

/** Bitfinex: each feed's pair list on the public REST host ("Public endpoints should use the domain: https://api-pub.bitfinex.com"). */
function bitfinexSource(feed: BitfinexFeed): FeedCatalogSource {
  return restSource('https://api-pub.bitfinex.com', BITFINEX_PAIR_LISTS[feed], oneList((body) => parseBitfinexPairs(body, feed)));
}

/**
 * Crypto.com: `public/get-instruments` under the REST root "https://api.crypto.com/exchange/v1/{method}", one list
 * of every instrument, each feed reading its own kind from it.
 */
function cryptocomSource(feed: CryptocomFeed): FeedCatalogSource {
  return restSource('https://api.crypto.com', '/exchange/v1/public/get-instruments', oneList((body) => parseCryptocomInstruments(body, feed)));
}

/** Every feed's instrument list: where it is asked for and how its answer is read. */
export const CATALOG_SOURCES: Readonly<Record<FeedId, FeedCatalogSource>> = {
  binance: binanceSpot,
  'binance-usdm': restSource('https://fapi.binance.com', '/fapi/v1/exchangeInfo', oneList((body) => parseExchangeInfo(body, 'binance-usdm'))),
  kraken: restSource('https://api.kraken.com', '/0/public/AssetPairs', oneList(parseKrakenAssetPairs)),
  coinbase: restSource('https://api.coinbase.com', '/api/v3/brokerage/market/products?product_type=SPOT', parseCoinbaseProducts),
  bingx: restSource('https://open-api.bingx.com', '/openApi/spot/v1/common/symbols', oneList(parseBingxSymbols)),
  'bingx-swap': restSource('https://open-api.bingx.com', '/openApi/swap/v2/quote/contracts', oneList(parseBingxContracts)),
  okx: okxSource('okx', 'SPOT'),
  'okx-swap': okxSource('okx-swap', 'SWAP'),
  bybit: bybitSource('bybit', 'spot'),
  'bybit-linear': bybitSource('bybit-linear', 'linear'),
  cryptocom: cryptocomSource('cryptocom'),
  'cryptocom-perp': cryptocomSource('cryptocom-perp'),
  asterdex: restSource('https://fapi.asterdex.com', '/fapi/v1/exchangeInfo', oneList(parseAsterdexExchangeInfo)),
  // Gate API v4's REST base, "Live trading: https://api.gateio.ws/api/v4" (General → Access URL), futures' too.
  gate: restSource('https://api.gateio.ws', '/api/v4/spot/currency_pairs', oneList(parseGateCurrencyPairs)),
  'gate-futures': restSource('https://api.gateio.ws', '/api/v4/futures/usdt/contracts', oneList(parseGateContracts)),
  // "Get Symbol Info" and "Get Contract Config" (v2), on the documented REST host.
  bitget: restSource('https://api.bitget.com', '/api/v2/spot/public/symbols', oneList(parseBitgetSymbols)),
  'bitget-futures': restSource('https://api.bitget.com', '/api/v2/mix/market/contracts?productType=USDT-FUTURES', oneList(parseBitgetContracts)),
  deribit: deribitCatalogSource('deribit'),
  'deribit-spot': deribitCatalogSource('deribit-spot'),
  bitfinex: bitfinexSource('bitfinex'),
  'bitfinex-perp': bitfinexSource('bitfinex-perp'),
  hyperliquid: hyperliquidCatalogSource('hyperliquid'),
  'hyperliquid-spot': hyperliquidCatalogSource('hyperliquid-spot'),
};
