/** How a wall and the rule that found it read on screen: the ladder's tag, the walls list's age and state. */
import type { Wall, WallRule } from '../liquidity/types';
import type { ReplayProgress } from '../worker/api';
import { decimalsOf, formatCompact, formatDuration, formatNumber } from './format';
import { feedName, feedTag } from './venue-meta';

/** Part of a full walls list kept for walls that ended: a pull is news, and hundreds standing must not hide it. */
const ENDED_SHARE = 1 / 3;

/**
 * The walls list, at most `max`: standing walls the largest against their neighbours first (the ones a trader
 * weighs), then those that ended, the latest first; when both are more than fit, a third of the list is the latest
 * ended ones.
 */
export function wallsToList(walls: readonly Wall[], max: number): Wall[] {
  const standing = walls.filter((w) => w.state === 'standing').sort((a, b) => b.ratio - a.ratio);
  const ended = walls.filter((w) => w.state !== 'standing').sort((a, b) => (b.endedAt ?? 0) - (a.endedAt ?? 0));
  const endedShown = Math.min(ended.length, Math.max(max - standing.length, Math.floor(max * ENDED_SHARE)));
  return [...standing.slice(0, max - endedShown), ...ended.slice(0, endedShown)];
}

/** The ladder's tag: the feed's short tag and the size, "OKX 52.3" (the base beside it where there is room). */
export function wallTag(w: Wall): string {
  return `${feedTag(w.feed)} ${formatCompact(w.size)}`;
}

/** Size over its neighbourhood's median: "9.8×". */
export function formatRatio(ratio: number): string {
  return `${formatNumber(ratio, ratio < 10 ? 1 : 0)}×`;
}

/**
 * The moment walls are aged against: the replay's recorded time while a recording plays (its walls carry the
 * recording's times), the clock otherwise.
 */
export function wallClock(now: number, replay: ReplayProgress | undefined): number {
  return replay?.atT ?? now;
}

/** How long it has stood, or stood before it ended, ms. */
export function wallAge(w: Wall, at: number): number {
  return Math.max(0, (w.endedAt ?? at) - w.since);
}

/** "standing", "pulled 12 s ago", "filled 3 s ago". */
export function wallState(w: Wall, at: number): string {
  if (w.state === 'standing' || w.endedAt === undefined) return w.state;
  return `${w.state} ${formatDuration(at - w.endedAt)} ago`;
}

/** The whole wall in words, for its title and for screen readers: "OKX bid wall, 52.3 BTC at 91,200.00, 9.8× its neighbours, standing". */
export function wallDescription(w: Wall, base: string, price: string, at: number): string {
  return `${feedName(w.feed)} ${w.side} wall, ${formatCompact(w.size)} ${base} at ${price}, ${formatRatio(w.ratio)} its neighbours, ${wallState(w, at)}`;
}

/** The rule in words, as the walls panel states it. */
export function wallRuleText(rule: WallRule): string {
  return (
    `A level at least ${formatNumber(rule.factor, decimalsOf(rule.factor))}× the median size of the ${rule.neighbours} levels either side of it in ` +
    `its market's book, within ±${formatNumber(rule.bandBps, 0)} bps of mid.`
  );
}
