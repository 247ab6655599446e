import { describe, expect, it } from 'vitest';
import { parseCoinbaseProducts } from '../../../src/catalog/coinbase';
import { CATALOG_SOURCES } from '../../../src/catalog/sources';
import { documented } from '../../helpers/documented';

type Products = { products: Record<string, unknown>[] } & Record<string, unknown>;

/** The documented example (tests/fixtures/coinbase/docs/INSTRUMENTS.md): one product, every field a placeholder or a sample. */
const example = (): Products => JSON.parse(documented('coinbase', 'public-products.json')) as Products;

/**
 * The documented product with the placeholders filled as a live spot product carries them: `status` online, no
 * restriction flag set, nobody's alias.
 */
function live(change: Record<string, unknown> = {}): Record<string, unknown> {
  const [p] = example().products;
  return { ...p, status: 'online', product_type: 'SPOT', cancel_only: false, limit_only: false, post_only: false, alias: '', ...change };
}

/** An answer holding `products`, the last page. */
const answer = (...products: Record<string, unknown>[]): string => JSON.stringify({ ...example(), products, pagination: { has_next: false } });

describe('Coinbase public products', () => {
  it('leaves out the documented product as printed: its status is a placeholder and it says cancel-only', () => {
    expect(parseCoinbaseProducts(documented('coinbase', 'public-products.json')).markets).toEqual([]);
  });

  it('reads a live product of the documented form: BTC-USD, tick price_increment, lot base_increment', () => {
    expect(parseCoinbaseProducts(answer(live()))).toEqual({ markets: [
      { venue: 'coinbase', feed: 'coinbase', base: 'BTC', quote: 'USD', symbol: 'BTC-USD', kind: 'spot', tick: 0.00000001, lot: 0.00000001, contractSize: 1 },
    ] });
  });

  it('lists BTC-USD once: BTC-USDC, its alias, carries the same book', () => {
    const usdc = live({ product_id: 'BTC-USDC', quote_currency_id: 'USDC', alias: 'BTC-USD', alias_to: [] });
    expect(parseCoinbaseProducts(answer(live(), usdc)).markets.map((m) => m.symbol)).toEqual(['BTC-USD']);
  });

  it('leaves out products that do not trade, and futures', () => {
    for (const change of [{ status: 'offline' }, { trading_disabled: true }, { is_disabled: true }, { cancel_only: true }, { product_type: 'FUTURE' }]) {
      expect(parseCoinbaseProducts(answer(live(change))).markets).toEqual([]);
    }
    expect(parseCoinbaseProducts(answer(live({ limit_only: true }))).markets).toHaveLength(1);
  });

  it('asks for the next page where the documented pagination says more follow, its cursor encoded', () => {
    expect(parseCoinbaseProducts(documented('coinbase', 'public-products.json')).nextCursor).toBe('<string>');
    const source = CATALOG_SOURCES.coinbase;
    const [request] = source.requests(source.endpoint);
    expect(request).toEqual({ via: 'fetch', url: 'https://api.coinbase.com/api/v3/brokerage/market/products?product_type=SPOT' });
    const cursor = JSON.stringify({ ...example(), pagination: { next_cursor: 'QlRDLVVTRA==', has_next: true } });
    expect(source.read(cursor, request!)?.next).toEqual({ via: 'fetch', url: 'https://api.coinbase.com/api/v3/brokerage/market/products?product_type=SPOT&cursor=QlRDLVVTRA%3D%3D' });
  });

  it('refuses the documented error answer', () => {
    expect(() => parseCoinbaseProducts('{"error":"RATE_LIMIT_EXCEEDED","code":8,"message":"Too many requests","details":[{}]}')).toThrow('RATE_LIMIT_EXCEEDED: Too many requests');
  });
});
