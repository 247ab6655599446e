import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeBinaryFrame } from '../../../src/feed/decode';
import { FeedSession } from '../../../src/feed/session';
import { SimExchange } from '../../../src/sim/exchange';
import type { SimTrade } from '../../../src/sim/types';
import { bingxSim, bingxSwapSim } from '../../../src/sim/venues/bingx';
import type { RawTrade } from '../../../src/trades/types';
import { bingx } from '../../../src/venues/bingx';
import { bingxSwap } from '../../../src/venues/bingx-swap';
import type { FeedId, VenueMessage, VenueProtocol } from '../../../src/venues/types';
import { documented } from '../../helpers/documented';
import { testMarket } from '../../helpers/markets';
import { shapeDifferences } from '../../helpers/shape';

/** BingX's documented `<symbol>@trade` messages, spot and swap (tests/fixtures/bingx/docs/SOURCE.md). */
const doc = (file: string): string => documented('bingx', file);
const docJson = (file: string): Record<string, unknown> => JSON.parse(doc(file)) as Record<string, unknown>;
type Json = Record<string, unknown>;

/** The spot page's push: `m` true, the buyer made the market, so the taker sold; `t` its id, `E` the event time. */
const SPOT_TRADE: RawTrade = { id: '172356086', time: 1760066129316, price: 121123.47, size: 0.003189, side: 'sell' };

/** The swap page's push: two trades of one millisecond, `m` false (the taker bought) then true (sold), in coins. */
const SWAP_TRADES = [
  { time: 1759994162450, price: 121934.9, size: 0.0162, side: 'buy' },
  { time: 1759994162450, price: 121926.9, size: 0.0551, side: 'sell' },
] as const;

const tradesOf = (messages: VenueMessage[]): readonly RawTrade[] => messages.flatMap((m) => (m.type === 'trades' ? m.trades : []));
const withoutIds = (trades: readonly RawTrade[]) => trades.map(({ id: _id, ...rest }) => rest);

describe('BingX spot trade channel: the documented messages', () => {
  it('reads the push as one trade: id t, time T, the taker sold, no numbering (ids are not pushed in order)', () => {
    expect(bingx.parse(doc('trade-spot-page.json'))).toEqual([{ type: 'trades', symbol: 'BTC-USDT', time: 1760066129336, trades: [SPOT_TRADE] }]);
  });

  it('reads m false as a buy, and an id sent as a number as the same text', () => {
    const push = docJson('trade-spot-page.json');
    const frame = JSON.stringify({ ...push, data: { ...(push.data as Json), m: false, t: 172356086 } });
    expect(tradesOf(bingx.parse(frame))).toEqual([{ ...SPOT_TRADE, side: 'buy' }]);
  });

  it('refuses a trade without a side, a price, a size, a time or an id, rather than guess', () => {
    const push = docJson('trade-spot-page.json');
    for (const change of [{ m: undefined }, { m: 'true' }, { p: 121123.47 }, { q: '0' }, { q: undefined }, { T: undefined }, { t: '' }, { t: 'x1' }]) {
      expect(() => bingx.parse(JSON.stringify({ ...push, data: { ...(push.data as Json), ...change } }))).toThrow();
    }
  });

  it('reads the same push gunzipped as the venue sends it', async () => {
    const text = await decodeBinaryFrame(new Uint8Array(gzipSync(doc('trade-spot-page.json'))));
    expect(bingx.parse(text)).toEqual(bingx.parse(doc('trade-spot-page.json')));
  });
});

