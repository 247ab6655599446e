import { describe, expect, it } from 'vitest';
import { FeedSession } from '../../../src/feed/session';
import { SimExchange } from '../../../src/sim/exchange';
import type { SimTrade } from '../../../src/sim/types';
import { coinbaseSim } from '../../../src/sim/venues/coinbase';
import { coinbase } from '../../../src/venues/coinbase';
import { documented } from '../../helpers/documented';
import { testMarket } from '../../helpers/markets';
import { shapeDifferences } from '../../helpers/shape';

/** Coinbase Advanced Trade's documented examples (tests/fixtures/coinbase/docs/SOURCE.md). */
const doc = (file: string): string => documented('coinbase', file);
const docJson = (file: string): Record<string, unknown> => JSON.parse(doc(file)) as Record<string, unknown>;

const ETH = testMarket('coinbase', 'ETH');

/**
 * The documented trade: its `side` BUY is the maker's (the channels page), so the taker sold. Its trade_id names
 * it; no page says Coinbase numbers trades one by one, so it has no `seq`.
 */
const DOC_TRADE = { id: '000000000', time: Date.UTC(2019, 7, 14, 20, 42, 27, 265), price: 1260.01, size: 0.3, side: 'sell' } as const;

/** The documented message at another sequence_num, its event of `type`, with `trades` (product ETH-USD). */
function marketTrades(seq: number, type: 'snapshot' | 'update', trades: readonly Record<string, unknown>[]): string {
  return JSON.stringify({ ...docJson('market-trades.json'), sequence_num: seq, events: [{ type, trades }] });
}

const docTrade = (): Record<string, unknown> => (docJson('market-trades.json') as { events: { trades: Record<string, unknown>[] }[] }).events[0]!.trades[0]!;

/** A level2 update for ETH-USD at a sequence_num. */
function l2(seq: number, type: 'snapshot' | 'update', bid: string): string {
  const updates = [
    { side: 'bid', event_time: '2023-02-09T20:19:35.3Z', price_level: bid, new_quantity: '1' },
    { side: 'offer', event_time: '2023-02-09T20:19:35.3Z', price_level: '1261.00', new_quantity: '2' },
  ];
  return JSON.stringify({ channel: 'l2_data', timestamp: '2023-02-09T20:19:35.39625135Z', sequence_num: seq, events: [{ type, product_id: 'ETH-USD', updates }] });
}

describe('Coinbase market_trades: the documented message', () => {
  it('reads the documented snapshot: the maker bought, so the aggressor sold; sequence_num kept for the connection\'s count', () => {
    expect(coinbase.parse(doc('market-trades.json'))).toEqual([{ type: 'trades', symbol: 'ETH-USD', trades: [DOC_TRADE], seq: 0 }]);
  });

  it('reads an update\'s trades oldest first, whatever order the batch lists them in, with the envelope time as event time', () => {
    const later = { ...docTrade(), trade_id: '000000002', side: 'SELL', time: '2019-08-14T20:42:27.300Z' };
    const sameTime = { ...docTrade(), trade_id: '000000001' };
    const [m] = coinbase.parse(marketTrades(5, 'update', [later, sameTime, docTrade()]));
    expect(m).toMatchObject({ type: 'trades', seq: 5, time: Date.UTC(2023, 1, 9, 20, 19, 35, 396) });
    expect(m?.type === 'trades' && m.trades.map((t) => [t.id, t.side])).toEqual([
      ['000000000', 'sell'],
      ['000000001', 'sell'],
      ['000000002', 'buy'],
    ]);
  });

  it('keeps the sequence number of a message that holds no trade', () => {
    expect(coinbase.parse(marketTrades(3, 'update', []))).toEqual([{ type: 'info', text: 'market_trades', seq: 3 }]);
  });

  it('rejects a trade without a known side, a number or an id, rather than guess', () => {
    for (const change of [{ side: 'buy' }, { price: 1260.01 }, { size: '' }, { size: '0' }, { trade_id: undefined }, { time: 'yesterday' }]) {
      expect(() => coinbase.parse(marketTrades(1, 'update', [{ ...docTrade(), ...change }]))).toThrow();
    }
  });

  it('subscribes to market_trades with the documented request, alone in its message, and unsubscribes the same way', () => {
    const { jwt: _jwt, ...request } = docJson('market-trades-subscribe.json');
    const frames = coinbase.subscribe(ETH).map((t) => JSON.parse(t) as Record<string, unknown>);
    expect(frames.filter((f) => f.channel === 'market_trades')).toEqual([{ ...request, product_ids: ['ETH-USD'] }]);
    expect(coinbase.unsubscribe!(ETH).map((t) => JSON.parse(t) as unknown)).toContainEqual({ ...request, type: 'unsubscribe', product_ids: ['ETH-USD'] });
  });
});

