import { describe, expect, it } from 'vitest';
import { OrderBook } from '../../../src/book/orderbook';
import { crc32 } from '../../../src/book/crc32';
import type { RawLevel } from '../../../src/book/levels';
import { gzipSync } from 'node:zlib';
import { gzipText } from '../../../src/sim/gzip';
import type { VenueMessage, VenueProtocol } from '../../../src/venues/types';
import { MAX_QUEUED_BYTES, MAX_QUEUED_FRAMES } from '../../../src/worker/inbound-queue';
import { VenueLink } from '../../../src/worker/venue-link';
import { topOf } from '../../helpers/books';
import { testMarket } from '../../helpers/markets';
import { FakeClock, FakeTransport, type FakeSocket } from './fakes';

/** The venue's checksum: CRC-32 of the best five levels a side, as "price:size" joined by "|". */
function checksumOf(book: OrderBook): number {
  const side = (s: OrderBook['bids']): string[] => {
    const out: string[] = [];
    for (let k = 0; k < Math.min(5, s.length); k++) out.push(`${s.priceTextAt(k)}:${s.sizeTextAt(k)}`);
    return out;
  };
  return crc32([...side(book.bids), ...side(book.asks)].join('|'));
}

/**
 * A tiny venue that sends its snapshot in the stream and a checksum with every message, like Kraken and OKX:
 * enough to test the lifecycle without depending on the real adapters.
 */
function checksumVenue(options: { resubscribe: boolean; keepalive?: { everyMs: number; text: string } }): VenueProtocol {
  return {
    id: 'okx',
    venue: 'okx',
    kind: 'spot',
    name: 'TestX',
    endpoints: { stream: 'wss://ws.testx.example' },
    streamUrl: (market, endpoints) => `${endpoints.stream}/ws/${market.symbol}`,
    subscribe: (market) => [JSON.stringify({ op: 'subscribe', symbol: market.symbol })],
    resubscribe: options.resubscribe ? (market) => [JSON.stringify({ op: 'resubscribe', symbol: market.symbol })] : undefined,
    snapshotSource: 'stream',
    parse(text: string): VenueMessage[] {
      const o = JSON.parse(text) as { type: string; bids?: RawLevel[]; asks?: RawLevel[]; checksum?: number; time?: number };
      if (o.type === 'ping') return [{ type: 'ping', reply: 'pong' }];
      if (o.type === 'snapshot' || o.type === 'update') {
        return [{ type: o.type, bids: o.bids ?? [], asks: o.asks ?? [], checksum: o.checksum, time: o.time }];
      }
      throw new Error(`unknown message ${o.type}`);
    },
    checksum: checksumOf,
    keepalive: options.keepalive,
  };
}

/** The venue's side of one market: the truth, and the frames it sends for it. */
class ScriptedMarket {
  readonly truth = new OrderBook();
  constructor(private readonly mid: number) {}

  snapshot(): string {
    const bids: RawLevel[] = [];
    const asks: RawLevel[] = [];
    for (let i = 1; i <= 8; i++) {
      bids.push([(this.mid - i).toFixed(1), `${i}.5`]);
      asks.push([(this.mid + i).toFixed(1), `${i}.25`]);
    }
    this.truth.snapshot(bids, asks);
    return JSON.stringify({ type: 'snapshot', bids, asks, checksum: checksumOf(this.truth) });
  }

  /** The venue's current book as a snapshot, for a resubscription. */
  resend(): string {
    const bids = this.truth.bids.top(100).map(([p, q]) => [p.toFixed(1), String(q)]);
    const asks = this.truth.asks.top(100).map(([p, q]) => [p.toFixed(1), String(q)]);
    return JSON.stringify({ type: 'snapshot', bids, asks, checksum: checksumOf(this.truth) });
  }

