/**
 * The screen's settings: what it asks of the worker plus what only the screen needs. Pure parse/serialize for the
 * URL query (the part worth sharing: base, markets, kinds, currency, step, feeds) and localStorage (everything);
 * the URL wins on load. The venues switched to an alternative host are not shared: a region block is the reader's,
 * not the view's, and a link must not move its reader to another exchange's (thinner) book unasked. Nor are the
 * order sizes the user typed: they are the reader's own.
 *
 * In the query, `markets` lists the feeds switched on (a venue's spot or perpetual market: `okx,okx-swap`): the
 * key `feeds` has named the data source (`feeds=local|demo`) since the first release and links carry it.
 */
import { DEFAULT_IMBALANCE_BPS, DEFAULT_WALL_RULE, type WallRule } from '../liquidity/types';
import { SIM_ORIGIN } from '../sim/port';
import { DISPLAY_CURRENCIES, type DisplayCurrency, type FeedSource, type Settings } from '../worker/api';
import { FEEDS, FEED_IDS, MARKET_KINDS, VENUE_IDS, isFeedId, type FeedId, type MarketKind, type VenueId } from '../venues/types';
import { isSection, type Section } from './sections';
import { TRADE_WINDOWS, type TradeWindow } from '../trades/types';
import { DEFAULT_LARGE_TRADE } from './trade-text';

export type Theme = 'auto' | 'dark' | 'light';
export const THEMES: readonly Theme[] = ['auto', 'dark', 'light'];
export const SOURCES: readonly FeedSource[] = ['live', 'local', 'demo'];
export const ROW_CHOICES: readonly number[] = [10, 15, 20, 30, 50];
/** Bands the imbalance panel offers, bps either side of mid. */
export const IMBALANCE_BPS_CHOICES: readonly number[] = [5, 10, 25, 50, 100, 200];
/** The band a stored or typed imbalance band may take, bps. */
const IMBALANCE_BPS_RANGE = { min: 1, max: 1000 } as const;

/**
 * What a wall rule may be set to: a factor below 1.5 calls ordinary levels walls, a neighbourhood of one level is
 * noise, and past 2000 bps (±20 %) a book is too thin to compare. The inputs in settings show these bounds.
 */
export const WALL_RULE_LIMITS: { readonly [K in keyof WallRule]: { readonly min: number; readonly max: number; readonly step: number } } = {
  factor: { min: 1.5, max: 100, step: 0.5 },
  neighbours: { min: 2, max: 50, step: 1 },
  bandBps: { min: 10, max: 2000, step: 10 },
};

/** The engine's settings plus what only the screen needs. */
export interface UiSettings extends Settings {
  readonly theme: Theme;
  readonly alternativeHosts: readonly VenueId[];
  /**
   * Order sizes the user typed, per base (base units). A base without one gets an automatic size once its mid is
   * known (`withAutoSize`); until then `executionSize` is 0, which asks the worker for no estimate.
   */
  readonly sizes: Readonly<Record<string, number>>;
  /** How walls are found: shown in settings, stored, never in a link (it is the reader's own lens). */
  readonly wallRule: WallRule;
  /** The imbalance panel's band either side of mid, bps. */
  readonly imbalanceBps: number;
  /** The section a phone shows (below the layout's breakpoint; a desktop shows them all), remembered. */
  readonly section: Section;
  /** A trade worth at least this much (display currency) is a large one on the tape: stored, never in a link. */
  readonly largeTrade: number;
  /** The window the volume panel sums over. */
  readonly volumeWindow: TradeWindow;
}

export const STORAGE_KEY = 'orderbook-aggregator:settings';

/**
 * Spot only by default: a perpetual trades at a basis to spot, so in one ladder with spot books its bids would
 * read as crossing their asks; perpetuals are one choice away (the kind filter), with their basis shown.
 */
export const DEFAULTS: UiSettings = {
  base: 'BTC',
  kinds: ['spot'],
  feeds: [...FEED_IDS],
  currency: 'USD',
  step: 0,
  rows: 15,
  executionSide: 'buy',
  executionSize: 0,
  source: 'live',
  theme: 'auto',
  alternativeHosts: [],
  sizes: {},
  wallRule: DEFAULT_WALL_RULE,
  imbalanceBps: DEFAULT_IMBALANCE_BPS,
  section: 'book',
  largeTrade: DEFAULT_LARGE_TRADE,
  volumeWindow: '5m',
};

