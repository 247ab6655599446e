import { clipText } from '../feed/text';
import type { Market } from '../venues/types';
import { decimalsIncrement, feedMarket, increment, name, quoteOf, readBody, records } from './read';

/** The answer's envelope, `{code: "00000", msg: "success", requestTime, data}`; any other `code` is Bitget's refusal. */
function data(body: string): Record<string, unknown>[] {
  const answer = readBody(body);
  if (answer.code !== '00000') throw new Error(clipText(`${String(answer.code)} ${String(answer.msg)}`));
  return records(answer.data, 'data');
}

/** A count of decimals as Bitget writes it, decimal text ("4"). */
function places(value: unknown, field: string): number {
  if (typeof value !== 'string' || !/^\d{1,2}$/.test(value)) throw new Error(`${field} is not a count of decimals`);
  return Number(value);
}

/**
 * `GET https://api.bitget.com/api/v2/spot/public/symbols` (Get Symbol Info): `data`, each a `symbol` BTCUSDT of
 * `baseCoin` quoted in `quoteCoin`, its increments as counts of decimals (`pricePrecision` "Pricing precision",
 * `quantityPrecision` "Amount precision", in the base coin); `status` "offline, gray (grey scale), online (normal),
 * halt (suspend trading)", online only.
 */
export function parseBitgetSymbols(body: string): Market[] {
  const markets: Market[] = [];
  data(body).forEach((s, k) => {
    const field = `data[${k}]`;
    const quote = quoteOf(s.quoteCoin);
    if (!quote || s.status !== 'online') return;
    markets.push(
      feedMarket('bitget', {
        base: name(s.baseCoin, `${field}.baseCoin`),
        quote,
        symbol: name(s.symbol, `${field}.symbol`),
        tick: decimalsIncrement(places(s.pricePrecision, `${field}.pricePrecision`), `${field}.pricePrecision`),
        lot: decimalsIncrement(places(s.quantityPrecision, `${field}.quantityPrecision`), `${field}.quantityPrecision`),
      }),
    );
  });
  return markets;
}

/**
 * The price tick of a contract: `pricePlace` "Price decimal places" and `priceEndStep` "Price step", the tick being
 * the step in the last place (BTCUSDT: 1 at 1 place, 0.1). Written as decimal text so it parses to the double
 * nearest the decimal, as "0.1" would.
 */
function contractTick(c: Record<string, unknown>, field: string): number | undefined {
  const step = increment(c.priceEndStep, `${field}.priceEndStep`);
  if (step === undefined || !Number.isInteger(step)) throw new Error(`${field}.priceEndStep is not a whole step`);
  return Number(`${step}e-${places(c.pricePlace, `${field}.pricePlace`)}`);
}

/**
 * `GET https://api.bitget.com/api/v2/mix/market/contracts?productType=USDT-FUTURES` (Get Contract Config): `data`,
 * each a `symbol` BTCUSDT of `baseCoin` quoted in `quoteCoin`, `symbolType` "perpetual" or "delivery" (perpetuals
 * only), `symbolStatus` normal (not listed, maintain, limit_open, restrictedAPI, off). Sizes are in the base coin:
 * `minTradeNum` and `sizeMultiplier` ("the order size must be ... a multiple of sizeMultiplier", the lot) count it,
 * and nothing names a contract value, so the contract size is 1.
 */
export function parseBitgetContracts(body: string): Market[] {
  const markets: Market[] = [];
  data(body).forEach((c, k) => {
    const field = `data[${k}]`;
    const quote = quoteOf(c.quoteCoin);
    if (!quote || c.symbolType !== 'perpetual' || c.symbolStatus !== 'normal') return;
    markets.push(
      feedMarket('bitget-futures', {
        base: name(c.baseCoin, `${field}.baseCoin`),
        quote,
        symbol: name(c.symbol, `${field}.symbol`),
        tick: contractTick(c, field),
        lot: increment(c.sizeMultiplier, `${field}.sizeMultiplier`),
      }),
    );
  });
  return markets;
}