describe('BingX swap trade channel: the documented messages', () => {
  it('reads the push as its trades, sides from m, sizes in coins, no numbering', () => {
    const [m] = bingxSwap.parse(doc('swap-trade-page.json'));
    expect(m).toMatchObject({ type: 'trades', symbol: 'BTC-USDT' });
    const trades = tradesOf([m!]);
    expect(withoutIds(trades)).toEqual(SWAP_TRADES);
    expect(trades.every((t) => t.seq === undefined)).toBe(true);
  });

  it('knows each trade by what it is, the same however often the push comes, and two alike apart', () => {
    const ids = tradesOf(bingxSwap.parse(doc('swap-trade-page.json'))).map((t) => t.id);
    expect(new Set(ids).size).toBe(2);
    expect(tradesOf(bingxSwap.parse(doc('swap-trade-page.json'))).map((t) => t.id)).toEqual(ids);
    const push = docJson('swap-trade-page.json') as { data: Json[] };
    const twice = tradesOf(bingxSwap.parse(JSON.stringify({ ...push, data: [push.data[0], push.data[0]] })));
    expect(twice).toHaveLength(2);
    expect(twice[0]!.id).not.toBe(twice[1]!.id);
  });

  it('puts a push listed newest first oldest first', () => {
    const push = docJson('swap-trade-page.json') as { data: Json[] };
    const later = { ...push.data[0], T: 1759994162451 };
    const trades = tradesOf(bingxSwap.parse(JSON.stringify({ ...push, data: [later, push.data[1]] })));
    expect(trades.map((t) => [t.time, t.side])).toEqual([
      [1759994162450, 'sell'],
      [1759994162451, 'buy'],
    ]);
  });

  it('refuses a trade without a side, a price, a size or a time, and says nothing of an empty push', () => {
    const push = docJson('swap-trade-page.json') as { data: Json[] };
    for (const change of [{ m: undefined }, { m: 'false' }, { p: '-1' }, { q: 0.0162 }, { T: '1759994162450x' }]) {
      expect(() => bingxSwap.parse(JSON.stringify({ ...push, data: [{ ...push.data[0], ...change }] }))).toThrow();
    }
    expect(() => bingxSwap.parse(JSON.stringify({ ...push, data: ['trade'] }))).toThrow();
    expect(bingxSwap.parse(JSON.stringify({ ...push, data: [] }))).toEqual([]);
  });
});

const PROTOCOLS: readonly { feed: FeedId; protocol: VenueProtocol; prefix: string; push: string }[] = [
  { feed: 'bingx', protocol: bingx, prefix: '', push: 'trade-spot-page.json' },
  { feed: 'bingx-swap', protocol: bingxSwap, prefix: 'swap-', push: 'swap-trade-page.json' },
];

describe('BingX trade subscriptions, spot and swap', () => {
  for (const { feed, protocol, prefix } of PROTOCOLS) {
    const market = testMarket(feed);

    it(`${feed}: subscribes and unsubscribes the market's trades with its book, as the documented requests`, () => {
      expect(protocol.trades).toBe(true);
      const subscribe = protocol.subscribe(market).map((t) => JSON.parse(t) as Json);
      const unsubscribe = protocol.unsubscribe!(market).map((t) => JSON.parse(t) as Json);
      expect(subscribe.map((f) => f.dataType)).toEqual(['BTC-USDT@incrDepth', 'BTC-USDT@trade']);
      expect(unsubscribe.map((f) => f.dataType)).toEqual(['BTC-USDT@incrDepth', 'BTC-USDT@trade']);
      expect(subscribe[1]).toMatchObject({ reqType: 'sub', dataType: docJson(`${prefix}trade-subscribe.json`).dataType });
      expect(unsubscribe[1]).toMatchObject({ reqType: 'unsub', dataType: docJson(`${prefix}trade-unsubscribe.json`).dataType });
      expect(shapeDifferences(subscribe[1], docJson(`${prefix}trade-subscribe.json`))).toEqual([]);
      expect(shapeDifferences(unsubscribe[1], docJson(`${prefix}trade-unsubscribe.json`))).toEqual([]);
      expect(new Set([...subscribe, ...unsubscribe].map((f) => f.id)).size).toBe(4);
    });

    it(`${feed}: a fresh book asks for the book alone, the trades staying subscribed`, () => {
      expect(protocol.resubscribe!(market).map((t) => (JSON.parse(t) as Json).dataType)).toEqual(['BTC-USDT@incrDepth', 'BTC-USDT@incrDepth']);
    });

    it(`${feed}: reads the documented answer to the trade subscription`, () => {
      expect(protocol.parse(doc(`${prefix}trade-subscribe-ack.json`))).toMatchObject([{ type: 'info' }]);
    });
  }
});

describe('BingX trades through a session', () => {
  for (const { feed, protocol, push } of PROTOCOLS) {
    it(`${feed}: takes each documented trade once when the push comes again after a reconnect`, () => {
      const s = new FeedSession(protocol, testMarket(feed), { sharedSocket: true });
      s.open();
      s.frame(doc(push), 1);
      s.close();
      s.open();
      s.frame(doc(push), 2);
      const expected = tradesOf(protocol.parse(doc(push)));
      expect(s.takeTrades()).toEqual(expected.map((t) => ({ ...t, symbol: 'BTC-USDT', receivedAt: 1 })));
      expect(s.stats.trades).toEqual({ trades: expected.length, duplicates: expected.length, gaps: 0, missed: 0, unread: 0 });
      expect(s.takeTrades()).toEqual([]);
    });

    it(`${feed}: leaves another market's trades on the shared socket to that market's session`, () => {
      const s = new FeedSession(protocol, testMarket(feed, 'ETH'), { sharedSocket: true });
      s.open();
      s.frame(doc(push), 1);
      expect(s.takeTrades()).toEqual([]);
      expect(s.stats).toMatchObject({ foreign: 1, errors: 0, trades: { trades: 0 } });
    });
  }
});

