import type { Market } from '../../venues/types';
import type { SimHttpResponse } from '../types';

/**
 * `GET /v2/conf/pub:list:pair:exchange` (or `:futures`): the pairs as Bitfinex names them, the trading symbol
 * without its "t" (tBTCUST → BTCUST, tBTCF0:USTF0 → BTCF0:USTF0), one list in a list.
 */
export function pairList(markets: readonly Market[]): SimHttpResponse {
  return { status: 200, body: JSON.stringify([markets.map((m) => m.symbol.slice(1))]), headers: { 'access-control-allow-origin': '*' } };
}