  update(bids: RawLevel[], asks: RawLevel[], corrupt = false): string {
    this.truth.update(bids, asks);
    const checksum = checksumOf(this.truth) + (corrupt ? 1 : 0);
    return JSON.stringify({ type: 'update', bids, asks, checksum });
  }
}

function world(resubscribe: boolean, keepalive?: { everyMs: number; text: string }) {
  const clock = new FakeClock();
  const transport = new FakeTransport(clock);
  const protocol = checksumVenue({ resubscribe, keepalive });
  const options = { random: () => 0.5 };
  const a = new VenueLink(protocol, testMarket('okx', 'BTC'), transport, clock, options);
  const b = new VenueLink(protocol, testMarket('okx', 'ETH'), transport, clock, options);
  const ma = new ScriptedMarket(100);
  const mb = new ScriptedMarket(50);
  const sock = (symbol: string): FakeSocket => transport.socketsAt(symbol).at(-1)!;
  /** Opens the newest socket for each market and sends its snapshot. */
  const serve = async (which: ('BTC' | 'ETH')[]): Promise<void> => {
    for (const base of which) {
      const s = sock(`${base}-USDT`);
      s.open();
      await transport.settle();
      expect(s.sent[0]).toBe(JSON.stringify({ op: 'subscribe', symbol: `${base}-USDT` }));
      s.emit((base === 'BTC' ? ma : mb).snapshot());
    }
    await transport.settle();
  };
  const expectExact = (link: VenueLink, market: ScriptedMarket): void => {
    expect(link.status().state).toBe('live');
    expect(topOf(link.session.book, 100)).toEqual(topOf(market.truth, 100));
  };
  /** B ran beside A: its book follows B's script exactly, and nothing happened to it. */
  const expectUntouched = async (): Promise<void> => {
    sock('ETH-USDT').emit(mb.update([['49.0', '3']], [['51.5', '0.75']]));
    await transport.settle();
    expectExact(b, mb);
    expect(b.status().counters).toMatchObject({ snapshots: 1, resyncs: 0, checksumFailures: 0, reconnects: 0, errors: 0 });
    expect(b.status().counters.checksumsVerified).toBeGreaterThan(1);
    expect(transport.socketsAt('ETH-USDT')).toHaveLength(1);
  };
  return { clock, transport, a, b, ma, mb, sock, serve, expectExact, expectUntouched };
}

