import { clipText } from '../feed/text';
import type { Market } from '../venues/types';
import { feedMarket, increment, name, quoteOf, readBody, records } from './read';

/** OKX's spot market (instType SPOT) and its perpetual swaps (SWAP). */
export type OkxFeed = 'okx' | 'okx-swap';

/** A spot instrument: `baseCcy`/`quoteCcy` ("Only applicable to SPOT/MARGIN"), sizes in the base currency. */
function spot(i: Record<string, unknown>, field: string): Market | undefined {
  const quote = quoteOf(i.quoteCcy);
  if (!quote) return undefined;
  return feedMarket('okx', {
    base: name(i.baseCcy, `${field}.baseCcy`),
    quote,
    symbol: name(i.instId, `${field}.instId`),
    tick: increment(i.tickSz, `${field}.tickSz`),
    lot: increment(i.lotSz, `${field}.lotSz`),
  });
}

/**
 * A linear swap (`ctType` linear: "margin, P&L, and settlement in the quote currency"), named by its family
 * (`instFamily` BTC-USDT; `uly` before it), sizes in contracts of `ctVal` base units ("for linear contracts,
 * ctVal is in the base currency (e.g., ctVal=0.01 BTC for BTC-USDT-SWAP)"), `lotSz` "the number of contracts".
 * A contract valued in anything but its base (`ctValCcy`) cannot be read as base units and is left out.
 */
function linearSwap(i: Record<string, unknown>, field: string): Market | undefined {
  if (i.ctType !== 'linear') return undefined;
  const family = typeof i.instFamily === 'string' && i.instFamily !== '' ? i.instFamily : i.uly;
  const [base, quoteName, extra] = name(family, `${field}.instFamily`).split('-');
  const quote = quoteOf(quoteName);
  if (!quote || !base || extra !== undefined || i.ctValCcy !== base) return undefined;
  const contractSize = increment(i.ctVal, `${field}.ctVal`);
  if (contractSize === undefined) throw new Error(`${field}.ctVal is missing`);
  return feedMarket('okx-swap', {
    base,
    quote,
    symbol: name(i.instId, `${field}.instId`),
    tick: increment(i.tickSz, `${field}.tickSz`),
    lot: increment(i.lotSz, `${field}.lotSz`),
    contractSize,
  });
}

/**
 * `GET /api/v5/public/instruments?instType=SPOT|SWAP` (Get instruments): `{code: "0", msg, data: [...]}`; a
 * non-zero `code` is OKX's refusal (50011 "Too Many Requests", ...). Only instruments whose `state` is `live`
 * trade (not suspend, preopen, test, rebase, post_only).
 */
export function parseOkxInstruments(body: string, feed: OkxFeed): Market[] {
  const answer = readBody(body);
  if (answer.code !== '0') throw new Error(clipText(`${String(answer.code)} ${String(answer.msg)}`));
  const instType = feed === 'okx' ? 'SPOT' : 'SWAP';
  const markets: Market[] = [];
  records(answer.data, 'data').forEach((i, k) => {
    if (i.instType !== instType || i.state !== 'live') return;
    const field = `data[${k}]`;
    const market = feed === 'okx' ? spot(i, field) : linearSwap(i, field);
    if (market) markets.push(market);
  });
  return markets;
}
