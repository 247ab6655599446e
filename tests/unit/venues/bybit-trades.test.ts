import { describe, expect, it } from 'vitest';
import { FeedSession } from '../../../src/feed/session';
import { bybit, parseBybitFrame } from '../../../src/venues/bybit';
import { bybitLinear } from '../../../src/venues/bybit-linear';
import { documented } from '../../helpers/documented';
import { testMarket } from '../../helpers/markets';
import { shapeDifferences } from '../../helpers/shape';

/**
 * Bybit's public trades (`publicTrade.{symbol}`, tests/fixtures/bybit/docs/public-trade.json, SOURCE.md): the
 * documented push read into trades on linear and spot, the documented requests, and a session taking each trade once.
 */

type Json = Record<string, unknown>;

const PUSH = documented('bybit', 'public-trade.json');
const documentedTrade = (): Json => ((JSON.parse(PUSH) as Json).data as Json[])[0]!;

/** The documented push with `trades` (each the documented one with some fields changed, `undefined` leaving one out). */
function pushOf(trades: readonly Json[]): string {
  return JSON.stringify({ ...(JSON.parse(PUSH) as Json), data: trades.map((t) => ({ ...documentedTrade(), ...t })) });
}

const DOCUMENTED_TRADE = { id: '20f43950-d8dd-5b31-9112-a178eb6023af', time: 1672304486865, price: 16578.5, size: 0.001, side: 'buy' };

describe('Bybit publicTrade: the documented push', () => {
  it('reads the documented push as one buy (S, the taker, bought), its id, price, size and fill time', () => {
    expect(bybitLinear.parse(PUSH)).toEqual([{ type: 'trades', symbol: 'BTCUSDT', time: 1672304486868, trades: [DOCUMENTED_TRADE] }]);
  });

  it('reads it on spot too, where a trade has no tick direction (L is "unique field for Perps & futures")', () => {
    const spot = pushOf([{ L: undefined, i: '2100000000007764263' }]);
    expect(bybit.parse(spot)).toEqual([{ type: 'trades', symbol: 'BTCUSDT', time: 1672304486868, trades: [{ ...DOCUMENTED_TRADE, id: '2100000000007764263' }] }]);
  });

  it('numbers no trade: ids are UUIDs (or shared across symbols), and seq is the cross sequence', () => {
    const [m] = parseBybitFrame(PUSH);
    expect(m!.type === 'trades' && m!.trades.every((t) => t.seq === undefined)).toBe(true);
    expect('seq' in m! && m!.seq !== undefined).toBe(false);
  });

  it('lists the trades of a push oldest first, those of one millisecond in the push order; a sell is a sell', () => {
    const [m] = parseBybitFrame(
      pushOf([
        { i: 'c', T: 1672304486867, S: 'Sell' },
        { i: 'a', T: 1672304486865 },
        { i: 'b', T: 1672304486865, S: 'Sell' },
      ]),
    );
    expect(m!.type === 'trades' && m!.trades.map((t) => [t.id, t.side])).toEqual([
      ['a', 'buy'],
      ['b', 'sell'],
      ['c', 'sell'],
    ]);
  });

  it('reads a push with no trade as nothing', () => {
    expect(parseBybitFrame(pushOf([]))).toEqual([]);
  });

  it('refuses a trade it cannot read rather than guess its side, price, size or id', () => {
    expect(() => parseBybitFrame(pushOf([{ S: 'buy' }]))).toThrow(/S buy/);
    expect(() => parseBybitFrame(pushOf([{ p: 16578.5 }]))).toThrow(/p is not/);
    expect(() => parseBybitFrame(pushOf([{ v: '-0.001' }]))).toThrow(/v is not/);
    expect(() => parseBybitFrame(pushOf([{ i: undefined }]))).toThrow(/i is not/);
    expect(() => parseBybitFrame(pushOf([{ T: '1672304486865.5' }]))).toThrow(/T is not/);
    expect(() => parseBybitFrame(JSON.stringify({ ...(JSON.parse(PUSH) as Json), data: documentedTrade() }))).toThrow(/no data list/);
  });
});

describe('Bybit publicTrade: the requests', () => {
  for (const protocol of [bybit, bybitLinear]) {
    const market = testMarket(protocol.id, 'ETH');

    it(`${protocol.id}: subscribes to the market's trades beside its book in one request, as the documented one`, () => {
      expect(protocol.trades).toBe(true);
      const requests = protocol.subscribe(market).map((t) => JSON.parse(t) as Json);
      expect(requests).toEqual([{ op: 'subscribe', args: ['orderbook.1000.ETHUSDT', 'publicTrade.ETHUSDT'] }]);
      // The documented request's req_id is optional.
      expect(shapeDifferences(requests[0], JSON.parse(documented('bybit', 'subscribe-topics.json')), ['req_id'])).toEqual([]);
      // "Spot can input up to 10 args for each subscription request sent to one connection."
      for (const r of requests) expect((r.args as unknown[]).length).toBeLessThanOrEqual(10);
    });

    it(`${protocol.id}: ends both on leaving the market, and keeps the trades through a resync of the book`, () => {
      expect(protocol.unsubscribe!(market).map((t) => JSON.parse(t))).toEqual([{ op: 'unsubscribe', args: ['orderbook.1000.ETHUSDT', 'publicTrade.ETHUSDT'] }]);
      expect(protocol.resubscribe!(market).flatMap((t) => (JSON.parse(t) as { args: string[] }).args)).toEqual(['orderbook.1000.ETHUSDT', 'orderbook.1000.ETHUSDT']);
    });
  }

  it("spells the documented example's trade topic for BTCUSDT", () => {
    const example = JSON.parse(documented('bybit', 'subscribe-topics.json')) as { args: string[] };
    expect(example.args).toContain((JSON.parse(bybit.subscribe(testMarket('bybit'))[0]!) as { args: string[] }).args[1]);
  });
});

describe('Bybit trades in a session', () => {
  it('takes the documented trade once when the push comes twice (as after a resubscribe)', () => {
    const session = new FeedSession(bybitLinear, testMarket('bybit-linear'), { sharedSocket: true });
    session.open();
    session.frame(PUSH, 1_000);
    session.frame(PUSH, 2_000);
    expect(session.takeTrades()).toEqual([{ ...DOCUMENTED_TRADE, symbol: 'BTCUSDT', receivedAt: 1_000 }]);
    expect(session.takeTrades()).toEqual([]);
    expect(session.stats.trades).toMatchObject({ trades: 1, duplicates: 1, gaps: 0 });
  });

  it("leaves another market's trades on the shared socket to that market", () => {
    const session = new FeedSession(bybit, testMarket('bybit', 'ETH'), { sharedSocket: true });
    session.open();
    session.frame(PUSH, 1_000);
    expect(session.takeTrades()).toEqual([]);
    expect(session.stats.errors).toBe(0);
  });
});
