import { describe, expect, it } from 'vitest';
import { marketOf } from '../../../src/catalog/types';
import { FeedSession } from '../../../src/feed/session';
import { SimExchange } from '../../../src/sim/exchange';
import { feedsOf, simHostOf, type SimHostId } from '../../../src/sim/hosts';
import { simCatalog } from '../../../src/sim/listings';
import { SIM_VENUES } from '../../../src/sim/venues';
import { PROTOCOLS } from '../../../src/venues';
import type { Effect, FeedId, Market } from '../../../src/venues/types';
import { topOf } from '../../helpers/books';

type Frame = Record<string, unknown>;

/** A socket of one simulated host, its frames parsed, and a clock driving the host's feeds. */
function socket(host: SimHostId, path: string, seed = 5) {
  const exchange = new SimExchange(SIM_VENUES, seed);
  const frames: string[] = [];
  const conn = exchange.connect(host, path, (text) => frames.push(text));
  if (!conn) throw new Error(`the simulated ${host} serves no socket at ${path}`);
  let now = 1_764_000_000_000;
  return {
    exchange,
    conn,
    frames,
    send: (text: string): void => conn.receive(text, now),
    /** Moves the host's markets `steps` times and returns the frames sent meanwhile, parsed (text frames as strings). */
    run(steps: number): (Frame | string)[] {
      const from = frames.length;
      for (let i = 0; i < steps; i++) {
        now += 100;
        exchange.tick(now, feedsOf(host));
      }
      return frames.slice(from).map((t) => (t.startsWith('{') ? (JSON.parse(t) as Frame) : t));
    },
  };
}

/**
 * Each venue's documented way to follow two markets on one socket and to leave one, and where each of its book
 * frames names its market. The requests are the venues' documented forms, written out here, not our client's.
 */
interface Multiplexed {
  readonly host: SimHostId;
  readonly path: string;
  readonly symbols: readonly [string, string];
  readonly subscribe: readonly string[];
  readonly unsubscribeFirst: string;
  /** The market a book frame is about; undefined for acknowledgements, heartbeats and the like. */
  readonly about: (frame: Frame) => string | undefined;
}

const binanceStyle = (host: SimHostId, path: string, symbols: readonly [string, string]): Multiplexed => ({
  host,
  path,
  symbols,
  subscribe: [JSON.stringify({ method: 'SUBSCRIBE', params: symbols.map((s) => `${s.toLowerCase()}@depth@100ms`), id: 1 })],
  unsubscribeFirst: JSON.stringify({ method: 'UNSUBSCRIBE', params: [`${symbols[0].toLowerCase()}@depth@100ms`], id: 2 }),
  about: (f) => (f.e === 'depthUpdate' ? String(f.s) : undefined),
});

const bybitStyle = (path: string, symbols: readonly [string, string]): Multiplexed => ({
  host: 'bybit',
  path,
  symbols,
  subscribe: [JSON.stringify({ op: 'subscribe', args: symbols.map((s) => `orderbook.50.${s}`), req_id: 'a' })],
  unsubscribeFirst: JSON.stringify({ op: 'unsubscribe', args: [`orderbook.50.${symbols[0]}`], req_id: 'b' }),
  about: (f) => (typeof f.topic === 'string' ? String((f.data as Frame).s) : undefined),
});

const bingxStyle = (host: SimHostId, path: string, symbols: readonly [string, string]): Multiplexed => ({
  host,
  path,
  symbols,
  subscribe: symbols.map((s, k) => JSON.stringify({ id: `sub-${k}`, reqType: 'sub', dataType: `${s}@incrDepth` })),
  unsubscribeFirst: JSON.stringify({ id: 'unsub', reqType: 'unsub', dataType: `${symbols[0]}@incrDepth` }),
  about: (f) => (f.data && typeof f.dataType === 'string' ? f.dataType.split('@')[0] : undefined),
});

