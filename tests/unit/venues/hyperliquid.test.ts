import { describe, expect, it } from 'vitest';
import { FeedSession } from '../../../src/feed/session';
import { SimExchange } from '../../../src/sim/exchange';
import { FIXTURE_SCRIPT } from '../../../src/sim/fixture-script';
import { recordSimulatedFeed } from '../../../src/sim/record-feed';
import type { PlantedWall } from '../../../src/sim/types';
import { SIM_VENUES } from '../../../src/sim/venues';
import { partialLabel, stateExplanation, stateLabel } from '../../../src/ui/venue-meta';
import { HYPERLIQUID_BOOK_LEVELS, HYPERLIQUID_PARTIAL_REASON, hyperliquid, hyperliquidSpot, parseHyperliquidFrame } from '../../../src/venues/hyperliquid';
import type { FeedId } from '../../../src/venues/types';
import { VenueLink } from '../../../src/worker/venue-link';
import { topOf } from '../../helpers/books';
import { testMarket } from '../../helpers/markets';
import { FakeClock, FakeTransport } from '../worker/fakes';
import { bookPush, documentedBook } from './hyperliquid-documented';

/**
 * Hyperliquid's sync rule is that there is none: every `l2Book` push is the venue's whole top 20 a side and replaces
 * the book. These tests hold the venue's pushes to that, from the documented WsBook.
 */

type Level = { px: string; sz: string; n: number };

const level = (px: number, sz: string): Level => ({ px: px.toFixed(1), sz, n: 1 });

/** The documented WsBook for `coin` with `bids` and `asks`. */
function push(bids: readonly Level[], asks: readonly Level[], coin = 'ETH'): string {
  return bookPush({ ...documentedBook(), coin, levels: [bids, asks] });
}

function session(): FeedSession {
  const s = new FeedSession(hyperliquid, testMarket('hyperliquid', 'ETH'));
  s.open();
  return s;
}

