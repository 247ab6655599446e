/** How trades and their volumes read on screen: the tape's count line, the volume rows, a feed's numbering issues. */
import type { TradeStats, TradeVolumes, TradeWindow, VolumeFigures } from '../trades/types';
import type { DisplayCurrency } from '../worker/api';
import { FEED_IDS, type FeedId } from '../venues/types';
import { formatCompact, formatNumber, formatPercent } from './format';
import { feedName } from './venue-meta';

/** The large-trade threshold a first visit starts with, display currency. */
export const DEFAULT_LARGE_TRADE = 100_000;

/** The aggressor's arrow: up where a buyer lifted an ask, down where a seller hit a bid. */
export const SIDE_GLYPH = { buy: '▲', sell: '▼' } as const;

/** "1 trade", "2 trades": a count and its noun, the count grouped as the reader's locale groups it. */
export function counted(n: number, one: string, many = `${one}s`): string {
  return `${formatNumber(n, 0)} ${n === 1 ? one : many}`;
}

/** A threshold typed in: a number at least zero, or undefined for anything else (half-typed, negative, empty). */
export function parseThreshold(text: string): number | undefined {
  if (text.trim() === '') return undefined;
  const value = Number(text);
  return Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** The line under the tape: what it holds, what the filters list, and the trades that came too fast to list. */
export function tapeCountText(held: number, listed: number, skipped: number): string {
  const holds = held === listed ? `${counted(held, 'trade')} listed` : `${formatNumber(listed, 0)} of ${counted(held, 'trade')} listed`;
  const left = skipped > 0 ? `; ${counted(skipped, 'trade')} came too fast to list (counted in the volumes)` : '';
  return `${holds}${left}.`;
}

/** The buyers' share of the base traded, 0 … 1; undefined with no trade. */
export function buyShare(f: VolumeFigures | undefined): number | undefined {
  if (!f) return undefined;
  const total = f.buy + f.sell;
  return total > 0 ? f.buy / total : undefined;
}

export interface VolumeRow {
  readonly key: FeedId | 'all';
  /** Undefined until the first summary. */
  readonly figures?: VolumeFigures;
}

/** All markets, then each feed that traded in the window, in the app's order of feeds. */
export function volumeRows(volumes: TradeVolumes | undefined, window: TradeWindow): VolumeRow[] {
  const w = volumes?.[window];
  const out: VolumeRow[] = [{ key: 'all', figures: w?.all }];
  for (const feed of FEED_IDS) {
    const figures = w?.feeds[feed];
    if (figures && figures.trades > 0) out.push({ key: feed, figures });
  }
  return out;
}

/** One side's volume for a title or a screen reader: "12.5 BTC (1.14M USD)". */
export function sideVolumeText(base: number, quote: number, asset: string, currency: DisplayCurrency): string {
  return `${formatCompact(base)} ${asset} (${formatCompact(quote)} ${currency})`;
}

/** A row's volumes in words, for screen readers (the bar says the share by its length only). */
export function volumeDescription(f: VolumeFigures | undefined, asset: string, currency: DisplayCurrency): string {
  if (!f || f.trades === 0) return 'no trades';
  const share = buyShare(f);
  return (
    `bought ${sideVolumeText(f.buy, f.buyQuote, asset, currency)}, sold ${sideVolumeText(f.sell, f.sellQuote, asset, currency)}: ` +
    `buys ${formatPercent(share, 0)}`
  );
}

/** The class a signed figure is coloured by: buyers' where it is above zero, sellers' below. */
export function signClass(value: number | undefined): 'bid' | 'ask' | '' {
  if (value === undefined || !Number.isFinite(value) || value === 0) return '';
  return value > 0 ? 'bid' : 'ask';
}

/**
 * What a feed's trade numbering said, where it said anything: "2 gaps (15 trades missed), 4 repeats left out";
 * undefined when all is well.
 */
export function tradeIssues(stats: TradeStats | undefined): string | undefined {
  if (!stats) return undefined;
  const parts: string[] = [];
  if (stats.gaps > 0) parts.push(`${counted(stats.gaps, 'gap')} in its numbering (${counted(stats.missed, 'trade')} missed)`);
  if (stats.duplicates > 0) parts.push(`${counted(stats.duplicates, 'repeat')} left out`);
  if (stats.unread > 0) parts.push(`${counted(stats.unread, 'trade')} dropped unread`);
  return parts.length ? parts.join(', ') : undefined;
}

/** Each feed with numbering issues and what they were, in the app's order of feeds. */
export function tradeIssueNotes(stats: Partial<Record<FeedId, TradeStats>> | undefined): { feed: FeedId; text: string }[] {
  const out: { feed: FeedId; text: string }[] = [];
  for (const feed of FEED_IDS) {
    const text = tradeIssues(stats?.[feed]);
    if (text) out.push({ feed, text: `${feedName(feed)}: ${text}` });
  }
  return out;
}