const MULTIPLEXED: readonly Multiplexed[] = [
  binanceStyle('binance', '/ws', ['BTCUSDT', 'USDCUSDT']),
  binanceStyle('binance-usdm', '/public/ws', ['BTCUSDT', 'ETHUSDT']),
  binanceStyle('asterdex', '/ws', ['BTCUSDT', 'SOLUSDT']),
  {
    host: 'kraken',
    path: '/v2',
    symbols: ['BTC/USD', 'USDT/USD'],
    subscribe: [JSON.stringify({ method: 'subscribe', params: { channel: 'book', symbol: ['BTC/USD', 'USDT/USD'], depth: 10 } })],
    unsubscribeFirst: JSON.stringify({ method: 'unsubscribe', params: { channel: 'book', symbol: ['BTC/USD'], depth: 10 } }),
    about: (f) => (f.channel === 'book' ? String((f.data as Frame[])[0]!.symbol) : undefined),
  },
  {
    host: 'coinbase',
    path: '/',
    symbols: ['BTC-USD', 'USDT-USD'],
    subscribe: [JSON.stringify({ type: 'subscribe', product_ids: ['BTC-USD', 'USDT-USD'], channel: 'level2' })],
    unsubscribeFirst: JSON.stringify({ type: 'unsubscribe', product_ids: ['BTC-USD'], channel: 'level2' }),
    about: (f) => (f.channel === 'l2_data' ? String((f.events as Frame[])[0]!.product_id) : undefined),
  },
  {
    host: 'okx',
    path: '/ws/v5/public',
    symbols: ['BTC-USDT', 'BTC-USDT-SWAP'],
    subscribe: [JSON.stringify({ op: 'subscribe', args: [{ channel: 'books', instId: 'BTC-USDT' }, { channel: 'books', instId: 'BTC-USDT-SWAP' }] })],
    unsubscribeFirst: JSON.stringify({ op: 'unsubscribe', args: [{ channel: 'books', instId: 'BTC-USDT' }] }),
    about: (f) => (f.data ? String((f.arg as Frame).instId) : undefined),
  },
  bybitStyle('/v5/public/spot', ['BTCUSDT', 'ETHUSDT']),
  bybitStyle('/v5/public/linear', ['BTCUSDT', 'XRPUSDT']),
  bingxStyle('bingx', '/market', ['BTC-USDT', 'PEPE-USDT']),
  bingxStyle('bingx-swap', '/swap-market', ['BTC-USDT', 'DOGE-USDT']),
];

describe('several markets on one simulated socket, as each venue documents it', () => {
  for (const m of MULTIPLEXED) {
    it(`${m.host} ${m.path}: both markets' frames arrive, each naming its market, until one is left`, () => {
      const s = socket(m.host, m.path);
      for (const request of m.subscribe) s.send(request);
      const before = s.run(20).filter((f): f is Frame => typeof f === 'object');
      const named = before.map(m.about).filter((x) => x !== undefined);
      for (const symbol of m.symbols) expect(named, symbol).toContain(symbol);
      expect(new Set(named)).toEqual(new Set(m.symbols));

      s.send(m.unsubscribeFirst);
      const after = s.run(20).filter((f): f is Frame => typeof f === 'object').map(m.about).filter((x) => x !== undefined);
      expect(after).not.toContain(m.symbols[0]);
      expect(after).toContain(m.symbols[1]);
    });
  }

  it('Binance: the socket lists its streams, and wraps events as combined ones once asked, as /stream does from the start', () => {
    const raw = socket('binance', '/ws');
    raw.send('{"method":"SUBSCRIBE","params":["btcusdt@depth@100ms","ethusdt@depth20@100ms"],"id":7}');
    raw.send('{"method":"LIST_SUBSCRIPTIONS","id":8}');
    raw.send('{"method":"SET_PROPERTY","params":["combined",true],"id":9}');
    raw.send('{"method":"GET_PROPERTY","params":["combined"],"id":10}');
    const answers = raw.frames.map((t) => JSON.parse(t) as Frame);
    expect(answers).toEqual([
      { result: null, id: 7 },
      { result: ['btcusdt@depth@100ms', 'ethusdt@depth20@100ms'], id: 8 },
      { result: null, id: 9 },
      { result: true, id: 10 },
    ]);
    const wrapped = raw.run(3) as Frame[];
    expect(new Set(wrapped.map((f) => f.stream))).toEqual(new Set(['btcusdt@depth@100ms', 'ethusdt@depth20@100ms']));
    expect(wrapped.find((f) => f.stream === 'btcusdt@depth@100ms')!.data).toMatchObject({ e: 'depthUpdate', s: 'BTCUSDT' });

    const combined = socket('binance', '/stream?streams=btcusdt@depth@100ms/ethusdt@depth@100ms');
    const events = combined.run(3) as Frame[];
    expect(new Set(events.map((f) => f.stream))).toEqual(new Set(['btcusdt@depth@100ms', 'ethusdt@depth@100ms']));
  });

  it('Binance: the per-symbol URL of older clients and recordings still opens its stream; an unlisted market is refused', () => {
    const single = socket('binance', '/ws/btcusdt@depth@100ms');
    const events = single.run(3) as Frame[];
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((f) => f.e === 'depthUpdate' && f.s === 'BTCUSDT')).toBe(true);
    expect(() => socket('binance', '/ws/nopeusdt@depth@100ms')).toThrow(/serves no socket/);
    expect(() => socket('binance-usdm', '/market/ws/btcusdt@depth@100ms')).toThrow(/serves no socket/);
  });
});