const MAX_ROWS = 200;
/** Typed sizes kept: enough for every base a trader visits, bounded so the store cannot grow without end. */
const MAX_SIZES = 100;

function isVenueId(value: unknown): value is VenueId {
  return typeof value === 'string' && (VENUE_IDS as readonly string[]).includes(value);
}

function isSource(value: unknown): value is FeedSource {
  return typeof value === 'string' && (SOURCES as readonly string[]).includes(value);
}

function isTheme(value: unknown): value is Theme {
  return typeof value === 'string' && (THEMES as readonly string[]).includes(value);
}

function nonNegative(value: unknown): number | undefined {
  const n = typeof value === 'string' ? (value.trim() === '' ? NaN : Number(value)) : value;
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? n : undefined;
}

/**
 * A base asset's name as the catalog spells it (BTC, PEPE, 1000SATS): letters and digits, upper case. Whether a
 * venue lists it is the catalog's to say; a name that cannot be one is refused here.
 */
export function baseName(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const name = value.trim().toUpperCase();
  return /^[A-Z0-9]{1,20}$/.test(name) ? name : undefined;
}

/** Venue ids in canonical order, unknown and repeated ids dropped. */
export function normalizeVenues(values: readonly unknown[]): VenueId[] {
  const wanted = new Set(values.filter(isVenueId));
  return VENUE_IDS.filter((v) => wanted.has(v));
}

/** Feed ids in canonical order, unknown and repeated ids dropped. */
export function normalizeFeeds(values: readonly unknown[]): FeedId[] {
  const wanted = new Set(values.filter(isFeedId));
  return FEED_IDS.filter((f) => wanted.has(f));
}

/** What a kind may be called in a link or the store. */
const KIND_NAMES: Readonly<Record<string, readonly MarketKind[]>> = {
  spot: ['spot'],
  perpetual: ['perpetual'],
  perpetuals: ['perpetual'],
  perp: ['perpetual'],
  perps: ['perpetual'],
  both: MARKET_KINDS,
};

/** Market kinds in canonical order; undefined when none is named (showing no market at all is not a choice). */
export function normalizeKinds(values: readonly unknown[]): MarketKind[] | undefined {
  const wanted = new Set(values.flatMap((v) => (typeof v === 'string' ? (KIND_NAMES[v.trim().toLowerCase()] ?? []) : [])));
  const kinds = MARKET_KINDS.filter((k) => wanted.has(k));
  return kinds.length ? kinds : undefined;
}

function currencyOf(value: unknown): DisplayCurrency | undefined {
  if (typeof value !== 'string') return undefined;
  const upper = value.trim().toUpperCase();
  return DISPLAY_CURRENCIES.find((c) => c === upper);
}

/** The feeds of some venues, every kind: how a link from before perpetuals (`venues=binance,okx`) is read. */
function feedsOfVenues(venues: readonly VenueId[]): FeedId[] {
  return FEED_IDS.filter((f) => venues.includes(FEEDS[f].venue));
}

/**
 * The simulator origin a link or the store names, kept only when it is the one the app was built for: another
 * loopback port (or host) would be refused by the worker anyway, and a link must not make the app save it.
 */
function validOrigin(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    // A blob: URL has the origin it was made under, so the scheme is checked as well.
    const url = new URL(value);
    return url.protocol === 'http:' && url.origin === SIM_ORIGIN ? SIM_ORIGIN : undefined;
  } catch {
    return undefined;
  }
}

/** Typed sizes whose base is a base name and whose size is a number, at most MAX_SIZES of them. */
function validSizes(value: unknown): Record<string, number> | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const out: Record<string, number> = {};
  for (const [key, raw] of Object.entries(value as Record<string, unknown>).slice(-MAX_SIZES)) {
    const base = baseName(key);
    const size = nonNegative(raw);
    if (base !== undefined && size !== undefined) out[base] = size;
  }
  return out;
}

