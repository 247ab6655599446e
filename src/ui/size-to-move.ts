/** Size to move the price as the screen shows it: compact cells for the venues table, bars for the chart. */
import type { MoveCost, SizeToMoveView } from '../liquidity/types';
import { FEED_IDS, type FeedId } from '../venues/types';
import { DASH, barPercent, formatCompact } from './format';

type MoveSide = MoveCost['up'];

/**
 * One formatter for every percentage: `toLocaleString` with options builds a new one on every call, and the table's
 * titles name a percentage in each of its cells on every summary (19 ms a second of the page's main thread, profiled).
 */
const pctFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });

/** A percentage as the columns name it: "0.1 %", "2 %". */
export function formatPct(pct: number): string {
  return `${pctFormat.format(pct)} %`;
}

/** "> " where the book ends before the price is reached: what is shown is all there is, and it is not enough. */
function atLeast(m: MoveSide): string {
  return m.complete ? '' : '> ';
}

/** A direction's cost in a tight cell: base then quote size, "12.3 · 1.12M"; "> 12.3 · > 1.12M" where the book ends first. */
export function moveText(m: MoveSide | undefined): string {
  if (!m) return DASH;
  return `${atLeast(m)}${formatCompact(m.base)} · ${atLeast(m)}${formatCompact(m.quote)}`;
}

/** The same in words, for a cell's title and screen readers. */
export function moveDescription(m: MoveSide | undefined, direction: 'up' | 'down', pct: number, base: string, currency: string): string {
  if (!m) return `not known how much moves the price ${direction} ${formatPct(pct)}`;
  const verb = direction === 'up' ? 'buying' : 'selling';
  const lead = m.complete ? '' : 'more than ';
  const tail = m.complete ? '' : ' (the book ends before that price)';
  return `${verb} ${lead}${formatCompact(m.base)} ${base} (${lead}${formatCompact(m.quote)} ${currency}) moves the price ${direction} ${formatPct(pct)}${tail}`;
}

/** A feed's (or every feed's) cost at one percentage. */
export function costAt(costs: readonly MoveCost[] | undefined, pct: number): MoveCost | undefined {
  return costs?.find((c) => c.pct === pct);
}

/** One bar pair of the chart: selling to move the price down drawn left, buying to move it up right. */
export interface MoveBar {
  /** A feed, or 'all' for the consolidated book. */
  readonly key: FeedId | 'all';
  readonly cost: MoveCost;
  /** Bar widths, percent of the largest quote size in the chart. */
  readonly downWidth: number;
  readonly upWidth: number;
}

/** The chart at one percentage: the consolidated book first, then each feed that has a figure, in feed order. */
export function moveBars(view: SizeToMoveView | undefined, pct: number): MoveBar[] {
  if (!view) return [];
  const rows: { key: FeedId | 'all'; cost: MoveCost }[] = [];
  const all = costAt(view.consolidated, pct);
  if (all) rows.push({ key: 'all', cost: all });
  for (const feed of FEED_IDS) {
    const cost = costAt(view.feeds[feed], pct);
    if (cost) rows.push({ key: feed, cost });
  }
  let max = 0;
  for (const r of rows) max = Math.max(max, r.cost.up.quote, r.cost.down.quote);
  return rows.map((r) => ({ ...r, downWidth: barPercent(r.cost.down.quote, max), upWidth: barPercent(r.cost.up.quote, max) }));
}
