import { describe, expect, it } from 'vitest';
import { FeedSession } from '../../../src/feed/session';
import { cryptocom } from '../../../src/venues/cryptocom';
import { cryptocomPerp } from '../../../src/venues/cryptocom-perp';
import { topOf } from '../../helpers/books';
import { documented, simulatedTraffic } from '../../helpers/documented';
import { testMarket } from '../../helpers/markets';
import { shapeDifferences } from '../../helpers/shape';

/** Crypto.com Exchange API v1's documented examples (tests/fixtures/cryptocom/docs/SOURCE.md), read as the venue sends them. */
const doc = (file: string): string => documented('cryptocom', file);
const docJson = (file: string): unknown => JSON.parse(doc(file));

describe('Crypto.com documented messages, read by the adapter', () => {
  it('the snapshot of the delta subscription: its levels (the order count dropped), u and publish time', () => {
    expect(cryptocomPerp.parse(doc('book-snapshot.json'))).toEqual([
      {
        type: 'snapshot',
        symbol: 'BTCUSD-PERP',
        last: 7845460001,
        time: 1647917463000,
        asks: [
          ['50126.000000', '0.400000'],
          ['50130.000000', '1.279000'],
          ['50136.000000', '1.279000'],
          ['50137.000000', '0.800000'],
          ['50142.000000', '1.279000'],
          ['50148.000000', '2.892900'],
          ['50154.000000', '1.279000'],
          ['50160.000000', '1.133000'],
          ['50166.000000', '3.090700'],
          ['50172.000000', '1.279000'],
        ],
        bids: [
          ['50113.500000', '0.400000'],
          ['50113.000000', '0.051800'],
          ['50112.000000', '1.455300'],
          ['50106.000000', '1.174800'],
          ['50100.500000', '0.800000'],
          ['50100.000000', '1.455300'],
          ['50097.500000', '0.048000'],
          ['50097.000000', '0.148000'],
          ['50096.500000', '0.399200'],
          ['50095.000000', '0.399200'],
        ],
      },
    ]);
  });

  it('the delta: changed levels, "0" kept as a removal, u and the previous u as pu', () => {
    expect(cryptocomPerp.parse(doc('book-update.json'))).toEqual([
      {
        type: 'update',
        symbol: 'BTCUSD-PERP',
        first: 7845460002,
        last: 7845460002,
        prev: 7845460001,
        time: 1647917463003,
        asks: [
          ['50126.000000', '0'],
          ['50180.000000', '3.279000'],
        ],
        bids: [['50097.000000', '0.252000']],
      },
    ]);
  });

  it('the snapshot of the snapshot-only subscription, the same message', () => {
    const [m] = cryptocomPerp.parse(doc('book-snapshot-full.json'));
    expect(m).toMatchObject({ type: 'snapshot', symbol: 'BTCUSD-PERP', last: 542048017824, time: 1654780033786 });
    expect(m!.type === 'snapshot' && [m!.bids[0], m!.asks[0], m!.bids.length, m!.asks.length]).toEqual([['30079.0', '0.0505'], ['30082.5', '0.1689'], 10, 10]);
  });

  it('the documented delta applies onto the documented snapshot, its pu naming the snapshot u', () => {
    const session = new FeedSession(cryptocomPerp, testMarket('cryptocom-perp'));
    session.open();
    session.frame(doc('subscribe-response.json'), 1);
    session.frame(doc('book-snapshot.json'), 2);
    session.frame(doc('book-update.json'), 3);
    expect(session.stats).toMatchObject({ snapshots: 1, updates: 1, gaps: 0, errors: 0 });
    const top = topOf(session.book, 3);
    expect(top.asks).toEqual([
      [50130, 1.279],
      [50136, 1.279],
      [50137, 0.8],
    ]);
    expect(topOf(session.book, 10).bids.find(([p]) => p === 50097)).toEqual([50097, 0.252]);
    expect(session.book.asks.length).toBe(10);
  });

  it('the heartbeat, answered with the documented respond-heartbeat of the same id', () => {
    const [m] = cryptocom.parse(doc('heartbeat.json'));
    expect(m?.type).toBe('ping');
    expect(m!.type === 'ping' && JSON.parse(m!.reply)).toEqual(docJson('respond-heartbeat.json'));
  });

  it('the answer to a subscribe', () => {
    expect(cryptocom.parse(doc('subscribe-response.json'))).toEqual([{ type: 'info', text: 'subscribe confirmed' }]);
  });

  it('the subscription is the documented delta subscription, with book and trades in one request and a nonce', () => {
    const [request] = cryptocom.subscribe(testMarket('cryptocom')).map((t) => JSON.parse(t) as unknown);
    // The channel's sample leaves nonce out; the request format marks it required, as the introduction's sample has it.
    expect(shapeDifferences(request, docJson('book-subscribe.json'), ['nonce'])).toEqual([]);
    expect(shapeDifferences(request, docJson('subscribe-request.json'), ['params.book_subscription_type', 'params.book_update_frequency'])).toEqual([]);
  });
});

describe("Crypto.com simulator's frames have the documented shapes", () => {
  for (const feed of ['cryptocom', 'cryptocom-perp'] as const) {
    it(`${feed}: the answer, the snapshot, the deltas, the trades and the heartbeat`, async () => {
      const { frames } = await simulatedTraffic(feed, { steps: 60 });
      const kind = (f: Record<string, unknown>): string => (f.result ? String((f.result as { channel: unknown }).channel) : String(f.method));
      const against: Record<string, string> = {
        subscribe: 'subscribe-response.json',
        book: 'book-snapshot.json',
        'book.update': 'book-update.json',
        trade: 'trade.json',
        'public/heartbeat': 'heartbeat.json',
      };
      expect(new Set(frames.map(kind))).toEqual(new Set(Object.keys(against)));
      for (const f of frames) expect(shapeDifferences(f, docJson(against[kind(f)]!)), kind(f)).toEqual([]);
    });
  }
});
