import { describe, expect, it } from 'vitest';
import { FeedSession } from '../../../src/feed/session';
import { cryptocom, parseCryptocomFrame } from '../../../src/venues/cryptocom';
import { cryptocomPerp } from '../../../src/venues/cryptocom-perp';
import { documented } from '../../helpers/documented';
import { testMarket } from '../../helpers/markets';
import { shapeDifferences } from '../../helpers/shape';

/**
 * Crypto.com's public trades (`trade.{instrument_name}`, tests/fixtures/cryptocom/docs/trade.json, SOURCE.md): the
 * documented push read into trades, the documented request, and a session taking each trade once.
 */

type Json = Record<string, unknown>;

const PUSH = documented('cryptocom', 'trade.json');
const documentedPush = (): Json => JSON.parse(PUSH) as Json;
const documentedTrade = (): Json => ((documentedPush().result as Json).data as Json[])[0]!;

/** The documented push with `trades` (each the documented one with some fields changed), and its id. */
function pushOf(trades: readonly Json[], id = -1): string {
  const push = documentedPush();
  return JSON.stringify({ ...push, id, result: { ...(push.result as Json), data: trades.map((t) => ({ ...documentedTrade(), ...t })) } });
}

const DOCUMENTED_TRADE = { id: '2030407068', time: 1613581138462, price: 51327.5, size: 0.0001, side: 'sell' };

describe('Crypto.com trade channel: the documented push', () => {
  it('reads the documented push as one sell (s, the taker, sold) in base units, its id, price and time', () => {
    expect(cryptocomPerp.parse(PUSH)).toEqual([{ type: 'trades', symbol: 'BTCUSD-PERP', trades: [DOCUMENTED_TRADE] }]);
  });

  it('gives the message no time while it answers the request (the last 50 trades), the newest trade time after', () => {
    expect(parseCryptocomFrame(PUSH)[0]).not.toHaveProperty('time');
    expect(parseCryptocomFrame(pushOf([{}]))[0]).toMatchObject({ time: 1613581138462 });
  });

  it('numbers no trade: the docs do not say the ids run one by one', () => {
    const [m] = parseCryptocomFrame(PUSH);
    expect(m!.type === 'trades' && m!.trades.every((t) => t.seq === undefined)).toBe(true);
  });

  it('lists the trades of a push oldest first, by id within a millisecond; a buy is a buy', () => {
    const [m] = parseCryptocomFrame(
      pushOf([
        { d: '2030407071', t: 1613581138463, s: 'BUY' },
        { d: '2030407070', t: 1613581138462 },
        { d: '2030407069', t: 1613581138462, s: 'BUY' },
      ]),
    );
    expect(m!.type === 'trades' && m!.trades.map((t) => [t.id, t.side])).toEqual([
      ['2030407069', 'buy'],
      ['2030407070', 'sell'],
      ['2030407071', 'buy'],
    ]);
  });

  it('reads a push with no trade as nothing', () => {
    expect(parseCryptocomFrame(pushOf([]))).toEqual([]);
  });

  it('refuses a trade it cannot read rather than guess its side, price, size or id', () => {
    expect(() => parseCryptocomFrame(pushOf([{ s: 'sell' }]))).toThrow(/s sell/);
    expect(() => parseCryptocomFrame(pushOf([{ p: 51327.5 }]))).toThrow(/p is not/);
    expect(() => parseCryptocomFrame(pushOf([{ q: '0' }]))).toThrow(/q is not/);
    expect(() => parseCryptocomFrame(pushOf([{ d: 2030407068 }]))).toThrow(/d is not/);
    expect(() => parseCryptocomFrame(pushOf([{ t: 'now' }]))).toThrow(/t is not/);
  });
});

describe('Crypto.com trade channel: the request and a session', () => {
  it("subscribes to the market's trades beside its book, the channel as the documented request names it", () => {
    const [request] = cryptocom.subscribe(testMarket('cryptocom')).map((t) => JSON.parse(t) as { params: { channels: string[] } });
    const documentedChannel = (JSON.parse(documented('cryptocom', 'trade-subscribe.json')) as { params: { channels: string[] } }).params.channels[0]!;
    expect(request!.params.channels[1]).toBe(documentedChannel.replace('BTCUSD-PERP', 'BTC_USDT'));
    expect(shapeDifferences(request!.params.channels, [documentedChannel])).toEqual([]);
  });

  it('takes each trade once when a resubscription brings the last trades again, whatever the book does', () => {
    const session = new FeedSession(cryptocomPerp, testMarket('cryptocom-perp'));
    session.open();
    session.frame(pushOf([{}], 1), 1);
    session.frame(pushOf([{ d: '2030407070', t: 1613581138470 }, {}], 1), 2);
    expect(session.takeTrades().map((t) => t.id)).toEqual(['2030407068', '2030407070']);
    expect(session.stats.trades).toMatchObject({ trades: 2, duplicates: 1 });
  });
});