/** A wall rule's field, when it is a number within its limits (neighbours a whole number). */
function wallRuleField(key: keyof WallRule, value: unknown): number | undefined {
  const { min, max } = WALL_RULE_LIMITS[key];
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) return undefined;
  return key === 'neighbours' && !Number.isInteger(value) ? undefined : value;
}

/** A stored wall rule, each field that is out of bounds or missing taken from the default; undefined for a non-object. */
function validWallRule(value: unknown): WallRule | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const r = value as Record<string, unknown>;
  return {
    factor: wallRuleField('factor', r.factor) ?? DEFAULT_WALL_RULE.factor,
    neighbours: wallRuleField('neighbours', r.neighbours) ?? DEFAULT_WALL_RULE.neighbours,
    bandBps: wallRuleField('bandBps', r.bandBps) ?? DEFAULT_WALL_RULE.bandBps,
  };
}

function validImbalanceBps(value: unknown): number | undefined {
  const n = nonNegative(value);
  return n !== undefined && n >= IMBALANCE_BPS_RANGE.min && n <= IMBALANCE_BPS_RANGE.max ? n : undefined;
}

/**
 * The fields of a partial settings object that are valid; anything else is dropped. `venues`, the list stored and
 * linked before perpetuals, is read as those venues' feeds when no `feeds` list is given.
 */
export function sanitize(raw: unknown): Partial<UiSettings> {
  if (!raw || typeof raw !== 'object') return {};
  const r = raw as Record<string, unknown>;
  const out: { -readonly [K in keyof UiSettings]?: UiSettings[K] } = {};
  const base = baseName(r.base);
  if (base !== undefined) out.base = base;
  if (Array.isArray(r.kinds)) {
    const kinds = normalizeKinds(r.kinds);
    if (kinds) out.kinds = kinds;
  }
  if (Array.isArray(r.feeds)) out.feeds = normalizeFeeds(r.feeds);
  else if (Array.isArray(r.venues)) out.feeds = feedsOfVenues(normalizeVenues(r.venues));
  const currency = currencyOf(r.currency);
  if (currency) out.currency = currency;
  const step = nonNegative(r.step);
  if (step !== undefined) out.step = step;
  const rows = nonNegative(r.rows);
  if (rows !== undefined && Number.isInteger(rows) && rows >= 1) out.rows = Math.min(MAX_ROWS, rows);
  if (r.executionSide === 'buy' || r.executionSide === 'sell') out.executionSide = r.executionSide;
  if (isSource(r.source)) out.source = r.source;
  const origin = validOrigin(r.localOrigin);
  if (origin) out.localOrigin = origin;
  if (isTheme(r.theme)) out.theme = r.theme;
  if (Array.isArray(r.alternativeHosts)) out.alternativeHosts = normalizeVenues(r.alternativeHosts);
  const sizes = validSizes(r.sizes);
  if (sizes) out.sizes = sizes;
  const wallRule = validWallRule(r.wallRule);
  if (wallRule) out.wallRule = wallRule;
  const imbalanceBps = validImbalanceBps(r.imbalanceBps);
  if (imbalanceBps !== undefined) out.imbalanceBps = imbalanceBps;
  if (isSection(r.section)) out.section = r.section;
  const largeTrade = nonNegative(r.largeTrade);
  if (largeTrade !== undefined) out.largeTrade = largeTrade;
  if (typeof r.volumeWindow === 'string' && (TRADE_WINDOWS as readonly string[]).includes(r.volumeWindow)) out.volumeWindow = r.volumeWindow as TradeWindow;
  return out;
}

/** A comma list in a query value, lower case, blanks dropped. */
export function queryList(text: string): string[] {
  return text
    .split(',')
    .map((v) => v.trim().toLowerCase())
    .filter(Boolean);
}

/**
 * Settings named in a URL query: base, markets (feed ids, comma list; `venues`, the older venue list, stands for
 * every feed of those venues), kinds (spot, perpetual or both), currency (USD or USDT), step, feeds=local|demo
 * (the data source), local (simulator origin).
 */
