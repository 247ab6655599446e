/**
 * How venues, their feeds (a venue's spot or perpetual market) and their states look on screen: names, short tags,
 * colour-blind-safe colours, state glyphs.
 */
import type { VenueState, VenueStatus } from '../worker/status';
import { FEEDS, VENUE_IDS, type FeedId, type VenueId } from '../venues/types';
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
  bitget: { name: 'Bitget', tag: 'BGT', colorVar: '--venue-bitget' },
  gate: { name: 'Gate', tag: 'GAT', colorVar: '--venue-gate' },
  bitfinex: { name: 'Bitfinex', tag: 'BFX', colorVar: '--venue-bitfinex' },
  deribit: { name: 'Deribit', tag: 'DRB', colorVar: '--venue-deribit' },
  cryptocom: { name: 'Crypto.com', tag: 'CDC', colorVar: '--venue-cryptocom' },
  hyperliquid: { name: 'Hyperliquid', tag: 'HYP', colorVar: '--venue-hyperliquid' },
};

export function venueColor(venue: VenueId): string {
  return `var(${VENUE_META[venue].colorVar})`;
}

export { VENUE_IDS };

/** A feed's name: the venue's for its spot market, the venue's name for its perpetual market else (OKX SWAP). */
export function feedName(feed: FeedId): string {
  return FEEDS[feed].label;
}

/** A feed's tag for tight places: the venue's, marked "-P" for a perpetual (OKX, OKX-P). */
export function feedTag(feed: FeedId): string {
  const { venue, kind } = FEEDS[feed];
  return kind === 'perpetual' ? `${VENUE_META[venue].tag}-P` : VENUE_META[venue].tag;
}

/** A feed is drawn in its venue's colour; what tells a perpetual apart is drawn beside it (lighter, underlined). */
export function feedColor(feed: FeedId): string {
  return venueColor(FEEDS[feed].venue);
}

export function isPerpetual(feed: FeedId): boolean {
  return FEEDS[feed].kind === 'perpetual';
}

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

/** What a partial book is called wherever the venue's state is shown. */
export function partialLabel(depth: number): string {
  return `top ${depth}, not sequence-verified`;
}

/** The chip's text: "live", "reconnecting in 7 s", "possibly blocked in your region", "top 20, not sequence-verified", ... */
export function stateLabel(status: Pick<VenueStatus, 'state' | 'nextAttemptAt' | 'regionHint' | 'partial'>, now: number): string {
  if (status.regionHint) return 'possibly blocked in your region';
  if (status.partial && status.state === 'live') return partialLabel(status.partial.depth);
  if (status.state === 'reconnecting' || status.state === 'down') {
    const s = secondsUntil(status.nextAttemptAt, now);
    if (s !== undefined) return status.state === 'reconnecting' ? `reconnecting in ${s} s` : `down, retry in ${s} s`;
  }
  return status.state;
}

/** Plain-language explanation for the chip's title and popover: the region hint first, the host in use last. */
export function stateExplanation(status: Pick<VenueStatus, 'state' | 'reason' | 'lastError' | 'regionHint' | 'note' | 'partial'>): string {
  const base: Record<VenueState, string> = {
    live: 'Book is exact and streaming.',
    connecting: 'Opening the connection.',
    syncing: 'Connected, waiting for the order-book snapshot.',
    stale: 'Connection open but nothing arrived for a while.',
    reconnecting: 'Connection lost; trying again shortly.',
    down: 'Failing repeatedly; still retrying.',
    disabled: 'Switched off in the market toggles.',
    unlisted: 'This market does not list the pair.',
  };
  const reason = status.reason ?? (status.state !== 'live' ? status.lastError : undefined);
  const hint = status.regionHint && `${status.regionHint.charAt(0).toUpperCase()}${status.regionHint.slice(1)}.`;
  const note = status.note && `(${status.note})`;
  const partial = status.partial && partialExplanation(status.partial);
  return [hint, partial, partial && status.state === 'live' ? undefined : base[status.state], reason, note].filter(Boolean).join(' ');
}

/** Why a venue's book is partial, and what that means for what is shown. */
export function partialExplanation(partial: NonNullable<VenueStatus['partial']>): string {
  const kept =
    `its best ${partial.depth} levels a side, each message checked and replacing the last, but with no sequence ids, ` +
    `so a lost message cannot be detected and nothing beyond level ${partial.depth} is known.`;
  if (partial.only) return `The venue publishes no exact book (${partial.why}), so the book is ${kept}`;
  return `Exact sync is impossible now (${partial.why}), so the book comes from the venue's partial-depth channel: ${kept} Exact sync is retried by itself.`;
}

/**
 * The note beside the ladder, depth chart and execution estimate while venues' books are partial: their levels are
 * counted (they are the best information there is), and what lies beyond their top N is unknown, not absent.
 */
export function partialNote(partial: readonly { readonly feed: FeedId; readonly depth: number }[]): string | undefined {
  if (!partial.length) return undefined;
  const cut = partial.map((p) => `${feedName(p.feed)} at its top ${p.depth}`).join(', ');
  return `Cut short, not sequence-verified: ${cut} levels a side. Size beyond those levels is unknown there, not absent.`;
}
