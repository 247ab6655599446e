import { clipText } from '../feed/text';
import type { Market } from '../venues/types';
import { feedMarket, increment, name, quoteOf, readBody, record, records } from './read';

/** The feeds whose instrument list is an `exchangeInfo` in Binance's form: Binance spot and USD-M, and AsterDEX. */
export type ExchangeInfoFeed = 'binance' | 'binance-usdm' | 'asterdex';

/** A filter of a symbol by its `filterType` (PRICE_FILTER, LOT_SIZE, ...), if the symbol has it. */
function filter(symbol: Record<string, unknown>, type: string, field: string): Record<string, unknown> | undefined {
  if (symbol.filters === undefined) return undefined;
  return records(symbol.filters, `${field}.filters`).find((f) => f.filterType === type);
}

/**
 * Whether a symbol is one of the feed's trading markets. Spot: `status` TRADING ("Filters for symbols that have
 * this tradingStatus ... TRADING, HALT, BREAK") and `isSpotTradingAllowed` not false. Futures (USD-M, AsterDEX):
 * `contractType` PERPETUAL (not the delivery contracts, CURRENT_QUARTER and the like) and `status` TRADING.
 */
function trading(symbol: Record<string, unknown>, feed: ExchangeInfoFeed): boolean {
  if (symbol.status !== 'TRADING') return false;
  return feed === 'binance' ? symbol.isSpotTradingAllowed !== false : symbol.contractType === 'PERPETUAL';
}

/**
 * The markets of an `exchangeInfo` object (REST `/api/v3/exchangeInfo`, `/fapi/v1/exchangeInfo`, or the
 * WebSocket API's `result`): each trading symbol quoted in USD, USDT or USDC, its tick the PRICE_FILTER's
 * `tickSize` and its lot the LOT_SIZE's `stepSize` ("pricePrecision ... please do not use it as tickSize"). Sizes
 * are in the base asset on spot and on USDⓈ-M futures alike, so a contract is one unit of the base.
 */
export function exchangeInfoMarkets(info: Record<string, unknown>, feed: ExchangeInfoFeed): Market[] {
  const markets: Market[] = [];
  records(info.symbols, 'symbols').forEach((s, k) => {
    const field = `symbols[${k}]`;
    const quote = quoteOf(s.quoteAsset);
    if (!quote || !trading(s, feed)) return;
    markets.push(
      feedMarket(feed, {
        base: name(s.baseAsset, `${field}.baseAsset`),
        quote,
        symbol: name(s.symbol, `${field}.symbol`),
        tick: increment(filter(s, 'PRICE_FILTER', field)?.tickSize, `${field} PRICE_FILTER tickSize`),
        lot: increment(filter(s, 'LOT_SIZE', field)?.stepSize, `${field} LOT_SIZE stepSize`),
      }),
    );
  });
  return markets;
}

/**
 * A REST answer that says why it failed rather than listing symbols: Binance's error payload
 * `{"code":-1121,"msg":"Invalid symbol."}` (the form AsterDEX shares).
 */
function refusal(info: Record<string, unknown>): string | undefined {
  if (info.symbols !== undefined || info.msg === undefined) return undefined;
  return clipText(`${String(info.code)} ${String(info.msg)}`);
}

/** A REST `exchangeInfo` body of one of the Binance-form feeds. */
export function parseExchangeInfo(body: string, feed: ExchangeInfoFeed): Market[] {
  const info = readBody(body);
  const refused = refusal(info);
  if (refused) throw new Error(refused);
  return exchangeInfoMarkets(info, feed);
}

/** The id the catalog's `exchangeInfo` request carries on Binance's WebSocket API, to know its answer. */
const REQUEST_ID = 'catalog';

/**
 * The WebSocket API request for the spot symbols (wss://ws-api.binance.com:443/ws-api/v3, method
 * `exchangeInfo`): the SPOT permission lists every symbol that trades on spot ("permissions accepts either a list
 * of permissions, or a single permission name"), and without permission sets the answer is a fraction of its size.
 */
export function binanceExchangeInfoRequest(): string {
  return JSON.stringify({ id: REQUEST_ID, method: 'exchangeInfo', params: { permissions: ['SPOT'], showPermissionSets: false } });
}

/**
 * The WebSocket API's answer to that request: `{id, status: 200, result: <exchangeInfo>, rateLimits}`, or a
 * non-200 `status` with `error: {code, msg}` ("Example of failed response"). Undefined for a frame that answers
 * something else (the API's `serverShutdown` event), which the caller keeps waiting past.
 */
export function parseBinanceApiAnswer(frame: string): Market[] | undefined {
  const answer = readBody(frame);
  if (answer.id !== REQUEST_ID) return undefined;
  if (answer.status !== 200) {
    const error = answer.error === undefined ? {} : record(answer.error, 'error');
    throw new Error(clipText(`status ${String(answer.status)}: ${String(error.code)} ${String(error.msg)}`));
  }
  return exchangeInfoMarkets(record(answer.result, 'result'), 'binance');
}
