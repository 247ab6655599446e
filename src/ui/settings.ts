/**
 * The screen's settings: what it asks of the worker plus the theme. Pure parse/serialize for the URL query
 * (base, venues, step, feeds — the part worth sharing) and localStorage (everything); the URL wins on load.
 * The venues switched to an alternative host are not shared: a region block is the reader's, not the view's, and
 * a link must not move its reader to another exchange's (thinner) book unasked.
 */
import { SIM_ORIGIN } from '../sim/port';
import type { FeedSource, Settings } from '../worker/api';
import { BASE_ASSETS, isBaseAsset, type BaseAsset } from '../venues/assets';
import { VENUE_IDS, type VenueId } from '../venues/types';

export type Theme = 'auto' | 'dark' | 'light';
export const THEMES: readonly Theme[] = ['auto', 'dark', 'light'];
export const SOURCES: readonly FeedSource[] = ['live', 'local', 'demo'];
export const ROW_CHOICES: readonly number[] = [10, 15, 20, 30, 50];

/** The engine's settings plus what only the screen needs. */
export interface UiSettings extends Settings {
  readonly theme: Theme;
  readonly alternativeHosts: readonly VenueId[];
}

export const STORAGE_KEY = 'orderbook-aggregator:settings';

/** A sensible order size per asset, about 50 000 quote units' worth at typical prices. */
export const DEFAULT_SIZE: Record<BaseAsset, number> = { BTC: 1, ETH: 10, SOL: 250, XRP: 20_000, DOGE: 200_000 };

export const DEFAULTS: UiSettings = {
  base: 'BTC',
  venues: [...VENUE_IDS],
  step: 0,
  rows: 15,
  executionSide: 'buy',
  executionSize: DEFAULT_SIZE.BTC,
  source: 'live',
  theme: 'auto',
  alternativeHosts: [],
};

const MAX_ROWS = 200;

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

/** Venue ids in canonical order, unknown and repeated ids dropped. */
export function normalizeVenues(values: readonly unknown[]): VenueId[] {
  const wanted = new Set(values.filter(isVenueId));
  return VENUE_IDS.filter((v) => wanted.has(v));
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

/** The fields of a partial settings object that are valid; anything else is dropped. */
export function sanitize(raw: unknown): Partial<UiSettings> {
  if (!raw || typeof raw !== 'object') return {};
  const r = raw as Record<string, unknown>;
  const out: { -readonly [K in keyof UiSettings]?: UiSettings[K] } = {};
  if (typeof r.base === 'string' && isBaseAsset(r.base)) out.base = r.base;
  if (Array.isArray(r.venues)) out.venues = normalizeVenues(r.venues);
  const step = nonNegative(r.step);
  if (step !== undefined) out.step = step;
  const rows = nonNegative(r.rows);
  if (rows !== undefined && Number.isInteger(rows) && rows >= 1) out.rows = Math.min(MAX_ROWS, rows);
  if (r.executionSide === 'buy' || r.executionSide === 'sell') out.executionSide = r.executionSide;
  const size = nonNegative(r.executionSize);
  if (size !== undefined) out.executionSize = size;
  if (isSource(r.source)) out.source = r.source;
  const origin = validOrigin(r.localOrigin);
  if (origin) out.localOrigin = origin;
  if (isTheme(r.theme)) out.theme = r.theme;
  if (Array.isArray(r.alternativeHosts)) out.alternativeHosts = normalizeVenues(r.alternativeHosts);
  return out;
}

/** Settings named in a URL query: base, venues (comma list), step, feeds=local|demo, local (simulator origin). */
export function parseQuery(search: string): Partial<UiSettings> {
  const q = new URLSearchParams(search);
  const raw: Record<string, unknown> = {};
  const base = q.get('base');
  if (base !== null) raw.base = base.toUpperCase();
  const venues = q.get('venues');
  if (venues !== null) raw.venues = venues.split(',').map((v) => v.trim().toLowerCase()).filter(Boolean);
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

const SHARED_KEYS = ['base', 'venues', 'step', 'feeds'];

/**
 * Defaults, then stored settings, then the URL: a shared link shows what its sender saw. A query naming any
 * shared key is taken as the whole shared view (pair, venues, step, feeds), its missing keys as their defaults,
 * since the link leaves defaults out.
 */
export function resolveSettings(search: string, stored: string | null | undefined): UiSettings {
  const fromStore = parseStored(stored);
  const query = new URLSearchParams(search);
  const shared = SHARED_KEYS.some((k) => query.has(k));
  const fromUrl: Partial<UiSettings> = shared
    ? { venues: DEFAULTS.venues, step: DEFAULTS.step, source: DEFAULTS.source, ...parseQuery(search) }
    : {};
  const merged: UiSettings = { ...DEFAULTS, ...fromStore, ...fromUrl };
  // A stored order size belongs to its stored base; a link to another base gets that base's default size.
  const storedBase = fromStore.base ?? DEFAULTS.base;
  if (fromStore.executionSize === undefined || merged.base !== storedBase) return { ...merged, executionSize: DEFAULT_SIZE[merged.base] };
  return merged;
}

/** The query string of the shareable part, keys in a fixed order, defaults left out. */
export function serializeQuery(s: UiSettings, current = ''): string {
  const q = new URLSearchParams(current);
  for (const key of ['base', 'venues', 'step', 'feeds', 'local']) q.delete(key);
  q.set('base', s.base);
  const venues = normalizeVenues(s.venues);
  if (venues.length !== VENUE_IDS.length) q.set('venues', venues.join(','));
  if (s.step > 0) q.set('step', String(s.step));
  if (s.source === 'local' || s.source === 'demo') q.set('feeds', s.source);
  if (s.source === 'local' && s.localOrigin) q.set('local', s.localOrigin);
  const text = q.toString().replace(/%2C/gi, ',');
  return text ? `?${text}` : '';
}

/** Everything, for localStorage. */
export function serializeStored(s: UiSettings): string {
  return JSON.stringify(s);
}

/** What the worker is asked for. */
export function engineSettings(s: UiSettings): Settings {
  const out: Settings = {
    base: s.base,
    venues: normalizeVenues(s.venues),
    step: s.step,
    rows: s.rows,
    executionSide: s.executionSide,
    executionSize: s.executionSize,
    source: s.source,
    alternativeHosts: normalizeVenues(s.alternativeHosts),
  };
  // The simulator is reached at the one origin the app was built for, whether or not a link named it.
  return s.source === 'local' ? { ...out, localOrigin: SIM_ORIGIN } : out;
}

/** A new base resets what only made sense for the old one: the price step and the order size. */
export function withBase(s: UiSettings, base: BaseAsset): UiSettings {
  if (base === s.base) return s;
  return { ...s, base, step: 0, executionSize: DEFAULT_SIZE[base] };
}

/** A venue list with `venue` in or out, in canonical order. */
function toggled(venues: readonly VenueId[], venue: VenueId, on: boolean): VenueId[] {
  return normalizeVenues(on ? [...venues, venue] : venues.filter((v) => v !== venue));
}

/** One venue switched to its alternative host (Binance.US for Binance), or back to its main one. */
export function withAlternativeHost(s: UiSettings, venue: VenueId, on: boolean): UiSettings {
  return { ...s, alternativeHosts: toggled(s.alternativeHosts, venue, on) };
}

/** One venue switched on or off. */
export function withVenue(s: UiSettings, venue: VenueId, on: boolean): UiSettings {
  return { ...s, venues: toggled(s.venues, venue, on) };
}

export { BASE_ASSETS };
