import { describe, expect, it } from 'vitest';
import type { RawLevel } from '../../../src/book/levels';
import { bybit } from '../../../src/venues/bybit';
import type { VenueLinkOptions } from '../../../src/worker/link-options';
import { SharedSockets } from '../../../src/worker/shared-sockets';
import { VenueLink } from '../../../src/worker/venue-link';
import { topOf } from '../../helpers/books';
import { documented } from '../../helpers/documented';
import { testMarket } from '../../helpers/markets';
import { FakeClock, FakeTransport, type FakeSocket } from './fakes';

/**
 * Bybit's markets on one socket: Bybit's v5 public socket takes many `orderbook` topics and names the symbol in every
 * push, so its protocol multiplexes. Frames are Bybit's documented examples (tests/fixtures/bybit/docs), each book
 * message given its market, id and levels in the documented shape.
 */
const doc = (file: string): string => documented('bybit', file);

function push(file: 'snapshot.json' | 'delta.json', symbol: string, u: number, levels?: { b: RawLevel[]; a: RawLevel[] }): string {
  const o = JSON.parse(doc(file)) as { topic: string; data: Record<string, unknown> };
  o.topic = `orderbook.50.${symbol}`;
  o.data = { ...o.data, s: symbol, u, ...levels };
  return JSON.stringify(o);
}

const BTC_ID = 18521288;
/** The documented snapshot as it is: BTCUSDT, two levels a side. */
const btcSnapshot = (): string => push('snapshot.json', 'BTCUSDT', BTC_ID);
const btcDelta = (u = BTC_ID + 1): string => push('delta.json', 'BTCUSDT', u, { b: [['16493.50', '0']], a: [['16610.00', '1.500']] });
const BTC_BOOK = {
  bids: [[16493, 0.1]],
  asks: [
    [16610, 1.5],
    [16611, 0.029],
    [16612, 0.213],
  ],
};

const ETH_ID = 500;
const ethSnapshot = (): string => push('snapshot.json', 'ETHUSDT', ETH_ID, { b: [['2300.10', '1.000']], a: [['2300.50', '2.000']] });
const ethDelta = (u = ETH_ID + 1): string => push('delta.json', 'ETHUSDT', u, { b: [['2300.20', '0.500']], a: [] });
const ETH_BOOK = {
  bids: [
    [2300.2, 0.5],
    [2300.1, 1],
  ],
  asks: [[2300.5, 2]],
};

/**
 * A BTC and an ETH link of Bybit spot over SharedSockets on a scripted transport and a fake clock. Jitter is
 * pinned: BTC's backoff is 1 s exactly, ETH's `ethRandom` picks its own (0.9: 1.16 s).
 */
function world(options: VenueLinkOptions = {}, ethRandom = 0.5) {
  const clock = new FakeClock();
  const transport = new FakeTransport(clock);
  const sockets = new SharedSockets(transport, clock);
  const link = (base: string, random: number): VenueLink =>
    new VenueLink(bybit, testMarket('bybit', base), sockets, clock, { random: () => random, shareStream: true, ...options });
  const btc = link('BTC', 0.5);
  const eth = link('ETH', ethRandom);
  const settle = (): Promise<void> => transport.settle();
  /** Both links live on one open socket, each book from its own snapshot and delta, the frames interleaved. */
  const live = async (): Promise<FakeSocket> => {
    btc.start();
    eth.start();
    const socket = transport.sockets[0]!;
    socket.open();
    for (const frame of [doc('subscribe-response-spot.json'), btcSnapshot(), ethSnapshot(), btcDelta(), ethDelta(), doc('pong-spot.json')]) socket.emit(frame);
    await settle();
    return socket;
  };
  return { clock, transport, btc, eth, settle, live };
}

/**
 * What the client asked of the socket, keepalive pings left out, by the markets the topics name (a market's book and
 * trades name it once): "subscribe BTCUSDT", "unsubscribe ETHUSDT", ...
 */
function requests(socket: FakeSocket): string[] {
  return socket.sent
    .map((text) => JSON.parse(text) as { op: string; args?: string[] })
    .filter((r) => r.op !== 'ping')
    .map((r) => `${r.op} ${[...new Set(r.args?.map((topic) => topic.split('.').at(-1)))].join(',')}`);
}

const book = (link: VenueLink) => topOf(link.session.book, 10);

