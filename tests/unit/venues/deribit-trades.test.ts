import { describe, expect, it } from 'vitest';
import { FeedSession } from '../../../src/feed/session';
import { tradeOf } from '../../../src/trades/normalize';
import { deribit, parseDeribitFrame } from '../../../src/venues/deribit';
import { deribitSpot } from '../../../src/venues/deribit-spot';
import { documented } from '../../helpers/documented';
import { testMarket } from '../../helpers/markets';

/**
 * Deribit's public trades (`trades.<instrument>.100ms`, tests/fixtures/deribit/docs/trades.json): entries built
 * from the documented one, numbered by `trade_seq` ("The sequence number of the trade within instrument").
 */

type Json = Record<string, unknown>;
const documentedTrade = (): Json => (JSON.parse(documented('deribit', 'trades.json')) as { data: Json[] }).data[0]!;

function push(entries: readonly Json[], instrument = 'BTC-PERPETUAL'): string {
  const data = entries.map((e) => ({ ...documentedTrade(), instrument_name: instrument, ...e }));
  return JSON.stringify({ jsonrpc: '2.0', method: 'subscription', params: { channel: `trades.${instrument}.100ms`, data } });
}

describe('Deribit trades channel', () => {
  it('lists a notification oldest first by number, the newest trade its time; a buy is a buy', () => {
    const [m] = parseDeribitFrame(
      push([
        { trade_seq: 30289444, trade_id: '48079271', timestamp: 1590484512190, direction: 'buy', price: 8950.5, amount: 20 },
        { trade_seq: 30289443, trade_id: '48079270', timestamp: 1590484512190 },
      ]),
    );
    expect(m).toEqual({
      type: 'trades',
      symbol: 'BTC-PERPETUAL',
      time: 1590484512190,
      trades: [
        { id: '48079270', seq: 30289443, time: 1590484512190, price: 8950, size: 10, side: 'sell' },
        { id: '48079271', seq: 30289444, time: 1590484512190, price: 8950.5, size: 20, side: 'buy' },
      ],
    });
  });

  it('says nothing for an empty notification and refuses a trade it cannot read', () => {
    expect(parseDeribitFrame(push([]))).toEqual([]);
    expect(() => parseDeribitFrame(push([{ direction: 'up' }]))).toThrow(/direction up/);
    expect(() => parseDeribitFrame(push([{ amount: 0 }]))).toThrow(/amount is not a positive decimal/);
    expect(() => parseDeribitFrame(push([{ trade_id: 48079269 }]))).toThrow(/trade_id is not a string/);
    expect(() => parseDeribitFrame(push([{ trade_seq: 'x' }]))).toThrow(/trade_seq is not an integer/);
  });

  it('takes each trade once, and counts the trades a jump in trade_seq skipped', () => {
    const session = new FeedSession(deribit, testMarket('deribit'));
    session.open();
    session.frame(push([{ trade_seq: 1 }, { trade_seq: 2, trade_id: '2' }]), 1);
    session.frame(push([{ trade_seq: 2, trade_id: '2' }]), 2);
    session.frame(push([{ trade_seq: 5, trade_id: '5' }]), 3);
    expect(session.takeTrades().map((t) => t.seq)).toEqual([1, 2, 5]);
    expect(session.stats.trades).toMatchObject({ trades: 3, duplicates: 1, gaps: 1, missed: 2 });
  });

  it('reads an inverse perpetual trade in base units as amount / price, a spot trade as its amount', () => {
    const [perp] = parseDeribitFrame(push([{ price: 80000, amount: 1000 }]));
    const raw = perp!.type === 'trades' ? perp!.trades[0]! : undefined;
    expect(tradeOf('deribit', testMarket('deribit'), { ...raw!, receivedAt: 0 }).size).toBeCloseTo(0.0125, 15);
    const [spot] = deribitSpot.parse(push([{ price: 80000, amount: 0.0125 }], 'BTC_USDC'));
    const rawSpot = spot!.type === 'trades' ? spot!.trades[0]! : undefined;
    expect(tradeOf('deribit-spot', testMarket('deribit-spot'), { ...rawSpot!, receivedAt: 0 }).size).toBe(0.0125);
  });
});
