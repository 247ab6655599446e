import { HYPERLIQUID_BRIDGED } from '../../catalog/hyperliquid';
import type { Market } from '../../venues/types';
import { decimalsOf } from '../decimals';
import { listedMarkets } from '../listings';
import type { SimMarket } from '../market';
import type { SimFeedMarkets } from '../types';

/** The token each simulated spot base is listed as: Unit's bridged coins under their own names (UBTC for BTC). */
const TOKEN_OF: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(HYPERLIQUID_BRIDGED).map(([token, base]) => [base, token]));

/** A market's mark: its best bid, a price on its grid (the venue's mark is an oracle-weighted price near the book). */
function markOf(book: SimMarket | undefined): string {
  return book?.snapshot(1).bids[0]?.[0] ?? '0';
}

/** Mid of the best bid and ask, one decimal finer than the tick so that it can fall between them. */
function midOf(book: SimMarket | undefined): string {
  const top = book?.snapshot(1);
  const bid = top?.bids[0];
  const ask = top?.asks[0];
  if (!book || !bid || !ask) return '0';
  return ((Number(bid[0]) + Number(ask[0])) / 2).toFixed(book.priceDecimals + 1);
}

/** `metaAndAssetCtxs`: the perpetuals' universe (coin and size decimals) and a context for each, in the same order. */
function perpetuals(markets: SimFeedMarkets): unknown {
  const listed = listedMarkets('hyperliquid', markets);
  const books = markets.get('hyperliquid');
  const universe = listed.map((m) => ({ name: m.symbol, szDecimals: decimalsOf(m.lot!), maxLeverage: 40 }));
  const contexts = listed.map((m) => {
    const book = books?.get(m.symbol);
    const mark = markOf(book);
    return {
      funding: '0.0000125',
      openInterest: '21875.50448',
      prevDayPx: mark,
      dayNtlVlm: '2460127963.9124612808',
      premium: '0.00031774',
      oraclePx: mark,
      markPx: mark,
      midPx: midOf(book),
      impactPxs: [mark, mark],
    };
  });
  return [{ universe }, contexts];
}

/**
 * `spotMetaAndAssetCtxs`: the tokens (USDC first, index 0, as in the documented example), each pair by its socket
 * name (`@142`) and index with its base and quote tokens, and a context for each pair naming it (`coin`).
 */
function spot(markets: SimFeedMarkets): unknown {
  const listed = listedMarkets('hyperliquid-spot', markets);
  const books = markets.get('hyperliquid-spot');
  const token = (name: string, szDecimals: number, index: number): object => ({
    name,
    szDecimals,
    weiDecimals: 8,
    index,
    tokenId: `0x${index.toString(16).padStart(32, '0')}`,
    isCanonical: false,
    evmContract: null,
    fullName: null,
  });
  const tokens = [token('USDC', 8, 0), ...listed.map((m, k) => token(TOKEN_OF[m.base] ?? m.base, decimalsOf(m.lot!), k + 1))];
  const universe = listed.map((m, k) => ({ tokens: [k + 1, 0], name: m.symbol, index: pairIndex(m, k), isCanonical: false }));
  const contexts = listed.map((m) => {
    const book = books?.get(m.symbol);
    const mark = markOf(book);
    return { prevDayPx: mark, dayNtlVlm: '8906.0', markPx: mark, midPx: midOf(book), circulatingSupply: '21000000.0', coin: m.symbol, totalSupply: '21000000.0', dayBaseVlm: '94.3' };
  });
  return [{ tokens, universe }, contexts];
}

/** A pair's index: the number in its `@<index>` name, or its place in the list for a pair named by its tokens. */
function pairIndex(market: Market, place: number): number {
  const match = /^@(\d+)$/.exec(market.symbol);
  return match ? Number(match[1]) : place;
}

/** The data an info request of `type` answers with, or undefined for a request the simulator does not serve. */
export function hyperliquidInfo(type: unknown, markets: SimFeedMarkets): unknown {
  if (type === 'metaAndAssetCtxs') return perpetuals(markets);
  if (type === 'spotMetaAndAssetCtxs') return spot(markets);
  return undefined;
}
