import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { binance, parseBinanceFrame } from '../../../src/venues/binance';
import { Replayer } from '../../../src/feed/replay';
import { binanceSim } from '../../../src/sim/venues/binance';
import { topOf } from '../../helpers/books';
import { documented } from '../../helpers/documented';
import { gapRoundTrip } from '../../helpers/gap-round-trip';
import { replayedSession, testMarket } from '../../helpers/markets';
import { shapeDifferences } from '../../helpers/shape';

const sampleLines = (): string[] => readFileSync(new URL('../../fixtures/binance/nknusdt-recording.jsonl', import.meta.url), 'utf8').split('\n');

describe('Binance parser', () => {
  it('unwraps a combined stream event', () => {
    const frame = '{"stream":"bnbbtc@depth","data":{"e":"depthUpdate","E":1,"s":"BNBBTC","U":1,"u":2,"b":[],"a":[]}}';
    expect(parseBinanceFrame(frame)[0]).toMatchObject({ type: 'update', first: 1, last: 2 });
  });

  it('reads the WebSocket API depth answer and its errors', () => {
    const ok = '{"id":"x","status":200,"result":{"lastUpdateId":1027024,"bids":[["4.00000000","431.00000000"]],"asks":[["4.00000200","12.00000000"]]},"rateLimits":[]}';
    expect(parseBinanceFrame(ok)).toEqual([{ type: 'snapshot', last: 1027024, time: undefined, bids: [['4.00000000', '431.00000000']], asks: [['4.00000200', '12.00000000']] }]);
    const refused = '{"id":"x","status":400,"error":{"code":-1121,"msg":"Invalid symbol."}}';
    expect(parseBinanceFrame(refused)).toEqual([{ type: 'error', message: 'WebSocket API status 400: -1121 Invalid symbol.' }]);
  });

  it('rejects a frame it does not know instead of guessing', () => {
    expect(() => parseBinanceFrame('{"e":"trade"}')).toThrow(/unknown message type trade/);
    expect(() => parseBinanceFrame('<html>')).toThrow();
  });

  it('asks for its snapshot over REST or over the WebSocket API, whose answer then names the market', () => {
    const market = testMarket('binance');
    expect(binance.snapshotRequest!(market, binance.endpoints, 'rest')).toEqual({ type: 'fetch', url: 'https://api.binance.com/api/v3/depth?symbol=BTCUSDT&limit=1000' });
    const api = binance.snapshotRequest!(market, binance.endpoints, 'api');
    expect(api).toMatchObject({ type: 'api', url: 'wss://ws-api.binance.com:443/ws-api/v3' });
    const request = JSON.parse((api as { text: string }).text) as { id: string };
    expect(request).toMatchObject({ method: 'depth', params: { symbol: 'BTCUSDT', limit: 1000 } });
    // The documented answer echoes the request's id ("Same as in the original request").
    const answer = { ...(JSON.parse(documented('binance', 'ws-api-depth.json')) as object), id: request.id };
    expect(binance.parse(JSON.stringify(answer))[0]).toMatchObject({ type: 'snapshot', symbol: 'BTCUSDT', last: 2731179239 });
  });
});

describe('Binance stream socket', () => {
  it('opens the raw-stream socket and subscribes each market to its 100 ms diff stream and its trades with the documented frames', () => {
    const market = testMarket('binance', 'ETH');
    expect(binance.streamUrl(market, binance.endpoints)).toBe('wss://stream.binance.com:9443/ws');
    const [subscribe] = binance.subscribe(market).map((t) => JSON.parse(t) as { params: string[]; id: number });
    const [unsubscribe] = binance.unsubscribe!(market).map((t) => JSON.parse(t) as { params: string[]; id: number });
    expect(shapeDifferences(subscribe, JSON.parse(documented('binance', 'subscribe-request.json')))).toEqual([]);
    expect(shapeDifferences(unsubscribe, JSON.parse(documented('binance', 'unsubscribe-request.json')))).toEqual([]);
    expect(subscribe).toMatchObject({ method: 'SUBSCRIBE', params: ['ethusdt@depth@100ms', 'ethusdt@aggTrade'] });
    expect(unsubscribe).toMatchObject({ method: 'UNSUBSCRIBE', params: ['ethusdt@depth@100ms', 'ethusdt@aggTrade'] });
    expect(unsubscribe!.id).not.toBe(subscribe!.id);
  });

  it('still reads the market of a recording made on the per-symbol URL', () => {
    expect(binance.symbolOf!('wss://stream.binance.com:9443/ws/nknusdt@depth@100ms')).toBe('NKNUSDT');
    expect(binance.symbolOf!('wss://stream.binance.com:9443/ws')).toBeUndefined();
  });
});

describe('Binance recordings', () => {
  it('rebuilds the real NKNUSDT book of the shared recording', async () => {
    const r = new Replayer();
    for (const line of sampleLines()) await r.line(line);
    const s = replayedSession(r, 'binance');
    expect(s.stats).toMatchObject({ frames: 150, snapshots: 1, updates: 149, skipped: 1, gaps: 0, resyncs: 0, errors: 0 });
    expect(s.book.bids.priceAt(0)).toBe(0.3527);
    expect(s.book.asks.priceAt(0)).toBe(0.3531);
  });

  for (const via of ['rest', 'api'] as const) {
    it(`detects a planted gap, resyncs by ${via} and ends equal to the venue's book`, async () => {
      const { live, replayed, truth } = await gapRoundTrip(binanceSim, 'BTCUSDT', 7, via);
      expect(live.stats).toMatchObject({ gaps: 1, malformed: 1, resyncs: 2, errors: 1 });
      expect(topOf(live.book, 50)).toEqual(topOf(truth.book, 50));
      expect(replayed.stats).toMatchObject({ snapshots: 3, gaps: 1, malformed: 1, resyncs: 2, resyncReasons: { gap: 1, malformed: 1 }, errors: 1 });
      expect(topOf(replayed.book, 50)).toEqual(topOf(truth.book, 50));
    });
  }
});