describe('Hyperliquid l2Book: every push replaces the book', () => {
  it('takes each push whole: a level the next push leaves out is gone, a new one is there', () => {
    const s = session();
    s.frame(bookPush(), 1);
    expect(s.state).toBe('live');
    expect(topOf(s.book, 5)).toEqual({ bids: [[3007.1, 2.7954]], asks: [[3040.1, 3.9499]] });
    s.frame(push([level(3007.2, '1.5'), level(3006.9, '4')], [level(3039.8, '0.25')]), 2);
    expect(topOf(s.book, 5)).toEqual({ bids: [[3007.2, 1.5], [3006.9, 4]], asks: [[3039.8, 0.25]] });
    expect(s.stats).toMatchObject({ snapshots: 2, updates: 0, resyncs: 0, gaps: 0, errors: 0 });
  });

  it('keeps the best 20 a side, whatever a push holds', () => {
    const s = session();
    const bids = Array.from({ length: 25 }, (_, k) => level(3000 - k, '1'));
    const asks = Array.from({ length: 25 }, (_, k) => level(3001 + k, '1'));
    s.frame(push(bids, asks), 1);
    expect(s.book.bids.length).toBe(HYPERLIQUID_BOOK_LEVELS);
    expect(s.book.asks.length).toBe(HYPERLIQUID_BOOK_LEVELS);
    expect(s.book.asks.priceAt(HYPERLIQUID_BOOK_LEVELS - 1)).toBe(3020);
  });

  it('resyncs on a crossed push by rejoining the book subscription, and is live again on the next push', () => {
    const s = session();
    s.frame(bookPush(), 1);
    const effects = s.frame(push([level(3041, '1')], [level(3040.1, '3.9499')]), 2);
    expect(s.state).toBe('syncing');
    expect(s.stats.resyncReasons).toEqual({ crossed: 1 });
    expect(effects).toEqual(hyperliquid.resubscribe!(testMarket('hyperliquid', 'ETH')).map((text) => ({ type: 'send', text })));
    expect(effects.map((e) => (e.type === 'send' ? JSON.parse(e.text) : e))).toEqual([
      { method: 'unsubscribe', subscription: { type: 'l2Book', coin: 'ETH' } },
      { method: 'subscribe', subscription: { type: 'l2Book', coin: 'ETH' } },
    ]);
    s.frame(bookPush(), 3);
    expect(s.state).toBe('live');
  });

  it('refuses frames it cannot read, so that none reaches a book', () => {
    const bad = [
      '{"truncated":',
      '{"channel":"l2Book","data":{"coin":"ETH","time":1,"levels":[[]]}}',
      '{"channel":"l2Book","data":{"coin":"ETH","time":1,"levels":[[{"px":"3007.1","sz":"1"}],[]]}}',
      '{"channel":"l2Book","data":{"coin":"ETH","time":1,"levels":[[["3007.1","1"]],[]]}}',
      '{"channel":"l2Book","data":{"coin":"ETH","levels":[[],[]]}}',
      '{"channel":"l2Book","data":{"time":1,"levels":[[],[]]}}',
      '{"channel":"l2Book","data":[]}',
      '{"channel":"bbo","data":{}}',
      '[]',
    ];
    for (const text of bad) expect(() => parseHyperliquidFrame(text), text).toThrow();
    const s = session();
    s.frame(bookPush(), 1);
    s.frame(bad[2]!, 2);
    expect(s.stats).toMatchObject({ malformed: 1, resyncs: 1 });
    expect(s.book.empty).toBe(true);
  });

  it('leaves another coin’s pushes to that coin’s session on a shared socket, and hands a refusal to the coin it names', () => {
    const eth = new FeedSession(hyperliquid, testMarket('hyperliquid', 'ETH'), { sharedSocket: true });
    const btc = new FeedSession(hyperliquid, testMarket('hyperliquid', 'BTC'), { sharedSocket: true });
    for (const s of [eth, btc]) s.open();
    for (const text of [bookPush(), push([level(64000, '1')], [level(64001, '2')], 'BTC')]) for (const s of [eth, btc]) s.frame(text, 1);
    expect(topOf(eth.book, 5)).toEqual({ bids: [[3007.1, 2.7954]], asks: [[3040.1, 3.9499]] });
    expect(topOf(btc.book, 5)).toEqual({ bids: [[64000, 1]], asks: [[64001, 2]] });
    expect([eth.stats.errors, btc.stats.errors]).toEqual([0, 0]);
    const refusal = JSON.stringify({ channel: 'error', data: 'Invalid subscription {"type":"l2Book","coin":"BTC"}' });
    expect(parseHyperliquidFrame(refusal)).toEqual([{ type: 'error', message: 'Invalid subscription {"type":"l2Book","coin":"BTC"}', symbol: 'BTC' }]);
    for (const s of [eth, btc]) s.frame(refusal, 2);
    expect([eth.stats.errors, btc.stats.errors]).toEqual([0, 1]);
  });

  it('shares one socket across both feeds and their markets, and leaves a market without closing it', () => {
    for (const protocol of [hyperliquid, hyperliquidSpot]) {
      expect(protocol.multiplex).toBe(true);
      expect(protocol.trades).toBe(true);
    }
    const market = testMarket('hyperliquid-spot', 'BTC', { symbol: '@142' });
    expect(hyperliquidSpot.unsubscribe!(market).map((t) => JSON.parse(t))).toEqual([
      { method: 'unsubscribe', subscription: { type: 'l2Book', coin: '@142' } },
      { method: 'unsubscribe', subscription: { type: 'trades', coin: '@142' } },
    ]);
    expect(hyperliquidSpot.streamUrl(market, hyperliquidSpot.endpoints)).toBe(hyperliquid.streamUrl(testMarket('hyperliquid'), hyperliquid.endpoints));
  });
});

