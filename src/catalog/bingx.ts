import { clipText } from '../feed/text';
import type { Market } from '../venues/types';
import { decimalsIncrement, feedMarket, increment, name, quoteOf, readBody, record, records } from './read';

/** The answer's envelope, `{code: 0, msg, data}`; a non-zero `code` is BingX's refusal (100410 FREQUENCY_LIMIT, ...). */
function data(body: string): unknown {
  const answer = readBody(body);
  if (answer.code !== 0) throw new Error(clipText(`${String(answer.code)} ${String(answer.msg)}`));
  return answer.data;
}

/**
 * `GET https://open-api.bingx.com/openApi/spot/v1/common/symbols` (Spot trading symbols): `data.symbols`, each a
 * `symbol` BTC-USDT with `tickSize` ("price step") and `stepSize` ("quantity step"); `status` "0 offline, 1 online,
 * 5 pre-open, 25 trading suspended", online only. Sizes in the base asset.
 */
export function parseBingxSymbols(body: string): Market[] {
  const markets: Market[] = [];
  records(record(data(body), 'data').symbols, 'data.symbols').forEach((s, k) => {
    const field = `data.symbols[${k}]`;
    if (s.status !== 1) return;
    const symbol = name(s.symbol, `${field}.symbol`);
    const [base, quoteName, extra] = symbol.split('-');
    const quote = quoteOf(quoteName);
    if (!quote || !base || extra !== undefined) return;
    markets.push(feedMarket('bingx', { base, quote, symbol, tick: increment(s.tickSize, `${field}.tickSize`), lot: increment(s.stepSize, `${field}.stepSize`) }));
  });
  return markets;
}

/**
 * `GET https://open-api.bingx.com/openApi/swap/v2/quote/contracts` (USDT-M Perp Futures symbols): `data`, each a
 * contract `symbol` BTC-USDT of `asset` (the base) settled in `currency`, with `pricePrecision` and
 * `quantityPrecision` for its increments; `status` "1 online, 25 forbidden to open positions, 5 pre-online, 0
 * offline", online only. Quantities are in coins ("tradeMinQuantity: The minimum trading unit(COIN)").
 */
export function parseBingxContracts(body: string): Market[] {
  const markets: Market[] = [];
  records(data(body), 'data').forEach((c, k) => {
    const field = `data[${k}]`;
    const quote = quoteOf(c.currency);
    if (!quote || c.status !== 1) return;
    markets.push(
      feedMarket('bingx-swap', {
        base: name(c.asset, `${field}.asset`),
        quote,
        symbol: name(c.symbol, `${field}.symbol`),
        tick: decimalsIncrement(c.pricePrecision, `${field}.pricePrecision`),
        lot: decimalsIncrement(c.quantityPrecision, `${field}.quantityPrecision`),
      }),
    );
  });
  return markets;
}
