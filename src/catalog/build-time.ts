import { FEEDS, type FeedId, type Market } from '../venues/types';
import { feedMarket, increment, name, quoteOf, readBody, record, records } from './read';

/** One feed's list in the build-time catalog: when the venue was asked, and what it listed. */
export interface BuildTimeFeed {
  readonly fetchedAt: number;
  readonly markets: readonly Market[];
}

/**
 * The catalog the site was built with, `catalog.json` beside the app (tools/build-catalog.ts, run by the Pages
 * workflow daily): `{builtAt, feeds: {<feed id>: {fetchedAt, markets}}}`, holding the feeds the build could fetch.
 */
export interface BuildTimeCatalog {
  readonly builtAt: number;
  readonly feeds: Partial<Record<FeedId, BuildTimeFeed>>;
}

/** The file's text: compact, as it is fetched by pages (several thousand markets). */
export function writeBuildTimeCatalog(catalog: BuildTimeCatalog): string {
  return `${JSON.stringify(catalog)}\n`;
}

function time(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) throw new Error(`${field} is not a time`);
  return value;
}

/** The file's top level; each feed's list is read, and checked, when it is used. */
export function readBuildTimeCatalog(body: string): { readonly builtAt: number; readonly feeds: Record<string, unknown> } {
  const file = readBody(body);
  return { builtAt: time(file.builtAt, 'builtAt'), feeds: record(file.feeds, 'feeds') };
}

/** A market of the file, which must be one of `feed`'s: the feed's venue and kind, a quote the app converts. */
function fileMarket(value: Record<string, unknown>, feed: FeedId, field: string): Market {
  const { venue, kind } = FEEDS[feed];
  if (value.feed !== feed || value.venue !== venue || value.kind !== kind) throw new Error(`${field} is not a market of ${feed}`);
  const quote = quoteOf(value.quote);
  if (!quote) throw new Error(`${field}.quote is not USD, USDT or USDC`);
  const contractSize = increment(value.contractSize, `${field}.contractSize`);
  if (contractSize === undefined) throw new Error(`${field}.contractSize is missing`);
  if (value.inverse !== undefined && value.inverse !== true) throw new Error(`${field}.inverse is not true`);
  return feedMarket(feed, {
    base: name(value.base, `${field}.base`),
    quote,
    symbol: name(value.symbol, `${field}.symbol`),
    tick: increment(value.tick, `${field}.tick`),
    lot: increment(value.lot, `${field}.lot`),
    contractSize,
    ...(value.inverse === true ? { inverse: true as const } : {}),
  });
}

/** One feed's list in the file, checked market by market; undefined when the build could not fetch the feed. */
export function buildTimeFeed(feeds: Record<string, unknown>, feed: FeedId): BuildTimeFeed | undefined {
  if (feeds[feed] === undefined) return undefined;
  const entry = record(feeds[feed], `feeds.${feed}`);
  const markets = records(entry.markets, `feeds.${feed}.markets`).map((m, k) => fileMarket(m, feed, `feeds.${feed}.markets[${k}]`));
  if (markets.length === 0) throw new Error(`feeds.${feed} lists no market`);
  return { fetchedAt: time(entry.fetchedAt, `feeds.${feed}.fetchedAt`), markets };
}
