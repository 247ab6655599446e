import { describe, expect, it } from 'vitest';
import { FeedSession } from '../../../src/feed/session';
import { okx, parseOkxFrame } from '../../../src/venues/okx';
import { okxSwap } from '../../../src/venues/okx-swap';
import { documented } from '../../helpers/documented';
import { testMarket } from '../../helpers/markets';
import { shapeDifferences } from '../../helpers/shape';

/**
 * OKX's public trades ("WS / Trades channel", tests/fixtures/okx/docs/ws-trades*.json, SOURCE.md): the documented
 * push read into trades, the documented requests, and a session taking each trade once.
 */

type Json = Record<string, unknown>;

const PUSH = documented('okx', 'ws-trades.json');
const pushJson = (): Json => JSON.parse(PUSH) as Json;
const documentedEntry = (): Json => (pushJson().data as Json[])[0]!;

/** The documented push with `entries` (each the documented one with some fields changed) for `instId`. */
function pushOf(instId: string, entries: readonly Json[]): string {
  return JSON.stringify({ arg: { channel: 'trades', instId }, data: entries.map((e) => ({ ...documentedEntry(), instId, ...e })) });
}

describe('OKX trades channel: the documented push', () => {
  it('reads the documented push as one buy (the taker bought), its id, price, size and fill time', () => {
    expect(parseOkxFrame(PUSH)).toEqual([
      { type: 'trades', symbol: 'BTC-USDT', time: 1630048897897, trades: [{ id: '130639474', time: 1630048897897, price: 42219.9, size: 0.12060306, side: 'buy' }] },
    ]);
  });

  it('numbers no trade: tradeId is the last of `count` aggregated matches, so ids step by more than one', () => {
    const [m] = parseOkxFrame(PUSH);
    expect(m!.type === 'trades' && m!.trades.every((t) => t.seq === undefined)).toBe(true);
    // Nor is the push's seqId a message counter the session could check: trades at the same time share it.
    expect('seq' in m! && m!.seq !== undefined).toBe(false);
  });

  it('leaves a SWAP trade in contracts, as the SWAP book counts them', () => {
    const [m] = okxSwap.parse(pushOf('BTC-USDT-SWAP', [{ sz: '3' }]));
    expect(m).toMatchObject({ type: 'trades', symbol: 'BTC-USDT-SWAP', trades: [{ size: 3 }] });
  });

  it('lists the trades of a push oldest first, by fill time then by trade id; a sell is a sell', () => {
    const [m] = parseOkxFrame(
      pushOf('BTC-USDT', [
        { tradeId: '130639476', ts: '1630048897899', side: 'sell' },
        { tradeId: '130639475', ts: '1630048897897' },
        { tradeId: '99999999', ts: '1630048897897', side: 'sell' },
      ]),
    );
    expect(m!.type === 'trades' && m!.trades.map((t) => [t.id, t.side])).toEqual([
      ['99999999', 'sell'],
      ['130639475', 'buy'],
      ['130639476', 'sell'],
    ]);
    expect(m).toMatchObject({ time: 1630048897899 });
  });

  it('reads the documented subscribe answer as information, and a push with no trade as nothing', () => {
    expect(parseOkxFrame(documented('okx', 'ws-trades-subscribe-response.json'))).toEqual([{ type: 'info', text: 'subscribe' }]);
    expect(parseOkxFrame(pushOf('BTC-USDT', []))).toEqual([]);
  });

  it('refuses a trade it cannot read rather than guess its side, price, size or id', () => {
    expect(() => parseOkxFrame(pushOf('BTC-USDT', [{ side: 'Buy' }]))).toThrow(/side Buy/);
    expect(() => parseOkxFrame(pushOf('BTC-USDT', [{ px: '' }]))).toThrow(/px/);
    expect(() => parseOkxFrame(pushOf('BTC-USDT', [{ sz: '0' }]))).toThrow(/sz/);
    expect(() => parseOkxFrame(pushOf('BTC-USDT', [{ sz: '1e3' }]))).toThrow(/sz/);
    expect(() => parseOkxFrame(pushOf('BTC-USDT', [{ tradeId: 130639474 }]))).toThrow(/tradeId/);
    expect(() => parseOkxFrame(pushOf('BTC-USDT', [{ ts: 'soon' }]))).toThrow(/ts/);
  });
});

describe('OKX trades channel: the requests', () => {
  const market = testMarket('okx');

  it("subscribes to the market's trades beside its book, each arg as the documented request has it", () => {
    expect(okx.trades).toBe(true);
    expect(okxSwap.trades).toBe(true);
    const [subscribe] = okx.subscribe(market).map((t) => JSON.parse(t) as Json);
    const request = JSON.parse(documented('okx', 'ws-trades-subscribe.json')) as Json;
    expect(shapeDifferences(subscribe, request, ['id'])).toEqual([]);
    expect(subscribe!.args).toContainEqual((request.args as Json[])[0]);
    expect(subscribe!.args).toContainEqual({ channel: 'books', instId: 'BTC-USDT' });
  });

  it('ends both on leaving the market, and keeps the trades through a resync of the book', () => {
    const [leave] = okx.unsubscribe!(market).map((t) => JSON.parse(t) as Json);
    expect(leave).toEqual({ op: 'unsubscribe', args: (JSON.parse(okx.subscribe(market)[0]!) as Json).args });
    const resync = okx.resubscribe!(market).map((t) => JSON.parse(t) as Json);
    expect(resync.flatMap((r) => (r.args as Json[]).map((a) => a.channel))).toEqual(['books', 'books']);
  });
});

describe('OKX trades in a session', () => {
  it('takes the documented trade once when the push comes twice (as after a resubscribe), whatever the book is doing', () => {
    const session = new FeedSession(okx, testMarket('okx'), { sharedSocket: true });
    session.open();
    session.frame(PUSH, 1_000);
    session.frame(PUSH, 2_000);
    expect(session.takeTrades()).toEqual([{ id: '130639474', time: 1630048897897, price: 42219.9, size: 0.12060306, side: 'buy', symbol: 'BTC-USDT', receivedAt: 1_000 }]);
    expect(session.takeTrades()).toEqual([]);
    expect(session.stats.trades).toMatchObject({ trades: 1, duplicates: 1, gaps: 0 });
  });

  it("leaves another market's trades on the shared socket to that market", () => {
    const session = new FeedSession(okx, testMarket('okx', 'ETH'), { sharedSocket: true });
    session.open();
    session.frame(PUSH, 1_000);
    expect(session.takeTrades()).toEqual([]);
    expect(session.stats.errors).toBe(0);
  });
});
