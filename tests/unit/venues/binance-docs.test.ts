import { describe, expect, it } from 'vitest';
import { binance } from '../../../src/venues/binance';
import { documented, simulatedAnswers, simulatedRest, simulatedTraffic } from '../../helpers/documented';
import { shapeDifferences } from '../../helpers/shape';

/** Binance spot's documented examples (tests/fixtures/binance/docs/SOURCE.md), parsed as the venue sends them. */
const doc = (file: string): string => documented('binance', file);
const docJson = (file: string): unknown => JSON.parse(doc(file));

describe('Binance documented messages, read by the adapter', () => {
  it('the diff event', () => {
    expect(binance.parse(doc('depth-update.json'))).toEqual([
      { type: 'update', symbol: 'BNBBTC', first: 157, last: 160, prev: undefined, time: 1672515782136, bids: [['0.0024', '10']], asks: [['0.0026', '100']] },
    ]);
  });

  it('the diff event wrapped as a combined stream wraps it', () => {
    expect(binance.parse(`{"stream":"bnbbtc@depth@100ms","data":${doc('depth-update.json')}}`)).toEqual(binance.parse(doc('depth-update.json')));
  });

  it('the REST order book and its error body', () => {
    expect(binance.parseRest!(doc('rest-depth.json'))).toEqual([
      { type: 'snapshot', last: 1027024, time: undefined, bids: [['4.00000000', '431.00000000']], asks: [['4.00000200', '12.00000000']] },
    ]);
    expect(binance.parseRest!(doc('rest-error.json'))).toEqual([{ type: 'error', message: '-1121 Invalid symbol.' }]);
  });

  it("the WebSocket API's depth answer and its failed response", () => {
    expect(binance.parse(doc('ws-api-depth.json'))).toEqual([
      {
        type: 'snapshot',
        last: 2731179239,
        time: undefined,
        bids: [
          ['0.01379900', '3.43200000'],
          ['0.01379800', '3.24300000'],
          ['0.01379700', '10.45500000'],
          ['0.01379600', '3.82100000'],
          ['0.01379500', '10.26200000'],
        ],
        asks: [
          ['0.01380000', '5.91700000'],
          ['0.01380100', '6.01400000'],
          ['0.01380200', '0.26800000'],
          ['0.01380300', '0.33800000'],
          ['0.01380400', '0.26800000'],
        ],
      },
    ]);
    expect(binance.parse(doc('ws-api-error.json'))).toEqual([
      { type: 'error', message: 'WebSocket API status 400: -2010 Account has insufficient balance for requested action.' },
    ]);
  });

  it('the answer to a live subscribe request and a request error', () => {
    expect(binance.parse(doc('subscribe-response.json'))).toEqual([{ type: 'info', text: 'subscribed' }]);
    expect(binance.parse(doc('stream-error.json'))).toEqual([{ type: 'error', message: '2 Invalid request: request ID must be an unsigned integer' }]);
  });

  it('the server-shutdown event on the stream and on the WebSocket API, raw and combined', () => {
    const shutdown = [{ type: 'info', text: 'server shutting down at 1770123456789' }];
    expect(binance.parse(doc('server-shutdown.json'))).toEqual(shutdown);
    expect(binance.parse(`{"stream":"!serverShutdown","data":${doc('server-shutdown.json')}}`)).toEqual(shutdown);
    expect(binance.parse(doc('ws-api-server-shutdown.json'))).toEqual(shutdown);
  });
});

describe("Binance simulator's frames have the documented shapes", () => {
  it('the diff event and the REST order book', async () => {
    const { frames, rest } = await simulatedTraffic('binance');
    const diff = frames.find((f) => f.e === 'depthUpdate');
    expect(diff).toBeDefined();
    expect(shapeDifferences(diff, docJson('depth-update.json'))).toEqual([]);
    expect(rest.length).toBeGreaterThan(0);
    for (const { body } of rest) expect(shapeDifferences(body, docJson('rest-depth.json'))).toEqual([]);
  });

  it("the WebSocket API's depth answer", async () => {
    const { frames } = await simulatedTraffic('binance', { snapshotVia: 'api' });
    const answer = frames.find((f) => f.status === 200);
    expect(answer).toBeDefined();
    expect(shapeDifferences(answer, docJson('ws-api-depth.json'))).toEqual([]);
  });

  it("the WebSocket API's failed response", () => {
    const [refused] = simulatedAnswers('binance', '/ws-api/v3', ['{"id":"e2a85d9f-07a5-4f94-8d5f-789dc3deb097","method":"depth","params":{"symbol":"NOPEUSDT"}}']);
    expect(refused).toMatchObject({ status: 400 });
    expect(shapeDifferences(refused, docJson('ws-api-error.json'))).toEqual([]);
  });

  it('the REST error body', () => {
    const { status, body } = simulatedRest('binance', '/api/v3/depth', 'symbol=NOPEUSDT');
    expect(status).toBe(400);
    expect(shapeDifferences(body, docJson('rest-error.json'))).toEqual([]);
  });

  it('the answer to a live subscribe request and to a request it cannot read', () => {
    const [subscribed, error] = simulatedAnswers('binance', '/ws/btcusdt@depth@100ms', ['{"method":"SUBSCRIBE","params":["btcusdt@depth"],"id":1}', '{"method":']);
    expect(shapeDifferences(subscribed, docJson('subscribe-response.json'))).toEqual([]);
    expect(shapeDifferences(error, docJson('stream-error.json'))).toEqual([]);
  });
});