describe('Hyperliquid against its simulator', () => {
  it.each<[FeedId, string]>([
    ['hyperliquid', 'BTC'],
    ['hyperliquid-spot', 'BTC'],
    ['hyperliquid', 'ETH'],
  ])('%s %s: the session holds exactly the simulator’s top 20 after a run with a malformed frame and a crossed push', async (feed, base) => {
    const exchange = new SimExchange(SIM_VENUES, FIXTURE_SCRIPT.seed);
    const faults = new Map([
      [60, 'malformed' as const],
      [140, 'crossed' as const],
      [220, 'skip-sequence' as const],
      [260, 'corrupt-checksum' as const],
    ]);
    const { session, played } = await recordSimulatedFeed({ exchange, feed, base, steps: 300, faults });
    // The venue has no ids to skip and no checksum to corrupt: only a frame it cannot read and a crossed book apply.
    expect(played).toEqual(['malformed', 'crossed']);
    expect(session.stats).toMatchObject({ malformed: 1, crossed: 1, resyncs: 2, gaps: 0 });
    expect(session.state).toBe('live');
    const truth = exchange.market(feed, session.symbol!)!;
    expect(topOf(session.book, 100)).toEqual(topOf(truth.book, HYPERLIQUID_BOOK_LEVELS));
    expect(session.takeTrades().length).toBeGreaterThan(0);
  });
});

describe('Hyperliquid is shown as partial', () => {
  it('a live link says top 20, not sequence-verified, and why, with no exact sync to retry', async () => {
    const clock = new FakeClock();
    const exchange = new SimExchange(SIM_VENUES, 3);
    const transport = new FakeTransport(clock, exchange, 'hyperliquid');
    for (const protocol of [hyperliquid, hyperliquidSpot]) {
      const link = new VenueLink(protocol, testMarket(protocol.id, 'BTC', protocol.id === 'hyperliquid-spot' ? { symbol: '@142' } : {}), transport, clock, { random: () => 0.5 });
      link.start();
      await transport.settle();
      const status = link.status();
      expect(status.state).toBe('live');
      expect(status.partial).toEqual({ depth: 20, why: HYPERLIQUID_PARTIAL_REASON, only: true });
      expect(stateLabel(status, clock.now())).toBe(partialLabel(20));
      expect(stateLabel(status, clock.now())).toBe('top 20, not sequence-verified');
      expect(stateExplanation(status)).toContain(HYPERLIQUID_PARTIAL_REASON);
      expect(stateExplanation(status)).not.toMatch(/retried/);
      link.stop();
    }
  });
});

describe('a wall on Hyperliquid', () => {
  it('is in the book while it stands in the top 20; beyond them the book holds nothing of it, as the venue sends nothing', () => {
    const exchange = new SimExchange(SIM_VENUES, 8);
    const session = new FeedSession(hyperliquid, testMarket('hyperliquid', 'BTC'));
    let now = 1_764_000_000_000;
    const conn = exchange.connect('hyperliquid', '/ws', (text) => session.frame(text, now))!;
    for (const e of session.open()) if (e.type === 'send') conn.receive(e.text, now);
    const step = (): void => {
      now += 100;
      exchange.tick(now, ['hyperliquid']);
    };
    step();
    const truth = exchange.market('hyperliquid', 'BTC')!;
    const mid = truth.book.mid()!;
    const bpsTo = (level: number): number => ((mid - truth.book.bids.priceAt(level)!) / mid) * 10_000;
    const near = exchange.plantWall({ feed: 'hyperliquid', symbol: 'BTC', side: 'bid' }, bpsTo(10), 40, now) as PlantedWall;
    step();
    expect(session.book.bids.top(20)).toContainEqual([Number(near.price), 40]);
    const far = exchange.plantWall({ feed: 'hyperliquid', symbol: 'BTC', side: 'ask' }, bpsTo(truth.book.bids.length - 1), 40, now) as PlantedWall;
    step();
    expect(truth.book.asks.top(Infinity)).toContainEqual([Number(far.price), 40]);
    expect(session.book.asks.top(Infinity).map(([price]) => price)).not.toContain(Number(far.price));
    expect(topOf(session.book, 100)).toEqual(topOf(truth.book, HYPERLIQUID_BOOK_LEVELS));
  });
});
