import { describe, expect, it } from 'vitest';
import { OrderBook } from '../../../src/book/orderbook';
import { SimExchange } from '../../../src/sim/exchange';
import { simHostOf } from '../../../src/sim/hosts';
import type { SimLevels } from '../../../src/sim/market';
import { SIM_VENUES } from '../../../src/sim/venues';
import { FEED_IDS, type FeedId, type VenueMessage } from '../../../src/venues/types';
import { topOf } from '../../helpers/books';
import { simClient } from './sim-client';

type BookMessage = Extract<VenueMessage, { type: 'snapshot' | 'update' }>;

/** One feed's BTC market of the simulated exchange, followed by the real client session over its wire protocol. */
function follow(feed: FeedId) {
  const exchange = new SimExchange(SIM_VENUES, 3);
  let now = 1_764_000_000_000;
  const client = simClient(exchange, feed, 'BTC', () => now);
  const truth = exchange.market(feed, client.market.symbol)!;
  const tick = (): void => {
    now += 100;
    exchange.tick(now, [feed]);
  };
  return { ...client, exchange, host: simHostOf(feed), truth, tick };
}

/**
 * The book a client that trusts every frame holds: `before`, with each of a step's updates applied in turn as it
 * comes (a venue that sends a level a message, Bitfinex, sends a step as many), or replaced by each whole snapshot
 * where that is all the venue sends.
 */
function trusting(before: SimLevels): OrderBook {
  const book = new OrderBook();
  book.snapshot(before.bids, before.asks);
  return book;
}

describe("the simulator's crossed-book fault", () => {
  for (const feed of FEED_IDS) {
    it(`${feed}: one update in the venue's wire format puts a bid at the best ask; the truth never has it`, () => {
      const f = follow(feed);
      // What carries a step's change: an update, or where the venue publishes only whole top-depth snapshots
      // (onlyPartial: Hyperliquid's l2Book), the next snapshot, which the simulator crosses instead.
      const carrier = f.protocol.onlyPartial === undefined ? 'update' : 'snapshot';
      for (let i = 0; i < 5; i++) {
        f.tick();
        f.deliver();
      }
      expect(f.session.state).toBe('live');
      const depth = f.protocol.depth ?? 50;
      expect(topOf(f.session.book, Math.min(depth, 50))).toEqual(topOf(f.truth.book, Math.min(depth, 50)));
      expect(f.exchange.fault(f.host, 'crossed')).toBe(true);

      let crossed: { message: BookMessage; client: OrderBook } | undefined;
      for (let i = 0; i < 20 && !crossed; i++) {
        const client = trusting(f.truth.snapshot(Number.POSITIVE_INFINITY));
        f.tick();
        f.deliver((text) => {
          if (crossed) return;
          for (const m of f.parse(text)) {
            if ((m.type !== 'update' && m.type !== 'snapshot') || m.type !== carrier) continue;
            if (m.type === 'snapshot') client.snapshot(m.bids, m.asks);
            else client.update(m.bids, m.asks);
            if (client.bids.priceAt(0)! >= client.asks.priceAt(0)!) crossed = { message: m, client };
          }
        });
      }
      expect(crossed, 'an update that crosses the book').toBeDefined();
      const { message, client } = crossed!;
      const truthBest = { bid: f.truth.book.bids.priceAt(0)!, ask: f.truth.book.asks.priceAt(0)! };
      // The crossing bid sits at the venue's best ask; the simulator's own book stays uncrossed without it.
      expect(client.bids.priceAt(0)).toBe(truthBest.ask);
      expect(truthBest.bid).toBeLessThan(truthBest.ask);
      expect(message.bids.some(([p]) => Number(p) === truthBest.ask)).toBe(true);
      // Nothing but the crossing gives it away: the ids follow on, the published checksum fits the crossed book.
      expect(f.session.stats.gaps).toBe(0);
      expect(f.session.stats.checksums.failed).toBe(0);
      // Where one is published: OKX's has been 0, no checksum, since its deprecation.
      if (f.protocol.checksum && message.checksum !== undefined) expect(message.checksum).toBe(f.protocol.checksum(client));
    });
  }

  it('is played once: the next updates are the truth again', () => {
    const f = follow('bybit');
    f.tick();
    f.deliver();
    f.exchange.fault('bybit', 'crossed');
    const crossings: number[] = [];
    for (let i = 0; i < 30; i++) {
      const client = trusting(f.truth.snapshot(Number.POSITIVE_INFINITY));
      f.tick();
      f.deliver((text) => {
        for (const m of f.parse(text)) {
          if (m.type !== 'update') continue;
          client.update(m.bids, m.asks);
          if (client.bids.priceAt(0)! >= client.asks.priceAt(0)!) crossings.push(i);
        }
      });
    }
    expect(crossings).toHaveLength(1);
  });
});