describe('Coinbase trades through a session', () => {
  it('takes the documented trade once when the snapshot comes again on a new connection', () => {
    const s = new FeedSession(coinbase, ETH, { sharedSocket: true });
    s.open();
    s.frame(doc('market-trades.json'), 1);
    s.close();
    s.open();
    s.frame(doc('market-trades.json'), 2);
    expect(s.takeTrades()).toEqual([{ ...DOC_TRADE, symbol: 'ETH-USD', receivedAt: 1 }]);
    expect(s.stats.trades).toEqual({ trades: 1, duplicates: 1, gaps: 0, missed: 0, unread: 0 });
    expect(s.stats.gaps).toBe(0);
  });

  it('checks sequence_num across level2 and market_trades: an interleaved stream numbered one by one causes no resync', () => {
    const s = new FeedSession(coinbase, ETH, { sharedSocket: true });
    s.open();
    const effects = [
      l2(0, 'snapshot', '1260.00'),
      marketTrades(1, 'snapshot', [docTrade()]),
      l2(2, 'update', '1259.99'),
      marketTrades(3, 'update', [{ ...docTrade(), trade_id: '000000001' }]),
      marketTrades(4, 'update', [{ ...docTrade(), trade_id: '000000002' }]),
      l2(5, 'update', '1259.98'),
    ].flatMap((frame, k) => s.frame(frame, 10 + k));
    expect(effects).toEqual([]);
    expect(s.stats).toMatchObject({ gaps: 0, resyncs: 0, updates: 2, errors: 0 });
    expect(s.state).toBe('live');
    expect(s.takeTrades().map((t) => t.id)).toEqual(['000000000', '000000001', '000000002']);
  });

  it('counts a market_trades message lost between two others as a gap in the connection\'s count', () => {
    const s = new FeedSession(coinbase, ETH, { sharedSocket: true });
    s.open();
    s.frame(l2(0, 'snapshot', '1260.00'), 1);
    s.frame(marketTrades(1, 'update', [docTrade()]), 2);
    const effects = s.frame(l2(3, 'update', '1259.99'), 3);
    expect(s.stats.gaps).toBe(1);
    expect(effects.map((e) => e.type)).toEqual(['reconnect']);
  });

  it('counts no gap in trade ids, which no page calls consecutive', () => {
    const s = new FeedSession(coinbase, ETH, { sharedSocket: true });
    s.open();
    s.frame(marketTrades(0, 'update', [docTrade()]), 1);
    s.frame(marketTrades(1, 'update', [{ ...docTrade(), trade_id: '000000900' }]), 2);
    expect(s.stats.trades).toMatchObject({ trades: 2, gaps: 0, missed: 0 });
  });
});

