import { describe, expect, it } from 'vitest';
import { SimExchange } from '../../../src/sim/exchange';
import { simHostOf } from '../../../src/sim/hosts';
import type { SimMarket } from '../../../src/sim/market';
import type { SimConnection, SimTrade } from '../../../src/sim/types';
import { bybitSim } from '../../../src/sim/venues/bybit';
import { okxSimulator } from '../../../src/sim/venues/okx';
import type { RawTrade } from '../../../src/trades/types';
import { bybit } from '../../../src/venues/bybit';
import { bybitLinear } from '../../../src/venues/bybit-linear';
import { okx } from '../../../src/venues/okx';
import { okxSwap } from '../../../src/venues/okx-swap';
import type { VenueMessage, VenueProtocol } from '../../../src/venues/types';
import { documented } from '../../helpers/documented';
import { testMarket } from '../../helpers/markets';
import { shapeDifferences } from '../../helpers/shape';

/**
 * The simulated OKX and Bybit take the trade subscriptions our protocols send and push the trades a market prints
 * in the shape of the venues' documented trade pushes (fields and kinds of values, tests/fixtures/<venue>/docs,
 * SOURCE.md); our protocols read those pushes back into exactly the trades printed.
 */

type Json = Record<string, unknown>;

const T0 = 1_764_000_000_000;
const doc = (venue: 'okx' | 'bybit', file: string): Json => JSON.parse(documented(venue, file)) as Json;

/** A simulated socket of `feed`'s host at `path`, subscribed as the protocol subscribes the feed's BTC market. */
function subscribed(exchange: SimExchange, protocol: VenueProtocol, path: string): { conn: SimConnection; frames: Json[]; market: SimMarket } {
  const frames: Json[] = [];
  const conn = exchange.connect(simHostOf(protocol.id), path, (text) => frames.push(JSON.parse(text) as Json))!;
  const market = testMarket(protocol.id);
  for (const text of protocol.subscribe(market)) conn.receive(text, T0);
  return { conn, frames, market: exchange.market(protocol.id, market.symbol)! };
}

/** Trades the market prints for takers buying then selling about `orders` times its typical level, as the exchange does. */
function print(market: SimMarket, orders: number, now: number): SimTrade[] {
  return [...market.trade('buy', market.spec.typicalSize * orders, now), ...market.trade('sell', market.spec.typicalSize * orders, now + 1)];
}

/** What a protocol should read from a pushed trade: the simulated trade in the book's units, its id as the venue spells it. */
function expected(trades: readonly SimTrade[], id: (t: SimTrade) => string): RawTrade[] {
  return trades.map((t) => ({ id: id(t), time: t.time, price: t.price, size: t.size, side: t.side }));
}

function tradesRead(protocol: VenueProtocol, frames: readonly Json[]): { symbol?: string; trades: readonly RawTrade[] }[] {
  return frames.flatMap((f) => protocol.parse(JSON.stringify(f))).filter((m): m is Extract<VenueMessage, { type: 'trades' }> => m.type === 'trades');
}

describe('OKX simulator: the trades channel', () => {
  for (const [protocol, feed] of [
    [okx, 'okx'],
    [okxSwap, 'okx-swap'],
  ] as const) {
    it(`${feed}: acks the trades subscription as documented and pushes each trade in the documented shape, read back as printed`, () => {
      const exchange = new SimExchange([okxSimulator('rest-snapshot')], 1);
      const { conn, frames, market } = subscribed(exchange, protocol, '/ws/v5/public');
      const acks = frames.filter((f) => f.event === 'subscribe' && (f.arg as Json).channel === 'trades');
      expect(acks).toHaveLength(1);
      expect(shapeDifferences(acks[0], doc('okx', 'ws-trades-subscribe-response.json'), ['id'])).toEqual([]);
      frames.length = 0;

      const trades = print(market, 3, T0 + 100);
      expect(trades.length).toBeGreaterThan(2);
      conn.trades(market, trades, T0 + 101);
      // One push per trade: OKX pushes once per taker order and price.
      expect(frames).toHaveLength(trades.length);
      for (const f of frames) expect(shapeDifferences(f, doc('okx', 'ws-trades.json'))).toEqual([]);
      const read = tradesRead(protocol, frames);
      expect(new Set(read.map((m) => m.symbol))).toEqual(new Set([testMarket(feed).symbol]));
      // SWAP sizes stay in contracts, as the simulated book counts them.
      expect(read.flatMap((m) => m.trades)).toEqual(expected(trades, (t) => String(t.id)));
    });
  }

  it('prints at the market decimals, and pushes nothing to a socket not subscribed to the market trades', () => {
    const exchange = new SimExchange([okxSimulator('rest-snapshot')], 1);
    const { conn, frames, market } = subscribed(exchange, okx, '/ws/v5/public');
    frames.length = 0;
    const trades = print(market, 1, T0 + 100);
    conn.trades(market, trades, T0 + 100);
    const data = frames.map((f) => (f.data as Json[])[0]!);
    expect(data.map((d) => d.px)).toEqual(trades.map((t) => t.price.toFixed(market.priceDecimals)));
    expect(data.map((d) => d.sz)).toEqual(trades.map((t) => t.size.toFixed(market.sizeDecimals)));

    // The SWAP market was never subscribed on this socket; the spot market's trades are left once unsubscribed.
    frames.length = 0;
    const swap = exchange.market('okx-swap', 'BTC-USDT-SWAP')!;
    conn.trades(swap, print(swap, 1, T0 + 200), T0 + 200);
    for (const text of okx.unsubscribe!(testMarket('okx'))) conn.receive(text, T0 + 300);
    expect(frames.every((f) => f.event === 'unsubscribe')).toBe(true);
    conn.trades(market, print(market, 1, T0 + 400), T0 + 400);
    expect(frames.every((f) => f.event === 'unsubscribe')).toBe(true);
  });
});

