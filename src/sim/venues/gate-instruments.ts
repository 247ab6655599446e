import type { Market } from '../../venues/types';
import { decimalsOf, stepText } from '../decimals';
import { listedMarkets } from '../listings';
import type { SimFeedMarkets, SimHttpResponse } from '../types';

/** Gate API v4's list of spot pairs, and of USDT-settled futures contracts. */
export const GATE_PAIRS_PATH = '/api/v4/spot/currency_pairs';
export const GATE_CONTRACTS_PATH = '/api/v4/futures/usdt/contracts';

/** A pair with the fields of the documented example: `precision` the price's decimals, `amount_precision` the size's. */
function pair(m: Market): object {
  return {
    id: m.symbol,
    base: m.base,
    base_name: m.base,
    quote: m.quote,
    quote_name: m.quote,
    fee: '0.2',
    min_base_amount: stepText(m.lot!),
    min_quote_amount: '1.0',
    max_base_amount: '10000',
    max_quote_amount: '10000000',
    amount_precision: decimalsOf(m.lot!),
    precision: decimalsOf(m.tick!),
    trade_status: 'tradable',
    sell_start: 1516378650,
    buy_start: 1516378650,
    delisting_time: 0,
    trade_url: `https://www.gate.io/trade/${m.symbol}`,
    st_tag: false,
  };
}

/**
 * A direct (linear) contract with the fields of the documented example that say what the book is: `quanto_multiplier`
 * the base units of one contract, `order_price_round` the tick, `order_size_min` one contract; the rest as documented.
 */
function contract(m: Market): object {
  return {
    name: m.symbol,
    type: 'direct',
    quanto_multiplier: stepText(m.contractSize),
    ref_discount_rate: '0',
    order_price_deviate: '0.5',
    maintenance_rate: '0.005',
    mark_type: 'index',
    last_price: '38026',
    mark_price: '37985.6',
    index_price: '37954.92',
    funding_rate_indicative: '0.000219',
    mark_price_round: stepText(m.tick!),
    funding_offset: 0,
    in_delisting: false,
    risk_limit_base: '1000000',
    interest_rate: '0.0003',
    order_price_round: stepText(m.tick!),
    order_size_min: 1,
    ref_rebate_rate: '0.2',
    funding_interval: 28800,
    risk_limit_step: '1000000',
    leverage_min: '1',
    leverage_max: '100',
    risk_limit_max: '8000000',
    maker_fee_rate: '-0.00025',
    taker_fee_rate: '0.00075',
    funding_rate: '0.002053',
    order_size_max: 1000000,
    funding_next_apply: 1610035200,
    short_users: 977,
    config_change_time: 1609899548,
    trade_size: 28530850594,
    position_size: 5223816,
    long_users: 455,
    funding_impact_value: '60000',
    orders_limit: 50,
    trade_id: 10851092,
    orderbook_id: 2129638396,
    enable_bonus: true,
    enable_credit: true,
    create_time: 1669688556,
    funding_cap_ratio: '0.75',
    status: 'trading',
    launch_time: 1609899548,
    delisting_time: 1609899548,
    delisted_time: 1609899548,
  };
}

/** `GET /api/v4/spot/currency_pairs`: every pair as a list at the top level. */
export function currencyPairs(markets: SimFeedMarkets): SimHttpResponse {
  return { status: 200, body: JSON.stringify(listedMarkets('gate', markets).map(pair)) };
}

/** `GET /api/v4/futures/usdt/contracts`: every contract as a list at the top level. */
export function contracts(markets: SimFeedMarkets): SimHttpResponse {
  return { status: 200, body: JSON.stringify(listedMarkets('gate-futures', markets).map(contract)) };
}