export function parseQuery(search: string): Partial<UiSettings> {
  const q = new URLSearchParams(search);
  const raw: Record<string, unknown> = {};
  const base = q.get('base');
  if (base !== null) raw.base = base;
  const markets = q.get('markets');
  if (markets !== null) raw.feeds = queryList(markets);
  const venues = q.get('venues');
  if (venues !== null) raw.venues = queryList(venues);
  const kinds = q.get('kinds');
  if (kinds !== null) raw.kinds = queryList(kinds);
  const currency = q.get('currency');
  if (currency !== null) raw.currency = currency;
  const step = q.get('step');
  if (step !== null) raw.step = step;
  const feeds = q.get('feeds');
  if (feeds !== null) raw.source = feeds;
  const local = q.get('local');
  if (local !== null) raw.localOrigin = local;
  return sanitize(raw);
}

/** Settings saved in localStorage (JSON), tolerant of anything that is not. */
export function parseStored(text: string | null | undefined): Partial<UiSettings> {
  if (!text) return {};
  try {
    return sanitize(JSON.parse(text));
  } catch {
    return {};
  }
}

const SHARED_KEYS = ['base', 'markets', 'venues', 'kinds', 'currency', 'step', 'feeds'];

/**
 * Defaults, then stored settings, then the URL: a shared link shows what its sender saw. A query naming any
 * shared key is taken as the whole shared view (pair, markets, kinds, currency, step, feeds), its missing keys as
 * their defaults, since the link leaves defaults out. The order size is the one typed for the base, if any.
 */
export function resolveSettings(search: string, stored: string | null | undefined): UiSettings {
  const fromStore = parseStored(stored);
  const query = new URLSearchParams(search);
  const shared = SHARED_KEYS.some((k) => query.has(k));
  const fromUrl: Partial<UiSettings> = shared
    ? { feeds: DEFAULTS.feeds, kinds: DEFAULTS.kinds, currency: DEFAULTS.currency, step: DEFAULTS.step, source: DEFAULTS.source, ...parseQuery(search) }
    : {};
  const merged: UiSettings = { ...DEFAULTS, ...fromStore, ...fromUrl };
  return { ...merged, executionSize: merged.sizes[merged.base] ?? 0 };
}

/** The query string of the shareable part, keys in a fixed order, defaults left out (the base always written). */
export function serializeQuery(s: UiSettings, current = ''): string {
  const q = new URLSearchParams(current);
  for (const key of [...SHARED_KEYS, 'local']) q.delete(key);
  q.set('base', s.base);
  const feeds = normalizeFeeds(s.feeds);
  if (feeds.length !== FEED_IDS.length) q.set('markets', feeds.join(','));
  const kinds = normalizeKinds(s.kinds) ?? DEFAULTS.kinds;
  if (kinds.join() !== DEFAULTS.kinds.join()) q.set('kinds', kinds.join(','));
  if (s.currency !== DEFAULTS.currency) q.set('currency', s.currency);
  if (s.step > 0) q.set('step', String(s.step));
  if (s.source === 'local' || s.source === 'demo') q.set('feeds', s.source);
  if (s.source === 'local' && s.localOrigin) q.set('local', s.localOrigin);
  const text = q.toString().replace(/%2C/gi, ',');
  return text ? `?${text}` : '';
}

/** Everything but the size in force, for localStorage: on load that is the one typed for the base, if any. */
export function serializeStored(s: UiSettings): string {
  const { executionSize: _inForce, ...kept } = s;
  return JSON.stringify(kept);
}

/** What the worker is asked for. */
export function engineSettings(s: UiSettings): Settings {
  const out: Settings = {
    base: s.base,
    kinds: normalizeKinds(s.kinds) ?? DEFAULTS.kinds,
    feeds: normalizeFeeds(s.feeds),
    currency: s.currency,
    step: s.step,
    rows: s.rows,
    executionSide: s.executionSide,
    executionSize: s.executionSize,
    source: s.source,
    alternativeHosts: normalizeVenues(s.alternativeHosts),
    wallRule: s.wallRule,
    imbalanceBps: s.imbalanceBps,
  };
  // The simulator is reached at the one origin the app was built for, whether or not a link named it.
  return s.source === 'local' ? { ...out, localOrigin: SIM_ORIGIN } : out;
}

