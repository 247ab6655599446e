import { describe, expect, it } from 'vitest';
import { FeedSession } from '../../../src/feed/session';
import { SimExchange } from '../../../src/sim/exchange';
import { simHostOf } from '../../../src/sim/hosts';
import type { SimTrade } from '../../../src/sim/types';
import { SIM_VENUES } from '../../../src/sim/venues';
import type { RawTrade } from '../../../src/trades/types';
import { asterdex } from '../../../src/venues/asterdex';
import { binance } from '../../../src/venues/binance';
import { binanceUsdm } from '../../../src/venues/binance-usdm';
import type { FeedId, VenueId, VenueProtocol } from '../../../src/venues/types';
import { documented } from '../../helpers/documented';
import { testMarket } from '../../helpers/markets';
import { shapeDifferences } from '../../helpers/shape';

/**
 * Public trades on the Binance-style feeds, from the venues' documented `aggTrade` examples
 * (tests/fixtures/binance/docs/agg-trade.json, usdm-agg-trade.json, tests/fixtures/asterdex/docs/agg-trade.json;
 * sources in SOURCE.md beside them).
 */

type Json = Record<string, unknown>;

interface Case {
  readonly feed: FeedId;
  readonly protocol: VenueProtocol;
  readonly venue: VenueId;
  readonly file: string;
  /** The socket the simulated venue sends the market's aggregate trades on. */
  readonly tradePath: string;
  /** The documented example, read as the adapter must read it. */
  readonly expected: { readonly symbol: string; readonly time: number; readonly trade: RawTrade };
}

const CASES: readonly Case[] = [
  {
    feed: 'binance',
    protocol: binance,
    venue: 'binance',
    file: 'agg-trade.json',
    tradePath: '/ws',
    expected: { symbol: 'BNBBTC', time: 1672515782136, trade: { id: '12345', seq: 12345, time: 1672515782136, price: 0.001, size: 100, side: 'sell' } },
  },
  {
    feed: 'binance-usdm',
    protocol: binanceUsdm,
    venue: 'binance',
    file: 'usdm-agg-trade.json',
    tradePath: '/market/ws',
    expected: { symbol: 'BTCUSDT', time: 123456789, trade: { id: '5933014', seq: 5933014, time: 123456785, price: 0.001, size: 100, side: 'sell' } },
  },
  {
    feed: 'asterdex',
    protocol: asterdex,
    venue: 'asterdex',
    file: 'agg-trade.json',
    tradePath: '/ws',
    expected: { symbol: 'BTCUSDT', time: 123456789, trade: { id: '5933014', seq: 5933014, time: 123456785, price: 0.001, size: 100, side: 'sell' } },
  },
];

const docText = (c: Case): string => documented(c.venue, c.file);
const docJson = (c: Case): Json => JSON.parse(docText(c)) as Json;
const withFields = (c: Case, fields: Json): string => JSON.stringify({ ...docJson(c), ...fields });

describe('Binance-style aggTrade events, as the venues document them, read into trades', () => {
  for (const c of CASES) {
    it(`${c.feed}: the documented event is one trade, the buyer the maker so the aggressor sold`, () => {
      expect(c.protocol.parse(docText(c))).toEqual([{ type: 'trades', symbol: c.expected.symbol, time: c.expected.time, trades: [c.expected.trade] }]);
    });

    it(`${c.feed}: the buyer the taker ("m": false) is a buy`, () => {
      const [message] = c.protocol.parse(withFields(c, { m: false }));
      expect(message).toMatchObject({ type: 'trades', trades: [{ ...c.expected.trade, side: 'buy' }] });
    });

    it(`${c.feed}: wrapped by a combined stream, the same trade`, () => {
      const wrapped = JSON.stringify({ stream: `${c.expected.symbol.toLowerCase()}@aggTrade`, data: docJson(c) });
      expect(c.protocol.parse(wrapped)).toEqual(c.protocol.parse(docText(c)));
    });

    it(`${c.feed}: an event it cannot read whole is refused, not guessed at`, () => {
      for (const broken of [{ m: 'true' }, { m: undefined }, { a: 'x' }, { p: '-1' }, { p: 0.001 }, { q: '0' }, { q: '1e3' }, { T: undefined }]) {
        expect(() => c.protocol.parse(withFields(c, broken)), JSON.stringify(broken)).toThrow();
      }
    });
  }
});

describe('Binance-style subscriptions: the trades on the book socket where the venue sends them there', () => {
  for (const [feed, protocol] of [
    ['binance', binance],
    ['asterdex', asterdex],
  ] as const) {
    it(`${feed}: one SUBSCRIBE frame asks for the diff stream and the aggTrade stream, one UNSUBSCRIBE ends both`, () => {
      const market = testMarket(feed, 'ETH');
      expect(protocol.trades).toBe(true);
      const [subscribe, ...more] = protocol.subscribe(market).map((t) => JSON.parse(t) as Json);
      const [unsubscribe] = protocol.unsubscribe!(market).map((t) => JSON.parse(t) as Json);
      expect(more).toEqual([]);
      // Spot's and AsterDEX's Live Subscribing example subscribes "btcusdt@aggTrade" and "btcusdt@depth" together.
      expect(shapeDifferences(subscribe, JSON.parse(documented('binance', 'subscribe-request.json')))).toEqual([]);
      expect(subscribe).toMatchObject({ method: 'SUBSCRIBE', params: ['ethusdt@depth@100ms', 'ethusdt@aggTrade'] });
      expect(unsubscribe).toMatchObject({ method: 'UNSUBSCRIBE', params: ['ethusdt@depth@100ms', 'ethusdt@aggTrade'] });
    });
  }

  it('binance-usdm: no trades asked on the /public book socket, where Binance acknowledges aggTrade and never sends it', () => {
    const market = testMarket('binance-usdm');
    expect(binanceUsdm.streamUrl(market, binanceUsdm.endpoints)).toBe('wss://fstream.binance.com/public/ws');
    expect(binanceUsdm.trades).toBeFalsy();
    expect(binanceUsdm.subscribe(market).join()).not.toContain('aggTrade');
  });
});

