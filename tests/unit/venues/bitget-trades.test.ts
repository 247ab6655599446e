import { describe, expect, it } from 'vitest';
import { FeedSession } from '../../../src/feed/session';
import { SimExchange } from '../../../src/sim/exchange';
import { bitgetSim } from '../../../src/sim/venues/bitget';
import { bitget, parseBitgetFrame } from '../../../src/venues/bitget';
import { bitgetFutures } from '../../../src/venues/bitget-futures';
import { documented } from '../../helpers/documented';
import { testMarket } from '../../helpers/markets';

const doc = (file: string): string => documented('bitget', file);

/** A `trade` update of BTCUSDT spot holding `data`, in the documented push's shape. */
function tradePush(data: object[], action = 'update'): string {
  return JSON.stringify({ action, arg: { instType: 'SPOT', channel: 'trade', instId: 'BTCUSDT' }, data, ts: 1_695_716_761_589 });
}

describe('Bitget trades', () => {
  it('reads the documented spot push: the taker bought, sizes in the base coin; the first push is history, with no event time', () => {
    expect(parseBitgetFrame('SPOT', doc('ws-trade-spot.json'))).toEqual([
      { type: 'trades', symbol: 'BTCUSDT', trades: [{ id: '1000000000', time: 1695709835822, price: 26293.4, size: 0.0013, side: 'buy' }] },
    ]);
  });

  it('reads the documented futures push oldest first, whatever order it lists them in', () => {
    expect(parseBitgetFrame('USDT-FUTURES', doc('ws-trade-futures.json'))).toEqual([
      {
        type: 'trades',
        symbol: 'BTCUSDT',
        trades: [
          { id: '1111111111', time: 1695716759514, price: 27000, size: 0.001, side: 'sell' },
          { id: '1111111111', time: 1695716760565, price: 27000.5, size: 0.001, side: 'buy' },
        ],
      },
    ]);
  });

  it('takes an update\'s newest trade time as its event time, and says nothing for an empty push', () => {
    const trade = { ts: '1695716760565', price: '27000.5', size: '0.001', side: 'sell', tradeId: '7' };
    expect(parseBitgetFrame('SPOT', tradePush([trade]))).toEqual([
      { type: 'trades', symbol: 'BTCUSDT', time: 1695716760565, trades: [{ id: '7', time: 1695716760565, price: 27000.5, size: 0.001, side: 'sell' }] },
    ]);
    expect(parseBitgetFrame('SPOT', tradePush([]))).toEqual([]);
  });

  it('refuses a trade it cannot read', () => {
    const trade = { ts: '1695716760565', price: '27000.5', size: '0.001', side: 'sell', tradeId: '7' };
    expect(() => parseBitgetFrame('SPOT', tradePush([{ ...trade, side: 'Sell' }]))).toThrow(/neither buy nor sell/);
    expect(() => parseBitgetFrame('SPOT', tradePush([{ ...trade, size: '0' }]))).toThrow(/size is not a positive decimal/);
    expect(() => parseBitgetFrame('SPOT', tradePush([{ ...trade, tradeId: 7 }]))).toThrow(/tradeId/);
    expect(() => parseBitgetFrame('SPOT', tradePush([trade], 'partial'))).toThrow(/unknown action/);
  });

  it.each([
    ['bitget', bitget],
    ['bitget-futures', bitgetFutures],
  ] as const)('%s: a session takes the simulator\'s trades, as printed, from the book\'s socket', (feed, protocol) => {
    const exchange = new SimExchange([bitgetSim], 3);
    const session = new FeedSession(protocol, testMarket(feed));
    const conn = exchange.connect('bitget', '/v2/ws/public', (text) => session.frame(text, 1))!;
    for (const e of session.open()) if (e.type === 'send') conn.receive(e.text, 1);
    const printed = exchange.printTrades({ feed, symbol: 'BTCUSDT', side: 'buy' }, 3, 0.5, 2);
    if (!('trades' in printed)) throw new Error(printed.error);
    const taken = session.takeTrades();
    expect(taken.map((t) => [t.symbol, t.side, t.price, t.size])).toEqual(printed.trades.map((t) => ['BTCUSDT', 'buy', Number(t.price), Number(t.size)]));
    expect(session.stats.errors).toBe(0);
  });
});
