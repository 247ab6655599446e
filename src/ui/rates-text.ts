/**
 * The words of the rates panel: what each stablecoin rate is, where it came from, how old it is and whether it
 * can be trusted; and which perpetual's basis a line is.
 */
import type { BasisView, RateView } from '../worker/api';
import { formatDuration, formatNumber } from './format';
import { VENUE_META, feedName } from './venue-meta';

/** Stablecoin rates sit within a few bps of 1: five decimals show a hundredth of a basis point. */
const RATE_DECIMALS = 5;

/** "1 USDT = 0.99987 USD". */
export function rateText(r: RateView): string {
  return `1 ${r.from} = ${formatNumber(r.rate, RATE_DECIMALS)} ${r.to}`;
}

/**
 * "Kraken USDT/USD mid"; "mean of Coinbase USDT-USD and Kraken USDT/USD mids" where several books quote the pair;
 * the hops of a chain joined by "×" (Binance USDCUSDT mid × Kraken USDT/USD mid).
 */
export function rateSourceText(r: RateView): string {
  if (!r.sources.length) return 'no live source';
  const hops = [...new Set(r.sources.map((s) => s.hop))].map((hop) => r.sources.filter((s) => s.hop === hop).map((s) => `${feedName(s.feed)} ${s.symbol}`));
  return hops.map((books) => (books.length === 1 ? `${books[0]} mid` : `mean of ${books.slice(0, -1).join(', ')} and ${books.at(-1)} mids`)).join(' × ');
}

/** What a rate's flag says: usable, stale (kept but old), or unavailable (books in that quote are left out). */
export type RateHealth = 'live' | 'stale' | 'unavailable';

export function rateHealth(r: RateView): RateHealth {
  if (r.rate === undefined) return 'unavailable';
  return r.stale ? 'stale' : 'live';
}

/**
 * "updated 2.1 s ago", or undefined for a rate no book measured: `sinceBuilt` is the time since the view that
 * measured `ageMs` was built.
 */
export function rateAgeText(r: RateView, sinceBuilt: number): string | undefined {
  if (r.ageMs === undefined) return undefined;
  return `updated ${formatDuration(r.ageMs + Math.max(0, sinceBuilt))} ago`;
}

/** Which comparison a basis line is: one venue's perpetual against its spot, or all perpetuals against all spot. */
export function basisLabel(b: BasisView): string {
  return b.venue ? VENUE_META[b.venue].name : 'All perpetuals vs all spot';
}
