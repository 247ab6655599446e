import { clipText } from '../feed/text';
import { objectOf, parseObject } from '../venues/json';
import type { Market } from '../venues/types';
import { decimalsIncrement, feedMarket, name, quoteOf, record, records } from './read';
import type { CatalogEndpoint, CatalogPage, CatalogRequest, FeedCatalogSource } from './sources';

export type HyperliquidFeed = 'hyperliquid' | 'hyperliquid-spot';

/**
 * "Prices can have up to 5 significant figures, but no more than MAX_DECIMALS - szDecimals decimal places where
 * MAX_DECIMALS is 6 for perps and 8 for spot" (API / Tick and lot size).
 */
const MAX_DECIMALS: Readonly<Record<HyperliquidFeed, number>> = { hyperliquid: 6, 'hyperliquid-spot': 8 };
const SIGNIFICANT_FIGURES = 5;

/**
 * Hyperliquid's price step at `price`: its tick is not fixed but follows the price, five significant figures, at
 * most `maxDecimals` decimals, and never coarser than 1 ("Integer prices are always allowed, regardless of the
 * number of significant figures"). Read at the price the list gives, so it holds until the price crosses a power of
 * ten. Undefined without a price.
 */
export function hyperliquidTick(price: number, maxDecimals: number): number | undefined {
  if (!(price > 0) || !Number.isFinite(price)) return undefined;
  const magnitude = Number(price.toExponential().split('e')[1]);
  const exponent = Math.min(0, Math.max(magnitude - (SIGNIFICANT_FIGURES - 1), -maxDecimals));
  return Number(`1e${exponent}`);
}

/** A context's price: its mark ("markPx"), a decimal text; absent or unreadable is no price. */
function markOf(ctx: Record<string, unknown> | undefined): number {
  return typeof ctx?.markPx === 'string' ? Number(ctx.markPx) : NaN;
}

/** Size decimals ("Sizes are rounded to the szDecimals of that asset"), a count of decimals the answer must hold. */
function szDecimals(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 20) throw new Error(`${field} is not a count of decimals`);
  return value;
}

/** The two parts of a `...AndAssetCtxs` answer: the metadata and its contexts, one for each listed market in order. */
function metaAndContexts(data: unknown, what: string): [Record<string, unknown>, Record<string, unknown>[]] {
  if (!Array.isArray(data) || data.length !== 2) throw new Error(`${what} is not [meta, contexts]`);
  return [record(data[0], `${what}[0]`), records(data[1], `${what}[1]`)];
}

/**
 * `metaAndAssetCtxs` (Info endpoint / Perpetuals, "Retrieve perpetuals asset contexts"): `[{universe}, [ctx]]`,
 * the contexts in the universe's order. Each perpetual is named by its coin (`BTC`), margined and quoted in USDC,
 * its size in the coin; delisted ones (`isDelisted`) are left out.
 */
export function parseHyperliquidPerpetuals(data: unknown): Market[] {
  const [meta, contexts] = metaAndContexts(data, 'metaAndAssetCtxs');
  const markets: Market[] = [];
  records(meta.universe, 'universe').forEach((asset, k) => {
    if (asset.isDelisted === true) return;
    const coin = name(asset.name, `universe[${k}].name`);
    const decimals = szDecimals(asset.szDecimals, `universe[${k}].szDecimals`);
    markets.push(
      feedMarket('hyperliquid', {
        base: coin,
        quote: 'USDC',
        symbol: coin,
        tick: hyperliquidTick(markOf(contexts[k]), MAX_DECIMALS.hyperliquid - decimals),
        lot: decimalsIncrement(decimals, `universe[${k}].szDecimals`),
      }),
    );
  });
  return markets;
}

/**
 * Unit's bridged coins, each a claim on one of the coin it is named for: Hyperliquid's spot BTC, ETH and SOL
 * (UBTC/USDC, UETH/USDC, USOL/USDC). A token that calls itself by one of those names is left out, so that no other
 * token is read as one of them.
 */
export const HYPERLIQUID_BRIDGED: Readonly<Record<string, string>> = { UBTC: 'BTC', UETH: 'ETH', USOL: 'SOL' };
const BRIDGED_BASES = new Set(Object.values(HYPERLIQUID_BRIDGED));

function spotBase(token: string): string | undefined {
  if (token in HYPERLIQUID_BRIDGED) return HYPERLIQUID_BRIDGED[token];
  return BRIDGED_BASES.has(token) ? undefined : token;
}

/**
 * `spotMetaAndAssetCtxs` (Info endpoint / Spot, "Retrieve spot asset contexts"): `[{tokens, universe}, [ctx]]`.
 * A pair's `tokens` are its base and quote tokens' indices, and its `name` is what the socket calls it (`@1`, or
 * `PURR/USDC` for the first pair: API / Asset IDs); its size is in the base token, rounded to that token's
 * `szDecimals`. A context names its pair (`coin`) where it says; otherwise it is the pair's by its place, as in the
 * documented example. Pairs quoted in anything but USD, USDT or USDC are left out.
 */
