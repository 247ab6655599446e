/**
 * The screen's sections. On a phone (below PHONE_QUERY's width) they are tabs a thumb switches between, one shown at
 * a time, the last one remembered; a wider screen lays them all out at once.
 */

export const SECTIONS = ['book', 'heatmap', 'trades', 'depth', 'venues', 'settings'] as const;
export type Section = (typeof SECTIONS)[number];

/** Each tab's label and glyph (the glyph is decoration: the label names it). */
export const SECTION_META: Readonly<Record<Section, { readonly label: string; readonly glyph: string }>> = {
  book: { label: 'Book', glyph: '☰' },
  heatmap: { label: 'Heatmap', glyph: '▦' },
  trades: { label: 'Trades', glyph: '⇅' },
  depth: { label: 'Depth', glyph: '◭' },
  venues: { label: 'Venues', glyph: '⇄' },
  settings: { label: 'Settings', glyph: '⚙' },
};

/** Where the layout becomes one section at a time; the stylesheet's phone breakpoint is the same width. */
export const PHONE_QUERY = '(max-width: 759.98px)';

export function isSection(value: unknown): value is Section {
  return typeof value === 'string' && (SECTIONS as readonly string[]).includes(value);
}

/**
 * The tab a key moves to in a tab list (WAI-ARIA tabs: arrows wrap around, Home and End go to the ends); undefined
 * for any other key, which the tab list leaves to the browser.
 */
export function tabAfterKey(current: Section, key: string): Section | undefined {
  const at = SECTIONS.indexOf(current);
  const n = SECTIONS.length;
  switch (key) {
    case 'ArrowRight':
      return SECTIONS[(at + 1) % n];
    case 'ArrowLeft':
      return SECTIONS[(at - 1 + n) % n];
    case 'Home':
      return SECTIONS[0];
    case 'End':
      return SECTIONS[n - 1];
    default:
      return undefined;
  }
}
