import type { Market } from '../venues/types';
import { decimalsIncrement, feedMarket, increment, name, quoteOf, readListBody, records } from './read';

/**
 * A Gate API v4 answer that must be a list of objects. Gate answers a list at the top level, and a refusal as an
 * object `{label, message}` (General → Error Handling: "label ... message").
 */
function readList(body: string, what: string): Record<string, unknown>[] {
  const refusal = (answer: unknown): string | undefined => {
    if (typeof answer !== 'object' || answer === null || Array.isArray(answer)) return undefined;
    const { label, message } = answer as Record<string, unknown>;
    return `${String(label ?? 'no list of ' + what)} ${String(message ?? '')}`.trim();
  };
  return records(readListBody(body, refusal), what);
}

/**
 * `GET /api/v4/spot/currency_pairs` (List all currency pairs supported): pairs whose `trade_status` is `tradable`
 * ("can be bought and sold") and whose `type` is not `premarket`; the tick from `precision` ("Price scale") and the
 * size step from `amount_precision` ("Amount scale"), both counts of decimals; sizes in the base currency.
 */
export function parseGateCurrencyPairs(body: string): Market[] {
  const markets: Market[] = [];
  readList(body, 'currency pairs').forEach((p, k) => {
    const field = `[${k}]`;
    const quote = quoteOf(p.quote);
    if (!quote || p.trade_status !== 'tradable' || p.type === 'premarket') return;
    markets.push(
      feedMarket('gate', {
        base: name(p.base, `${field}.base`),
        quote,
        symbol: name(p.id, `${field}.id`),
        tick: decimalsIncrement(p.precision, `${field}.precision`),
        lot: decimalsIncrement(p.amount_precision, `${field}.amount_precision`),
      }),
    );
  });
  return markets;
}

/**
 * `GET /api/v4/futures/usdt/contracts` (List all futures contracts): direct (linear) contracts whose `status` is
 * `trading` (not prelaunch, delisting, delisted, circuit_breaker) and not `in_delisting`, named BASE_QUOTE. Sizes are
 * contracts of `quanto_multiplier` base units (0.0001 for BTC_USDT); the tick is `order_price_round` ("Minimum order
 * price increment"). Contracts trade in whole numbers ("order_size_min integer"), so the size step is 1, unless the
 * contract says `enable_decimal`, whose step the list does not give.
 */
export function parseGateContracts(body: string): Market[] {
  const markets: Market[] = [];
  readList(body, 'contracts').forEach((c, k) => {
    const field = `[${k}]`;
    if (c.type !== 'direct' || c.status !== 'trading' || c.in_delisting === true) return;
    const [base, quoteName, extra] = name(c.name, `${field}.name`).split('_');
    const quote = quoteOf(quoteName);
    if (!base || !quote || extra !== undefined) return;
    const contractSize = increment(c.quanto_multiplier, `${field}.quanto_multiplier`);
    if (contractSize === undefined) throw new Error(`${field}.quanto_multiplier is missing`);
    markets.push(
      feedMarket('gate-futures', {
        base,
        quote,
        symbol: c.name as string,
        tick: increment(c.order_price_round, `${field}.order_price_round`),
        lot: c.enable_decimal === true ? undefined : 1,
        contractSize,
      }),
    );
  });
  return markets;
}