describe('two markets of a multiplexed venue on one socket', () => {
  it('subscribe each on the one socket and keep their own books from interleaved frames', async () => {
    const w = world();
    const socket = await w.live();
    expect(w.transport.sockets).toHaveLength(1);
    expect(requests(socket)).toEqual(['subscribe BTCUSDT', 'subscribe ETHUSDT']);
    expect(book(w.btc)).toEqual(BTC_BOOK);
    expect(book(w.eth)).toEqual(ETH_BOOK);
    // Each market's messages are its own frames and those naming no market (the answer, the pong); the other's are foreign.
    expect(w.btc.status()).toMatchObject({ feed: 'bybit', venue: 'bybit', state: 'live', counters: { messages: 4, snapshots: 1, updates: 1, foreign: 2, errors: 0, malformed: 0 } });
    expect(w.eth.status()).toMatchObject({ feed: 'bybit', venue: 'bybit', state: 'live', counters: { messages: 4, snapshots: 1, updates: 1, foreign: 2, errors: 0, malformed: 0 } });
  });

  it('leave a frame for a third market out of both books, and call it no error', async () => {
    const w = world();
    const socket = await w.live();
    socket.emit(push('snapshot.json', 'SOLUSDT', 9, { b: [['150.00', '3']], a: [['150.10', '4']] }));
    socket.emit(push('delta.json', 'SOLUSDT', 10, { b: [['149.90', '1']], a: [] }));
    await w.settle();
    for (const [link, expected] of [
      [w.btc, BTC_BOOK],
      [w.eth, ETH_BOOK],
    ] as const) {
      expect(book(link)).toEqual(expected);
      expect(link.status()).toMatchObject({ state: 'live', counters: { messages: 4, foreign: 4, errors: 0, malformed: 0, resyncs: 0 } });
      expect(link.status().lastError).toBeUndefined();
    }
  });

  it('resync one in place (unsubscribe and subscribe on the socket) while the other book and the socket stay untouched', async () => {
    const w = world();
    const socket = await w.live();
    socket.emit(btcDelta(BTC_ID + 5));
    await w.settle();
    expect(w.btc.status()).toMatchObject({ state: 'syncing', counters: { gaps: 1, resyncs: 1 } });
    expect(requests(socket).slice(2)).toEqual(['unsubscribe BTCUSDT', 'subscribe BTCUSDT']);
    socket.emit(btcSnapshot());
    socket.emit(btcDelta());
    socket.emit(ethDelta(ETH_ID + 2));
    await w.settle();
    expect(book(w.btc)).toEqual(BTC_BOOK);
    expect(w.btc.status().state).toBe('live');
    expect(w.eth.status()).toMatchObject({ state: 'live', counters: { updates: 2, resyncs: 0, reconnects: 0, errors: 0 } });
    expect(w.transport.sockets).toHaveLength(1);
    expect(socket.closedByClient).toBe(false);
  });

  it('resync one that would reconnect by leaving and rejoining the socket, never closing it under the other', async () => {
    const w = world();
    const socket = await w.live();
    // A second resync within 2 s reconnects rather than asking for yet another snapshot in place.
    socket.emit(btcDelta(BTC_ID + 5));
    socket.emit(btcSnapshot());
    socket.emit(btcDelta(BTC_ID + 9));
    await w.settle();
    expect(w.btc.status()).toMatchObject({ state: 'reconnecting', nextAttemptAt: w.clock.now() + 1_000 });
    expect(requests(socket).slice(2)).toEqual(['unsubscribe BTCUSDT', 'subscribe BTCUSDT', 'unsubscribe BTCUSDT']);
    expect(socket.closedByClient).toBe(false);
    socket.emit(btcSnapshot());
    socket.emit(ethDelta(ETH_ID + 2));
    await w.settle();
    expect(w.btc.session.book.empty).toBe(true);
    w.clock.advance(1_000);
    await w.settle();
    // Back on the open socket: subscribed at once.
    expect(requests(socket).slice(5)).toEqual(['subscribe BTCUSDT']);
    socket.emit(btcSnapshot());
    socket.emit(btcDelta());
    await w.settle();
    expect(book(w.btc)).toEqual(BTC_BOOK);
    expect(w.btc.status()).toMatchObject({ state: 'live', counters: { reconnects: 1 } });
    expect(w.eth.status()).toMatchObject({ state: 'live', counters: { updates: 2, resyncs: 0, reconnects: 0, errors: 0 } });
    expect(w.transport.sockets).toHaveLength(1);
  });

  it('stop one: it unsubscribes and the other stays live on the socket, which closes with the last', async () => {
    const w = world();
    const socket = await w.live();
    w.btc.stop();
    expect(requests(socket).slice(2)).toEqual(['unsubscribe BTCUSDT']);
    expect(socket.closedByClient).toBe(false);
    expect(w.btc.status().state).toBe('disabled');
    expect(w.btc.session.book.empty).toBe(true);
    socket.emit(ethDelta(ETH_ID + 2));
    await w.settle();
    expect(w.eth.status()).toMatchObject({ state: 'live', counters: { updates: 2, errors: 0 } });
    w.eth.stop();
    expect(requests(socket).slice(3)).toEqual(['unsubscribe ETHUSDT']);
    expect(socket.closedByClient).toBe(true);
  });

  it('reconnect both when the socket drops, each on its own backoff, and meet again on one socket', async () => {
    const w = world({}, 0.9);
    const first = await w.live();
    w.transport.drop(first, 1006);
    await w.settle();
    const now = w.clock.now();
    expect(w.btc.status()).toMatchObject({ state: 'reconnecting', nextAttemptAt: now + 1_000, reason: expect.stringMatching(/dropped without a close frame/) });
    expect(w.eth.status()).toMatchObject({ state: 'reconnecting', nextAttemptAt: now + 1_160 });
    expect(w.btc.session.book.empty && w.eth.session.book.empty).toBe(true);
    w.clock.advance(1_000);
    const second = w.transport.sockets[1]!;
    expect(w.transport.sockets).toHaveLength(2);
    second.open();
    await w.settle();
    expect(requests(second)).toEqual(['subscribe BTCUSDT']);
    w.clock.advance(160);
    await w.settle();
    // ETH came later and found the socket open: it joined it and subscribed at once.
    expect(w.transport.sockets).toHaveLength(2);
    expect(requests(second)).toEqual(['subscribe BTCUSDT', 'subscribe ETHUSDT']);
    for (const frame of [ethSnapshot(), btcSnapshot(), ethDelta(), btcDelta()]) second.emit(frame);
    await w.settle();
    expect(book(w.btc)).toEqual(BTC_BOOK);
    expect(book(w.eth)).toEqual(ETH_BOOK);
    expect(w.btc.status()).toMatchObject({ state: 'live', counters: { reconnects: 1 } });
    expect(w.eth.status()).toMatchObject({ state: 'live', counters: { reconnects: 1 } });
  });

  it('stay alive on frames that name no market; a market silent among the other frames goes stale, then rejoins alone', async () => {
    const w = world();
    const socket = await w.live();
    let u = ETH_ID + 2;
    /** `seconds` of ETH's deltas, one a second, and nothing for BTC. */
    const ethAlone = async (seconds: number): Promise<void> => {
      for (let k = 0; k < seconds; k++) {
        w.clock.advance(1_000);
        socket.emit(ethDelta(u++));
        await w.settle();
      }
    };
    await ethAlone(9);
    w.clock.advance(1_000);
    socket.emit(doc('pong-spot.json'));
    await w.settle();
    await ethAlone(14);
    // 24 s without a BTC frame, but the pong 14 s ago was heard by both.
    expect(w.btc.status().state).toBe('live');
    await ethAlone(1);
    expect(w.btc.status()).toMatchObject({ state: 'stale', reason: expect.stringMatching(/no data for 15/) });
    expect(w.eth.status().state).toBe('live');
    await ethAlone(45);
    expect(w.btc.status()).toMatchObject({ state: 'reconnecting', reason: expect.stringMatching(/no data for 60 s/) });
    expect(requests(socket).at(-1)).toBe('unsubscribe BTCUSDT');
    w.clock.advance(1_000);
    await w.settle();
    expect(requests(socket).at(-1)).toBe('subscribe BTCUSDT');
    expect(w.transport.sockets).toHaveLength(1);
    expect(w.eth.status()).toMatchObject({ state: 'live', counters: { resyncs: 0, reconnects: 0, errors: 0 } });
  });

  it('give an error that names no market to every market on the socket, as on a socket of its own', async () => {
    const w = world();
    const socket = await w.live();
    // Bybit documents no refusal: the documented answer with success false and a reason stands for one.
    const refusal = JSON.parse(doc('subscribe-response-spot.json')) as Record<string, unknown>;
    socket.emit(JSON.stringify({ ...refusal, success: false, ret_msg: 'error:handler not found' }));
    await w.settle();
    for (const link of [w.btc, w.eth]) expect(link.status()).toMatchObject({ state: 'live', lastError: 'Bybit says: subscribe refused: error:handler not found', counters: { errors: 1 } });
  });

  it('move together to a new socket before the venue cuts the old one at its age limit, counted from when the socket opened', async () => {
    const w = world({ maxConnectionAgeMs: 600_000, plannedReconnectMarginMs: 60_000, staleAfterMs: 600_000, deadAfterMs: 1_200_000 });
    w.btc.start();
    const old = w.transport.sockets[0]!;
    old.open();
    await w.settle();
    w.clock.advance(120_000);
    w.eth.start();
    await w.settle();
    expect(requests(old)).toEqual(['subscribe BTCUSDT', 'subscribe ETHUSDT']);
    w.clock.advance(420_000 - 1);
    expect(w.transport.sockets).toHaveLength(1);
    w.clock.advance(1);
    await w.settle();
    expect(requests(old)).toEqual(['subscribe BTCUSDT', 'subscribe ETHUSDT', 'unsubscribe BTCUSDT', 'unsubscribe ETHUSDT']);
    expect(old.closedByClient).toBe(true);
    expect(w.transport.sockets).toHaveLength(2);
    const fresh = w.transport.sockets[1]!;
    fresh.open();
    await w.settle();
    expect(requests(fresh)).toEqual(['subscribe BTCUSDT', 'subscribe ETHUSDT']);
    expect(w.eth.status().reason).toMatch(/planned reconnect/);
  });

  it('each have a socket of their own where no SharedSockets is under the transport', async () => {
    const clock = new FakeClock();
    const transport = new FakeTransport(clock);
    const links = ['BTC', 'ETH'].map((base) => new VenueLink(bybit, testMarket('bybit', base), transport, clock, { shareStream: true }));
    for (const link of links) link.start();
    expect(transport.sockets).toHaveLength(2);
    for (const socket of transport.sockets) socket.open();
    await transport.settle();
    expect(transport.sockets.map(requests)).toEqual([['subscribe BTCUSDT'], ['subscribe ETHUSDT']]);
  });
});
