import { describe, expect, it } from 'vitest';
import { FeedSession } from '../../../src/feed/session';
import { gate } from '../../../src/venues/gate';
import { gateFutures } from '../../../src/venues/gate-futures';
import type { Market } from '../../../src/venues/types';
import { documented } from '../../helpers/documented';

/**
 * Gate's public trades (`spot.trades`, `futures.trades`; tests/fixtures/gate/docs/spot-trades.json and
 * futures-trades.json, SOURCE.md): the documented updates with fields changed, read into trades in the book's units.
 */

type Json = Record<string, unknown>;

const SPOT_PUSH = JSON.parse(documented('gate', 'spot-trades.json')) as Json;
const FUTURES_PUSH = JSON.parse(documented('gate', 'futures-trades.json')) as Json;

function spotPush(fields: Json): string {
  return JSON.stringify({ ...SPOT_PUSH, result: { ...(SPOT_PUSH.result as Json), ...fields } });
}

/** The documented futures update with `trades`, each the documented trade made a normal (not internal) one, changed. */
function futuresPush(trades: readonly Json[]): string {
  const { is_internal: _internal, ...documentedTrade } = (FUTURES_PUSH.result as Json[])[0]!;
  return JSON.stringify({ ...FUTURES_PUSH, result: trades.map((t) => ({ ...documentedTrade, ...t })) });
}

describe('Gate spot trades', () => {
  it('reads the taker side as the aggressor: buy and sell', () => {
    for (const side of ['buy', 'sell'] as const) {
      const [m] = gate.parse(spotPush({ side }));
      expect(m!.type === 'trades' && m!.trades[0]!.side).toBe(side);
    }
    expect(() => gate.parse(spotPush({ side: 'ask' }))).toThrow(/neither buy nor sell/);
  });

  it('numbers each trade by id_market, which grows one by one within a market', () => {
    const [m] = gate.parse(spotPush({ id_market: 7, id: 900 }));
    expect(m!.type === 'trades' && m!.trades[0]).toMatchObject({ id: '900', seq: 7 });
  });

  it('reads a time in ms with or without its fraction, and refuses an unreadable one or a zero amount', () => {
    const [m] = gate.parse(spotPush({ create_time_ms: '1606292218213' }));
    expect(m!.type === 'trades' && m!.trades[0]!.time).toBe(1606292218213);
    expect(() => gate.parse(spotPush({ create_time_ms: 'soon' }))).toThrow(/create_time_ms/);
    expect(() => gate.parse(spotPush({ amount: '0' }))).toThrow(/amount is not a positive decimal/);
    expect(() => gate.parse(spotPush({ currency_pair: undefined }))).toThrow(/currency_pair/);
  });

  it('a session takes each trade once and counts a jump in id_market as trades missed', () => {
    const market: Market = { venue: 'gate', feed: 'gate', base: 'GT', quote: 'USDT', symbol: 'GT_USDT', kind: 'spot', contractSize: 1 };
    const s = new FeedSession(gate, market);
    s.open();
    s.frame(spotPush({ id: 1, id_market: 10 }), 1);
    s.frame(spotPush({ id: 1, id_market: 10 }), 2);
    s.frame(spotPush({ id: 2, id_market: 11 }), 3);
    s.frame(spotPush({ id: 5, id_market: 14 }), 4);
    expect(s.stats.trades).toMatchObject({ trades: 3, duplicates: 1, gaps: 1, missed: 2 });
  });
});

describe('Gate futures trades', () => {
  it('reads a positive size as a buy and a negative one as a sell, in contracts', () => {
    expect(gateFutures.parse(futuresPush([{ size: 3, id: 1 }, { size: -2, id: 2 }]))).toEqual([
      {
        type: 'trades',
        symbol: 'BTC_USD',
        time: 1545136464123,
        trades: [
          { id: '1', time: 1545136464123, price: 96.4, size: 3, side: 'buy' },
          { id: '2', time: 1545136464123, price: 96.4, size: 2, side: 'sell' },
        ],
      },
    ]);
  });

  it('reads a size given as decimal text (contracts that trade in fractions) and refuses a zero or a missing one', () => {
    const [m] = gateFutures.parse(futuresPush([{ size: '-0.5' }]));
    expect(m!.type === 'trades' && m!.trades[0]).toMatchObject({ size: 0.5, side: 'sell' });
    expect(() => gateFutures.parse(futuresPush([{ size: 0 }]))).toThrow(/size is not a positive decimal/);
    expect(() => gateFutures.parse(futuresPush([{ size: undefined }]))).toThrow(/size is not a number of contracts/);
  });

  it('lists each contract\'s trades apart and oldest first, and leaves internal trades out', () => {
    const messages = gateFutures.parse(
      futuresPush([
        { contract: 'ETH_USDT', id: 12, create_time_ms: 1545136464200 },
        { contract: 'BTC_USDT', id: 11, create_time_ms: 1545136464100 },
        { contract: 'ETH_USDT', id: 10, create_time_ms: 1545136464150 },
        { contract: 'ETH_USDT', id: 9, create_time_ms: 1545136464150, is_internal: true },
      ]),
    );
    expect(messages.map((m) => m.type === 'trades' && [m.symbol, m.trades.map((t) => t.id)])).toEqual([
      ['ETH_USDT', ['10', '12']],
      ['BTC_USDT', ['11']],
    ]);
  });

  it('a result that is not a list is refused', () => {
    expect(() => gateFutures.parse(JSON.stringify({ ...FUTURES_PUSH, result: {} }))).toThrow(/not a list/);
  });
});
