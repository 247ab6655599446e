import { clipText } from '../feed/text';
import { parseObject } from '../venues/json';
import { FEEDS, QUOTES, type FeedId, type Market, type Quote } from '../venues/types';

/** Refuses an answer that is an HTML page (a proxy's or a CDN's error page, a captive portal), saying so. */
function refuseHtml(body: string): void {
  const start = body.trimStart();
  if (start.startsWith('<')) throw new Error(`an HTML page, not JSON: ${clipText(start, 80)}`);
}

function errorText(error: unknown): string {
  return clipText(error instanceof Error ? error.message : String(error), 120);
}

/**
 * Reads an instrument endpoint's answer as a JSON object, saying plainly what came instead: an HTML page or text
 * that is not JSON at all.
 */
export function readBody(body: string): Record<string, unknown> {
  refuseHtml(body);
  try {
    return parseObject(body);
  } catch (error) {
    throw new Error(`not a JSON object: ${errorText(error)}`);
  }
}

/**
 * Reads an answer whose top level must be a JSON list (Gate, Bitfinex), saying plainly what came instead: an HTML
 * page, text that is not JSON, the venue's own refusal (what `refusal` says of the answer, undefined when it is
 * none), or any other shape.
 */
export function readListBody(body: string, refusal: (answer: unknown) => string | undefined): unknown[] {
  refuseHtml(body);
  let answer: unknown;
  try {
    answer = JSON.parse(body);
  } catch (error) {
    throw new Error(`not JSON: ${errorText(error)}`);
  }
  const refused = refusal(answer);
  if (refused !== undefined) throw new Error(clipText(refused));
  if (!Array.isArray(answer)) throw new Error('the answer is not a list');
  return answer;
}

/** A list of objects the answer must hold (`symbols`, `data`, `list`, ...); anything else is a malformed answer. */
export function records(value: unknown, field: string): Record<string, unknown>[] {
  if (!Array.isArray(value)) throw new Error(`${field} is not a list`);
  return value.map((entry: unknown, k) => {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) throw new Error(`${field}[${k}] is not an object`);
    return entry as Record<string, unknown>;
  });
}

/** An object the answer must hold. */
export function record(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${field} is not an object`);
  return value as Record<string, unknown>;
}

/** A name the answer must hold (a symbol, a base or quote asset). */
export function name(value: unknown, field: string): string {
  if (typeof value !== 'string' || value === '') throw new Error(`${field} is not a name`);
  return value;
}

/** The quote among USD, USDT and USDC, the only ones the app converts; undefined for any other. */
export function quoteOf(value: unknown): Quote | undefined {
  return (QUOTES as readonly unknown[]).includes(value) ? (value as Quote) : undefined;
}

/**
 * A price or size increment, as venues write them (decimal text or a JSON number). Absent, empty or zero is no
 * increment (Binance: "Any of the variables can be set to 0, which disables that rule"); anything else that is not
 * a positive number is a malformed answer.
 */
export function increment(value: unknown, field: string): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const n = typeof value === 'string' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n) || n < 0) throw new Error(`${field} is not an increment`);
  return n === 0 ? undefined : n;
}

/** The increment of a count of decimals (Kraken `lot_decimals`, BingX `pricePrecision`): 3 → 0.001. */
export function decimalsIncrement(value: unknown, field: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 20) throw new Error(`${field} is not a count of decimals`);
  // The text form parses to the double nearest the decimal, as the venues' own "0.001" would.
  return Number(`1e-${value}`);
}

/** One page of a venue's instrument list, and the cursor of the next where the venue pages its list. */
export interface ListPage {
  readonly markets: Market[];
  readonly nextCursor?: string;
}

/** The units of a market of `feed` that `read` does not take from the answer: its venue and kind. */
export interface MarketFields {
  readonly base: string;
  readonly quote: Quote;
  readonly symbol: string;
  readonly tick?: number;
  readonly lot?: number;
  readonly contractSize?: number;
  readonly inverse?: true;
}

/**
 * A market of `feed`, its venue and kind those of the feed; sizes in the base asset unless a contract size is given
 * (or `inverse` says they count the quote).
 */
export function feedMarket(feed: FeedId, fields: MarketFields): Market {
  const { venue, kind } = FEEDS[feed];
  return {
    venue,
    feed,
    base: fields.base,
    quote: fields.quote,
    symbol: fields.symbol,
    kind,
    tick: fields.tick,
    lot: fields.lot,
    contractSize: fields.contractSize ?? 1,
    ...(fields.inverse ? { inverse: true as const } : {}),
  };
}
