/**
 * The depth chart's SVG paths at full resolution: every level's step, each feed's share stacked. A side can hold
 * thousands of levels and the chart a few hundred pixel columns, so within a column only its last step's sizes are
 * kept (cumulative sizes only grow outward, so the steps between lie on the column's vertical): the shape drawn is
 * the same to the column, its vertices at most two a column per boundary, however deep the books.
 */
import type { DepthStep } from '../market/depth-chart';
import type { FeedId } from '../venues/types';

/** What the chart spans: prices `lo` … `hi` with `mid` in the middle, sizes 0 … `top`. */
export interface DepthFrame {
  readonly lo: number;
  readonly hi: number;
  readonly mid: number;
  readonly top: number;
}

/** Part of the height kept clear at the top for the scale's label. */
const HEADROOM = 0.12;

const r1 = (v: number): number => Math.round(v * 10) / 10;

/**
 * The frame for both sides: centred on `mid` (else between the best prices) and wide enough for the deeper side,
 * so mid stays in the middle; undefined with no step and no mid.
 */
export function depthFrame(bids: readonly DepthStep[], asks: readonly DepthStep[], mid?: number): DepthFrame | undefined {
  const centre = mid ?? (bids[0] && asks[0] ? (bids[0].price + asks[0].price) / 2 : (bids[0] ?? asks[0])?.price);
  if (centre === undefined) return undefined;
  let half = Math.max(centre - (bids.at(-1)?.price ?? centre), (asks.at(-1)?.price ?? centre) - centre);
  // One price and no depth: a sliver around it, so the axis still reads.
  if (!(half > 0)) half = Math.abs(centre) * 1e-4 || 1;
  const top = Math.max(bids.at(-1)?.total ?? 0, asks.at(-1)?.total ?? 0);
  return { lo: centre - half, hi: centre + half, mid: centre, top: top > 0 ? top : 1 };
}

/** Where a price falls across `width`. */
export function depthX(price: number, frame: DepthFrame, width: number): number {
  return ((price - frame.lo) / (frame.hi - frame.lo)) * width;
}

function depthY(size: number, frame: DepthFrame, height: number): number {
  return height - (size / frame.top) * height * (1 - HEADROOM);
}

/**
 * One side's stacked bands, from mid outward (steps best first): boundary k is the cumulative size of the first k
 * of `feeds`, drawn as steps (a size holds until the next level); band k, in feed k's colour, lies between
 * boundaries k and k + 1. `line` is the outer boundary, the side's whole depth.
 */
export function depthBands(
  steps: readonly DepthStep[],
  feeds: readonly FeedId[],
  frame: DepthFrame,
  width: number,
  height: number,
): { bands: string[]; line: string } {
  const n = feeds.length;
  if (steps.length === 0 || n === 0) return { bands: [], line: '' };
  const x0 = r1(depthX(frame.mid, frame, width));
  const edges: string[][] = Array.from({ length: n + 1 }, () => [`${x0},${height}`]);
  const level: number[] = new Array<number>(n + 1).fill(height);
  let lastX = x0;
  /** Steps the column to `x` up to the sizes of `step`. */
  const rise = (x: number, step: DepthStep): void => {
    let cum = 0;
    for (let k = 1; k <= n; k++) {
      cum += step.venues[feeds[k - 1]!] ?? 0;
      const y = r1(depthY(cum, frame, height));
      edges[k]!.push(`${x},${level[k]}`, `${x},${y}`);
      level[k] = y;
    }
    lastX = x;
  };
  let columnX = 0;
  let column = Number.NaN;
  for (let i = 0; i < steps.length; i++) {
    const x = depthX(steps[i]!.price, frame, width);
    const c = Math.round(x);
    if (c !== column) {
      if (i > 0) rise(columnX, steps[i - 1]!);
      column = c;
      columnX = r1(x);
    }
  }
  rise(columnX, steps[steps.length - 1]!);
  // The baseline needs only its two ends.
  edges[0] = [`${x0},${height}`, `${lastX},${height}`];
  const bands: string[] = [];
  for (let k = 0; k < n; k++) bands.push(`M${edges[k + 1]!.join('L')}L${[...edges[k]!].reverse().join('L')}Z`);
  return { bands, line: `M${edges[n]!.join('L')}` };
}
