/**
 * The ladder's bars, one part per feed (a venue's spot or perpetual market), painted on one canvas per side. A CSS background per row meant a hundred inline
 * styles recalculated and a hundred gradients painted in software every frame; filling a few rectangles on a
 * canvas touches neither the rows' styles nor their layout.
 */
import type { LadderRow } from '../market/consolidate';
import { FEEDS, FEED_IDS, type FeedId } from '../venues/types';
import { barSegments } from './format';
import { VENUE_META, isPerpetual } from './venue-meta';

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

/** Each feed's colour, its venue's, as the stylesheet defines it now (canvas cannot read CSS variables). */
export function feedColors(style: CSSStyleDeclaration): Record<FeedId, string> {
  return Object.fromEntries(FEED_IDS.map((f) => [f, style.getPropertyValue(VENUE_META[FEEDS[f].venue].colorVar).trim()])) as Record<FeedId, string>;
}

/** A perpetual's part is its venue's colour, lighter, over a solid line: the venue's spot part stays apart from it. */
const PERPETUAL_ALPHA = 0.5;
const PERPETUAL_LINE = 2;

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
 * Paints `count` rows of bars, the j-th from the top being `rowAt(j)`, each feed's share of `max` from the right;
 * the feeds of `hatched` with their hatch pattern, perpetuals lighter over a line. Returns the feeds it drew hatched.
 */
export function drawBars(
  ctx: CanvasRenderingContext2D,
  g: BarGeometry,
  count: number,
  rowAt: (j: number) => LadderRow | undefined,
  max: number,
  colors: Record<FeedId, string>,
  hatched: ReadonlySet<FeedId> = new Set(),
): Set<FeedId> {
  ctx.clearRect(0, 0, ctx.canvas.width, ctx.canvas.height);
  const drawn = new Set<FeedId>();
  for (let j = 0; j < count; j++) {
    const row = rowAt(j);
    if (!row) continue;
    const y = j * g.rowHeight + g.barTop;
    for (const s of barSegments(FEED_IDS.map((f) => ({ key: f, value: row.venues[f] })), max)) {
      let fill: CanvasPattern | string = colors[s.key];
      if (hatched.has(s.key)) {
        fill = hatchFor(ctx, colors[s.key]);
        drawn.add(s.key);
      }
      const x = g.left + (g.width * (100 - s.to)) / 100;
      const width = (g.width * (s.to - s.from)) / 100;
      ctx.fillStyle = fill;
      if (isPerpetual(s.key)) {
        ctx.globalAlpha = PERPETUAL_ALPHA;
        ctx.fillRect(x, y, width, g.barHeight - PERPETUAL_LINE);
        ctx.globalAlpha = 1;
        ctx.fillRect(x, y + g.barHeight - PERPETUAL_LINE, width, PERPETUAL_LINE);
      } else {
        ctx.fillRect(x, y, width, g.barHeight);
      }
    }
  }
  return drawn;
}
