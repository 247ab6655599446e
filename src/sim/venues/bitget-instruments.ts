import type { Market } from '../../venues/types';
import { decimalsOf, stepText } from '../decimals';
import type { SimHttpResponse } from '../types';

/** Bitget's spot symbol list and its futures contract list (v2). */
export const BITGET_SYMBOLS_PATH = '/api/v2/spot/public/symbols';
export const BITGET_CONTRACTS_PATH = '/api/v2/mix/market/contracts';

/** An answer of Bitget's REST API: `code` "00000" with the data, or an error code and message. */
export function bitgetAnswer(status: number, code: string, msg: string, data: unknown, now: number): SimHttpResponse {
  return { status, body: JSON.stringify({ code, msg, requestTime: now, data }) };
}

function bySymbol(markets: readonly Market[], query: URLSearchParams): readonly Market[] {
  const symbol = query.get('symbol');
  return markets.filter((m) => !symbol || m.symbol === symbol);
}

/**
 * `GET /api/v2/spot/public/symbols[?symbol=..]`, in the shape of Bitget's documented example: increments as counts of
 * decimals in text (`pricePrecision`, `quantityPrecision`), `status` "online".
 */
export function spotSymbols(markets: readonly Market[], query: URLSearchParams, now: number): SimHttpResponse {
  const data = bySymbol(markets, query).map((m) => ({
    symbol: m.symbol,
    baseCoin: m.base,
    quoteCoin: m.quote,
    minTradeAmount: '0',
    maxTradeAmount: '10000000000',
    takerFeeRate: '0.001',
    makerFeeRate: '0.001',
    pricePrecision: String(decimalsOf(m.tick!)),
    quantityPrecision: String(decimalsOf(m.lot!)),
    quotePrecision: String(decimalsOf(m.tick!)),
    minTradeUSDT: '1',
    status: 'online',
    buyLimitPriceRatio: '0.05',
    sellLimitPriceRatio: '0.05',
    orderQuantity: '200',
    areaSymbol: 'no',
  }));
  return bitgetAnswer(200, '00000', 'success', data, now);
}

/**
 * `GET /api/v2/mix/market/contracts?productType=USDT-FUTURES[&symbol=..]`, in the shape of Bitget's documented
 * example: the tick as `priceEndStep` in the last of `pricePlace` decimals (0.1: 1 at 1 place), the lot as
 * `sizeMultiplier` in the base coin, perpetual and `normal`.
 */
export function futuresContracts(markets: readonly Market[], query: URLSearchParams, now: number): SimHttpResponse {
  const data = bySymbol(markets, query).map((m) => {
    const pricePlace = decimalsOf(m.tick!);
    return {
      symbol: m.symbol,
      baseCoin: m.base,
      quoteCoin: m.quote,
      buyLimitPriceRatio: '0.9',
      sellLimitPriceRatio: '0.9',
      feeRateUpRatio: '0.1',
      makerFeeRate: '0.0002',
      takerFeeRate: '0.0006',
      openCostUpRatio: '0.1',
      supportMarginCoins: [m.quote],
      minTradeNum: stepText(m.lot!),
      priceEndStep: String(Math.round(m.tick! * 10 ** pricePlace)),
      volumePlace: String(decimalsOf(m.lot!)),
      pricePlace: String(pricePlace),
      sizeMultiplier: stepText(m.lot!),
      symbolType: 'perpetual',
      minTradeUSDT: '5',
      maxSymbolOrderNum: '999999',
      maxProductOrderNum: '999999',
      maxPositionNum: '150',
      symbolStatus: 'normal',
      offTime: '-1',
      limitOpenTime: '-1',
      deliveryTime: '',
      deliveryStartTime: '',
      launchTime: '',
      fundInterval: '8',
      minLever: '1',
      maxLever: '125',
      posLimit: '0.05',
      maintainTime: '1680165535278',
    };
  });
  return bitgetAnswer(200, '00000', 'success', data, now);
}