describe("BingX simulator's trade frames", () => {
  const T0 = 1_764_000_000_000;
  const FLAVOURS = [
    { feed: 'bingx', protocol: bingx, host: 'bingx', path: '/market', venue: bingxSim, ack: 'trade-subscribe-ack.json', push: 'trade-spot-page.json' },
    { feed: 'bingx-swap', protocol: bingxSwap, host: 'bingx-swap', path: '/swap-market', venue: bingxSwapSim, ack: 'swap-trade-subscribe-ack.json', push: 'swap-trade-page.json' },
  ] as const;

  for (const f of FLAVOURS) {
    /** A socket to the simulated host, subscribed as the protocol subscribes `base`, and the frames it sent. */
    const subscribed = (base = 'BTC') => {
      const exchange = new SimExchange([f.venue], 1);
      const sent: string[] = [];
      const conn = exchange.connect(f.host, f.path, (t) => sent.push(t))!;
      for (const request of f.protocol.subscribe(testMarket(f.feed, base))) conn.receive(request, T0);
      const take = (): Json[] => sent.splice(0).map((t) => JSON.parse(t) as Json);
      return { exchange, conn, take };
    };

    /** A taker's buy through the asks and a sell into the bids, as the simulated market prints them. */
    const print = (exchange: SimExchange, symbol = 'BTC-USDT'): SimTrade[] => {
      const market = exchange.market(f.feed, symbol)!;
      const lot = market.spec.lot;
      return [...market.trade('buy', market.book.asks.sizeAt(0)! + 3 * lot, T0 + 10), ...market.trade('sell', 7 * lot, T0 + 11)];
    };

    it(`${f.feed}: acknowledges the trade subscription in the documented form`, () => {
      const { take } = subscribed();
      const answers = take().filter((a) => 'id' in a);
      expect(answers).toHaveLength(2);
      for (const answer of answers) expect(shapeDifferences(answer, docJson(f.ack))).toEqual([]);
      expect(answers.every((a) => a.code === 0)).toBe(true);
    });

    it(`${f.feed}: sends the trades in the documented shape, which the protocol reads back into the trades printed`, () => {
      const { exchange, conn, take } = subscribed();
      take();
      const printed = print(exchange);
      expect(printed.length).toBeGreaterThan(2);
      const market = exchange.market(f.feed, 'BTC-USDT')!;
      conn.trades(market, printed, T0 + 12);
      const frames = take();
      expect(frames.length).toBe(f.feed === 'bingx' ? printed.length : 1);
      for (const frame of frames) expect(shapeDifferences(frame, docJson(f.push))).toEqual([]);
      const read = frames.flatMap((frame) => tradesOf(f.protocol.parse(JSON.stringify(frame))));
      expect(withoutIds(read)).toEqual(printed.map((t) => ({ time: t.time, price: t.price, size: t.size, side: t.side })));
      if (f.feed === 'bingx') expect(read.map((t) => t.id)).toEqual(printed.map((t) => String(t.id)));
      else expect(new Set(read.map((t) => t.id)).size).toBe(printed.length);
      // At the market's decimals, as the book's levels are written.
      const first = f.feed === 'bingx' ? (frames[0]!.data as Json) : (frames[0]!.data as Json[])[0]!;
      expect(first).toMatchObject({ p: printed[0]!.price.toFixed(market.priceDecimals), q: printed[0]!.size.toFixed(market.sizeDecimals) });
    });

    it(`${f.feed}: sends none for a market not subscribed, nor after unsubscribing`, () => {
      const { exchange, conn, take } = subscribed('ETH');
      take();
      conn.trades(exchange.market(f.feed, 'BTC-USDT')!, print(exchange), T0 + 12);
      expect(take()).toEqual([]);
      for (const request of f.protocol.unsubscribe!(testMarket(f.feed, 'ETH'))) conn.receive(request, T0 + 13);
      take();
      conn.trades(exchange.market(f.feed, 'ETH-USDT')!, print(exchange, 'ETH-USDT'), T0 + 14);
      expect(take()).toEqual([]);
    });
  }
});