/** A client session per market, all on one socket of the market's host, every frame handed to every session. */
function sharedSocket(markets: readonly Market[], seed = 9) {
  const host = simHostOf(markets[0]!.feed);
  const exchange = new SimExchange(SIM_VENUES, seed);
  const protocol = PROTOCOLS[markets[0]!.feed];
  const url = new URL(protocol.streamUrl(markets[0]!, protocol.endpoints));
  const inbox: string[] = [];
  const conn = exchange.connect(host, url.pathname + url.search, (text) => inbox.push(text))!;
  const sessions = markets.map((market) => ({ market, session: new FeedSession(PROTOCOLS[market.feed], market) }));
  let now = 1_764_000_000_000;
  const run = (session: FeedSession, effects: readonly Effect[]): void => {
    for (const effect of effects) {
      if (effect.type === 'send') conn.receive(effect.text, now);
      else if (effect.type === 'fetch') {
        const u = new URL(effect.url);
        const answer = exchange.rest(host, u.pathname, u.searchParams);
        run(session, session.rest(effect.url, answer.status, answer.body, now));
      } else throw new Error(`unexpected ${effect.type}`);
    }
  };
  const deliver = (): void => {
    while (inbox.length) {
      const text = inbox.shift()!;
      for (const { session } of sessions) run(session, session.frame(text, now));
    }
  };
  for (const { session } of sessions) run(session, session.open());
  deliver();
  return {
    sessions,
    truth: (market: Market) => exchange.market(market.feed, market.symbol)!,
    steps(n: number): void {
      for (let i = 0; i < n; i++) {
        now += 100;
        exchange.tick(now, [...new Set(markets.map((m) => m.feed))]);
        deliver();
      }
    },
  };
}

describe("the client's sessions sharing one simulated socket", () => {
  const pick = (feed: FeedId, base: string, quote?: Market['quote']): Market => {
    const catalog = simCatalog();
    return (quote ? catalog[feed]!.markets.find((m) => m.base === base && m.quote === quote) : marketOf(catalog, feed, base))!;
  };
  const SHARED: readonly (readonly Market[])[] = [
    [pick('binance', 'BTC'), pick('binance', 'USDC', 'USDT')],
    [pick('kraken', 'BTC'), pick('kraken', 'USDT'), pick('kraken', 'USDC')],
    [pick('coinbase', 'ETH'), pick('coinbase', 'USDT')],
    [pick('okx', 'BTC'), pick('okx-swap', 'BTC'), pick('okx', 'USDC', 'USDT')],
    [pick('bybit', 'BTC'), pick('bybit', 'SOL')],
    [pick('bingx', 'BTC'), pick('bingx', 'XRP')],
  ];
  for (const markets of SHARED) {
    it(`${markets.map((m) => `${m.feed} ${m.symbol}`).join(', ')}: every book equals the simulator's`, () => {
      const shared = sharedSocket(markets);
      shared.steps(40);
      for (const { market, session } of shared.sessions) {
        expect(session.state, market.symbol).toBe('live');
        expect(session.stats.gaps, market.symbol).toBe(0);
        const depth = Math.min(PROTOCOLS[market.feed].depth ?? 50, 50);
        expect(topOf(session.book, depth), market.symbol).toEqual(topOf(shared.truth(market).book, depth));
      }
    });
  }
});
