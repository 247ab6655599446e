import { describe, expect, it } from 'vitest';
import { asterdex } from '../../../src/venues/asterdex';
import { documented, simulatedAnswers, simulatedRest, simulatedTraffic } from '../../helpers/documented';
import { shapeDifferences } from '../../helpers/shape';

/** AsterDEX futures' documented examples (tests/fixtures/asterdex/docs/SOURCE.md), parsed as the venue sends them. */
const doc = (file: string): string => documented('asterdex', file);
const docJson = (file: string): unknown => JSON.parse(doc(file));

describe('AsterDEX documented messages, read by the adapter', () => {
  it('the diff event with its pu', () => {
    expect(asterdex.parse(doc('depth-update.json'))).toEqual([
      { type: 'update', symbol: 'BTCUSDT', first: 157, last: 160, prev: 149, time: 123456789, bids: [['0.0024', '10']], asks: [['0.0026', '100']] },
    ]);
  });

  it('the REST order book and its error body', () => {
    expect(asterdex.parseRest!(doc('rest-depth.json'))).toEqual([
      { type: 'snapshot', last: 1027024, time: 1589436922972, bids: [['4.00000000', '431.00000000']], asks: [['4.00000200', '12.00000000']] },
    ]);
    expect(asterdex.parseRest!(doc('rest-error.json'))).toEqual([{ type: 'error', message: '-1121 Invalid symbol.' }]);
  });

  it('the answer to a live subscribe request and a request error', () => {
    expect(asterdex.parse(doc('subscribe-response.json'))).toEqual([{ type: 'info', text: 'subscribed' }]);
    expect(asterdex.parse(doc('stream-error.json'))).toEqual([{ type: 'error', message: '2 Invalid request: request ID must be an unsigned integer' }]);
  });
});

describe("AsterDEX simulator's frames have the documented shapes", () => {
  it('the diff event and the REST order book', async () => {
    const { frames, rest } = await simulatedTraffic('asterdex');
    const diff = frames.find((f) => f.e === 'depthUpdate');
    expect(diff).toBeDefined();
    expect(shapeDifferences(diff, docJson('depth-update.json'))).toEqual([]);
    expect(rest.length).toBeGreaterThan(0);
    // The order book's E (output time) and T (transaction time) are left out: a simulated venue answers REST with
    // no clock (SimVenue.rest is given no time), so it cannot say when. The parser reads E when it is there.
    const noClock = ['E', 'T'];
    for (const { body } of rest) expect(shapeDifferences(body, docJson('rest-depth.json'), noClock)).toEqual([]);
  });

  it('the REST error body', () => {
    const { status, body } = simulatedRest('asterdex', '/fapi/v1/depth', 'symbol=NOPEUSDT');
    expect(status).toBe(400);
    expect(shapeDifferences(body, docJson('rest-error.json'))).toEqual([]);
  });

  it('the answer to a live subscribe request and to a request it cannot read', () => {
    const [subscribed, error] = simulatedAnswers('asterdex', '/ws/btcusdt@depth@100ms', ['{"method":"SUBSCRIBE","params":["btcusdt@depth"],"id":1}', '{"method":']);
    expect(shapeDifferences(subscribed, docJson('subscribe-response.json'))).toEqual([]);
    expect(shapeDifferences(error, docJson('stream-error.json'))).toEqual([]);
  });
});
