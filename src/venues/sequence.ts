import type { Continuity } from './types';

/**
 * The rule of venues whose every message carries the previous one's id plus one (BingX incrDepth, Bybit u):
 * a later id means messages were lost, an older or repeated one that the ids restarted; either way only a
 * fresh snapshot can repair the book.
 */
export function consecutiveIds(lastId: number | undefined, u: { last?: number }): Continuity {
  if (lastId === undefined || u.last === undefined) return 'gap';
  if (u.last === lastId + 1) return 'apply';
  return u.last <= lastId ? 'backwards' : 'gap';
}
