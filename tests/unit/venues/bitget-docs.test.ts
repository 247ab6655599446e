import { describe, expect, it } from 'vitest';
import { SimExchange } from '../../../src/sim/exchange';
import { bitgetSim } from '../../../src/sim/venues/bitget';
import { bitget, parseBitgetFrame, type BitgetInstType } from '../../../src/venues/bitget';
import { bitgetFutures } from '../../../src/venues/bitget-futures';
import type { VenueProtocol } from '../../../src/venues/types';
import { documented } from '../../helpers/documented';
import { testMarket } from '../../helpers/markets';
import { shapeDifferences } from '../../helpers/shape';

/** One of Bitget's documented examples (tests/fixtures/bitget/docs, pages named in SOURCE.md). */
const doc = (file: string): Record<string, unknown> => JSON.parse(documented('bitget', file)) as Record<string, unknown>;

/** A documented push as it would come on the `books` channel: the Push Parameters table is the same for every depth channel. */
function onBooks(push: Record<string, unknown>): string {
  return JSON.stringify({ ...push, arg: { ...(push.arg as object), channel: 'books' } });
}

const LINES: readonly (readonly [string, BitgetInstType, VenueProtocol])[] = [
  ['spot', 'SPOT', bitget],
  ['futures', 'USDT-FUTURES', bitgetFutures],
];

describe.each(LINES)('Bitget %s documented messages', (line, instType, protocol) => {
  it('subscribes in the documented request\'s shape, on the documented product line', () => {
    const [request] = protocol.subscribe(testMarket(protocol.id)).map((t) => JSON.parse(t) as Record<string, unknown>);
    expect(shapeDifferences(request, doc(`ws-books-subscribe-${line}.json`))).toEqual([]);
    expect(shapeDifferences(request, doc(`ws-trade-subscribe-${line}.json`))).toEqual([]);
    expect((request!.args as { instType: string }[]).map((a) => a.instType)).toEqual([instType, instType]);
  });

  it('reads the documented subscribe answer as information', () => {
    expect(parseBitgetFrame(instType, JSON.stringify(doc(`ws-books-subscribe-response-${line}.json`)))).toEqual([{ type: 'info', text: 'subscribe books5 BTCUSDT' }]);
  });

  it('reads the documented push, on the books channel, as a snapshot: its seq the chain\'s start, checksum 0 none', () => {
    const [snapshot] = parseBitgetFrame(instType, onBooks(doc(`ws-books-${line}.json`)));
    const data = (doc(`ws-books-${line}.json`).data as { bids: string[][]; asks: string[][]; ts: string }[])[0]!;
    expect(snapshot).toEqual({ type: 'snapshot', symbol: 'BTCUSDT', bids: data.bids, asks: data.asks, last: 123, checksum: undefined, time: Number(data.ts) });
  });

  it('refuses the documented books5 push itself: every push is the whole top five, not this feed\'s channel', () => {
    expect(() => parseBitgetFrame(instType, JSON.stringify(doc(`ws-books-${line}.json`)))).toThrow(/not a books or trade push/);
  });
});

describe('Bitget simulator frames have the documented shape', () => {
  /**
   * The simulator sends `pseq` beside `seq`, as Bitget's pushes and today's Push Parameters do ("The serial number
   * of the previous push"); the stored example predates the field.
   */
  const WITHOUT_PSEQ = ['data[].pseq'];

  it.each(LINES)('%s: acks, book pushes and trade pushes', (line, instType, protocol) => {
    const exchange = new SimExchange([bitgetSim], 5);
    const frames: Record<string, unknown>[] = [];
    const conn = exchange.connect('bitget', '/v2/ws/public', (t) => frames.push(JSON.parse(t) as Record<string, unknown>))!;
    for (const text of protocol.subscribe(testMarket(protocol.id))) conn.receive(text, 0);
    for (let i = 1; i <= 20; i++) exchange.tick(i * 100, [protocol.id]);
    const pushes = (channel: string): Record<string, unknown>[] => frames.filter((f) => f.action !== undefined && (f.arg as { channel: string }).channel === channel);
    const acks = frames.filter((f) => f.event === 'subscribe');
    expect(acks).toHaveLength(2);
    const ackShape = doc(`ws-books-subscribe-response-${line}.json`);
    for (const ack of acks) expect(shapeDifferences(ack, ackShape)).toEqual([]);
    const books = pushes('books');
    expect(books[0]!.action).toBe('snapshot');
    expect(books.length).toBeGreaterThan(5);
    for (const f of books) expect(shapeDifferences(f, doc(`ws-books-${line}.json`), WITHOUT_PSEQ)).toEqual([]);
    const trades = pushes('trade');
    expect(trades.length).toBeGreaterThan(0);
    for (const f of trades) expect(shapeDifferences(f, doc(`ws-trade-${line}.json`))).toEqual([]);
    expect(frames.every((f) => (f.arg as { instType?: string } | undefined)?.instType === instType)).toBe(true);
  });

  it('answers the instrument lists in the documented shapes', () => {
    const exchange = new SimExchange([bitgetSim], 5);
    const symbols = exchange.rest('bitget', '/api/v2/spot/public/symbols', new URLSearchParams());
    expect(symbols.status).toBe(200);
    expect(shapeDifferences(JSON.parse(symbols.body), doc('rest-spot-symbols.json'))).toEqual([]);
    const contracts = exchange.rest('bitget', '/api/v2/mix/market/contracts', new URLSearchParams({ productType: 'USDT-FUTURES' }));
    expect(contracts.status).toBe(200);
    expect(shapeDifferences(JSON.parse(contracts.body), doc('rest-contracts.json'))).toEqual([]);
  });
});
