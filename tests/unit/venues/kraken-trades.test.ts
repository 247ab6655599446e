import { describe, expect, it } from 'vitest';
import { FeedSession } from '../../../src/feed/session';
import { SimExchange } from '../../../src/sim/exchange';
import type { SimTrade } from '../../../src/sim/types';
import { krakenSim } from '../../../src/sim/venues/kraken';
import { kraken } from '../../../src/venues/kraken';
import { documented } from '../../helpers/documented';
import { testMarket } from '../../helpers/markets';
import { shapeDifferences } from '../../helpers/shape';

/** Kraken WebSocket v2's documented `trade` examples (tests/fixtures/kraken/docs/SOURCE.md). */
const doc = (file: string): string => documented('kraken', file);
const docJson = (file: string): Record<string, unknown> => JSON.parse(doc(file)) as Record<string, unknown>;

const MATIC = testMarket('kraken', 'MATIC', { symbol: 'MATIC/USD' });

/** The documented trades, as the page prints them: taker side, price and qty, trade_id, RFC 3339 time to the ms. */
const SNAPSHOT_TRADES = [
  { id: '4665846', seq: 4665846, time: Date.UTC(2023, 8, 25, 7, 48, 36, 925), price: 0.5147, size: 6423.46326, side: 'buy' },
  { id: '4665847', seq: 4665847, time: Date.UTC(2023, 8, 25, 7, 49, 36, 925), price: 0.5147, size: 1136.19677815, side: 'buy' },
] as const;
const UPDATE_TRADE = { id: '4665906', seq: 4665906, time: Date.UTC(2023, 8, 25, 7, 49, 37, 708), price: 0.5117, size: 40, side: 'sell' } as const;

describe('Kraken trade channel: the documented messages', () => {
  it('reads the snapshot as the pair\'s trades, oldest first, with no event time (they are history)', () => {
    expect(kraken.parse(doc('trade-snapshot.json'))).toEqual([{ type: 'trades', symbol: 'MATIC/USD', trades: SNAPSHOT_TRADES }]);
  });

  it('reads the update: the taker sold, trade_id is the pair\'s trade number, its time the event time', () => {
    expect(kraken.parse(doc('trade-update.json'))).toEqual([{ type: 'trades', symbol: 'MATIC/USD', trades: [UPDATE_TRADE], time: UPDATE_TRADE.time }]);
  });

  it('reads a batch listed newest first as oldest first, each pair apart', () => {
    const snapshot = docJson('trade-snapshot.json') as { data: Record<string, unknown>[] };
    const other = { ...snapshot.data[0], symbol: 'BTC/USD', trade_id: 9 };
    const frame = JSON.stringify({ ...snapshot, type: 'update', data: [snapshot.data[1], other, snapshot.data[0]] });
    expect(kraken.parse(frame).map((m) => (m.type === 'trades' ? [m.symbol, m.trades.map((t) => t.seq)] : m.type))).toEqual([
      ['MATIC/USD', [4665846, 4665847]],
      ['BTC/USD', [9]],
    ]);
  });

  it('rejects a trade without a side, numbers or id, rather than guess', () => {
    const update = docJson('trade-update.json') as { data: Record<string, unknown>[] };
    for (const change of [{ side: 'maker' }, { price: '0.5117' }, { qty: null }, { qty: 0 }, { trade_id: 'T1' }, { timestamp: undefined }]) {
      expect(() => kraken.parse(JSON.stringify({ ...update, data: [{ ...update.data[0], ...change }] }))).toThrow();
    }
  });

  it('subscribes and unsubscribes the pair\'s trades with the documented requests, and reads their acknowledgement', () => {
    const [, subscribe] = kraken.subscribe(MATIC);
    const [, unsubscribe] = kraken.unsubscribe!(MATIC);
    expect(JSON.parse(subscribe!)).toEqual(docJson('trade-subscribe.json'));
    expect(JSON.parse(unsubscribe!)).toEqual(docJson('trade-unsubscribe.json'));
    expect(kraken.parse(doc('trade-subscribe-ack.json'))).toEqual([{ type: 'info', text: 'subscribed trade MATIC/USD' }]);
  });
});

describe('Kraken trades through a session', () => {
  it('takes each documented trade once when the snapshot comes again after a reconnect', () => {
    const s = new FeedSession(kraken, MATIC, { sharedSocket: true });
    s.open();
    s.frame(doc('trade-snapshot.json'), 1);
    s.close();
    s.open();
    s.frame(doc('trade-snapshot.json'), 2);
    expect(s.takeTrades()).toEqual(SNAPSHOT_TRADES.map((t) => ({ ...t, symbol: 'MATIC/USD', receivedAt: 1 })));
    expect(s.stats.trades).toEqual({ trades: 2, duplicates: 2, gaps: 0, missed: 0, unread: 0 });
    expect(s.takeTrades()).toEqual([]);
  });

  it('counts the jump from the snapshot\'s 4665847 to the update\'s 4665906 as a gap of 58 trades', () => {
    const s = new FeedSession(kraken, MATIC, { sharedSocket: true });
    s.open();
    s.frame(doc('trade-snapshot.json'), 1);
    s.frame(doc('trade-update.json'), 2);
    expect(s.takeTrades().map((t) => t.id)).toEqual(['4665846', '4665847', '4665906']);
    expect(s.stats.trades).toMatchObject({ trades: 3, duplicates: 0, gaps: 1, missed: 58 });
    expect(s.stats.latencyMs).toBe(2 - UPDATE_TRADE.time);
  });

  it('leaves another pair\'s trades on a shared socket to that pair\'s session', () => {
    const s = new FeedSession(kraken, testMarket('kraken', 'BTC'), { sharedSocket: true });
    s.open();
    s.frame(doc('trade-update.json'), 1);
    expect(s.takeTrades()).toEqual([]);
    expect(s.stats).toMatchObject({ foreign: 1, errors: 0, trades: { trades: 0 } });
  });
});