/** A new base resets what only made sense for the old one: the price step, and the order size to the one typed for it. */
export function withBase(s: UiSettings, base: string): UiSettings {
  const name = baseName(base);
  if (name === undefined || name === s.base) return s;
  return { ...s, base: name, step: 0, executionSize: s.sizes[name] ?? 0 };
}

/** The kinds shown; an empty choice is refused (the filter always shows something). */
export function withKinds(s: UiSettings, kinds: readonly MarketKind[]): UiSettings {
  const normalized = normalizeKinds(kinds);
  return normalized ? { ...s, kinds: normalized } : s;
}

/** A venue list with `venue` in or out, in canonical order. */
function toggledVenue(venues: readonly VenueId[], venue: VenueId, on: boolean): VenueId[] {
  return normalizeVenues(on ? [...venues, venue] : venues.filter((v) => v !== venue));
}

/** One venue switched to its alternative host (Binance.US for Binance), or back to its main one. */
export function withAlternativeHost(s: UiSettings, venue: VenueId, on: boolean): UiSettings {
  return { ...s, alternativeHosts: toggledVenue(s.alternativeHosts, venue, on) };
}

/** One feed (a venue's spot or perpetual market) switched on or off. */
export function withFeed(s: UiSettings, feed: FeedId, on: boolean): UiSettings {
  return { ...s, feeds: normalizeFeeds(on ? [...s.feeds, feed] : s.feeds.filter((f) => f !== feed)) };
}

/** An order size the user typed: in force now, and kept for this base. */
export function withSize(s: UiSettings, size: number): UiSettings {
  if (!Number.isFinite(size) || size < 0) return s;
  // The newest last, so the oldest is the one dropped at the bound.
  const kept = Object.entries(s.sizes)
    .filter(([base]) => base !== s.base)
    .slice(-(MAX_SIZES - 1));
  return { ...s, executionSize: size, sizes: { ...Object.fromEntries(kept), [s.base]: size } };
}

/** One field of the wall rule changed; a value outside WALL_RULE_LIMITS (or not a whole number of neighbours) is refused. */
export function withWallRule(s: UiSettings, key: keyof WallRule, value: number): UiSettings {
  const valid = wallRuleField(key, value);
  return valid === undefined || valid === s.wallRule[key] ? s : { ...s, wallRule: { ...s.wallRule, [key]: valid } };
}

/** The imbalance band, bps; a band outside 1 … 1000 bps is refused. */
export function withImbalanceBps(s: UiSettings, bps: number): UiSettings {
  const valid = validImbalanceBps(bps);
  return valid === undefined || valid === s.imbalanceBps ? s : { ...s, imbalanceBps: valid };
}

/** Display-currency worth of the automatic order size. */
export const AUTO_NOTIONAL = 50_000;

/**
 * The automatic order size for an asset at `mid`: about AUTO_NOTIONAL of the display currency, rounded to 1, 2 or
 * 5 times a power of ten so it reads as a size a trader would type (BTC at 91 000: 0.5; ETH at 3 000: 20; DOGE at
 * 0.3: 200 000). Undefined without a price.
 */
export function autoSize(mid: number | undefined, notional = AUTO_NOTIONAL): number | undefined {
  if (mid === undefined || !Number.isFinite(mid) || mid <= 0) return undefined;
  const raw = notional / mid;
  const exp = Math.floor(Math.log10(raw));
  let best = 10 ** exp;
  for (const m of [1, 2, 5, 10]) {
    const candidate = m * 10 ** exp;
    if (Math.abs(Math.log(candidate / raw)) < Math.abs(Math.log(best / raw))) best = candidate;
  }
  return Number(best.toPrecision(12));
}

/**
 * The automatic order size, set once the base's mid is known, where the user typed none for it and none is in
 * force: fixed from then on for the visit, so the estimate does not jump as the price moves.
 */
export function withAutoSize(s: UiSettings, mid: number | undefined): UiSettings {
  if (s.executionSize > 0 || s.sizes[s.base] !== undefined) return s;
  const size = autoSize(mid);
  return size === undefined ? s : { ...s, executionSize: size };
}