describe('VenueLink with a checksummed stream venue', () => {
  it('resubscribes on a checksum mismatch and is exact again, the other book untouched', async () => {
    const w = world(true);
    w.a.start();
    w.b.start();
    await w.serve(['BTC', 'ETH']);
    w.expectExact(w.a, w.ma);
    w.sock('BTC-USDT').emit(w.ma.update([['99.0', '2']], []));
    w.sock('BTC-USDT').emit(w.ma.update([['98.5', '1']], [['101.0', '0']], true));
    await w.transport.settle();
    let s = w.a.status();
    expect(s.state).toBe('syncing');
    expect(s.reason).toMatch(/checksum mismatch/);
    expect(s.counters).toMatchObject({ checksumFailures: 1, resyncs: 1, checksumsVerified: 2 });
    expect(w.a.session.book.empty).toBe(true);
    expect(w.sock('BTC-USDT').sent.at(-1)).toBe(JSON.stringify({ op: 'resubscribe', symbol: 'BTC-USDT' }));
    // Updates before the fresh snapshot are not applied; the fresh snapshot makes the book exact.
    w.sock('BTC-USDT').emit(w.ma.update([['97.0', '4']], []));
    w.sock('BTC-USDT').emit(w.ma.resend());
    w.sock('BTC-USDT').emit(w.ma.update([], [['102.0', '7']]));
    await w.transport.settle();
    w.expectExact(w.a, w.ma);
    s = w.a.status();
    expect(s.counters).toMatchObject({ snapshots: 2, reconnects: 0 });
    expect(w.transport.socketsAt('BTC-USDT')).toHaveLength(1);
    await w.expectUntouched();
  });

  it('reconnects on a checksum mismatch where the venue cannot resubscribe', async () => {
    const w = world(false);
    w.a.start();
    w.b.start();
    await w.serve(['BTC', 'ETH']);
    const first = w.sock('BTC-USDT');
    first.emit(w.ma.update([['99.0', '2']], [], true));
    await w.transport.settle();
    expect(w.a.status()).toMatchObject({ state: 'reconnecting', nextAttemptAt: w.clock.now() + 1_000 });
    expect(w.a.status().reason).toMatch(/resync: checksum mismatch/);
    expect(first.closedByClient).toBe(true);
    // A frame of the replaced socket, however late, never reaches the book.
    first.events.message(w.ma.update([['1.0', '1']], []));
    w.clock.advance(1_000);
    await w.serve(['BTC']);
    w.expectExact(w.a, w.ma);
    expect(w.a.status().counters).toMatchObject({ reconnects: 1, checksumFailures: 1 });
    await w.expectUntouched();
  });

  it('applies binary (gzip) and text frames in arrival order, though decoding is asynchronous', async () => {
    const w = world(true);
    w.a.start();
    w.b.start();
    await w.serve(['BTC', 'ETH']);
    const zipped = await gzipText(w.ma.update([['99.0', '11']], []));
    w.sock('BTC-USDT').emit(zipped);
    w.sock('BTC-USDT').emit(w.ma.update([['99.0', '22']], []));
    w.sock('BTC-USDT').emit(await gzipText(w.ma.update([['99.0', '33']], [['101.0', '5']])));
    await w.transport.settle();
    await w.a.idle();
    w.expectExact(w.a, w.ma);
    expect(w.a.session.book.bids.top(1)).toEqual([[99, 33]]);
    expect(w.a.status().counters).toMatchObject({ checksumsVerified: 4, checksumFailures: 0, errors: 0 });
    w.sock('BTC-USDT').emit(new Uint8Array([0x1f, 0x8b, 8, 0, 1, 2, 3]));
    await w.transport.settle();
    await w.a.idle();
    expect(w.a.status().counters.errors).toBe(1);
    expect(w.a.status().lastError).toMatch(/undecodable binary frame/);
    expect(w.a.status().counters).toMatchObject({ malformed: 1, resyncReasons: { malformed: 1 } });
    await w.expectUntouched();
  });

  it('counts a gzip bomb as an unreadable frame, resyncs (it may have been an update) and ends exact', async () => {
    const w = world(true);
    w.a.start();
    w.b.start();
    await w.serve(['BTC', 'ETH']);
    w.sock('BTC-USDT').emit(new Uint8Array(gzipSync(Buffer.alloc(64 * 1024 * 1024))));
    await w.transport.settle();
    await w.a.idle();
    expect(w.a.status().state).toBe('syncing');
    expect(w.sock('BTC-USDT').sent.at(-1)).toBe(JSON.stringify({ op: 'resubscribe', symbol: 'BTC-USDT' }));
    w.sock('BTC-USDT').emit(w.ma.resend());
    w.sock('BTC-USDT').emit(w.ma.update([['99.0', '7']], []));
    await w.transport.settle();
    await w.a.idle();
    w.expectExact(w.a, w.ma);
    expect(w.a.status().counters).toMatchObject({ errors: 1, malformed: 1, resyncs: 1, resyncReasons: { malformed: 1 }, checksumFailures: 0 });
    expect(w.a.status().lastError).toMatch(/undecodable binary frame: gzip frame of [\d,]+ bytes inflates past 4,194,304 bytes/);
    await w.expectUntouched();
  });

  it('drops a backlog of frames behind a frame still decoding, past the cap, and reconnects to an exact book', async () => {
    const w = world(true);
    w.a.start();
    w.b.start();
    await w.serve(['BTC', 'ETH']);
    const first = w.sock('BTC-USDT');
    // The socket delivers all of these before the gzip frame at their head has inflated.
    first.emit(await gzipText(w.ma.update([['99.0', '11']], [])));
    for (let i = 0; i < MAX_QUEUED_FRAMES; i++) first.emit(w.ma.update([['99.0', String(12 + i)]], []));
    await w.transport.settle();
    await w.a.idle();
    const s = w.a.status();
    expect(s).toMatchObject({ state: 'reconnecting', nextAttemptAt: w.clock.now() + 1_000 });
    expect(s.reason).toMatch(/fell behind: dropped 4,097 frames \([\d.]+ MiB\) waiting to be decoded; a book that missed frames cannot be trusted/);
    expect(s.counters.errors).toBe(1);
    expect(w.a.session.book.empty).toBe(true);
    expect(first.closedByClient).toBe(true);
    w.clock.advance(1_000);
    await w.serve(['BTC']);
    w.expectExact(w.a, w.ma);
    expect(w.a.status().counters).toMatchObject({ reconnects: 1, errors: 1 });
    await w.expectUntouched();
  });

  it('drops a backlog that outgrows the byte budget, though it is only a few frames', async () => {
    const w = world(true);
    w.a.start();
    w.b.start();
    await w.serve(['BTC', 'ETH']);
    const first = w.sock('BTC-USDT');
    const big = JSON.stringify({ type: 'update', bids: [], asks: [], pad: 'x'.repeat(4 * 1024 * 1024) });
    first.emit(await gzipText(w.ma.update([['99.0', '11']], [])));
    for (let i = 0; i * big.length <= MAX_QUEUED_BYTES; i++) first.emit(big);
    await w.transport.settle();
    await w.a.idle();
    expect(w.a.status().state).toBe('reconnecting');
    expect(w.a.status().reason).toMatch(/fell behind: dropped 9 frames \(32\.0 MiB\)/);
    w.clock.advance(1_000);
    await w.serve(['BTC']);
    w.expectExact(w.a, w.ma);
    await w.expectUntouched();
  });

  it('clips a long close reason before it shows in the status', async () => {
    const w = world(true);
    w.a.start();
    w.b.start();
    await w.serve(['BTC', 'ETH']);
    w.sock('BTC-USDT').drop(4000, 'overloaded '.repeat(10_000));
    await w.transport.settle();
    const reason = w.a.status().reason!;
    expect(reason).toMatch(/^the venue closed the connection \(4000: overloaded overloaded .*… \(110,000 chars\)\)$/);
    expect(reason.length).toBeLessThan(400);
    await w.expectUntouched();
  });

  it('sends the keepalive on time and answers the venue\'s pings', async () => {
    const w = world(true, { everyMs: 20_000, text: 'ping' });
    w.a.start();
    w.b.start();
    await w.serve(['BTC', 'ETH']);
    const s = w.sock('BTC-USDT');
    w.clock.advance(19_999);
    expect(s.sent.filter((t) => t === 'ping')).toHaveLength(0);
    // Frames keep arriving, so no staleness.
    s.emit(w.ma.update([['99.0', '2']], []));
    await w.transport.settle();
    w.clock.advance(1);
    expect(s.sent.filter((t) => t === 'ping')).toHaveLength(1);
    s.emit('{"type":"ping"}');
    w.sock('ETH-USDT').emit(w.mb.update([], []));
    await w.transport.settle();
    expect(s.sent.at(-1)).toBe('pong');
    w.clock.advance(20_000);
    expect(s.sent.filter((t) => t === 'ping')).toHaveLength(2);
    // Twenty seconds of silence made it stale; the next frame makes it live again.
    expect(w.a.status().state).toBe('stale');
    s.emit(w.ma.update([], [['101.0', '3']]));
    await w.transport.settle();
    w.expectExact(w.a, w.ma);
    await w.expectUntouched();
  });
});
