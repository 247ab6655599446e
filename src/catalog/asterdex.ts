import type { Market } from '../venues/types';
import { parseExchangeInfo } from './binance';

/**
 * `GET https://fapi.asterdex.com/fapi/v1/exchangeInfo` (Exchange Information; the V3 page names it
 * `/fapi/v3/exchangeInfo` and prints the same answer): Binance's USDⓈ-M form, read as Binance's is (perpetuals
 * trading, tick from PRICE_FILTER, lot from LOT_SIZE, sizes in the base asset).
 */
export function parseAsterdexExchangeInfo(body: string): Market[] {
  return parseExchangeInfo(body, 'asterdex');
}
