import type { Market } from '../../venues/types';
import { listedMarkets } from '../listings';
import type { SimFeedMarkets } from '../types';

/** Deribit's instrument list over HTTP; the WebSocket API answers the same method. */
export const DERIBIT_INSTRUMENTS_PATH = '/api/v2/public/get_instruments';

/** Instrument ids, by listing order: the documented example's BTC-PERPETUAL is 124972. */
const FIRST_INSTRUMENT_ID = 124_972;

/**
 * An instrument as `public/get_instruments` lists it, with the fields of the documented example. An inverse
 * perpetual (`instrument_type` reversed) counts USD in steps of `contract_size`; a spot pair counts the base coin
 * in steps of `min_trade_amount`, and carries neither `settlement_period` nor `settlement_currency` ("Optional (not
 * added for spot)").
 */
function instrument(m: Market, k: number): object {
  const common = {
    tick_size: m.tick,
    tick_size_steps: [],
    taker_commission: 0.0005,
    quote_currency: m.quote,
    price_index: `${m.base.toLowerCase()}_${m.quote.toLowerCase()}`,
    min_trade_amount: m.lot,
    maker_commission: 0,
    is_active: true,
    instrument_name: m.symbol,
    instrument_id: FIRST_INSTRUMENT_ID + k,
    creation_timestamp: 1534167754000,
    counter_currency: m.quote,
    contract_size: m.lot,
    block_trade_tick_size: 0.01,
    block_trade_min_trade_amount: 200000,
    block_trade_commission: 0.00025,
    base_currency: m.base,
    state: 'open',
  };
  if (m.kind === 'spot') return { ...common, kind: 'spot', expiration_timestamp: 32503708800000 };
  return {
    ...common,
    kind: 'future',
    settlement_period: 'perpetual',
    settlement_currency: m.inverse ? m.base : m.quote,
    max_liquidation_commission: 0.0075,
    max_leverage: 50,
    instrument_type: m.inverse ? 'reversed' : 'linear',
    expiration_timestamp: 32503708800000,
  };
}

/**
 * The `result` of `public/get_instruments` with `kind` future or spot (`currency` any, or a base the list is cut
 * to): the simulated perpetuals, or the spot pairs.
 */
export function deribitInstruments(markets: SimFeedMarkets, params: { currency?: unknown; kind?: unknown }): object[] {
  const listed = [...listedMarkets('deribit', markets), ...listedMarkets('deribit-spot', markets)];
  return listed
    .map((m, k) => ({ m, k }))
    .filter(({ m }) => (params.kind === 'spot' ? m.kind === 'spot' : params.kind === 'future' ? m.kind === 'perpetual' : true))
    .filter(({ m }) => params.currency === undefined || params.currency === 'any' || params.currency === m.base)
    .map(({ m, k }) => instrument(m, k));
}
