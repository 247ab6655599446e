import type { Market } from '../../venues/types';
import { decimalsOf, stepText } from '../decimals';
import { listedMarkets } from '../listings';
import type { SimFeedMarkets, SimHttpResponse } from '../types';

function spot(m: Market, k: number): object {
  return {
    symbolId: k + 1,
    symbol: m.symbol,
    baseCoin: m.base,
    quoteCoin: m.quote,
    innovation: '0',
    status: 'Trading',
    marginTrading: 'utaOnly',
    stTag: '0',
    lotSizeFilter: {
      basePrecision: stepText(m.lot!),
      quotePrecision: '0.0000001',
      minOrderQty: stepText(m.lot!),
      maxOrderQty: '83',
      minOrderAmt: '5',
      maxOrderAmt: '8000000',
      maxLimitOrderQty: '83',
      maxMarketOrderQty: '41.5',
      postOnlyMaxLimitOrderSize: '60000',
    },
    priceFilter: { tickSize: stepText(m.tick!) },
    riskParameters: { priceLimitRatioX: '0.005', priceLimitRatioY: '0.01' },
    symbolType: '',
  };
}

function linear(m: Market, k: number): object {
  const tick = stepText(m.tick!);
  const lot = stepText(m.lot!);
  return {
    symbol: m.symbol,
    symbolId: k + 1,
    contractType: 'LinearPerpetual',
    status: 'Trading',
    baseCoin: m.base,
    quoteCoin: m.quote,
    launchTime: '1585526400000',
    deliveryTime: '0',
    deliveryFeeRate: '',
    priceScale: String(decimalsOf(m.tick!)),
    leverageFilter: { minLeverage: '1', maxLeverage: '100.00', leverageStep: '0.01' },
    priceFilter: { minPrice: tick, maxPrice: '1999999.80', tickSize: tick },
    lotSizeFilter: { maxOrderQty: '1190.000', minOrderQty: lot, qtyStep: lot, postOnlyMaxOrderQty: '1190.000', maxMktOrderQty: '500.000', minNotionalValue: '5' },
    unifiedMarginTrade: true,
    fundingInterval: 480,
    settleCoin: m.quote,
    copyTrading: 'both',
    upperFundingRate: '0.00375',
    lowerFundingRate: '-0.00375',
    isPreListing: false,
    preListingInfo: null,
    riskParameters: { priceLimitRatioX: '0.01', priceLimitRatioY: '0.02' },
    symbolType: '',
  };
}

/**
 * `GET /v5/market/instruments-info?category=spot|linear[&symbol=..]`, in the shape of Bybit's documented examples
 * for each category: the tick is `priceFilter.tickSize`, the size step `lotSizeFilter.basePrecision` on spot and
 * `lotSizeFilter.qtyStep` on linear (in the base coin: Bybit's linear contracts are one coin each).
 */
export function instrumentsInfo(query: URLSearchParams, markets: SimFeedMarkets, now: number): SimHttpResponse {
  const category = query.get('category');
  if (category !== 'spot' && category !== 'linear') {
    return { status: 200, body: JSON.stringify({ retCode: 10001, retMsg: 'Illegal category', result: {}, retExtInfo: {}, time: now }) };
  }
  const symbol = query.get('symbol');
  const listed = listedMarkets(category === 'spot' ? 'bybit' : 'bybit-linear', markets).filter((m) => !symbol || m.symbol === symbol);
  const list = listed.map(category === 'spot' ? spot : linear);
  const result = category === 'spot' ? { category, list } : { category, list, nextPageCursor: '' };
  return { status: 200, body: JSON.stringify({ retCode: 0, retMsg: 'OK', result, retExtInfo: {}, time: now }) };
}
