import { expect } from 'vitest';
import { Replayer } from '../../src/feed/replay';
import { formatRecordedEvent } from '../../src/feed/recording';
import type { FeedStats } from '../../src/feed/session';
import type { SimExchange } from '../../src/sim/exchange';
import { recordSimulatedFeed, type ScriptedFault } from '../../src/sim/record-feed';
import type { FeedId } from '../../src/venues/types';
import { topOf } from './books';
import { replayedSession } from './markets';

/**
 * A client's run of `steps` against a simulated venue with `faults` planted at their steps, then the same recording
 * replayed: live and on replay, the session counts what the faults broke as `expected` says, resyncs on the socket
 * it has (no close), keeps taking trades, and ends equal to the venue's book.
 */
export async function expectFaultRoundTrip(o: {
  exchange: SimExchange;
  feed: FeedId;
  base: string;
  steps: number;
  faults: ReadonlyMap<number, ScriptedFault>;
  expected: Partial<FeedStats>;
}): Promise<void> {
  const { events, session } = await recordSimulatedFeed({ exchange: o.exchange, feed: o.feed, base: o.base, steps: o.steps, faults: o.faults });
  const truth = o.exchange.market(o.feed, session.symbol!)!;
  expect(session.stats).toMatchObject(o.expected);
  expect(session.stats.updates).toBeGreaterThan((o.steps * 2) / 3);
  expect(session.stats.trades.trades).toBeGreaterThan(0);
  expect(events.filter((e) => e.kind === 'close')).toHaveLength(0);
  expect(topOf(session.book, 50)).toEqual(topOf(truth.book, 50));

  const r = new Replayer();
  for (const e of events) await r.line(formatRecordedEvent(e));
  const replayed = replayedSession(r, o.feed);
  expect(replayed.stats).toMatchObject(o.expected);
  expect(topOf(replayed.book, 50)).toEqual(topOf(truth.book, 50));
}
