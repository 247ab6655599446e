import { clipText } from '../feed/text';
import type { Market } from '../venues/types';
import { feedMarket, increment, name, quoteOf, readBody, record, records, type ListPage } from './read';

/** Bybit's spot category and its linear one (USDT and USDC contracts). */
export type BybitFeed = 'bybit' | 'bybit-linear';

/**
 * `GET /v5/market/instruments-info?category=spot|linear` (Get Instruments Info): `{retCode: 0, retMsg, result:
 * {category, list, nextPageCursor}}`; a non-zero `retCode` is Bybit's refusal. Instruments whose `status` is
 * `Trading`; on linear, perpetuals only (`contractType` LinearPerpetual, not LinearFutures), whose sizes are in
 * the base coin (`qtyStep` "The step to increase/reduce order quantity"), as spot's are (`basePrecision`). The next
 * page's cursor is `nextPageCursor`, empty on the last page ("Spot does not support pagination").
 */
export function parseBybitInstruments(body: string, feed: BybitFeed): ListPage {
  const answer = readBody(body);
  if (answer.retCode !== 0) throw new Error(clipText(`${String(answer.retCode)} ${String(answer.retMsg)}`));
  const result = record(answer.result, 'result');
  const markets: Market[] = [];
  records(result.list, 'result.list').forEach((i, k) => {
    const field = `result.list[${k}]`;
    const quote = quoteOf(i.quoteCoin);
    if (!quote || i.status !== 'Trading') return;
    if (feed === 'bybit-linear' && i.contractType !== 'LinearPerpetual') return;
    const lots = i.lotSizeFilter === undefined ? {} : record(i.lotSizeFilter, `${field}.lotSizeFilter`);
    const prices = i.priceFilter === undefined ? {} : record(i.priceFilter, `${field}.priceFilter`);
    markets.push(
      feedMarket(feed, {
        base: name(i.baseCoin, `${field}.baseCoin`),
        quote,
        symbol: name(i.symbol, `${field}.symbol`),
        tick: increment(prices.tickSize, `${field}.priceFilter.tickSize`),
        lot: increment(feed === 'bybit' ? lots.basePrecision : lots.qtyStep, `${field}.lotSizeFilter`),
      }),
    );
  });
  const cursor = result.nextPageCursor;
  return typeof cursor === 'string' && cursor !== '' ? { markets, nextCursor: cursor } : { markets };
}
