/**
 * Which ladder row a wall is labelled on. The ladder repaints every frame from the newest books; the walls come with
 * the summary a few times a second, so a wall is found by its feed's own price first (exact, whatever the rates did
 * since), and by its display price where that is not a row's (a grouped row holding it below its best level, or a
 * pulled wall whose level is gone).
 */
import type { Wall } from '../liquidity/types';
import type { LadderRow } from '../market/consolidate';

type Side = 'bid' | 'ask';

/** Relative slack a display price is compared with: binary rounding of a converted price, not a price difference. */
const SLACK = 1e-9;

/**
 * The row (index from the best) whose prices hold `price`, rows best first; undefined where the rows shown do not
 * reach it or it is better than the best row. Grouped (`step` > 0), a bid row holds [price, price + step) and an ask
 * row (price − step, price]; at every level a row holds its own price. A price between two rows (no level there
 * now) falls in the worse one, where the book goes on.
 */
export function rowOfPrice(rows: readonly Pick<LadderRow, 'price'>[], price: number, side: Side, step: number): number | undefined {
  const slack = Math.abs(price) * SLACK;
  const i = side === 'bid' ? rows.findIndex((r) => r.price <= price + slack) : rows.findIndex((r) => r.price >= price - slack);
  if (i < 0) return undefined;
  if (i > 0) return i;
  const best = rows[0]!.price;
  const reach = step > 0 ? step - slack : slack;
  const beyond = side === 'bid' ? price >= best + reach : price <= best - reach;
  return beyond ? undefined : 0;
}

/**
 * The walls on one side of the ladder by row index, each row's biggest first. Filled walls are left out: the price
 * went through them, and a label there would point at size that traded.
 */
export function wallsByRow(rows: readonly LadderRow[], walls: readonly Wall[], side: Side, step: number): Map<number, Wall[]> {
  const out = new Map<number, Wall[]>();
  for (const w of walls) {
    if (w.side !== side || w.state === 'filled') continue;
    const exact = rows.findIndex((r) => r.rawPrices[w.feed] === w.rawPrice);
    const i = exact >= 0 ? exact : rowOfPrice(rows, w.price, side, step);
    if (i === undefined) continue;
    const list = out.get(i);
    if (list) list.push(w);
    else out.set(i, [w]);
  }
  for (const list of out.values()) list.sort((a, b) => b.size - a.size);
  return out;
}
