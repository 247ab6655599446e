import type { Market } from '../../venues/types';
import { decimalsOf } from '../decimals';
import type { SimHttpResponse } from '../types';

/**
 * `GET /openApi/spot/v1/common/symbols[?symbol=..]`, in the shape of BingX's documented example: each symbol's
 * `tickSize` and `stepSize` as JSON numbers, `status` 1 for online.
 */
export function spotSymbols(markets: readonly Market[], query: URLSearchParams): SimHttpResponse {
  const symbol = query.get('symbol');
  const symbols = markets
    .filter((m) => !symbol || m.symbol === symbol)
    .map((m) => ({ symbol: m.symbol, minQty: m.lot, maxQty: 100_000_000, minNotional: 5, maxNotional: 500_000, status: 1, tickSize: m.tick, stepSize: m.lot }));
  return { status: 200, body: JSON.stringify({ code: 0, msg: '', debugMsg: '', data: { symbols } }) };
}

/**
 * `GET /openApi/swap/v2/quote/contracts[?symbol=..]`, in the shape of BingX's documented example: each contract's
 * price and quantity precision (decimal places: the tick is 10^-pricePrecision), `asset` the base coin its
 * quantities count, `currency` the quote it settles in. `size` is "0" as the example prints it; quantities (and
 * the swap book's sizes) are in the base coin.
 */
export function swapContracts(markets: readonly Market[], query: URLSearchParams): SimHttpResponse {
  const symbol = query.get('symbol');
  const data = markets
    .filter((m) => !symbol || m.symbol === symbol)
    .map((m, k) => ({
      contractId: String(100 + k),
      symbol: m.symbol,
      size: '0',
      quantityPrecision: decimalsOf(m.lot!),
      pricePrecision: decimalsOf(m.tick!),
      feeRate: 0.0005,
      makerFeeRate: 0.0002,
      takerFeeRate: 0.0005,
      tradeMinLimit: 0,
      tradeMinQuantity: m.lot,
      tradeMinUSDT: 2,
      maxLongLeverage: 125,
      maxShortLeverage: 125,
      currency: m.quote,
      asset: m.base,
      status: 1,
      apiStateOpen: 'true',
      apiStateClose: 'true',
      brokerState: 'true',
      launchTime: 1586275200000,
      maintainTime: 0,
      offTime: 0,
    }));
  return { status: 200, body: JSON.stringify({ code: 0, msg: '', data }) };
}
