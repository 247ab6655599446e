import { describe, expect, it } from 'vitest';
import { rateBetween, type RateBook } from '../../src/market/rates';
import { basisLabel, rateAgeText, rateHealth, rateSourceText, rateText } from '../../src/ui/rates-text';
import type { RateView } from '../../src/worker/api';

const fmt = (v: number, d: number) => new Intl.NumberFormat(undefined, { minimumFractionDigits: d, maximumFractionDigits: d }).format(v);

/** A rate as the worker builds one, from the venues' stablecoin books. */
function rate(books: RateBook[], from: 'USDT' | 'USDC', to: 'USD' | 'USDT'): RateView {
  return { ...rateBetween(books, from, to), to };
}

const krakenUsdt: RateBook = { feed: 'kraken', symbol: 'USDT/USD', base: 'USDT', quote: 'USD', mid: 0.99987, ageMs: 1_500, live: true };
const binanceUsdc: RateBook = { feed: 'binance', symbol: 'USDCUSDT', base: 'USDC', quote: 'USDT', mid: 1.0002, ageMs: 800, live: true };

describe('the rates panel', () => {
  it('says each rate as "1 USDT = 0.99987 USD", from the book it came from', () => {
    const r = rate([krakenUsdt], 'USDT', 'USD');
    expect(rateText(r)).toBe(`1 USDT = ${fmt(0.99987, 5)} USD`);
    expect(rateSourceText(r)).toBe('Kraken USDT/USD mid');
    expect(rateHealth(r)).toBe('live');
    expect(rateAgeText(r, 0)).toBe(`updated ${fmt(1.5, 1)} s ago`);
    // Ages grow from the view's build time until the next view.
    expect(rateAgeText(r, 2_000)).toBe(`updated ${fmt(3.5, 1)} s ago`);
  });

  it('names every book of a chain', () => {
    const r = rate([krakenUsdt, binanceUsdc], 'USDC', 'USD');
    expect(rateText(r)).toBe(`1 USDC = ${fmt(1.0002 * 0.99987, 5)} USD`);
    expect(rateSourceText(r)).toBe('Binance USDCUSDT mid × Kraken USDT/USD mid');
  });

  it('says a rate read from several books of one pair is their mean', () => {
    const coinbaseUsdt: RateBook = { feed: 'coinbase', symbol: 'USDT-USD', base: 'USDT', quote: 'USD', mid: 0.99991, ageMs: 300, live: true };
    const r = rate([krakenUsdt, coinbaseUsdt], 'USDT', 'USD');
    expect(rateText(r)).toBe(`1 USDT = ${fmt((0.99991 + 0.99987) / 2, 5)} USD`);
    expect(rateSourceText(r)).toBe('mean of Coinbase USDT-USD and Kraken USDT/USD mids');
  });

  it('flags a rate whose book is not live as stale, and one with no book at all as unavailable', () => {
    const stale = rate([{ ...krakenUsdt, live: false, ageMs: 300_000 }], 'USDT', 'USD');
    expect(rateHealth(stale)).toBe('stale');
    expect(rateAgeText(stale, 0)).toBe('updated 5 min ago');
    const none = rate([], 'USDT', 'USD');
    expect(rateHealth(none)).toBe('unavailable');
    expect(rateText(none)).toBe('1 USDT = — USD');
    expect(rateSourceText(none)).toBe('no live source');
    expect(rateAgeText(none, 0)).toBeUndefined();
  });

  it('names a basis line by its venue, or all perpetuals against all spot', () => {
    expect(basisLabel({ perpetualMid: 91_010, spotMid: 91_000, bps: 1.1 })).toBe('All perpetuals vs all spot');
    expect(basisLabel({ venue: 'okx', perpetualMid: 91_010, spotMid: 91_000, bps: 1.1 })).toBe('OKX');
  });
});
