/**
 * Where the heatmap looks, as the page steers it: pure steps from one view to the next for a drag, a wheel or pinch,
 * a key. The page never knows the newest column's time: where a step needs the view's place, it passes what the
 * worker's probe said was under a point.
 */
import { HEATMAP_ZOOM } from '../liquidity/heatmap-layout';
import type { HeatmapViewport } from '../liquidity/types';
import type { FeedId } from '../venues/types';

export interface HeatmapNav {
  readonly spanMs: number;
  /** Undefined: the view ends at the newest column and moves with it. */
  readonly end?: number;
  /** Display-currency units; undefined until a mid is known to size it by. */
  readonly priceSpan?: number;
  /** Undefined: the view is centred on the mid. */
  readonly centre?: number;
  /** The mid the price span was sized by: another pair or currency sizes it again. */
  readonly sizedAt?: number;
}

/** Five minutes by ±0.5 % of the price: walls that stand for minutes, within reach of a trade. */
export const DEFAULT_NAV: HeatmapNav = { spanMs: 5 * 60_000 };
const DEFAULT_PRICE_SPAN = 0.01;

/** Longest span the page asks for: the worker holds it to the history it has. */
const MAX_SPAN_MS = 12 * 3_600_000;

/** The price span sized by `mid` where it is not yet, or was sized for a price more than twice or half as high. */
export function sized(nav: HeatmapNav, mid: number | undefined): HeatmapNav {
  if (mid === undefined || !(mid > 0)) return nav;
  if (nav.priceSpan !== undefined && nav.sizedAt !== undefined && mid / nav.sizedAt < 2 && nav.sizedAt / mid < 2) return nav;
  return { spanMs: nav.spanMs, priceSpan: mid * DEFAULT_PRICE_SPAN, sizedAt: mid };
}

export function following(nav: HeatmapNav): boolean {
  return nav.end === undefined && nav.centre === undefined;
}

/** Back to the newest column and the mid, at the same zoom. */
export function follow(nav: HeatmapNav): HeatmapNav {
  return { spanMs: nav.spanMs, priceSpan: nav.priceSpan, sizedAt: nav.sizedAt };
}

/** A time and price the probe read under a point of the heat. */
export interface HeatmapPoint {
  readonly t: number;
  readonly price: number;
}

/** The heat's size in CSS pixels. */
export interface PlotSize {
  readonly w: number;
  readonly h: number;
}

/**
 * A drag: the view pinned so that `anchor` (what was under the pointer when it went down) is under the pointer at
 * (x, y) of the heat, the span kept. Pins both axes: the view no longer follows.
 */
export function dragged(nav: HeatmapNav, anchor: HeatmapPoint, x: number, y: number, plot: PlotSize): HeatmapNav {
  if (nav.priceSpan === undefined || plot.w <= 0 || plot.h <= 0) return nav;
  return {
    ...nav,
    end: anchor.t + ((plot.w - x) / plot.w) * nav.spanMs,
    centre: anchor.price + ((y - plot.h / 2) / plot.h) * nav.priceSpan,
  };
}

/**
 * A step by the keyboard: `dx` spans later (negative: earlier), `dy` spans higher, from `here` (the time at the
 * view's right edge and the price at its middle). Only the axis stepped along stops following.
 */
export function panned(nav: HeatmapNav, here: HeatmapPoint, dx: number, dy: number): HeatmapNav {
  if (nav.priceSpan === undefined) return nav;
  return {
    ...nav,
    end: dx === 0 ? nav.end : here.t + dx * nav.spanMs,
    centre: dy === 0 ? nav.centre : here.price + dy * nav.priceSpan,
  };
}

/**
 * Time zoomed by `factor` (below 1: in). A view that follows keeps now at its right edge; a pinned one zooms about
 * `x` of a heat `w` wide (the pointer) where given, so the moment under the pointer stays under it, else its right edge.
 */
export function zoomedTime(nav: HeatmapNav, factor: number, about?: { readonly x: number; readonly w: number }): HeatmapNav {
  const spanMs = Math.min(MAX_SPAN_MS, Math.max(HEATMAP_ZOOM.minSpanMs, nav.spanMs * factor));
  if (nav.end === undefined || !about || about.w <= 0) return { ...nav, spanMs };
  const right = 1 - Math.min(1, Math.max(0, about.x / about.w));
  const t = nav.end - right * nav.spanMs;
  return { ...nav, spanMs, end: t + right * spanMs };
}

/**
 * Price zoomed by `factor` (below 1: in), within HEATMAP_ZOOM of `price` (the centre or mid). A view that follows
 * the mid keeps it in the middle; a pinned one zooms about `y` of a heat `h` high (the pointer) where given, so the
 * price under the pointer stays under it, else about its middle.
 */
export function zoomedPrice(nav: HeatmapNav, factor: number, price: number | undefined, about?: { readonly y: number; readonly h: number }): HeatmapNav {
  const reference = nav.centre ?? price;
  if (nav.priceSpan === undefined || reference === undefined) return nav;
  const span = Math.min(HEATMAP_ZOOM.maxPriceSpan * reference, Math.max(HEATMAP_ZOOM.minPriceSpan * reference, nav.priceSpan * factor));
  if (nav.centre === undefined || !about || about.h <= 0) return { ...nav, priceSpan: span };
  const below = Math.min(1, Math.max(0, about.y / about.h)) - 0.5;
  const at = nav.centre - below * nav.priceSpan;
  return { ...nav, priceSpan: span, centre: at + below * span };
}

/** What a key does on the focused heatmap. */
export type HeatmapKey =
  | { readonly pan: readonly [dx: number, dy: number] }
  | { readonly zoom: 'time' | 'price'; readonly factor: number }
  | { readonly follow: true };

/**
 * Arrows move a tenth of the view; + and − zoom time by 1.25 (= and _ too, the same keys unshifted or shifted),
 * Page Up and Page Down zoom price; F follows again.
 */
export function heatmapKey(key: string): HeatmapKey | undefined {
  switch (key) {
    case 'ArrowLeft':
      return { pan: [-0.1, 0] };
    case 'ArrowRight':
      return { pan: [0.1, 0] };
    case 'ArrowUp':
      return { pan: [0, 0.1] };
    case 'ArrowDown':
      return { pan: [0, -0.1] };
    case '+':
    case '=':
      return { zoom: 'time', factor: 0.8 };
    case '-':
    case '_':
      return { zoom: 'time', factor: 1.25 };
    case 'PageUp':
      return { zoom: 'price', factor: 0.8 };
    case 'PageDown':
      return { zoom: 'price', factor: 1.25 };
    case 'f':
    case 'F':
      return { follow: true };
    default:
      return undefined;
  }
}

/** The viewport for the worker; undefined until the price span is sized and the canvas has a size. */
export function viewportOf(
  nav: HeatmapNav,
  box: { readonly width: number; readonly height: number; readonly dpr: number },
  theme: 'dark' | 'light',
  feeds: readonly FeedId[] | undefined,
): HeatmapViewport | undefined {
  if (nav.priceSpan === undefined || box.width <= 0 || box.height <= 0) return undefined;
  return { width: box.width, height: box.height, dpr: box.dpr, spanMs: nav.spanMs, end: nav.end, priceSpan: nav.priceSpan, centre: nav.centre, feeds, theme };
}
