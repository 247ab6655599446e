import type { Continuity } from './types';

/**
 * The rule of venues whose every message carries the previous one's id plus one (BingX incrDepth, Bybit u):
 * anything else, an older or repeated id included, means messages were lost or the ids restarted, and only a
 * fresh snapshot can repair the book.
 */
export function consecutiveIds(lastId: number | undefined, u: { last?: number }): Continuity {
  if (lastId === undefined || u.last === undefined) return 'gap';
  return u.last === lastId + 1 ? 'apply' : 'gap';
}
