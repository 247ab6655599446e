import { describe, expect, it } from 'vitest';
import { coinbase } from '../../../src/venues/coinbase';
import { documented, simulatedAnswers, simulatedTraffic } from '../../helpers/documented';
import { shapeDifferences } from '../../helpers/shape';

/** Coinbase Advanced Trade's documented examples (tests/fixtures/coinbase/docs/SOURCE.md), as the venue sends them. */
const doc = (file: string): string => documented('coinbase', file);
const docJson = (file: string): unknown => JSON.parse(doc(file));

/**
 * Where Coinbase's own documents disagree (SOURCE.md): the prose examples carry `client_id: ""` and a string
 * `heartbeat_counter`, the AsyncAPI, checked against the production feed, has no `client_id` and an integer
 * counter. The simulator follows the AsyncAPI, so these two paths may differ from the prose examples.
 */
const PROSE_ONLY = ['client_id', 'events[].heartbeat_counter'];

describe('Coinbase documented messages, read by the adapter', () => {
  it('the level2 snapshot', () => {
    expect(coinbase.parse(doc('level2-snapshot.json'))).toEqual([
      {
        type: 'snapshot',
        symbol: 'BTC-USD',
        seq: 0,
        time: Date.UTC(2023, 1, 9, 20, 32, 50, 714),
        bids: [
          ['21921.73', '0.06317902'],
          ['21921.3', '0.02'],
        ],
        asks: [],
      },
    ]);
  });

  it('the heartbeat', () => {
    expect(coinbase.parse(doc('heartbeats.json'))).toEqual([{ type: 'heartbeat', seq: 0, time: Date.UTC(2023, 5, 23, 20, 31, 26, 122) }]);
  });

  it('the subscriptions confirmation', () => {
    expect(coinbase.parse(doc('subscriptions.json'))).toEqual([{ type: 'info', text: 'subscribed heartbeats: heartbeats', seq: 0 }]);
  });
});

describe('Coinbase simulator frames have the documented shapes', () => {
  const byChannel = async (): Promise<Map<string, Record<string, unknown>[]>> => {
    const { frames } = await simulatedTraffic('coinbase');
    const out = new Map<string, Record<string, unknown>[]>();
    for (const f of frames) out.set(String(f.channel), [...(out.get(String(f.channel)) ?? []), f]);
    return out;
  };

  it('l2_data snapshots and updates, heartbeats and subscriptions', async () => {
    const frames = await byChannel();
    const l2 = frames.get('l2_data') ?? [];
    expect(l2.map((f) => (f.events as { type: string }[])[0]!.type)).toContain('update');
    for (const f of l2) expect(shapeDifferences(f, docJson('level2-snapshot.json'), PROSE_ONLY)).toEqual([]);
    expect(frames.get('heartbeats')?.length).toBeGreaterThan(0);
    for (const f of frames.get('heartbeats')!) expect(shapeDifferences(f, docJson('heartbeats.json'), PROSE_ONLY)).toEqual([]);
    expect(frames.get('subscriptions')?.length).toBeGreaterThan(0);
    for (const f of frames.get('subscriptions')!) {
      // `subscriptions` is keyed by channel name: which keys it has is data, not shape; each names a product list.
      expect(shapeDifferences(f, docJson('subscriptions.json'), ['events[].subscriptions'])).toEqual([]);
      for (const ids of Object.values((f.events as { subscriptions: object }[])[0]!.subscriptions)) expect(shapeDifferences(ids, ['BTC-USD'])).toEqual([]);
    }
    expect([...frames.keys()].sort()).toEqual(['heartbeats', 'l2_data', 'market_trades', 'subscriptions']);
  });

  it('the heartbeat counter is the integer the AsyncAPI names, and no message carries client_id', async () => {
    const frames = await byChannel();
    expect([...frames.values()].flat().some((f) => 'client_id' in f)).toBe(false);
    const counters = frames.get('heartbeats')!.map((f) => (f.events as { heartbeat_counter: unknown }[])[0]!.heartbeat_counter);
    expect(counters.every((c) => Number.isSafeInteger(c))).toBe(true);
  });

  it('a refused subscription is an error the adapter reads', () => {
    const [answer] = simulatedAnswers('coinbase', '/', ['{"type":"subscribe","product_ids":["ADA-USD"],"channel":"level2"}']);
    expect(coinbase.parse(JSON.stringify(answer))).toEqual([{ type: 'error', message: 'failure to subscribe: unknown product ADA-USD' }]);
  });
});
