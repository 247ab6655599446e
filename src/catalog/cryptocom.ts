import { clipText } from '../feed/text';
import type { Market } from '../venues/types';
import { feedMarket, increment, name, quoteOf, readBody, record, records } from './read';

/** Crypto.com's spot pairs and its perpetuals: one instrument list holds both. */
export type CryptocomFeed = 'cryptocom' | 'cryptocom-perp';

/** The `inst_type` each feed lists: "CCY_PAIR" for spot, "PERPETUAL_SWAP" (not FUTURE, dated) for perpetuals. */
const INST_TYPE: Readonly<Record<CryptocomFeed, string>> = { cryptocom: 'CCY_PAIR', 'cryptocom-perp': 'PERPETUAL_SWAP' };

/**
 * The contract size where the list gives one (`contract_size`, "Contract size for the instrument", which the
 * reference marks for its US business units); sizes are in the base asset otherwise, as the book examples show.
 */
function contractSize(value: unknown, field: string): number {
  return increment(value, field) ?? 1;
}

/**
 * `GET /exchange/v1/public/get-instruments` (Exchange API v1, public/get-instruments): `{id, method, code, result:
 * {data: [...]}}`, `code` 0 (a number in the v1 page's example, a string in the newer reference), anything else
 * Crypto.com's refusal with its `message`. Tradable instruments of the feed's `inst_type`, quoted in USD, USDT or
 * USDC; the tick is `price_tick_size`, the size step `qty_tick_size`. A spot pair's name is `BASE_QUOTE`: listings
 * under another name for the same pair (a venue-of-another-entity suffix such as `@OEX_HK`) are left out, so a
 * pair has one market.
 */
export function parseCryptocomInstruments(body: string, feed: CryptocomFeed): Market[] {
  const answer = readBody(body);
  const code = answer.code === undefined ? NaN : Number(answer.code);
  if (code !== 0) throw new Error(clipText(`${String(answer.code)} ${String(answer.message ?? '')}`.trim()));
  const result = record(answer.result, 'result');
  const markets: Market[] = [];
  records(result.data, 'result.data').forEach((i, k) => {
    const field = `result.data[${k}]`;
    const quote = quoteOf(i.quote_ccy);
    if (!quote || i.inst_type !== INST_TYPE[feed] || i.tradable !== true) return;
    const base = name(i.base_ccy, `${field}.base_ccy`);
    const symbol = name(i.symbol, `${field}.symbol`);
    if (feed === 'cryptocom' && symbol !== `${base}_${quote}`) return;
    markets.push(
      feedMarket(feed, {
        base,
        quote,
        symbol,
        tick: increment(i.price_tick_size, `${field}.price_tick_size`),
        lot: increment(i.qty_tick_size, `${field}.qty_tick_size`),
        contractSize: feed === 'cryptocom-perp' ? contractSize(i.contract_size, `${field}.contract_size`) : 1,
      }),
    );
  });
  return markets;
}
