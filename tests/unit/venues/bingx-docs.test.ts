import { describe, expect, it } from 'vitest';
import { bingx } from '../../../src/venues/bingx';
import { base64ToBytes, decodeBinaryFrame } from '../../../src/feed/decode';
import { SimExchange } from '../../../src/sim/exchange';
import { recordSimulatedFeed } from '../../../src/sim/record-feed';
import { SIM_VENUES } from '../../../src/sim/venues';
import { documented, simulatedAnswers } from '../../helpers/documented';
import { shapeDifferences } from '../../helpers/shape';
import { testMarket } from '../../helpers/markets';

/** BingX's documented messages (tests/fixtures/bingx/docs/SOURCE.md), as the venue sends them once gunzipped. */
const doc = (file: string): string => documented('bingx', file);
const docJson = (file: string): Record<string, unknown> => JSON.parse(doc(file)) as Record<string, unknown>;

/** The documented swap push's data, the levels every form of the push is checked against. */
const SWAP = docJson('incrdepth-update-swap-page.json').data as { bids: [string, string][]; asks: [string, string][] };

describe('BingX documented messages, read by the adapter', () => {
  it('the swap page push: [price, qty] pairs and time, every level in order, zero sizes included', () => {
    expect(bingx.parse(doc('incrdepth-update-swap-page.json'))).toEqual([
      { type: 'update', symbol: 'BTC-USDT', first: 393592635, last: 393592635, time: 1760002514979, bids: SWAP.bids, asks: SWAP.asks },
    ]);
  });

  it('the spot form: price → size maps and timestamp, as a full book and as an update', () => {
    expect(bingx.parse(doc('incrdepth-all-spot-shape.json'))).toEqual([
      {
        type: 'snapshot',
        symbol: 'BTC-USDT',
        last: 393592634,
        time: 1760002514479,
        bids: SWAP.bids.slice(0, 3),
        asks: [
          ['121706.8', '4.7697'],
          ['121706.9', '0.0042'],
          ['121707.3', '0.0077'],
        ],
      },
    ]);
    expect(bingx.parse(doc('incrdepth-update-spot-shape.json'))).toEqual([
      {
        type: 'update',
        symbol: 'BTC-USDT',
        first: 393592635,
        last: 393592635,
        time: 1760002514979,
        bids: [
          ['121706.6', '16.8741'],
          ['121678.5', '0.0000'],
        ],
        asks: [
          ['122006.8', '0.0000'],
          ['121706.8', '4.7697'],
        ],
      },
    ]);
  });

  it('the ping, answered with the documented pong', () => {
    const [ping] = bingx.parse(doc('ping.json'));
    expect(ping).toMatchObject({ type: 'ping' });
    expect(JSON.parse((ping as { reply: string }).reply)).toEqual(docJson('pong.json'));
  });

  it('both documented answers to a request', () => {
    expect(bingx.parse(doc('subscribe-ack.json'))).toEqual([{ type: 'info', text: 'request e745cd6d-d0f6-4a70-8d5a-043e4c741b40 accepted' }]);
    expect(bingx.parse(doc('subscribe-ack-intro.json'))).toEqual([{ type: 'info', text: 'request id1 accepted' }]);
  });

  it("the spot page's sample, a bookTicker push, is no depth message", () => {
    expect(() => bingx.parse(doc('incrdepth-spot-page-sample.json'))).toThrow(/unknown message for BTC-USDT@bookTicker/);
  });

  it('subscribes like the documented request', () => {
    const sent = JSON.parse(bingx.subscribe(testMarket('bingx'))[0]!) as Record<string, unknown>;
    expect(shapeDifferences(sent, docJson('subscribe.json'))).toEqual([]);
    expect(sent).toMatchObject({ reqType: 'sub', dataType: 'BTC-USDT@incrDepth' });
  });
});

describe('BingX reads only the documented level forms', () => {
  const push = (data: Record<string, unknown>): string => JSON.stringify({ code: 0, dataType: 'BTC-USDT@incrDepth', data: { action: 'update', lastUpdateId: 7, ...data } });

  it('refuses a map whose size is not text, a pair that is not two strings, and a side of another kind', () => {
    expect(() => bingx.parse(push({ bids: { '1.5': 2 } }))).toThrow(/size is not text/);
    expect(() => bingx.parse(push({ bids: [['1.5', 2]] }))).toThrow(/bids/);
    expect(() => bingx.parse(push({ asks: '1.5:2' }))).toThrow(/asks/);
  });

  it('refuses a time or timestamp that is not an integer', () => {
    expect(() => bingx.parse(push({ time: 'soon' }))).toThrow(/time/);
    expect(() => bingx.parse(push({ timestamp: '2026-01-01' }))).toThrow(/timestamp/);
  });
});

/** The simulator's frames in a short fault-free run, gunzipped as the client reads them. */
async function simulatedFrames(): Promise<Record<string, unknown>[]> {
  const { events } = await recordSimulatedFeed({ exchange: new SimExchange(SIM_VENUES, 1), feed: 'bingx', base: 'BTC', steps: 30 });
  const texts = await Promise.all(events.map((e) => (e.kind === 'ws' && 'data64' in e ? decodeBinaryFrame(base64ToBytes(e.data64)) : undefined)));
  return texts.filter((t) => t !== undefined).map((t) => JSON.parse(t) as Record<string, unknown>);
}

describe('BingX simulator frames have the documented shapes', () => {
  it('the answer, the full book, the updates, the ping and any trades', async () => {
    const frames = await simulatedFrames();
    const kinds = new Map<string, Record<string, unknown>[]>();
    for (const f of frames) {
      const kind = 'ping' in f ? 'ping' : f.dataType === 'BTC-USDT@trade' ? 'trade' : 'data' in f ? String((f.data as { action: unknown }).action) : 'answer';
      kinds.set(kind, [...(kinds.get(kind) ?? []), f]);
    }
    // Trades come as the simulated takers print them: bingx-trades.test.ts makes sure of some.
    expect([...kinds.keys()].filter((k) => k !== 'trade').sort()).toEqual(['all', 'answer', 'ping', 'update']);
    const against: Record<string, Record<string, unknown>> = {
      answer: docJson('subscribe-ack.json'),
      all: docJson('incrdepth-all-spot-shape.json'),
      update: docJson('incrdepth-update-spot-shape.json'),
      ping: docJson('ping.json'),
      trade: docJson('trade-spot-page.json'),
    };
    // The sides are maps keyed by price: which keys they hold is data, not shape; each size is a decimal string.
    const sides = ['data.bids', 'data.asks'];
    for (const [kind, list] of kinds) {
      for (const f of list) {
        expect(shapeDifferences(f, against[kind], sides)).toEqual([]);
        if (kind === 'update' || kind === 'all') for (const side of ['bids', 'asks']) for (const [price, size] of Object.entries((f.data as Record<string, object>)[side]!)) expect(shapeDifferences([price, size], ['1.5', '2.0'])).toEqual([]);
      }
    }
  });

  it('a refused request is answered in the documented answer form, with a non-zero code the adapter reports', () => {
    const [refusal] = simulatedAnswers('bingx', '/market', ['{"id":"x","reqType":"sub","dataType":"ADA-USDT@incrDepth"}']);
    expect(shapeDifferences(refusal, docJson('subscribe-ack.json'))).toEqual([]);
    expect(bingx.parse(JSON.stringify(refusal))).toEqual([{ type: 'error', message: 'code 100400 ILLEGAL_ARGUMENT (request x)' }]);
  });
});
