import { describe, expect, it } from 'vitest';
import { gate } from '../../../src/venues/gate';
import { gateFutures } from '../../../src/venues/gate-futures';
import { documented, simulatedAnswers, simulatedPushes } from '../../helpers/documented';
import { shapeDifferences } from '../../helpers/shape';

/** Gate API v4's documented WebSocket examples (tests/fixtures/gate/docs/SOURCE.md), read as the venue sends them. */
const doc = (file: string): string => documented('gate', file);
const docJson = (file: string): unknown => JSON.parse(doc(file));

describe('Gate spot documented messages, read by the adapter', () => {
  it('the order book V2 full push: a snapshot of its stream, its u the book id', () => {
    expect(gate.parse(doc('spot-obu-full.json'))).toEqual([
      {
        type: 'snapshot',
        symbol: 'BTC_USDT',
        last: 73777715168,
        time: 1747054612673,
        bids: [
          ['104027.1', '509392'],
          ['104027', '477932'],
        ],
        asks: [
          ['104027.2', '44617'],
          ['104027.4', '39322'],
        ],
      },
    ]);
  });

  it('the order book V2 incremental push: U to u, zero sizes kept as removals', () => {
    expect(gate.parse(doc('spot-obu-update.json'))).toEqual([
      {
        type: 'update',
        symbol: 'BTC_USDT',
        first: 73777715169,
        last: 73777715212,
        time: 1747054612695,
        bids: [
          ['104024.5', '10343'],
          ['104014.5', '509392'],
        ],
        asks: [
          ['104027.2', '0'],
          ['104027.4', '0'],
        ],
      },
    ]);
  });

  it('the answers to subscribe and unsubscribe, the pong, and the generic server response', () => {
    expect(gate.parse(doc('spot-obu-subscribe.json'))).toEqual([{ type: 'info', text: 'spot.obu subscribe confirmed' }]);
    expect(gate.parse(doc('spot-obu-unsubscribe.json'))).toEqual([{ type: 'info', text: 'spot.obu unsubscribe confirmed' }]);
    expect(gate.parse(doc('spot-pong.json'))).toEqual([{ type: 'pong' }]);
    expect(gate.parse(doc('spot-server-response.json'))).toEqual([{ type: 'info', text: 'spot.orders subscribe confirmed' }]);
  });

  it('the refused duplicate subscription: an error for the market its payload names', () => {
    expect(gate.parse(doc('spot-obu-subscribe-error.json'))).toEqual([
      { type: 'error', message: 'spot.obu subscribe refused: 2 Alert sub ob.BTC_USDT.400', symbol: 'BTC_USDT' },
    ]);
  });

  it('the public trade: the taker sold, id_market numbers it, time to the ms', () => {
    // The example repeats "id_market" (2390902, then 5736713): JSON keeps the last, as any JSON reader does.
    expect(gate.parse(doc('spot-trades.json'))).toEqual([
      {
        type: 'trades',
        symbol: 'GT_USDT',
        time: 1606292218213,
        trades: [{ id: '309143071', seq: 5736713, time: 1606292218213, price: 0.4705, size: 16.47, side: 'sell' }],
      },
    ]);
  });
});

describe('Gate futures documented messages, read by the adapter', () => {
  it('the order book V2 full push and incremental push (sizes in contracts; the update has no asks)', () => {
    expect(gateFutures.parse(doc('futures-obu-full.json'))).toEqual([
      { type: 'snapshot', symbol: 'BTC_USDT', last: 79072179673, time: 1743673026995, bids: [['83705.9', '30166']], asks: [['83706', '4208']] },
    ]);
    expect(gateFutures.parse(doc('futures-obu-update.json'))).toEqual([
      {
        type: 'update',
        symbol: 'BTC_USDT',
        first: 79072179674,
        last: 79072179694,
        time: 1743673027017,
        bids: [
          ['83702.2', '62'],
          ['83702.1', '0'],
          ['83702', '0'],
          ['83685.6', '120'],
          ['83685', '239'],
        ],
        asks: [],
      },
    ]);
  });

  it('the answers, the pong and the refused duplicate subscription', () => {
    expect(gateFutures.parse(doc('futures-obu-subscribe.json'))).toEqual([{ type: 'info', text: 'futures.obu subscribe confirmed' }]);
    expect(gateFutures.parse(doc('futures-obu-unsubscribe.json'))).toEqual([{ type: 'info', text: 'futures.obu unsubscribe confirmed' }]);
    expect(gateFutures.parse(doc('futures-trades-subscribe.json'))).toEqual([{ type: 'info', text: 'futures.trades subscribe confirmed' }]);
    expect(gateFutures.parse(doc('futures-pong.json'))).toEqual([{ type: 'pong' }]);
    expect(gateFutures.parse(doc('futures-obu-subscribe-error.json'))).toEqual([
      { type: 'error', message: 'futures.obu subscribe refused: 2 Alert sub ob.BTC_USDT.400', symbol: 'BTC_USDT' },
    ]);
  });

  it('the documented trade is internal (an insurance fund or ADL takeover, not matched on the book): no trade', () => {
    expect(gateFutures.parse(doc('futures-trades.json'))).toEqual([]);
  });

  it('the same trade matched on the book: size -108 is 108 contracts the taker sold', () => {
    const push = docJson('futures-trades.json') as { result: Record<string, unknown>[] };
    delete push.result[0]!.is_internal;
    expect(gateFutures.parse(JSON.stringify(push))).toEqual([
      { type: 'trades', symbol: 'BTC_USD', time: 1545136464123, trades: [{ id: '27753479', time: 1545136464123, price: 96.4, size: 108, side: 'sell' }] },
    ]);
  });

  it('each channel is read on its own socket only: a spot push on the futures socket is refused', () => {
    expect(() => gateFutures.parse(doc('spot-obu-update.json'))).toThrow(/unexpected spot.obu/);
    expect(() => gate.parse(doc('futures-obu-update.json'))).toThrow(/unexpected futures.obu/);
  });
});

