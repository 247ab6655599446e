import { describe, expect, it } from 'vitest';
import { deribitInstrumentsRequest, parseDeribitInstruments, parseDeribitInstrumentsAnswer } from '../../../src/catalog/deribit';
import { SimExchange } from '../../../src/sim/exchange';
import { SIM_LISTINGS } from '../../../src/sim/listings';
import { recordSimulatedFeed, type ScriptedFault } from '../../../src/sim/record-feed';
import { SIM_VENUES } from '../../../src/sim/venues';
import { PROTOCOLS } from '../../../src/venues';
import { DERIBIT_TEST_REQUEST } from '../../../src/venues/deribit';
import type { FeedId } from '../../../src/venues/types';
import { topOf } from '../../helpers/books';

/**
 * The simulated Deribit through the adapter: its frames keep a client's book exactly the simulator's, through the
 * faults its protocol can carry, and its heartbeat and instrument list are the venue's.
 */

type Json = Record<string, unknown>;
const T0 = 1_764_000_000_000;
const FEEDS: readonly FeedId[] = ['deribit', 'deribit-spot'];

describe.each(FEEDS)('simulated %s through the adapter', (feed) => {
  it('keeps the book exactly the simulator\'s through a lost notification, a crossed one and a malformed frame', async () => {
    const faults = new Map<number, ScriptedFault>([
      [30, 'skip-sequence'],
      [60, 'crossed'],
      [90, 'malformed'],
      [100, 'corrupt-checksum'],
    ]);
    const exchange = new SimExchange(SIM_VENUES, 5);
    const { session, played } = await recordSimulatedFeed({ exchange, feed, base: 'BTC', steps: 150, faults });
    // Deribit publishes no checksum: that fault cannot be played.
    expect(played).toEqual(['skip-sequence', 'crossed', 'malformed']);
    expect(session.stats).toMatchObject({ gaps: 1, crossed: 1, malformed: 1, resyncs: 3 });
    expect(session.state).toBe('live');
    expect(session.stats.updates).toBeGreaterThan(100);
    const truth = exchange.market(feed, session.symbol!)!;
    expect(topOf(session.book, 100)).toEqual(topOf(truth.book, 100));
    expect(session.book.bids.length).toBe(truth.book.bids.length);
  });
});

describe('simulated Deribit socket', () => {
  function socket(): { exchange: SimExchange; sent: Json[]; send: (request: object | string, now?: number) => void } {
    const exchange = new SimExchange(SIM_VENUES, 1);
    const sent: Json[] = [];
    const conn = exchange.connect('deribit', '/ws/api/v2', (text) => sent.push(JSON.parse(text) as Json))!;
    return { exchange, sent, send: (request, now = T0) => conn.receive(typeof request === 'string' ? request : JSON.stringify(request), now) };
  }

  it('counts the perpetual in USD, whole contracts of 10, and the spot pair in BTC', () => {
    const { sent, send } = socket();
    send({ jsonrpc: '2.0', id: 1, method: 'public/subscribe', params: { channels: ['book.BTC-PERPETUAL.100ms', 'book.BTC_USDC.100ms', 'book.NOPE.100ms'] } });
    expect(sent[0]).toMatchObject({ id: 1, result: ['book.BTC-PERPETUAL.100ms', 'book.BTC_USDC.100ms'] });
    const data = (k: number): { bids: [string, number, number][] } => (sent[k]!.params as { data: { bids: [string, number, number][] } }).data;
    const perpetual = data(1).bids.map(([, , amount]) => amount);
    expect(perpetual.length).toBeGreaterThan(50);
    expect(perpetual.every((amount) => amount >= 10 && amount % 10 === 0)).toBe(true);
    // About 0.4 BTC a level near the top on a large venue: tens of thousands of USD, not fractions.
    expect(perpetual[0]!).toBeGreaterThan(1000);
    expect(data(2).bids[0]![2]).toBeLessThan(10);
  });

  it('sends a test_request every heartbeat interval once set, and answers public/test', () => {
    const { exchange, sent, send } = socket();
    exchange.heartbeat(T0 + 60_000);
    expect(sent).toEqual([]);
    send({ jsonrpc: '2.0', id: 3, method: 'public/set_heartbeat', params: { interval: 30 } });
    expect(sent.pop()).toMatchObject({ id: 3, result: 'ok' });
    exchange.heartbeat(T0 + 10_000);
    expect(sent).toEqual([]);
    exchange.heartbeat(T0 + 30_000);
    const [request] = sent.splice(0);
    expect(PROTOCOLS.deribit.parse(JSON.stringify(request))).toEqual([{ type: 'ping', reply: DERIBIT_TEST_REQUEST }]);
    send(DERIBIT_TEST_REQUEST);
    expect(PROTOCOLS.deribit.parse(JSON.stringify(sent.pop()))).toEqual([{ type: 'pong' }]);
    send({ jsonrpc: '2.0', id: 9, method: 'public/set_heartbeat', params: { interval: 5 } });
    expect(sent.pop()).toMatchObject({ id: 9, error: { code: 11029 } });
  });

  it('lists its instruments over HTTP and on the socket as the catalog reads them', () => {
    for (const feed of ['deribit', 'deribit-spot'] as const) {
      const listed = SIM_LISTINGS[feed].map((l) => l.market);
      const kind = feed === 'deribit' ? 'future' : 'spot';
      const answer = new SimExchange(SIM_VENUES, 1).rest('deribit', '/api/v2/public/get_instruments', new URLSearchParams(`currency=any&kind=${kind}`));
      expect(answer.status).toBe(200);
      expect(parseDeribitInstruments(answer.body, feed)).toEqual(listed);
      const { sent, send } = socket();
      send(deribitInstrumentsRequest(feed));
      expect(parseDeribitInstrumentsAnswer(JSON.stringify(sent[0]), feed)).toEqual(listed);
    }
  });
});