export function parseHyperliquidSpot(data: unknown): Market[] {
  const [meta, contexts] = metaAndContexts(data, 'spotMetaAndAssetCtxs');
  const tokens = new Map<number, Record<string, unknown>>();
  records(meta.tokens, 'tokens').forEach((t, k) => tokens.set(typeof t.index === 'number' ? t.index : k, t));
  const markets: Market[] = [];
  records(meta.universe, 'universe').forEach((pair, k) => {
    const field = `universe[${k}]`;
    const symbol = name(pair.name, `${field}.name`);
    const ids = pair.tokens;
    if (!Array.isArray(ids) || ids.length !== 2) throw new Error(`${field}.tokens is not [base, quote]`);
    const base = tokens.get(ids[0] as number);
    const quoteToken = tokens.get(ids[1] as number);
    if (!base || !quoteToken) throw new Error(`${field}.tokens names a token the list does not hold`);
    const quote = quoteOf(quoteToken.name);
    const baseName = spotBase(name(base.name, `${field} base token name`));
    if (!quote || !baseName) return;
    const ctx = contexts.find((c) => c.coin === symbol) ?? (contexts[k]?.coin === undefined ? contexts[k] : undefined);
    const decimals = szDecimals(base.szDecimals, `${field} base token szDecimals`);
    markets.push(
      feedMarket('hyperliquid-spot', {
        base: baseName,
        quote,
        symbol,
        tick: hyperliquidTick(markOf(ctx), MAX_DECIMALS['hyperliquid-spot'] - decimals),
        lot: decimalsIncrement(decimals, `${field} base token szDecimals`),
      }),
    );
  });
  return markets;
}

/** The info request each feed's list is read from. */
const INFO_TYPES: Readonly<Record<HyperliquidFeed, string>> = { hyperliquid: 'metaAndAssetCtxs', 'hyperliquid-spot': 'spotMetaAndAssetCtxs' };
const PARSERS: Readonly<Record<HyperliquidFeed, (data: unknown) => Market[]>> = { hyperliquid: parseHyperliquidPerpetuals, 'hyperliquid-spot': parseHyperliquidSpot };
/** The post request's id, one per feed: each list is asked on a socket of its own. */
const POST_IDS: Readonly<Record<HyperliquidFeed, number>> = { hyperliquid: 1, 'hyperliquid-spot': 2 };

/**
 * The info request as a WebSocket post ("API / Websocket / Post requests"): `{method: "post", id, request: {type:
 * "info", payload}}`, answered on the channel `post` with the same id.
 */
export function hyperliquidInfoPost(feed: HyperliquidFeed): string {
  return JSON.stringify({ method: 'post', id: POST_IDS[feed], request: { type: 'info', payload: { type: INFO_TYPES[feed] } } });
}

/**
 * Reads a frame on the post's socket: undefined for any frame but the answer to this post; the answer's
 * `response.type` is `info` with the data in `payload.data` (as in the documented l2Book answer), or `error` with
 * "a String ... mirroring the HTTP status code and description".
 */
export function readHyperliquidInfoAnswer(text: string, feed: HyperliquidFeed): Market[] | undefined {
  const o = parseObject(text);
  if (o.channel !== 'post') return undefined;
  const data = objectOf(o.data, 'post data');
  if (data.id !== POST_IDS[feed]) return undefined;
  const response = objectOf(data.response, 'post response');
  if (response.type === 'error') throw new Error(clipText(`Hyperliquid refused ${INFO_TYPES[feed]}: ${String(response.payload)}`));
  if (response.type !== 'info') throw new Error(`post response type ${String(response.type)} is not info`);
  return PARSERS[feed](objectOf(response.payload, 'post payload').data);
}

/**
 * Hyperliquid's lists are info requests, which its REST API takes only as a POST (`POST https://api.hyperliquid.xyz/
 * info`); the same request goes as a post over its socket, which a page may open whatever CORS says. No REST way is
 * offered: the catalog's REST requests are GETs, so a list built without sockets (the site build) leaves these
 * feeds to their built-in list.
 */
export function hyperliquidCatalogSource(feed: HyperliquidFeed): FeedCatalogSource {
  return {
    endpoint: { rest: 'https://api.hyperliquid.xyz', api: 'wss://api.hyperliquid.xyz/ws' },
    requests: (endpoint: CatalogEndpoint): CatalogRequest[] => (endpoint.api ? [{ via: 'socket', url: endpoint.api, text: hyperliquidInfoPost(feed) }] : []),
    read(answer: string): CatalogPage | undefined {
      const markets = readHyperliquidInfoAnswer(answer, feed);
      return markets && { markets };
    },
  };
}
