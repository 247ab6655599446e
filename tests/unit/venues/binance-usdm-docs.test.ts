import { describe, expect, it } from 'vitest';
import { FeedSession } from '../../../src/feed/session';
import { binanceUsdm } from '../../../src/venues/binance-usdm';
import { topOf } from '../../helpers/books';
import { documented } from '../../helpers/documented';
import { testMarket } from '../../helpers/markets';
import { shapeDifferences } from '../../helpers/shape';

/** Binance USD-M's documented examples (tests/fixtures/binance/docs/SOURCE.md, `usdm-*`), read as the venue sends them. */
const doc = (file: string): string => documented('binance', file);
const docJson = (file: string): Record<string, unknown> => JSON.parse(doc(file)) as Record<string, unknown>;
const market = testMarket('binance-usdm');

describe('Binance USD-M documented messages, read by the adapter', () => {
  it('the diff event, with the pu that chains it to the previous one', () => {
    expect(binanceUsdm.parse(doc('usdm-depth-update.json'))).toEqual([
      { type: 'update', symbol: 'BTCUSDT', first: 157, last: 160, prev: 149, time: 123456789, bids: [['0.0024', '10']], asks: [['0.0026', '100']] },
    ]);
  });

  it('the REST order book, with its message output time', () => {
    expect(binanceUsdm.parseRest!(doc('usdm-rest-depth.json'))).toEqual([
      { type: 'snapshot', symbol: undefined, last: 1027024, time: 1589436922972, bids: [['4.00000000', '431.00000000']], asks: [['4.00000200', '12.00000000']] },
    ]);
  });

  it("the WebSocket API's depth answer, naming the market of our request by its echoed id", () => {
    expect(binanceUsdm.parse(doc('usdm-ws-api-depth.json'))).toEqual([
      { type: 'snapshot', symbol: undefined, last: 1027024, time: 1589436922972, bids: [['4.00000000', '431.00000000']], asks: [['4.00000200', '12.00000000']] },
    ]);
    const request = binanceUsdm.snapshotRequest!(market, binanceUsdm.endpoints, 'api') as { text: string };
    const answer = { ...docJson('usdm-ws-api-depth.json'), id: (JSON.parse(request.text) as { id: string }).id };
    expect(binanceUsdm.parse(JSON.stringify(answer))[0]).toMatchObject({ type: 'snapshot', symbol: 'BTCUSDT', last: 1027024 });
  });

  it('the answer to a live subscribe request, which the futures page prints as spot does', () => {
    expect(binanceUsdm.parse(doc('subscribe-response.json'))).toEqual([{ type: 'info', text: 'subscribed' }]);
    expect(binanceUsdm.parse(doc('stream-error.json'))).toEqual([{ type: 'error', message: '2 Invalid request: request ID must be an unsigned integer' }]);
  });
});

describe('Binance USD-M endpoints and requests', () => {
  it("is the venue's perpetual feed, its markets on one socket", () => {
    expect(binanceUsdm).toMatchObject({ id: 'binance-usdm', venue: 'binance', kind: 'perpetual', multiplex: true, snapshotSource: 'request', snapshotLevels: 1000 });
  });

  it('opens the /public raw-stream socket the change notice names and subscribes each market with the documented frames', () => {
    expect(binanceUsdm.streamUrl(market, binanceUsdm.endpoints)).toBe('wss://fstream.binance.com/public/ws');
    const [subscribe] = binanceUsdm.subscribe(market).map((t) => JSON.parse(t) as { id: number });
    const [unsubscribe] = binanceUsdm.unsubscribe!(market).map((t) => JSON.parse(t) as { id: number });
    expect(shapeDifferences(subscribe, docJson('subscribe-request.json'))).toEqual([]);
    expect(shapeDifferences(unsubscribe, docJson('unsubscribe-request.json'))).toEqual([]);
    expect(subscribe).toMatchObject({ method: 'SUBSCRIBE', params: ['btcusdt@depth@100ms'] });
    expect(unsubscribe).toMatchObject({ method: 'UNSUBSCRIBE', params: ['btcusdt@depth@100ms'] });
    // "The id used in the JSON payloads is an unsigned INT".
    for (const { id } of [subscribe!, unsubscribe!]) expect(Number.isSafeInteger(id) && id > 0).toBe(true);
  });

  it('asks for 1000 levels, the most futures answer, by GET /fapi/v1/depth or the ws-fapi depth method', () => {
    expect(binanceUsdm.snapshotRequest!(market, binanceUsdm.endpoints, 'rest')).toEqual({
      type: 'fetch',
      url: 'https://fapi.binance.com/fapi/v1/depth?symbol=BTCUSDT&limit=1000',
    });
    const api = binanceUsdm.snapshotRequest!(market, binanceUsdm.endpoints, 'api') as { type: string; url: string; text: string };
    expect(api).toMatchObject({ type: 'api', url: 'wss://ws-fapi.binance.com/ws-fapi/v1' });
    expect(JSON.parse(api.text)).toMatchObject({ method: 'depth', params: { symbol: 'BTCUSDT', limit: 1000 } });
  });
});

describe('Binance USD-M book from the documented messages', () => {
  /** A diff event of the documented form, one after another by pu, for the futures join rule. */
  const event = (U: number, u: number, pu: number, b: string[][], a: string[][]): string =>
    JSON.stringify({ ...docJson('usdm-depth-update.json'), U, u, pu, b, a });

  it('joins the documented snapshot to the stream by the futures rule and applies the documented diff on it', () => {
    const session = new FeedSession(binanceUsdm, market);
    session.open();
    session.frame(doc('subscribe-response.json'), 1);
    // Before the snapshot: ends before it (dropped), then spans its lastUpdateId 1027024 (the first applied).
    session.frame(event(1027000, 1027020, 1026990, [['3.99000000', '1']], []), 2);
    session.frame(event(1027021, 1027030, 1027020, [['4.00000000', '400']], []), 3);
    session.rest('https://fapi.binance.com/fapi/v1/depth', 200, doc('usdm-rest-depth.json'), 4);
    session.frame(event(1027031, 1027040, 1027030, [], [['4.00000200', '0'], ['4.00000300', '5']]), 5);
    expect(session.state).toBe('live');
    expect(session.stats).toMatchObject({ snapshots: 1, updates: 2, skipped: 1, gaps: 0, resyncs: 0 });
    expect(topOf(session.book, 5)).toEqual({ bids: [[4, 400]], asks: [[4.000003, 5]] });
  });

  it('takes a break in the pu chain for a gap and asks for a new snapshot', () => {
    const session = new FeedSession(binanceUsdm, market);
    session.open();
    session.rest('https://fapi.binance.com/fapi/v1/depth', 200, doc('usdm-rest-depth.json'), 1);
    session.frame(event(1027020, 1027030, 1027019, [], []), 2);
    expect(session.frame(event(1027036, 1027040, 1027035, [], []), 3)).toContainEqual({
      type: 'fetch',
      url: 'https://fapi.binance.com/fapi/v1/depth?symbol=BTCUSDT&limit=1000',
    });
    expect(session.stats).toMatchObject({ gaps: 1, resyncs: 1 });
  });
});
