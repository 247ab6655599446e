import type { Market } from '../../venues/types';
import { stepText } from '../decimals';
import type { SimHttpResponse, SimMarkets } from '../types';

const NAMES: Readonly<Record<string, string>> = {
  BTC: 'Bitcoin',
  ETH: 'Ethereum',
  SOL: 'Solana',
  XRP: 'XRP',
  DOGE: 'Dogecoin',
  USDT: 'Tether',
  USD: 'US Dollar',
};

/**
 * `GET /api/v3/brokerage/market/products` (public, no key): `{products, num_products}` with the fields of Coinbase's
 * documented example that a spot product carries: `quote_increment` (= `price_increment`) is the price tick,
 * `base_increment` the size step, `price` the product's current mid. USD products alias their USDC twins, as
 * Coinbase serves "-USDC" books from the "-USD" ones.
 */
export function publicProducts(markets: readonly Market[], books: SimMarkets): SimHttpResponse {
  const products = markets.map((m) => {
    const book = books.get(m.symbol)!;
    const mid = stepText(book.book.mid() ?? book.spec.mid, book.priceDecimals);
    const tick = stepText(m.tick!);
    return {
      product_id: m.symbol,
      price: mid,
      price_percentage_change_24h: '0.61%',
      volume_24h: '12345.678',
      volume_percentage_change_24h: '-3.2%',
      base_increment: stepText(m.lot!),
      quote_increment: tick,
      quote_min_size: '1',
      quote_max_size: '150000000',
      base_min_size: stepText(m.lot!),
      base_max_size: '2600',
      base_name: NAMES[m.base] ?? m.base,
      quote_name: NAMES[m.quote] ?? m.quote,
      watched: false,
      is_disabled: false,
      new: false,
      status: 'online',
      cancel_only: false,
      limit_only: false,
      post_only: false,
      trading_disabled: false,
      auction_mode: false,
      product_type: 'SPOT',
      quote_currency_id: m.quote,
      base_currency_id: m.base,
      mid_market_price: mid,
      alias: '',
      alias_to: m.quote === 'USD' ? [`${m.base}-USDC`] : [],
      base_display_symbol: m.base,
      quote_display_symbol: m.quote,
      view_only: false,
      price_increment: tick,
      display_name: m.symbol,
      product_venue: 'CBE',
      approximate_quote_24h_volume: '1123456789.01',
      new_at: '2021-07-01T00:00:00Z',
    };
  });
  return { status: 200, body: JSON.stringify({ products, num_products: products.length }) };
}
