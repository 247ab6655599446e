import { describe, expect, it } from 'vitest';
import { RATE_STALE_MS, rateBetween, type RateBook } from '../../../src/market/rates';

const krakenUsdt: RateBook = { feed: 'kraken', symbol: 'USDT/USD', base: 'USDT', quote: 'USD', mid: 0.99985, ageMs: 800, live: true };
const coinbaseUsdt: RateBook = { feed: 'coinbase', symbol: 'USDT-USD', base: 'USDT', quote: 'USD', mid: 0.9999, ageMs: 200, live: true };
const binanceUsdc: RateBook = { feed: 'binance', symbol: 'USDCUSDT', base: 'USDC', quote: 'USDT', mid: 1.0003, ageMs: 100, live: true };

describe('stablecoin rates from the venues\' own books', () => {
  it('reads the books quoting the pair: the mean of the live ones, whichever changed last', () => {
    const r = rateBetween([krakenUsdt, coinbaseUsdt], 'USDT', 'USD');
    expect(r.rate).toBe((0.9999 + 0.99985) / 2);
    expect(r.sources).toEqual([
      { feed: 'coinbase', symbol: 'USDT-USD', mid: 0.9999, hop: 0 },
      { feed: 'kraken', symbol: 'USDT/USD', mid: 0.99985, hop: 0 },
    ]);
    expect(r.ageMs).toBe(800);
    expect(r.stale).toBe(false);
    expect(rateBetween([coinbaseUsdt, krakenUsdt], 'USDT', 'USD').rate).toBe(r.rate);
  });

  it('reads a book the other way round: USD in USDT is one over the USDT/USD mid', () => {
    expect(rateBetween([krakenUsdt], 'USD', 'USDT').rate).toBe(1 / 0.99985);
  });

  it('chains two books through the third currency when none quotes the pair, and says both and the older age', () => {
    const r = rateBetween([krakenUsdt, binanceUsdc], 'USDC', 'USD');
    expect(r.rate).toBe(1.0003 * 0.99985);
    expect(r.sources.map((s) => [s.symbol, s.hop])).toEqual([
      ['USDCUSDT', 0],
      ['USDT/USD', 1],
    ]);
    expect(r.ageMs).toBe(800);
  });

  it('prefers a live book to a silent one, and flags a rate whose only book is silent or old', () => {
    const silent = { ...coinbaseUsdt, live: false, ageMs: 50 };
    expect(rateBetween([silent, krakenUsdt], 'USDT', 'USD').sources.map((s) => s.feed)).toEqual(['kraken']);
    expect(rateBetween([silent], 'USDT', 'USD')).toMatchObject({ rate: 0.9999, stale: true });
    expect(rateBetween([{ ...krakenUsdt, ageMs: RATE_STALE_MS + 1 }], 'USDT', 'USD').stale).toBe(true);
  });

  it('never assumes a rate: with no book at all (or only ones with no mid) there is none', () => {
    const r = rateBetween([{ ...krakenUsdt, mid: undefined }], 'USDT', 'USD');
    expect(r.rate).toBeUndefined();
    expect(r.stale).toBe(true);
    expect(rateBetween([], 'USD', 'USD').rate).toBe(1);
  });
});
