import type { Market, Quote } from '../venues/types';
import { feedMarket, name, readListBody } from './read';

/** Bitfinex's spot pairs (`pub:list:pair:exchange`) and its perpetual derivatives (`pub:list:pair:futures`). */
export type BitfinexFeed = 'bitfinex' | 'bitfinex-perp';

/** The config lists each feed's pairs come from (https://docs.bitfinex.com/reference/rest-public-conf). */
export const BITFINEX_PAIR_LISTS: Readonly<Record<BitfinexFeed, string>> = {
  bitfinex: '/v2/conf/pub:list:pair:exchange',
  'bitfinex-perp': '/v2/conf/pub:list:pair:futures',
};

/** Bitfinex's own codes for the quotes the app converts: USDt is "UST", USDC "UDC". */
const QUOTES: Readonly<Record<string, Quote>> = { USD: 'USD', UST: 'USDT', UDC: 'USDC' };

/** A perpetual's currencies carry the suffix F0 (BTCF0:USTF0). */
const PERPETUAL = 'F0';

/**
 * A pair's base and quote codes: split at ':' where a code is longer than three letters (1INCH:USD, BTCF0:USTF0),
 * else three and three (BTCUSD).
 */
function codes(pair: string): [string, string] | undefined {
  const colon = pair.indexOf(':');
  if (colon >= 0) return [pair.slice(0, colon), pair.slice(colon + 1)];
  return pair.length === 6 ? [pair.slice(0, 3), pair.slice(3)] : undefined;
}

/**
 * One listed pair as a market: the symbol is the pair with the trading prefix "t" (tBTCUSD, tBTCF0:USTF0); amounts
 * are base units on both feeds. No tick (prices have five significant digits, so the step depends on the price)
 * and no lot (only a minimum order size, which is no increment). Test pairs (TESTBTC:TESTUSD) are left out.
 */
function market(feed: BitfinexFeed, pair: string): Market | undefined {
  const split = codes(pair);
  if (!split || pair.startsWith('TEST')) return undefined;
  let [base, quoteCode] = split;
  if (feed === 'bitfinex-perp') {
    if (!base.endsWith(PERPETUAL) || !quoteCode.endsWith(PERPETUAL)) return undefined;
    base = base.slice(0, -PERPETUAL.length);
    quoteCode = quoteCode.slice(0, -PERPETUAL.length);
  }
  const quote = QUOTES[quoteCode];
  if (!quote || base === '') return undefined;
  return feedMarket(feed, { base, quote, symbol: `t${pair}` });
}

/**
 * `GET https://api-pub.bitfinex.com/v2/conf/pub:list:pair:exchange` (or `:futures`): one list of pair names in a
 * list, `[["BTCUSD","BTCUST",...]]`. Bitfinex answers an error as `["error", CODE, "message"]`.
 */
export function parseBitfinexPairs(body: string, feed: BitfinexFeed): Market[] {
  const answer = readListBody(body, (a) => (Array.isArray(a) && a[0] === 'error' ? a.map(String).join(' ') : undefined));
  const pairs: unknown = answer[0];
  if (!Array.isArray(pairs)) throw new Error('the answer holds no list of pairs');
  const markets: Market[] = [];
  pairs.forEach((entry: unknown, k) => {
    const m = market(feed, name(entry, `[0][${k}]`));
    if (m) markets.push(m);
  });
  return markets;
}
