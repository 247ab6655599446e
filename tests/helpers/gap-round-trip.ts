import { Replayer } from '../../src/feed/replay';
import { formatRecordedEvent, type RecordedEvent } from '../../src/feed/recording';
import type { FeedSession } from '../../src/feed/session';
import type { SimMarket } from '../../src/sim/market';
import { SimExchange } from '../../src/sim/exchange';
import { recordSimulatedFeed } from '../../src/sim/record-feed';
import type { SimVenue } from '../../src/sim/types';

/**
 * A client's run against a simulated venue with a sequence gap planted at step 100 and a malformed frame at
 * 200, taking its snapshots `via` REST or the WebSocket API; then the same recording replayed. Both books can
 * be compared with the simulator's truth.
 */
export async function gapRoundTrip(
  sim: SimVenue,
  symbol: string,
  seed: number,
  via: 'rest' | 'api',
): Promise<{ events: RecordedEvent[]; live: FeedSession; replayed: FeedSession; truth: SimMarket }> {
  const exchange = new SimExchange([sim], seed);
  const { events, session } = await recordSimulatedFeed({
    exchange,
    feed: sim.host,
    base: 'BTC',
    steps: 300,
    snapshotVia: via,
    faults: new Map([
      [100, 'skip-sequence'],
      [200, 'malformed'],
    ]),
  });
  const replayer = new Replayer();
  for (const e of events) await replayer.line(formatRecordedEvent(e));
  return { events, live: session, replayed: replayer.markets.get(`${sim.host}|${symbol}`)!.session, truth: exchange.market(sim.host, symbol)! };
}