describe("Gate simulator's frames have the documented shapes", () => {
  /** The sim's ids and echoes are its own: the docs' answers carry `id` only where the request had one. */
  const IGNORED = ['id'];

  it('spot: the subscription answer, the full push and the incremental pushes', () => {
    const frames = simulatedPushes('gate', '/ws/v4/', gate.subscribe(market('gate')), 20);
    const answer = frames.find((f) => f.channel === 'spot.obu' && f.event === 'subscribe');
    expect(shapeDifferences(answer, docJson('spot-obu-subscribe.json'), IGNORED)).toEqual([]);
    const books = frames.filter((f) => f.channel === 'spot.obu' && f.event === undefined) as { result: Record<string, unknown> }[];
    expect(shapeDifferences(books[0], docJson('spot-obu-full.json'))).toEqual([]);
    expect(books.length).toBeGreaterThan(5);
    // A side with no change is left out, as in the docs' futures update (bids only).
    for (const push of books.slice(1)) expect(shapeDifferences(push, docJson('spot-obu-update.json'), ['result.a', 'result.b'])).toEqual([]);
  });

  it('futures: the full push and the incremental pushes (the docs\' update lists bids only)', () => {
    const frames = simulatedPushes('gate-futures', '/v4/ws/usdt', gateFutures.subscribe(market('gate-futures')), 20);
    const books = frames.filter((f) => f.channel === 'futures.obu' && f.event === undefined);
    expect(shapeDifferences(books[0], docJson('futures-obu-full.json'))).toEqual([]);
    for (const push of books.slice(1)) expect(shapeDifferences(push, docJson('futures-obu-update.json'), ['result.a', 'result.b'])).toEqual([]);
  });

  it('the answers to ping, to unsubscribe and to a duplicate subscription', () => {
    const sub = gate.subscribe(market('gate'))[0]!;
    const unsub = gate.unsubscribe!(market('gate'))[0]!;
    const [, , duplicate, pong, unsubscribed] = simulatedAnswers('gate', '/ws/v4/', [sub, sub, '{"time":1,"channel":"spot.ping"}', unsub]);
    expect(shapeDifferences(duplicate, docJson('spot-obu-subscribe-error.json'), IGNORED)).toEqual([]);
    expect(shapeDifferences(pong, docJson('spot-pong.json'))).toEqual([]);
    expect(shapeDifferences(unsubscribed, docJson('spot-obu-unsubscribe.json'), IGNORED)).toEqual([]);
    const [futuresPong] = simulatedAnswers('gate-futures', '/v4/ws/usdt', ['{"time":1,"channel":"futures.ping"}']);
    expect(shapeDifferences(futuresPong, docJson('futures-pong.json'))).toEqual([]);
    const [tradesAnswer] = simulatedAnswers('gate-futures', '/v4/ws/usdt', [gateFutures.subscribe(market('gate-futures'))[1]!]);
    expect(shapeDifferences(tradesAnswer, docJson('futures-trades-subscribe.json'))).toEqual([]);
    const [spotTradesAnswer] = simulatedAnswers('gate', '/ws/v4/', [gate.subscribe(market('gate'))[1]!]);
    expect(shapeDifferences(spotTradesAnswer, docJson('spot-server-response.json'))).toEqual([]);
  });

  it('the trades: spot one a message, futures a list with signed sizes', () => {
    const spot = simulatedPushes('gate', '/ws/v4/', gate.subscribe(market('gate')), 100).filter((f) => f.channel === 'spot.trades' && f.event === 'update');
    expect(spot.length).toBeGreaterThan(0);
    // The docs' example repeats id_market; a JSON object holds it once.
    for (const push of spot) expect(shapeDifferences(push, docJson('spot-trades.json'))).toEqual([]);
    const futures = simulatedPushes('gate-futures', '/v4/ws/usdt', gateFutures.subscribe(market('gate-futures')), 100).filter((f) => f.channel === 'futures.trades' && f.event === 'update');
    expect(futures.length).toBeGreaterThan(0);
    // is_internal: "If it is not an internal trade, this field will not be returned".
    for (const push of futures) expect(shapeDifferences(push, docJson('futures-trades.json'), ['result[].is_internal'])).toEqual([]);
  });
});

/** The simulator's BTC market of a Gate feed. */
function market(feed: 'gate' | 'gate-futures'): Parameters<typeof gate.subscribe>[0] {
  return { venue: 'gate', feed, base: 'BTC', quote: 'USDT', symbol: 'BTC_USDT', kind: feed === 'gate' ? 'spot' : 'perpetual', contractSize: feed === 'gate' ? 1 : 0.0001 };
}
