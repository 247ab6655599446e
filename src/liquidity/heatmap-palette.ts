/**
 * The heatmap's colours, per theme. The worker cannot read the stylesheet, so the few colours it draws beside the
 * heat repeat app.css's (--panel, --panel-2, --muted, --bid, --ask); keep them in step with it.
 *
 * The heat ramps are perceptual (lightness rises evenly, readable with colour-vision deficiency): inferno on dark,
 * from a violet just off the background to pale yellow; on light, viridis run backwards, from pale yellow-green to
 * deep violet, so more size is always further from the background.
 */

/** Steps of a ramp: a size's colour is its place on the log scale, in 256 steps. */
export const RAMP_STEPS = 256;

const INFERNO = ['#1f0c48', '#420a68', '#6a176e', '#932667', '#bc3754', '#dd513a', '#f37819', '#fca50a', '#f6d746', '#fcffa4'];
const VIRIDIS_BACKWARDS = ['#e8e419', '#a0da39', '#5ec962', '#2db27d', '#1f9e89', '#26828e', '#31688e', '#3e4989', '#482878', '#440154'];

export interface HeatmapTheme {
  /** Pixels as the canvas's bytes hold them (RGBA in memory: ABGR as a little-endian Uint32). */
  readonly ramp: Uint32Array;
  /** A cell known to hold nothing, and one the history has nothing for. */
  readonly empty: number;
  readonly noData: number;
  readonly background: string;
  readonly text: string;
  readonly bid: string;
  readonly ask: string;
  /** Drawn under the best bid and ask lines, so they read over any colour of the heat. */
  readonly halo: string;
  /**
   * Trade bubbles, bought and sold: bluish green and vermillion (told apart with colour-vision deficiency too), a
   * little see-through, each ringed in `bubbleEdge` so it reads over every colour of the ramp (inferno has the
   * vermillion's reds, viridis the green's teals; the ring is what sets them off there).
   */
  readonly buy: string;
  readonly sell: string;
  readonly bubbleEdge: string;
}

function rgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** A pixel of the canvas's RGBA bytes read as one little-endian 32-bit word (every platform a browser runs on). */
export function pixel([r, g, b]: readonly [number, number, number]): number {
  return ((255 << 24) | (b << 16) | (g << 8) | r) >>> 0;
}

/** The pixel's colour for a canvas's fillStyle. */
export function pixelCss(p: number): string {
  return `rgb(${p & 255} ${(p >>> 8) & 255} ${(p >>> 16) & 255})`;
}

function ramp(stops: readonly string[]): Uint32Array {
  const colours = stops.map(rgb);
  const out = new Uint32Array(RAMP_STEPS);
  for (let i = 0; i < RAMP_STEPS; i++) {
    const at = (i / (RAMP_STEPS - 1)) * (colours.length - 1);
    const k = Math.min(colours.length - 2, Math.floor(at));
    const f = at - k;
    const [a, b] = [colours[k]!, colours[k + 1]!];
    out[i] = pixel([0, 1, 2].map((c) => Math.round(a[c]! + (b[c]! - a[c]!) * f)) as [number, number, number]);
  }
  return out;
}

export const HEATMAP_THEMES: Readonly<Record<'dark' | 'light', HeatmapTheme>> = {
  dark: {
    ramp: ramp(INFERNO),
    empty: pixel(rgb('#1d2530')),
    noData: pixel(rgb('#161c24')),
    background: '#161c24',
    text: '#9aa4b2',
    bid: '#56b4e9',
    ask: '#e69f00',
    halo: '#0f1419',
    buy: 'rgba(0, 214, 170, 0.85)',
    sell: 'rgba(255, 112, 67, 0.85)',
    bubbleEdge: '#0f1419',
  },
  light: {
    ramp: ramp(VIRIDIS_BACKWARDS),
    empty: pixel(rgb('#ffffff')),
    noData: pixel(rgb('#eef1f5')),
    background: '#ffffff',
    text: '#5b6470',
    bid: '#0061a0',
    ask: '#a35200',
    halo: '#ffffff',
    buy: 'rgba(0, 128, 110, 0.85)',
    sell: 'rgba(213, 62, 0, 0.85)',
    bubbleEdge: '#ffffff',
  },
};
