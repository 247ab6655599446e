import { clipText } from '../feed/text';
import type { Market } from '../venues/types';
import { feedMarket, increment, name, quoteOf, readBody, record, records, type ListPage } from './read';

/**
 * Whether a product has a book that trades: `status` online, and neither disabled, trading-disabled nor
 * cancel-only (limit-only and post-only books still have both sides).
 */
function trading(p: Record<string, unknown>): boolean {
  return p.status === 'online' && p.is_disabled !== true && p.trading_disabled !== true && p.cancel_only !== true;
}

/**
 * A product that is another's book under a second name: Coinbase lists BTC-USDC with `alias` BTC-USD (and BTC-USD
 * with `alias_to` [BTC-USDC]), and "-USDC" products carry the "-USD" product's data on the public channels. The
 * book is listed once, under the product that is nobody's alias.
 */
function aliasOfAnother(p: Record<string, unknown>): boolean {
  return typeof p.alias === 'string' && p.alias !== '' && p.alias !== p.product_id;
}

/**
 * `GET https://api.coinbase.com/api/v3/brokerage/market/products?product_type=SPOT` (List Public Products, no
 * key): `{products: [...], num_products}`. Each trading spot product quoted in USD, USDT or USDC, named by its
 * `product_id` (BTC-USD), its tick `price_increment` and its lot `base_increment`; sizes in the base asset. Where
 * `pagination.has_next` says more follow, `next_cursor` asks for them. An error answer is `{error, code, message,
 * details}`.
 */
export function parseCoinbaseProducts(body: string): ListPage {
  const answer = readBody(body);
  if (answer.products === undefined && answer.error !== undefined) throw new Error(clipText(`${String(answer.error)}: ${String(answer.message)}`));
  const markets: Market[] = [];
  records(answer.products, 'products').forEach((p, k) => {
    const field = `products[${k}]`;
    // The request asks for SPOT; the documented example prints the enum's default, UNKNOWN_PRODUCT_TYPE.
    if (p.product_type !== 'SPOT' && p.product_type !== 'UNKNOWN_PRODUCT_TYPE') return;
    const quote = quoteOf(p.quote_currency_id);
    if (!quote || !trading(p) || aliasOfAnother(p)) return;
    markets.push(
      feedMarket('coinbase', {
        base: name(p.base_currency_id, `${field}.base_currency_id`),
        quote,
        symbol: name(p.product_id, `${field}.product_id`),
        tick: increment(p.price_increment, `${field}.price_increment`),
        lot: increment(p.base_increment, `${field}.base_increment`),
      }),
    );
  });
  const pagination = answer.pagination === undefined ? {} : record(answer.pagination, 'pagination');
  const cursor = pagination.has_next === true ? pagination.next_cursor : undefined;
  return typeof cursor === 'string' && cursor !== '' ? { markets, nextCursor: cursor } : { markets };
}
