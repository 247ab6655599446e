import { describe, expect, it } from 'vitest';
import { bybit } from '../../../src/venues/bybit';
import { documented, simulatedAnswers, simulatedTraffic } from '../../helpers/documented';
import { shapeDifferences } from '../../helpers/shape';

/** Bybit v5's documented examples (tests/fixtures/bybit/docs/SOURCE.md), parsed as the venue sends them. */
const doc = (file: string): string => documented('bybit', file);
const docJson = (file: string): unknown => JSON.parse(doc(file));

describe('Bybit documented messages, read by the adapter', () => {
  it('the orderbook snapshot', () => {
    expect(bybit.parse(doc('snapshot.json'))).toEqual([
      {
        type: 'snapshot',
        symbol: 'BTCUSDT',
        last: 18521288,
        time: 1672304484978,
        bids: [
          ['16493.50', '0.006'],
          ['16493.00', '0.100'],
        ],
        asks: [
          ['16611.00', '0.029'],
          ['16612.00', '0.213'],
        ],
      },
    ]);
  });

  it('the orderbook delta, zero sizes kept as removals', () => {
    expect(bybit.parse(doc('delta.json'))).toEqual([
      {
        type: 'update',
        symbol: 'BTCUSDT',
        first: 177400507,
        last: 177400507,
        time: 1687940967466,
        bids: [
          ['30247.20', '30.028'],
          ['30245.40', '0.224'],
          ['30242.10', '1.593'],
          ['30240.30', '1.305'],
          ['30240.00', '0'],
        ],
        asks: [
          ['30248.70', '0'],
          ['30249.30', '0.892'],
          ['30249.50', '1.778'],
          ['30249.60', '0'],
          ['30251.90', '2.947'],
          ['30252.20', '0.659'],
          ['30252.50', '4.591'],
        ],
      },
    ]);
  });

  it('every documented pong: spot, linear/inverse, option/spread and private', () => {
    for (const file of ['pong-spot.json', 'pong-linear.json', 'pong-option.json', 'pong-private.json']) expect(bybit.parse(doc(file))).toEqual([{ type: 'pong' }]);
  });

  it('the public spot subscription answer', () => {
    expect(bybit.parse(doc('subscribe-response-spot.json'))).toEqual([{ type: 'info', text: 'subscribe confirmed' }]);
  });
});

describe("Bybit simulator's frames have the documented shapes", () => {
  it('the subscription answer, the snapshot and the deltas', async () => {
    const { frames } = await simulatedTraffic('bybit');
    const answer = frames.find((f) => f.op === 'subscribe');
    // Bybit echoes the request's req_id; the docs' request had one, our subscribe sends none.
    expect(shapeDifferences(answer, docJson('subscribe-response-spot.json'), ['req_id'])).toEqual([]);
    const snapshot = frames.find((f) => f.type === 'snapshot');
    expect(shapeDifferences(snapshot, docJson('snapshot.json'))).toEqual([]);
    const deltas = frames.filter((f) => f.type === 'delta');
    expect(deltas.length).toBeGreaterThan(0);
    for (const delta of deltas) expect(shapeDifferences(delta, docJson('delta.json'))).toEqual([]);
  });

  it("the answer to the client's ping", () => {
    const [pong] = simulatedAnswers('bybit', '/v5/public/spot', [bybit.keepalive!.text]);
    expect(shapeDifferences(pong, docJson('pong-spot.json'))).toEqual([]);
  });
});
