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

/**
 * The futures rule of Binance USD-M ("How to manage a local order book correctly",
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/websocket-market-streams/How-to-manage-a-local-order-book-correctly)
 * and AsterDEX, which copies it (asterdex/api-docs): drop events with u < lastUpdateId; the first applied event has
 * U <= lastUpdateId AND u >= lastUpdateId; afterwards each event's pu must equal the previous event's u.
 *
 * One addition: a first event whose pu equals lastUpdateId is applied too. It is rule 6 with the snapshot
 * standing for the previous event, i.e. the snapshot ends exactly where that event's predecessor ended.
 * Without it a snapshot taken on an event boundary (a quiet market, or any simulator) could never be
 * joined, since the event ending at lastUpdateId was sent before the stream opened.
 */
export function futuresSequence(
  lastId: number | undefined,
  u: { first?: number; last?: number; prev?: number },
  firstAfterSnapshot: boolean,
): Continuity {
  if (lastId === undefined || u.first === undefined || u.last === undefined) return 'gap';
  if (!firstAfterSnapshot) {
    if (u.prev === lastId) return 'apply';
    return u.last <= lastId ? 'backwards' : 'gap';
  }
  if (u.last < lastId) return 'skip';
  if (u.first <= lastId || u.prev === lastId) return 'apply';
  return 'gap';
}
