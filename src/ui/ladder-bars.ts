/**
 * The ladder's venue bars, painted on one canvas per side. A CSS background per row meant a hundred inline
 * styles recalculated and a hundred gradients painted in software every frame; filling a few rectangles on a
 * canvas touches neither the rows' styles nor their layout.
 */
import type { LadderRow } from '../market/consolidate';
import { VENUE_IDS, type VenueId } from '../venues/types';
import { barSegments } from './format';
import { VENUE_META } from './venue-meta';

/** Where the bars sit on the canvas, in CSS pixels. */
export interface BarGeometry {
  /** Left edge and width of the bar column. */
  readonly left: number;
  readonly width: number;
  /** Each row's height, and the bar's top and height within its row. */
  readonly rowHeight: number;
  readonly barTop: number;
  readonly barHeight: number;
}

/** The bar column of a ladder whose rows are `li` elements holding a `.bar` cell, relative to `container`. */
export function measureBars(container: HTMLElement): BarGeometry | undefined {
  const row = container.querySelector('li');
  const bar = row?.querySelector('.bar');
  if (!row || !bar) return undefined;
  const c = container.getBoundingClientRect();
  const r = row.getBoundingClientRect();
  const b = bar.getBoundingClientRect();
  return { left: b.left - c.left, width: b.width, rowHeight: r.height, barTop: b.top - r.top, barHeight: b.height };
}

/** Sizes a canvas to its box at the screen's pixel density, drawing in CSS pixels. */
export function fitCanvas(canvas: HTMLCanvasElement): CanvasRenderingContext2D | undefined {
  const ctx = canvas.getContext('2d');
  if (!ctx) return undefined;
  const dpr = globalThis.devicePixelRatio || 1;
  canvas.width = Math.round(canvas.clientWidth * dpr);
  canvas.height = Math.round(canvas.clientHeight * dpr);
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  return ctx;
}

/** The venues' colours as the stylesheet defines them now (canvas cannot read CSS variables). */
export function venueColors(style: CSSStyleDeclaration): Record<VenueId, string> {
  return Object.fromEntries(VENUE_IDS.map((v) => [v, style.getPropertyValue(VENUE_META[v].colorVar).trim()])) as Record<VenueId, string>;
}

/** Side of the square a hatch pattern repeats in, CSS pixels. */
const HATCH = 6;

/**
 * Diagonal stripes of `color` on a faint wash of it: how a venue whose book is partial (its top N, not
 * sequence-verified) is drawn, so its share reads apart from exact books without relying on colour.
 */
function hatchPattern(ctx: CanvasRenderingContext2D, color: string): CanvasPattern | string {
  const tile = new OffscreenCanvas(HATCH, HATCH);
  const t = tile.getContext('2d');
  if (!t) return color;
  t.fillStyle = color;
  t.globalAlpha = 0.3;
  t.fillRect(0, 0, HATCH, HATCH);
  t.globalAlpha = 1;
  t.strokeStyle = color;
  t.lineWidth = 2;
  t.beginPath();
  // The stripe and its two wrapped halves at the tile's corners, so the tiles join into unbroken lines.
  for (const o of [-HATCH, 0, HATCH]) {
    t.moveTo(o, HATCH);
    t.lineTo(o + HATCH, 0);
  }
  t.stroke();
  return ctx.createPattern(tile, 'repeat') ?? color;
}

/** Each canvas's hatch patterns by colour, each made once: the bars are painted every animation frame. */
const hatches = new WeakMap<CanvasRenderingContext2D, Map<string, CanvasPattern | string>>();

function hatchFor(ctx: CanvasRenderingContext2D, color: string): CanvasPattern | string {
  let byColor = hatches.get(ctx);
  if (!byColor) hatches.set(ctx, (byColor = new Map()));
  let pattern = byColor.get(color);
  if (pattern === undefined) byColor.set(color, (pattern = hatchPattern(ctx, color)));
  return pattern;
}

/**
 * Paints `count` rows of bars, the j-th from the top being `rowAt(j)`, each venue's share of `max` from the right;
 * the venues of `hatched` with their hatch pattern. Returns the venues it drew hatched.
 */
export function drawBars(
  ctx: CanvasRenderingContext2D,
  g: BarGeometry,
  count: number,
  rowAt: (j: number) => LadderRow | undefined,
  max: number,
  colors: Record<VenueId, string>,
  hatched: ReadonlySet<VenueId> = new Set(),
): Set<VenueId> {
  ctx.clearRect(0, 0, ctx.canvas.width, ctx.canvas.height);
  const drawn = new Set<VenueId>();
  for (let j = 0; j < count; j++) {
    const row = rowAt(j);
    if (!row) continue;
    const y = j * g.rowHeight + g.barTop;
    for (const s of barSegments(VENUE_IDS.map((v) => ({ key: v, value: row.venues[v] })), max)) {
      let fill: CanvasPattern | string = colors[s.key];
      if (hatched.has(s.key)) {
        fill = hatchFor(ctx, colors[s.key]);
        drawn.add(s.key);
      }
      ctx.fillStyle = fill;
      ctx.fillRect(g.left + (g.width * (100 - s.to)) / 100, y, (g.width * (s.to - s.from)) / 100, g.barHeight);
    }
  }
  return drawn;
}