describe('Bybit simulator: publicTrade', () => {
  for (const [protocol, path] of [
    [bybit, '/v5/public/spot'],
    [bybitLinear, '/v5/public/linear'],
  ] as const) {
    const linear = protocol === bybitLinear;

    it(`${path}: acks the book and trades in one answer, and pushes the trades in the documented shape, read back as printed`, () => {
      const exchange = new SimExchange([bybitSim], 1);
      const { conn, frames, market } = subscribed(exchange, protocol, path);
      expect(frames.filter((f) => f.op === 'subscribe')).toEqual([expect.objectContaining({ success: true })]);
      frames.length = 0;

      const trades = print(market, 3, T0 + 100);
      conn.trades(market, trades, T0 + 101);
      expect(frames).toHaveLength(1);
      const [push] = frames;
      // Spot trades carry no tick direction ("unique field for Perps & futures"), and spot ids are digits, as in
      // the documented spot trade of the REST recent trades (its execId); the trade channel's example is linear's.
      const spotOnly = linear ? [] : ['data[].L', 'data[].i'];
      expect(shapeDifferences(push, doc('bybit', 'public-trade.json'), spotOnly)).toEqual([]);
      const ids = (push!.data as Json[]).map((t) => t.i);
      if (!linear) {
        const spotExample = ((doc('bybit', 'recent-trade-spot.json').result as Json).list as Json[])[0]!;
        expect(shapeDifferences(ids, [spotExample.execId])).toEqual([]);
        expect((push!.data as Json[]).some((t) => 'L' in t)).toBe(false);
      }
      expect(new Set(ids).size).toBe(trades.length);
      const read = tradesRead(protocol, frames);
      expect(read.map((m) => m.symbol)).toEqual(['BTCUSDT']);
      expect(read[0]!.trades).toEqual(expected(trades, (t) => String(ids[trades.indexOf(t)])));
      expect(read[0]!.trades.map((t) => t.side)).toContain('sell');
    });
  }

  it('puts at most 1024 trades in a push, as Bybit does, every one read back in order', () => {
    const exchange = new SimExchange([bybitSim], 1);
    const { conn, frames, market } = subscribed(exchange, bybitLinear, '/v5/public/linear');
    frames.length = 0;
    // A burst larger than the book could fill: the trades themselves, one lot each at the best ask or bid.
    const touch = { buy: market.book.asks.priceAt(0)!, sell: market.book.bids.priceAt(0)! };
    const trades = Array.from({ length: 1500 }, (_, k): SimTrade => {
      const side = k % 3 === 0 ? 'sell' : 'buy';
      return { id: k + 1, price: touch[side], size: market.spec.lot, side, time: T0 + k };
    });
    conn.trades(market, trades, T0 + 2_000);
    expect(frames.map((f) => (f.data as unknown[]).length)).toEqual([1024, trades.length - 1024]);
    const read = tradesRead(bybitLinear, frames).flatMap((m) => m.trades);
    expect(read.map((t) => [t.time, t.price, t.size, t.side])).toEqual(trades.map((t) => [t.time, t.price, t.size, t.side]));
  });

  it("pushes nothing to a socket not subscribed to the market's trades", () => {
    const exchange = new SimExchange([bybitSim], 1);
    const { conn, frames, market } = subscribed(exchange, bybit, '/v5/public/spot');
    for (const text of bybit.resubscribe!(testMarket('bybit'))) conn.receive(text, T0 + 1);
    frames.length = 0;
    // A resync of the book leaves the trades subscribed.
    conn.trades(market, print(market, 1, T0 + 100), T0 + 100);
    expect(frames.map((f) => f.topic)).toEqual(['publicTrade.BTCUSDT']);
    frames.length = 0;
    for (const text of bybit.unsubscribe!(testMarket('bybit'))) conn.receive(text, T0 + 200);
    conn.trades(market, print(market, 1, T0 + 300), T0 + 300);
    expect(frames.map((f) => f.op)).toEqual(['unsubscribe']);
  });
});

describe('trade subscriptions to a market the host does not list', () => {
  it('are refused as each venue refuses an unknown market', () => {
    const exchange = new SimExchange([bybitSim, okxSimulator('rest-snapshot')], 1);
    const sent: Json[] = [];
    const okxConn = exchange.connect('okx', '/ws/v5/public', (t) => sent.push(JSON.parse(t) as Json))!;
    okxConn.receive('{"op":"subscribe","args":[{"channel":"trades","instId":"NOPE-USDT"}]}', T0);
    const bybitConn = exchange.connect('bybit', '/v5/public/spot', (t) => sent.push(JSON.parse(t) as Json))!;
    bybitConn.receive('{"op":"subscribe","args":["publicTrade.NOPEUSDT"]}', T0);
    expect(sent.map((f) => f.event ?? f.success)).toEqual(['error', false]);
    // The documented failure answers a request with an id; this one had none.
    expect(shapeDifferences(sent[0], doc('okx', 'ws-subscribe-failure.json'), ['id'])).toEqual([]);
  });
});
