import { clipText } from '../feed/text';
import type { Market } from '../venues/types';
import { decimalsIncrement, feedMarket, increment, name, quoteOf, readBody, record } from './read';

/**
 * Kraken's REST names that its WebSocket v2 spells otherwise: "Symbol format XBT/USD (v1), BTC/USD (v2)" (Spot
 * WebSocket reference, v2 vs v1). AssetPairs' `wsname` is the v1 form; the book channel takes the v2 one.
 */
const V2_NAMES: Readonly<Record<string, string>> = { XBT: 'BTC', XDG: 'DOGE' };

function v2Name(asset: string): string {
  return V2_NAMES[asset] ?? asset;
}

/**
 * `GET https://api.kraken.com/0/public/AssetPairs` (Get Tradable Asset Pairs): `{error: [], result: {<pair key>:
 * pair}}`. A pair is one of ours when its `status` is `online` (not cancel_only, post_only, limit_only or
 * reduce_only) and its `wsname` names a quote of USD, USDT or USDC; the symbol is that `wsname` in v2's names
 * (XBT/USD → BTC/USD). Tick: `tick_size` ("Minimum increment between valid price levels"), else `pair_decimals`;
 * lot: `lot_decimals` ("Number of decimal places for volume (base asset terms)"); sizes in the base asset.
 * A non-empty `error` list (EGeneral:Too many requests, EService:Unavailable) is the answer's failure.
 */
export function parseKrakenAssetPairs(body: string): Market[] {
  const answer = readBody(body);
  if (Array.isArray(answer.error) && answer.error.length > 0) throw new Error(clipText(answer.error.map(String).join('; ')));
  const markets: Market[] = [];
  for (const [key, value] of Object.entries(record(answer.result, 'result'))) {
    const pair = record(value, `result.${key}`);
    // Pairs with no WebSocket name (the dark pool's `.d` pairs) have no book to subscribe to.
    if (pair.status !== 'online' || pair.wsname === undefined) continue;
    const [base, quoteName, extra] = name(pair.wsname, `result.${key}.wsname`).split('/');
    const quote = quoteOf(quoteName);
    if (!quote || !base || extra !== undefined) continue;
    const symbolBase = v2Name(base);
    markets.push(
      feedMarket('kraken', {
        base: symbolBase,
        quote,
        symbol: `${symbolBase}/${quote}`,
        tick: increment(pair.tick_size, `result.${key}.tick_size`) ?? decimalsIncrement(pair.pair_decimals, `result.${key}.pair_decimals`),
        lot: decimalsIncrement(pair.lot_decimals, `result.${key}.lot_decimals`),
      }),
    );
  }
  return markets;
}
