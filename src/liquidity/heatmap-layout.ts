/**
 * The heatmap's layout and zoom limits, shared by the worker that draws it and the page that pans and zooms it
 * (a module of its own, so the page's bundle takes none of the drawing code).
 */

/** Room for the price labels right of the heat and the time labels below it, CSS pixels. */
export const PRICE_AXIS_WIDTH = 72;
export const TIME_AXIS_HEIGHT = 20;

/**
 * How far a view may zoom: time from 2 s (up to the whole history, which the worker knows), price from 5 bps to
 * ±2 % of its centre (twice the band a column holds, so the band's edges show).
 */
export const HEATMAP_ZOOM = { minSpanMs: 2000, minPriceSpan: 0.0005, maxPriceSpan: 0.04 } as const;

/** The heat's area in CSS pixels of a canvas `width` × `height`: all but the axes. */
export function plotArea(width: number, height: number): { x: number; y: number; w: number; h: number } {
  return { x: 0, y: 0, w: Math.max(0, width - PRICE_AXIS_WIDTH), h: Math.max(0, height - TIME_AXIS_HEIGHT) };
}
