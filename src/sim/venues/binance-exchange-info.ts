import type { Market } from '../../venues/types';
import { decimalsOf, stepText } from '../decimals';

/** A price or size bound far from any simulated market, in a filter's own number of decimals. */
function bound(value: number, decimals: number): string {
  return value.toFixed(decimals);
}

/**
 * `GET /api/v3/exchangeInfo` and the WebSocket API's `exchangeInfo` result, in the shape of Binance's documented
 * example (the WebSocket API's, whose symbol carries its PRICE_FILTER and LOT_SIZE filters): each listed market
 * with its tick (PRICE_FILTER tickSize) and size step (LOT_SIZE stepSize), written with eight decimals as
 * Binance spot writes them.
 */
export function spotExchangeInfo(markets: readonly Market[], now: number): object {
  return {
    timezone: 'UTC',
    serverTime: now,
    rateLimits: [
      { rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: 6000 },
      { rateLimitType: 'ORDERS', interval: 'SECOND', intervalNum: 10, limit: 100 },
      { rateLimitType: 'ORDERS', interval: 'DAY', intervalNum: 1, limit: 200000 },
      { rateLimitType: 'RAW_REQUESTS', interval: 'MINUTE', intervalNum: 5, limit: 61000 },
    ],
    exchangeFilters: [],
    symbols: markets.map((m) => ({
      symbol: m.symbol,
      status: 'TRADING',
      baseAsset: m.base,
      baseAssetPrecision: 8,
      quoteAsset: m.quote,
      quotePrecision: 8,
      quoteAssetPrecision: 8,
      baseCommissionPrecision: 8,
      quoteCommissionPrecision: 8,
      orderTypes: ['LIMIT', 'LIMIT_MAKER', 'MARKET', 'STOP_LOSS', 'STOP_LOSS_LIMIT', 'TAKE_PROFIT', 'TAKE_PROFIT_LIMIT'],
      icebergAllowed: true,
      ocoAllowed: true,
      otoAllowed: true,
      opoAllowed: true,
      quoteOrderQtyMarketAllowed: true,
      allowTrailingStop: true,
      cancelReplaceAllowed: true,
      amendAllowed: true,
      pegInstructionsAllowed: true,
      isSpotTradingAllowed: true,
      isMarginTradingAllowed: true,
      filters: [
        { filterType: 'PRICE_FILTER', minPrice: stepText(m.tick!, 8), maxPrice: bound(1_000_000, 8), tickSize: stepText(m.tick!, 8) },
        { filterType: 'LOT_SIZE', minQty: stepText(m.lot!, 8), maxQty: bound(9_000_000_000, 8), stepSize: stepText(m.lot!, 8) },
      ],
      permissions: [],
      permissionSets: [['SPOT', 'MARGIN']],
      defaultSelfTradePreventionMode: 'EXPIRE_MAKER',
      allowedSelfTradePreventionModes: ['NONE', 'EXPIRE_TAKER', 'EXPIRE_MAKER', 'EXPIRE_BOTH'],
    })),
  };
}

/**
 * `GET /fapi/v1/exchangeInfo` of Binance USD-M and of AsterDEX (its `/fapi/v1` and `/fapi/v3` alike), in the shape
 * of each venue's documented example: every listed perpetual with its tick (PRICE_FILTER tickSize) and size step
 * (LOT_SIZE stepSize) in as few decimals as they need. AsterDEX writes `autoAssetExchange` and
 * `multiplierDecimal` as numbers where Binance writes strings, and lists its algo-order limit and `HIDDEN`.
 */
export function futuresExchangeInfo(markets: readonly Market[], now: number, venue: 'binance' | 'asterdex'): object {
  const aster = venue === 'asterdex';
  const quotes = [...new Set(markets.map((m) => m.quote))];
  return {
    exchangeFilters: [],
    rateLimits: [
      { interval: 'MINUTE', intervalNum: 1, limit: 2400, rateLimitType: 'REQUEST_WEIGHT' },
      { interval: 'MINUTE', intervalNum: 1, limit: 1200, rateLimitType: 'ORDERS' },
    ],
    serverTime: now,
    assets: [
      ...quotes.map((asset) => ({ asset, marginAvailable: true, autoAssetExchange: aster ? 0 : '0' })),
      { asset: 'BNB', marginAvailable: false, autoAssetExchange: null },
    ],
    symbols: markets.map((m) => {
      const tick = stepText(m.tick!);
      const lot = stepText(m.lot!);
      return {
        symbol: m.symbol,
        pair: m.symbol,
        contractType: 'PERPETUAL',
        deliveryDate: 4133404800000,
        onboardDate: 1569398400000,
        status: 'TRADING',
        maintMarginPercent: '2.5000',
        requiredMarginPercent: '5.0000',
        baseAsset: m.base,
        quoteAsset: m.quote,
        marginAsset: m.quote,
        pricePrecision: decimalsOf(m.tick!),
        quantityPrecision: decimalsOf(m.lot!),
        baseAssetPrecision: 8,
        quotePrecision: 8,
        underlyingType: 'COIN',
        underlyingSubType: ['Layer-1'],
        settlePlan: 0,
        triggerProtect: '0.0500',
        filters: [
          { filterType: 'PRICE_FILTER', maxPrice: '4529764', minPrice: tick, tickSize: tick },
          { filterType: 'LOT_SIZE', maxQty: '1000', minQty: lot, stepSize: lot },
          { filterType: 'MARKET_LOT_SIZE', maxQty: '120', minQty: lot, stepSize: lot },
          { filterType: 'MAX_NUM_ORDERS', limit: 200 },
          ...(aster ? [{ filterType: 'MAX_NUM_ALGO_ORDERS', limit: 100 }] : []),
          { filterType: 'MIN_NOTIONAL', notional: '5' },
          { filterType: 'PERCENT_PRICE', multiplierUp: '1.0500', multiplierDown: '0.9500', multiplierDecimal: aster ? 4 : '4' },
        ],
        OrderType: ['LIMIT', 'MARKET', 'STOP', 'STOP_MARKET', 'TAKE_PROFIT', 'TAKE_PROFIT_MARKET', 'TRAILING_STOP_MARKET'],
        timeInForce: ['GTC', 'IOC', 'FOK', 'GTX', ...(aster ? ['HIDDEN'] : [])],
        liquidationFee: '0.012500',
        marketTakeBound: '0.05',
      };
    }),
    timezone: 'UTC',
  };
}