describe("Coinbase simulator's market_trades frames", () => {
  const T0 = 1_764_000_000_000;

  /** A socket to the simulated Coinbase subscribed as the protocol subscribes BTC-USD, its frames kept. */
  function subscribed() {
    const exchange = new SimExchange([coinbaseSim], 1);
    const sent: string[] = [];
    const conn = exchange.connect('coinbase', '/', (t) => sent.push(t))!;
    const market = exchange.market('coinbase', 'BTC-USD')!;
    for (const request of coinbase.subscribe(testMarket('coinbase'))) conn.receive(request, T0);
    return { conn, market, sent };
  }

  function trades(market: ReturnType<typeof subscribed>['market'], first: number): SimTrade[] {
    const lots = (n: number): number => Number((n * market.spec.lot).toFixed(market.sizeDecimals));
    return [
      { id: first, price: market.book.asks.priceAt(0)!, size: lots(3), side: 'buy', time: T0 + 10 },
      { id: first + 1, price: market.book.bids.priceAt(0)!, size: lots(1234), side: 'sell', time: T0 + 11 },
    ];
  }

  const json = (t: string): Record<string, unknown> => JSON.parse(t) as Record<string, unknown>;

  it('answers the subscription with a snapshot and the subscriptions message naming market_trades', () => {
    const { sent } = subscribed();
    const frames = sent.map(json);
    const snapshot = frames.find((f) => f.channel === 'market_trades')!;
    // No client_id: the simulator follows the AsyncAPI, checked against the production feed (coinbase-docs.test.ts).
    expect(shapeDifferences(snapshot, docJson('market-trades.json'), ['client_id'])).toEqual([]);
    expect(snapshot.events).toEqual([{ type: 'snapshot', trades: [] }]);
    const last = frames.filter((f) => f.channel === 'subscriptions').pop()!;
    expect((last.events as { subscriptions: Record<string, string[]> }[])[0]!.subscriptions.market_trades).toEqual(['BTC-USD']);
  });

  it('sends each batch in the documented shape, numbered on from the connection\'s count, read back into the trades sent', () => {
    const { conn, market, sent } = subscribed();
    const before = sent.length;
    const printed = trades(market, 41);
    conn.trades(market, printed, T0 + 12);
    conn.update(market, { bids: [], asks: [], first: 1, last: 0 }, T0 + 13);
    const frames = sent.slice(before);
    const update = frames.find((t) => t.includes('"market_trades"'))!;
    expect(shapeDifferences(json(update), docJson('market-trades.json'), ['client_id'])).toEqual([]);
    expect(coinbase.parse(update)).toEqual([
      {
        type: 'trades',
        symbol: 'BTC-USD',
        seq: json(update).sequence_num,
        time: T0 + 12,
        trades: printed.map((t) => ({ id: String(t.id), time: t.time, price: t.price, size: t.size, side: t.side })),
      },
    ]);
    // One count for every message of the connection, whatever its channel.
    expect(sent.map((t) => json(t).sequence_num)).toEqual(sent.map((_, k) => k));
  });

  it("keeps a session on the simulator live through trades and level2, and snapshots the market's trades on a new subscription", () => {
    const { conn, market, sent } = subscribed();
    const s = new FeedSession(coinbase, testMarket('coinbase'), { sharedSocket: true });
    s.open();
    // Orders of one lot, a trade each, printed by the market and told to the socket as the exchange tells it.
    const print = (t: number): void => conn.trades(market, [...market.trade('buy', market.spec.lot, t), ...market.trade('sell', market.spec.lot, t)], t);
    print(T0 + 12);
    const [, unsubscribe] = coinbase.unsubscribe!(testMarket('coinbase'));
    conn.receive(unsubscribe!, T0 + 13);
    print(T0 + 14);
    conn.receive(coinbase.subscribe(testMarket('coinbase'))[1]!, T0 + 15);
    for (const t of sent) expect(s.frame(t, T0 + 20)).toEqual([]);
    expect(s.state).toBe('live');
    expect(s.stats.gaps).toBe(0);
    // Trades 3 and 4 came only in the new subscription's snapshot; 1 and 2 came in both, and are taken once.
    expect(s.takeTrades().map((t) => t.id)).toEqual(['1', '2', '3', '4']);
    expect(s.stats.trades).toMatchObject({ trades: 4, duplicates: 2 });
  });
});