describe("Kraken simulator's trade frames", () => {
  const T0 = 1_764_000_000_000;

  /** A socket to the simulated Kraken subscribed as the protocol subscribes BTC/USD, its frames parsed. */
  function subscribed() {
    const exchange = new SimExchange([krakenSim], 1);
    const sent: string[] = [];
    const conn = exchange.connect('kraken', '/v2', (t) => sent.push(t))!;
    const market = exchange.market('kraken', 'BTC/USD')!;
    for (const request of kraken.subscribe(testMarket('kraken'))) conn.receive(request, T0);
    const take = (): string[] => sent.splice(0);
    return { exchange, conn, market, take };
  }

  /** Trades on the market's tick and lot grid, numbered on from `first`. */
  function trades(market: ReturnType<typeof subscribed>['market'], first: number): SimTrade[] {
    const ask = market.book.asks.priceAt(0)!;
    const bid = market.book.bids.priceAt(0)!;
    const lots = (n: number): number => Number((n * market.spec.lot).toFixed(market.sizeDecimals));
    return [
      { id: first, price: ask, size: lots(3), side: 'buy', time: T0 + 10 },
      { id: first + 1, price: bid, size: lots(1234), side: 'sell', time: T0 + 11 },
    ];
  }

  it('acknowledges the trade subscription as documented, with an empty snapshot on a market that printed no trade', () => {
    const { take } = subscribed();
    const frames = take().map((t) => JSON.parse(t) as Record<string, unknown>);
    const ack = frames.find((f) => f.method === 'subscribe' && (f.result as { channel: string }).channel === 'trade');
    expect(shapeDifferences(ack, docJson('trade-subscribe-ack.json'))).toEqual([]);
    expect(frames.filter((f) => f.channel === 'trade')).toEqual([{ channel: 'trade', type: 'snapshot', data: [] }]);
  });

  it('sends a subscriber each batch in the documented shape, which the protocol reads back into the trades sent', () => {
    const { conn, market, take } = subscribed();
    take();
    const sent = trades(market, 41);
    conn.trades(market, sent, T0 + 12);
    const frames = take();
    expect(frames).toHaveLength(1);
    expect(shapeDifferences(JSON.parse(frames[0]!), docJson('trade-update.json'))).toEqual([]);
    expect(kraken.parse(frames[0]!)).toEqual([
      { type: 'trades', symbol: 'BTC/USD', time: T0 + 11, trades: sent.map((t) => ({ id: String(t.id), seq: t.id, time: t.time, price: t.price, size: t.size, side: t.side })) },
    ]);
    // At the pair's precision, as Kraken writes its numbers.
    expect(frames[0]).toContain(`"qty":${sent[0]!.size.toFixed(market.sizeDecimals)}`);
  });

  it("snapshots the market's last 50 trades on a new subscription, printed before the socket opened too, and sends none unsubscribed", () => {
    const { exchange, conn, market, take } = subscribed();
    // 60 orders of one lot, each a trade: the snapshot holds the last 50 of them, whoever asks.
    const printed = Array.from({ length: 60 }, (_, i) => market.trade(i % 2 ? 'sell' : 'buy', market.spec.lot, T0 + i)).flat();
    expect(printed.map((t) => t.id)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    const [, unsubscribe] = kraken.unsubscribe!(testMarket('kraken'));
    conn.receive(unsubscribe!, T0 + 70);
    take();
    conn.trades(market, market.trade('buy', market.spec.lot, T0 + 71), T0 + 71);
    expect(take()).toEqual([]);
    const seqs = (snapshot: string): (number | undefined)[] => {
      const [m] = kraken.parse(snapshot);
      return m?.type === 'trades' ? m.trades.map((t) => t.seq) : [];
    };
    const last50 = Array.from({ length: 50 }, (_, i) => i + 12);
    const [, subscribe] = kraken.subscribe(testMarket('kraken'));
    conn.receive(subscribe!, T0 + 72);
    const again = take().find((t) => t.includes('"type":"snapshot"') && t.includes('"channel":"trade"'))!;
    expect(shapeDifferences(JSON.parse(again), docJson('trade-snapshot.json'))).toEqual([]);
    expect(seqs(again)).toEqual(last50);
    // A socket opened after every print sees the same snapshot: the market's trades, not the socket's.
    const sent: string[] = [];
    const late = exchange.connect('kraken', '/v2', (t) => sent.push(t))!;
    for (const request of kraken.subscribe(testMarket('kraken'))) late.receive(request, T0 + 73);
    expect(seqs(sent.find((t) => t.includes('"type":"snapshot"') && t.includes('"channel":"trade"'))!)).toEqual(last50);
  });
});
