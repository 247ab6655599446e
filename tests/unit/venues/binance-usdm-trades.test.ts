import { describe, expect, it } from 'vitest';
import { FeedSession } from '../../../src/feed/session';
import { simEndpoints, simRoute } from '../../../src/sim/endpoints';
import { binanceUsdm } from '../../../src/venues/binance-usdm';
import { binanceUsdmTrades, marketRoute } from '../../../src/venues/binance-usdm-trades';
import { TRADE_STREAMS } from '../../../src/venues/trade-streams';
import { isAllowedUrl } from '../../../src/worker/allowed-hosts';
import { documented, simulatedAnswers } from '../../helpers/documented';
import { testMarket } from '../../helpers/markets';
import { shapeDifferences } from '../../helpers/shape';

/** Binance USD-M's documented examples (tests/fixtures/binance/docs/SOURCE.md): the aggTrade event and the live requests. */
const doc = (file: string): string => documented('binance', file);
const docJson = (file: string): Record<string, unknown> => JSON.parse(doc(file)) as Record<string, unknown>;
const market = testMarket('binance-usdm');

/** The documented USD-M aggTrade event, read: `a` 5933014, 100 at 0.001, `m` true (the aggressor sold). */
const DOCUMENTED_TRADE = { id: '5933014', seq: 5933014, time: 123456785, price: 0.001, size: 100, side: 'sell' };

describe("Binance USD-M's trade socket: the /market route beside the book's /public", () => {
  it("opens <host>/market/ws on the book's own host, wherever that is reached", () => {
    expect(binanceUsdmTrades.streamUrl(market, binanceUsdm.endpoints)).toBe('wss://fstream.binance.com/market/ws');
    // The book's host, so the worker's allow list (and the page's connect-src) has it already.
    expect(isAllowedUrl(binanceUsdmTrades.streamUrl(market, binanceUsdm.endpoints))).toBe(true);
    const sim = simEndpoints(binanceUsdm, 'http://127.0.0.1:8790');
    const url = binanceUsdmTrades.streamUrl(market, sim);
    expect(url).toBe('ws://127.0.0.1:8790/binance-usdm/market/ws');
    expect(simRoute(url)).toMatchObject({ host: 'binance-usdm', path: '/market/ws' });
    expect(() => marketRoute('wss://fstream.asterdex.com')).toThrow(/not a \/public route/);
  });

  it('tells its socket from the book’s by URL, as a replay must', () => {
    expect(binanceUsdmTrades.isStreamUrl('wss://fstream.binance.com/market/ws')).toBe(true);
    expect(binanceUsdmTrades.isStreamUrl('ws://127.0.0.1:8790/binance-usdm/market/ws')).toBe(true);
    expect(binanceUsdmTrades.isStreamUrl(binanceUsdm.streamUrl(market, binanceUsdm.endpoints))).toBe(false);
    expect(TRADE_STREAMS).toEqual({ 'binance-usdm': binanceUsdmTrades });
  });

  it("subscribes and leaves each market's <symbol>@aggTrade alone with the documented requests, sharing the socket", () => {
    const [subscribe] = binanceUsdmTrades.subscribe(market).map((t) => JSON.parse(t) as { id: number });
    const [unsubscribe] = binanceUsdmTrades.unsubscribe!(market).map((t) => JSON.parse(t) as { id: number });
    expect(shapeDifferences(subscribe, docJson('subscribe-request.json'))).toEqual([]);
    expect(shapeDifferences(unsubscribe, docJson('unsubscribe-request.json'))).toEqual([]);
    expect(subscribe).toMatchObject({ method: 'SUBSCRIBE', params: ['btcusdt@aggTrade'] });
    expect(unsubscribe).toMatchObject({ method: 'UNSUBSCRIBE', params: ['btcusdt@aggTrade'] });
    // "The id used in the JSON payloads is an unsigned INT".
    for (const { id } of [subscribe!, unsubscribe!]) expect(Number.isSafeInteger(id) && id > 0).toBe(true);
    expect(binanceUsdmTrades).toMatchObject({ id: 'binance-usdm', venue: 'binance', kind: 'perpetual', multiplex: true, trades: true, snapshotSource: 'stream' });
  });

  it('reads the documented aggTrade event as one trade, and no book message at all', () => {
    expect(binanceUsdmTrades.parse(doc('usdm-agg-trade.json'))).toEqual([{ type: 'trades', symbol: 'BTCUSDT', time: 123456789, trades: [DOCUMENTED_TRADE] }]);
    expect(binanceUsdmTrades.parse(doc('subscribe-response.json'))).toEqual([{ type: 'info', text: 'subscribed' }]);
    expect(binanceUsdmTrades.parse(doc('usdm-depth-update.json'))).toEqual([]);
  });

  it('asks for its subscriptions as a keepalive, which the simulated /market route answers', () => {
    const keepalive = binanceUsdmTrades.keepalive!;
    expect(JSON.parse(keepalive.text)).toEqual({ method: 'LIST_SUBSCRIPTIONS', id: 0 });
    const [subscribed, listed] = simulatedAnswers('binance-usdm', '/market/ws', [binanceUsdmTrades.subscribe(market)[0]!, keepalive.text]);
    expect(shapeDifferences(subscribed, docJson('subscribe-response.json'), ['id'])).toEqual([]);
    expect(listed).toEqual({ result: ['btcusdt@aggTrade'], id: 0 });
    expect(binanceUsdmTrades.parse(JSON.stringify(listed))).toEqual([{ type: 'info', text: 'subscribed' }]);
  });

  it('a session on it takes the trades, each once, and never has a book', () => {
    const session = new FeedSession(binanceUsdmTrades, market, { sharedSocket: true });
    expect(session.open().map((e) => e.type)).toEqual(['send']);
    session.frame(doc('subscribe-response.json'), 1);
    session.frame(doc('usdm-agg-trade.json'), 2);
    session.frame(doc('usdm-agg-trade.json'), 3);
    expect(session.takeTrades()).toEqual([{ ...DOCUMENTED_TRADE, symbol: 'BTCUSDT', receivedAt: 2 }]);
    expect(session.stats.trades).toMatchObject({ trades: 1, duplicates: 1 });
    expect(session.state).toBe('syncing');
    expect(session.book.bids.length + session.book.asks.length).toBe(0);
  });
});
