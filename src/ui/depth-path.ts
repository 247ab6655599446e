/**
 * The depth chart's SVG paths at full resolution: every level's step, each feed's share stacked. A side can hold
 * thousands of levels and the chart a few hundred pixel columns, so within a column only its last step's sizes are
 * kept (cumulative sizes only grow outward, so the steps between lie on the column's vertical): the shape drawn is
 * the same to the column, its vertices at most two a column per boundary, however deep the books.
 */
import type { DepthSteps } from '../market/depth-chart';
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
export function depthFrame(bids: DepthSteps, asks: DepthSteps, mid?: number): DepthFrame | undefined {
  const bestBid = bids.prices[0];
  const bestAsk = asks.prices[0];
  const centre = mid ?? (bestBid !== undefined && bestAsk !== undefined ? (bestBid + bestAsk) / 2 : (bestBid ?? bestAsk));
  if (centre === undefined) return undefined;
  let half = Math.max(centre - (bids.prices.at(-1) ?? centre), (asks.prices.at(-1) ?? centre) - centre);
  // One price and no depth: a sliver around it, so the axis still reads.
  if (!(half > 0)) half = Math.abs(centre) * 1e-4 || 1;
  // Cumulative: a side's last step is its largest.
  const top = Math.max(bids.totals.at(-1) ?? 0, asks.totals.at(-1) ?? 0);
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
 * of `feeds` (those of the steps' own feeds to draw, in the order to stack them), drawn as steps (a size holds until
 * the next price); band k, in feed k's colour, lies between boundaries k and k + 1. `line` is the outer boundary.
 */
export function depthBands(
  steps: DepthSteps,
  feeds: readonly FeedId[],
  frame: DepthFrame,
  width: number,
  height: number,
): { bands: string[]; line: string } {
  const n = feeds.length;
  const count = steps.prices.length;
  if (count === 0 || n === 0) return { bands: [], line: '' };
  const stride = steps.feeds.length;
  const columnOf = feeds.map((f) => steps.feeds.indexOf(f));
  const x0 = r1(depthX(frame.mid, frame, width));
  const edges: string[][] = Array.from({ length: n + 1 }, () => [`${x0},${height}`]);
  const level: number[] = new Array<number>(n + 1).fill(height);
  let lastX = x0;
  /** Steps the column at `x` up to the sizes of step `k`. */
  const rise = (x: number, k: number): void => {
    let cum = 0;
    for (let j = 1; j <= n; j++) {
      const c = columnOf[j - 1]!;
      if (c >= 0) cum += steps.parts[k * stride + c]!;
      const y = r1(depthY(cum, frame, height));
      edges[j]!.push(`${x},${level[j]}`, `${x},${y}`);
      level[j] = y;
    }
    lastX = x;
  };
  let columnX = 0;
  let column = Number.NaN;
  for (let k = 0; k < count; k++) {
    const x = depthX(steps.prices[k]!, frame, width);
    const c = Math.round(x);
    if (c !== column) {
      if (k > 0) rise(columnX, k - 1);
      column = c;
      columnX = r1(x);
    }
  }
  rise(columnX, count - 1);
  // The baseline needs only its two ends.
  edges[0] = [`${x0},${height}`, `${lastX},${height}`];
  const bands: string[] = [];
  for (let k = 0; k < n; k++) bands.push(`M${edges[k + 1]!.join('L')}L${[...edges[k]!].reverse().join('L')}Z`);
  return { bands, line: `M${edges[n]!.join('L')}` };
}
