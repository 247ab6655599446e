/** How venues and their states look on screen: names, short tags, colour-blind-safe colours, state glyphs. */
import type { VenueState, VenueStatus } from '../worker/status';
import { VENUE_IDS, type VenueId } from '../venues/types';
import { secondsUntil } from './format';

export interface VenueMeta {
  readonly name: string;
  /** Three letters for tight places (bars' legends, best-price marks). */
  readonly tag: string;
  /** CSS custom property holding the venue colour (Okabe–Ito palette, readable with colour-vision deficiency). */
  readonly colorVar: string;
}

export const VENUE_META: Record<VenueId, VenueMeta> = {
  binance: { name: 'Binance', tag: 'BIN', colorVar: '--venue-binance' },
  kraken: { name: 'Kraken', tag: 'KRA', colorVar: '--venue-kraken' },
  coinbase: { name: 'Coinbase', tag: 'CBS', colorVar: '--venue-coinbase' },
  bingx: { name: 'BingX', tag: 'BGX', colorVar: '--venue-bingx' },
  okx: { name: 'OKX', tag: 'OKX', colorVar: '--venue-okx' },
  bybit: { name: 'Bybit', tag: 'BYB', colorVar: '--venue-bybit' },
  asterdex: { name: 'AsterDEX', tag: 'AST', colorVar: '--venue-asterdex' },
};

export function venueColor(venue: VenueId): string {
  return `var(${VENUE_META[venue].colorVar})`;
}

export { VENUE_IDS };

/** Each state's glyph, so the chip reads without colour. */
export const STATE_GLYPH: Record<VenueState, string> = {
  live: '●',
  connecting: '○',
  syncing: '◐',
  stale: '◔',
  reconnecting: '↻',
  down: '✕',
  disabled: '–',
  unlisted: '∅',
};

/** The chip's text: "live", "reconnecting in 7 s", "possibly blocked in your region", ... */
export function stateLabel(status: Pick<VenueStatus, 'state' | 'nextAttemptAt' | 'regionHint'>, now: number): string {
  if (status.regionHint) return 'possibly blocked in your region';
  if (status.state === 'reconnecting' || status.state === 'down') {
    const s = secondsUntil(status.nextAttemptAt, now);
    if (s !== undefined) return status.state === 'reconnecting' ? `reconnecting in ${s} s` : `down, retry in ${s} s`;
  }
  return status.state;
}

/** Plain-language explanation for the chip's title and popover: the region hint first, the host in use last. */
export function stateExplanation(status: Pick<VenueStatus, 'state' | 'reason' | 'lastError' | 'regionHint' | 'note'>): string {
  const base: Record<VenueState, string> = {
    live: 'Book is exact and streaming.',
    connecting: 'Opening the connection.',
    syncing: 'Connected, waiting for the order-book snapshot.',
    stale: 'Connection open but nothing arrived for a while.',
    reconnecting: 'Connection lost; trying again shortly.',
    down: 'Failing repeatedly; still retrying.',
    disabled: 'Switched off in the venue toggles.',
    unlisted: 'This venue does not list the pair.',
  };
  const reason = status.reason ?? (status.state !== 'live' ? status.lastError : undefined);
  const hint = status.regionHint && `${status.regionHint.charAt(0).toUpperCase()}${status.regionHint.slice(1)}.`;
  const note = status.note && `(${status.note})`;
  return [hint, base[status.state], reason, note].filter(Boolean).join(' ');
}
