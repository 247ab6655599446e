import type { Market } from '../../venues/types';
import { decimalsOf, stepText } from '../decimals';
import { listedMarkets } from '../listings';
import type { SimFeedMarkets, SimHttpResponse } from '../types';

/** Crypto.com's instrument list, spot and derivatives together, under the REST base `/exchange/v1`. */
export const CRYPTOCOM_INSTRUMENTS_PATH = '/exchange/v1/public/get-instruments';

/**
 * One instrument with the fields of the v1 page's `public/get-instruments` example (`BTCUSD-PERP`): a perpetual is a
 * PERPETUAL_SWAP named `BASEQUOTE-PERP` on an index, a spot pair a CCY_PAIR named `BASE_QUOTE` with no expiry.
 */
function instrument(m: Market): object {
  const perp = m.kind === 'perpetual';
  return {
    symbol: m.symbol,
    inst_type: perp ? 'PERPETUAL_SWAP' : 'CCY_PAIR',
    display_name: perp ? `${m.base}${m.quote} Perpetual` : `${m.base}/${m.quote}`,
    base_ccy: m.base,
    quote_ccy: m.quote,
    quote_decimals: decimalsOf(m.tick!),
    quantity_decimals: decimalsOf(m.lot!),
    price_tick_size: stepText(m.tick!),
    qty_tick_size: stepText(m.lot!),
    max_leverage: perp ? '50' : '10',
    tradable: true,
    expiry_timestamp_ms: 0,
    underlying_symbol: perp ? `${m.base}${m.quote}-INDEX` : m.base,
  };
}

/** `GET /exchange/v1/public/get-instruments`: every listed spot pair and perpetual, in the documented envelope. */
export function cryptocomInstruments(markets: SimFeedMarkets): SimHttpResponse {
  const data = [...listedMarkets('cryptocom', markets), ...listedMarkets('cryptocom-perp', markets)].map(instrument);
  return { status: 200, body: JSON.stringify({ id: 1, method: 'public/get-instruments', code: 0, result: { data } }) };
}
