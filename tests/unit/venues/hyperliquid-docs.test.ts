import { describe, expect, it } from 'vitest';
import { SimExchange } from '../../../src/sim/exchange';
import { SIM_VENUES } from '../../../src/sim/venues';
import { HYPERLIQUID_BOOK_LEVELS, hyperliquid, hyperliquidSpot, parseHyperliquidFrame } from '../../../src/venues/hyperliquid';
import { isAllowedUrl } from '../../../src/worker/allowed-hosts';
import { documented } from '../../helpers/documented';
import { testMarket } from '../../helpers/markets';
import { shapeDifferences } from '../../helpers/shape';
import { DOCUMENTED_BOOK_TIME, bookPush, documentedBook, documentedTradeFields, tradeOf, tradesPush } from './hyperliquid-documented';

/** Hyperliquid's documented messages (tests/fixtures/hyperliquid/docs, pages named in SOURCE.md). */

type Json = Record<string, unknown>;

const json = (file: string): Json => JSON.parse(documented('hyperliquid', file)) as Json;

describe('Hyperliquid documented messages', () => {
  it('subscribes a market with the documented l2Book and trades subscriptions, perpetual and spot alike', () => {
    const l2Book = (coin: string): Json => JSON.parse(documented('hyperliquid', 'ws-subscribe-l2book.txt').replace('<coin_symbol>', coin)) as Json;
    const sol = testMarket('hyperliquid', 'SOL');
    expect(hyperliquid.subscribe(sol).map((f) => JSON.parse(f))).toEqual([l2Book('SOL'), json('ws-subscribe-trades.json')]);
    const spot = testMarket('hyperliquid-spot', 'PURR', { symbol: 'PURR/USDC' });
    expect(JSON.parse(hyperliquidSpot.subscribe(spot)[0]!)).toEqual(l2Book('PURR/USDC'));
  });

  it('reads the documented subscription answer as a confirmation', () => {
    expect(parseHyperliquidFrame(documented('hyperliquid', 'ws-subscription-response.json'))).toEqual([{ type: 'info', text: 'subscribe trades SOL' }]);
  });

  it('pings as documented and reads the documented pong', () => {
    expect(JSON.parse(hyperliquid.keepalive!.text)).toEqual(json('ws-ping.json'));
    // "The server will close any connection if it hasn't sent a message to it in the last 60 seconds."
    expect(hyperliquid.keepalive!.everyMs).toBeLessThan(60_000);
    expect(parseHyperliquidFrame(documented('hyperliquid', 'ws-pong.json'))).toEqual([{ type: 'pong' }]);
  });

  it('reads the documented WsBook as a snapshot of the whole top: bids first, then asks, with the coin and time', () => {
    expect(parseHyperliquidFrame(bookPush())).toEqual([
      { type: 'snapshot', symbol: 'ETH', bids: [['3007.1', '2.7954']], asks: [['3040.1', '3.9499']], time: DOCUMENTED_BOOK_TIME },
    ]);
  });

  it('the built push shape (for tests shared by every venue) is the documented WsBook as an l2Book push, nothing else', () => {
    expect(json('ws-l2book-push-shape.json')).toEqual(JSON.parse(bookPush()));
  });

  it('keeps the top 20 levels a side the l2Book book holds, and checks no sequence: there are no ids', () => {
    expect(hyperliquid.depth).toBe(HYPERLIQUID_BOOK_LEVELS);
    expect(HYPERLIQUID_BOOK_LEVELS).toBe(20);
    expect(hyperliquid.sequence).toBeUndefined();
    expect(hyperliquid.checksum).toBeUndefined();
    expect(hyperliquid.onlyPartial).toMatch(/top|best 20/);
    expect(hyperliquidSpot.onlyPartial).toBe(hyperliquid.onlyPartial);
  });

  it('reads a trade with exactly the fields WsTrade declares: B is a buy, sz in the coin, the id (time, tid)', () => {
    const trade = tradeOf();
    expect(Object.keys(trade).sort()).toEqual(documentedTradeFields().sort());
    expect(parseHyperliquidFrame(tradesPush([trade]))).toEqual([
      { type: 'trades', symbol: 'SOL', trades: [{ id: '1708622398623-928374655123456', time: 1_708_622_398_623, price: 142.35, size: 12.5, side: 'buy' }] },
    ]);
  });

  it('uses the documented socket host for both feeds, which the worker allows and nothing beside it', () => {
    expect(hyperliquid.streamUrl(testMarket('hyperliquid'), hyperliquid.endpoints)).toBe('wss://api.hyperliquid.xyz/ws');
    expect(hyperliquidSpot.streamUrl(testMarket('hyperliquid-spot'), hyperliquidSpot.endpoints)).toBe('wss://api.hyperliquid.xyz/ws');
    expect(isAllowedUrl('wss://api.hyperliquid.xyz/ws')).toBe(true);
    expect(isAllowedUrl('wss://api.hyperliquid.xyz.evil.example/ws')).toBe(false);
  });
});

/** What the simulated socket sends after `requests` and a few market steps, parsed. */
function simulated(requests: readonly string[], steps = 10): Json[] {
  const exchange = new SimExchange(SIM_VENUES, 7);
  const sent: string[] = [];
  const conn = exchange.connect('hyperliquid', '/ws', (t) => sent.push(t))!;
  for (const r of requests) conn.receive(r, 1_764_000_000_000);
  for (let k = 1; k <= steps; k++) exchange.tick(1_764_000_000_000 + k * 100, ['hyperliquid', 'hyperliquid-spot']);
  return sent.map((t) => JSON.parse(t) as Json);
}

describe('Hyperliquid simulator frames have the documented shape', () => {
  it('answers a subscription as documented, pushes books shaped as the documented WsBook and trades as WsTrade', () => {
    const btc = testMarket('hyperliquid', 'BTC');
    const frames = simulated([...hyperliquid.subscribe(btc), hyperliquid.keepalive!.text], 60);
    const of = (channel: string): Json[] => frames.filter((f) => f.channel === channel);
    expect(of('subscriptionResponse')).toHaveLength(2);
    for (const f of of('subscriptionResponse')) expect(shapeDifferences(f, json('ws-subscription-response.json'))).toEqual([]);
    expect(of('pong')).toEqual([json('ws-pong.json')]);
    expect(of('l2Book').length).toBeGreaterThan(1);
    for (const f of of('l2Book')) {
      expect(shapeDifferences(f.data, documentedBook())).toEqual([]);
      const [bids, asks] = (f.data as { levels: unknown[][] }).levels;
      expect(bids!.length).toBeLessThanOrEqual(HYPERLIQUID_BOOK_LEVELS);
      expect(asks!.length).toBeLessThanOrEqual(HYPERLIQUID_BOOK_LEVELS);
    }
    expect(of('trades').length).toBeGreaterThan(0);
    for (const f of of('trades')) expect(shapeDifferences(f, JSON.parse(tradesPush([tradeOf()])))).toEqual([]);
  });

  it('serves a spot pair by its @ name on the same socket', () => {
    const frames = simulated(hyperliquidSpot.subscribe(testMarket('hyperliquid-spot', 'BTC', { symbol: '@142' })));
    const books = frames.filter((f) => f.channel === 'l2Book');
    expect(books.length).toBeGreaterThan(0);
    expect(books.every((f) => (f.data as Json).coin === '@142')).toBe(true);
  });
});
