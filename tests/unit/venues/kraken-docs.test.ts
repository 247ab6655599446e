import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { kraken } from '../../../src/venues/kraken';
import { documented, simulatedAnswers, simulatedTraffic } from '../../helpers/documented';
import { shapeDifferences } from '../../helpers/shape';

/** Kraken WebSocket v2's documented examples (tests/fixtures/kraken/docs/SOURCE.md), parsed as the venue sends them. */
const doc = (file: string): string => documented('kraken', file);
const docJson = (file: string): unknown => JSON.parse(doc(file));

const MATIC_TIME = Date.UTC(2023, 9, 6, 17, 35, 55, 440);

describe('Kraken documented messages, read by the adapter', () => {
  it('the MATIC/USD snapshot, each number as its text on the page', () => {
    const [m] = kraken.parse(doc('snapshot.json'));
    expect(m).toMatchObject({ type: 'snapshot', symbol: 'MATIC/USD', checksum: 2439117997, time: MATIC_TIME });
    if (m?.type !== 'snapshot') throw new Error('not a snapshot');
    expect(m.bids).toHaveLength(10);
    expect(m.asks).toHaveLength(10);
    expect(m.bids.slice(6, 9)).toEqual([
      ['0.566', '18097.1547'],
      ['0.5659', '33644.89175666'],
      ['0.5658', '148.3464'],
    ]);
    expect(m.asks[0]).toEqual(['0.5668', '4410.79769741']);
  });

  it('the update that follows it', () => {
    expect(kraken.parse(doc('update.json'))).toEqual([
      { type: 'update', symbol: 'MATIC/USD', bids: [['0.5657', '1098.3947558']], asks: [], checksum: 2114181697, time: MATIC_TIME },
    ]);
  });

  it('the subscribe acknowledgement, status, heartbeat and pong', () => {
    expect(kraken.parse(doc('subscribe-ack.json'))).toEqual([{ type: 'info', text: 'subscribed book MATIC/USD depth 10' }]);
    // The status's connection_id is beyond 2^53: only price and qty of book frames are read as text.
    expect(kraken.parse(doc('status.json'))).toEqual([{ type: 'info', text: 'status: online (2.0.0)' }]);
    expect(kraken.parse(doc('heartbeat.json'))).toEqual([{ type: 'heartbeat' }]);
    expect(kraken.parse(doc('pong.json'))).toEqual([{ type: 'pong' }]);
  });

  it('are the frames of the docs recording, which restores the precision the page drops', () => {
    // tests/fixtures/kraken/docs-example.jsonl carries the same messages with the numbers at the wire's precision
    // ("0.5660" where the page prints 0.566), the only text the documented checksums hold for: equal as JSON values.
    const recorded = readFileSync(new URL('../../fixtures/kraken/docs-example.jsonl', import.meta.url), 'utf8')
      .split('\n')
      .filter((line) => line.includes('"kind":"ws"'))
      .map((line) => JSON.parse((JSON.parse(line) as { data: string }).data) as unknown);
    expect(recorded).toEqual(['subscribe-ack.json', 'snapshot.json', 'update.json', 'heartbeat.json'].map(docJson));
  });
});

describe("Kraken simulator's frames have the documented shapes", () => {
  it('status, subscribe acknowledgement, snapshot, updates and heartbeat', async () => {
    const { frames } = await simulatedTraffic('kraken');
    const first = (test: (f: Record<string, unknown>) => boolean): Record<string, unknown> | undefined => frames.find(test);
    expect(shapeDifferences(first((f) => f.channel === 'status'), docJson('status.json'))).toEqual([]);
    expect(shapeDifferences(first((f) => f.method === 'subscribe'), docJson('subscribe-ack.json'))).toEqual([]);
    expect(shapeDifferences(first((f) => f.type === 'snapshot'), docJson('snapshot.json'))).toEqual([]);
    expect(shapeDifferences(first((f) => f.channel === 'heartbeat'), docJson('heartbeat.json'))).toEqual([]);
    const updates = frames.filter((f) => f.channel === 'book' && f.type === 'update');
    expect(updates.length).toBeGreaterThan(0);
    for (const update of updates) expect(shapeDifferences(update, docJson('update.json'))).toEqual([]);
  });

  it('the answer to a ping', () => {
    const [pong] = simulatedAnswers('kraken', '/v2', ['{"method":"ping","req_id":101}']).filter((f) => f.method === 'pong');
    expect(shapeDifferences(pong, docJson('pong.json'))).toEqual([]);
  });
});
