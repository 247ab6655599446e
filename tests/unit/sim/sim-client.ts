import { marketOf } from '../../../src/catalog/types';
import { FeedSession } from '../../../src/feed/session';
import type { SimExchange } from '../../../src/sim/exchange';
import { simHostOf } from '../../../src/sim/hosts';
import { simCatalog } from '../../../src/sim/listings';
import { PROTOCOLS } from '../../../src/venues';
import type { Effect, FeedId, Market, VenueMessage, VenueProtocol } from '../../../src/venues/types';

/**
 * A client of the simulated exchange: the real session of one feed's market on a socket of its own, in the
 * venue's wire protocol, its snapshot requests answered by the simulator's REST. Frames wait until delivered.
 */
export interface SimClient {
  readonly market: Market;
  readonly protocol: VenueProtocol;
  readonly session: FeedSession;
  /** Hands the session every frame the venue sent since the last delivery, each after `before` sees it. */
  deliver(before?: (text: string) => void): void;
  /**
   * A frame this client was sent, read as its connection reads it: a protocol that numbers its channels per
   * connection (`connectionParser`) reads a frame only after the frames before it, so delivered frames are read in order.
   */
  parse(text: string): VenueMessage[];
}

/** Opens a client of `feed`'s market for `base` on `exchange`, at the time `now` tells. */
export function simClient(exchange: SimExchange, feed: FeedId, base: string, now: () => number): SimClient {
  const protocol = PROTOCOLS[feed];
  const market = marketOf(simCatalog(), feed, base)!;
  const host = simHostOf(feed);
  const session = new FeedSession(protocol, market);
  const frames: string[] = [];
  const url = new URL(protocol.streamUrl(market, protocol.endpoints));
  const conn = exchange.connect(host, url.pathname + url.search, (text) => frames.push(text));
  if (!conn) throw new Error(`the simulated ${host} serves no socket at ${url.pathname}`);
  const run = (effects: readonly Effect[]): void => {
    for (const effect of effects) {
      if (effect.type === 'send') conn.receive(effect.text, now());
      if (effect.type === 'fetch') {
        const u = new URL(effect.url);
        const answer = exchange.rest(host, u.pathname, u.searchParams);
        run(session.rest(effect.url, answer.status, answer.body, now()));
      }
    }
  };
  run(session.open());
  const read = protocol.connectionParser?.() ?? ((text: string) => protocol.parse(text));
  const readFrames = new Map<string, VenueMessage[]>();
  return {
    market,
    protocol,
    session,
    deliver(before = () => {}) {
      for (const text of frames.splice(0)) {
        try {
          readFrames.set(text, read(text));
        } catch {
          // Unreadable: the session counts it.
        }
        before(text);
        run(session.frame(text, now()));
      }
    },
    parse: (text) => readFrames.get(text) ?? protocol.parse(text),
  };
}