describe('Binance-style trades through a feed session', () => {
  for (const c of CASES) {
    it(`${c.feed}: the documented trade sent twice is taken once; a jump in "a" counts a gap with the trades it skipped`, () => {
      const market = testMarket(c.feed, 'BTC', { symbol: c.expected.symbol });
      const session = new FeedSession(c.protocol, market);
      session.open();
      session.frame(docText(c), 1);
      session.frame(docText(c), 2);
      expect(session.takeTrades()).toEqual([{ ...c.expected.trade, symbol: c.expected.symbol, receivedAt: 1 }]);
      const a = c.expected.trade.seq!;
      session.frame(withFields(c, { a: a + 1 }), 3);
      session.frame(withFields(c, { a: a + 4 }), 4);
      expect(session.takeTrades().map((t) => t.seq)).toEqual([a + 1, a + 4]);
      expect(session.stats.trades).toEqual({ trades: 3, duplicates: 1, gaps: 1, missed: 2, unread: 0 });
      // Trades are not the book's: none of this touched its sync.
      expect(session.stats).toMatchObject({ gaps: 0, resyncs: 0, malformed: 0, errors: 0 });
    });
  }
});

describe("The simulator's aggTrade events: the documented shape, read back as the trades it printed", () => {
  const T0 = 1_764_000_000_000;

  /** A simulated socket of the feed's host at `path`, after `requests`; the market's trades are printed through it. */
  function simulated(feed: FeedId, path: string, requests: readonly string[]) {
    const exchange = new SimExchange(SIM_VENUES, 1);
    const sent: string[] = [];
    const conn = exchange.connect(simHostOf(feed), path, (text) => sent.push(text));
    if (!conn) throw new Error(`the simulated ${feed} serves no socket at ${path}`);
    for (const request of requests) conn.receive(request, T0);
    const market = (symbol: string) => exchange.market(feed, symbol)!;
    return { conn, market, frames: (): Json[] => sent.map((t) => JSON.parse(t) as Json) };
  }

  /** Trades at the market's own prices and whole lots, one of each side. */
  function tradesOn(market: ReturnType<ReturnType<typeof simulated>['market']>): SimTrade[] {
    const lots = (n: number): number => Number((n * market.spec.lot).toFixed(market.sizeDecimals));
    return [
      { id: 41, price: market.book.asks.priceAt(0)!, size: lots(3), side: 'buy', time: T0 + 10 },
      { id: 42, price: market.book.bids.priceAt(0)!, size: lots(17), side: 'sell', time: T0 + 11 },
    ];
  }

  for (const c of CASES) {
    it(`${c.feed}: one event per trade on ${c.tradePath}, shaped as the documented example, parsing back to the trades sent`, () => {
      const market = testMarket(c.feed);
      const subscribe = c.protocol.trades
        ? c.protocol.subscribe(market)
        : [JSON.stringify({ method: 'SUBSCRIBE', params: [`${market.symbol.toLowerCase()}@aggTrade`], id: 1 })];
      const sim = simulated(c.feed, c.tradePath, subscribe);
      const simMarket = sim.market(market.symbol);
      const trades = tradesOn(simMarket);
      // Another market's trades are not this subscriber's.
      sim.conn.trades(sim.market('ETHUSDT'), tradesOn(sim.market('ETHUSDT')), T0 + 20);
      sim.conn.trades(simMarket, trades, T0 + 20);
      const events = sim.frames().filter((f) => f.e === 'aggTrade');
      expect(events).toHaveLength(trades.length);
      for (const event of events) expect(shapeDifferences(event, docJson(c))).toEqual([]);
      const read = events.flatMap((event) => c.protocol.parse(JSON.stringify(event)));
      expect(read).toEqual(
        trades.map((t) => ({
          type: 'trades',
          symbol: market.symbol,
          time: T0 + 20,
          trades: [{ id: String(t.id), seq: t.id, time: t.time, price: t.price, size: t.size, side: t.side }],
        })),
      );
    });
  }

  it('binance-usdm: aggTrade asked on /public is acknowledged and never sent, as on the real venue', () => {
    const sim = simulated('binance-usdm', '/public/ws', ['{"method":"SUBSCRIBE","params":["btcusdt@depth@100ms","btcusdt@aggTrade"],"id":1}']);
    const simMarket = sim.market('BTCUSDT');
    sim.conn.trades(simMarket, tradesOn(simMarket), T0 + 20);
    expect(sim.frames()).toEqual([{ result: null, id: 1 }]);
    expect(() => simulated('binance-usdm', '/public/ws/btcusdt@aggTrade', [])).toThrow(/serves no socket/);
  });

  it('a combined socket wraps each aggTrade event with its stream name', () => {
    const sim = simulated('binance', '/stream?streams=btcusdt@aggTrade', []);
    const simMarket = sim.market('BTCUSDT');
    sim.conn.trades(simMarket, tradesOn(simMarket), T0 + 20);
    const frames = sim.frames();
    expect(frames.map((f) => f.stream)).toEqual(['btcusdt@aggTrade', 'btcusdt@aggTrade']);
    expect(binance.parse(JSON.stringify(frames[0]))).toMatchObject([{ type: 'trades', symbol: 'BTCUSDT', trades: [{ seq: 41, side: 'buy' }] }]);
  });
});
