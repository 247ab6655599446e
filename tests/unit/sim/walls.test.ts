import { describe, expect, it } from 'vitest';
import { baseUnits } from '../../../src/market/contract-units';
import { SimExchange } from '../../../src/sim/exchange';
import { SIM_LISTINGS } from '../../../src/sim/listings';
import { SimMarket, type SideName } from '../../../src/sim/market';
import type { PlantedWall, PulledWall, WallRefusal } from '../../../src/sim/types';
import { SIM_VENUES } from '../../../src/sim/venues';
import { PROTOCOLS } from '../../../src/venues';
import { FEED_IDS, type FeedId, type VenueId, type VenueMessage } from '../../../src/venues/types';
import { topOf } from '../../helpers/books';
import { documented } from '../../helpers/documented';
import { shapeDifferences } from '../../helpers/shape';
import { simClient, type SimClient } from './sim-client';

type Update = Extract<VenueMessage, { type: 'update' }>;

/**
 * Each feed's documented update message (tests/fixtures/<venue>/docs/, sources in SOURCE.md beside them): a wall
 * planted or pulled must reach a subscriber as one of these, like any step of the market. `ignore`: fields whose
 * keys are data (BingX spot's sides are maps keyed by price).
 */
const DOCUMENTED_UPDATE: Readonly<
  Partial<Record<FeedId, { readonly venue: VenueId; readonly file: string; readonly ignore?: readonly string[]; readonly part?: (frame: Record<string, unknown>) => unknown }>>
> = {
  binance: { venue: 'binance', file: 'depth-update.json' },
  'binance-usdm': { venue: 'binance', file: 'usdm-depth-update.json' },
  kraken: { venue: 'kraken', file: 'update.json' },
  // Coinbase documents level2 by one example, a snapshot; an update has its shape with "type": "update".
  coinbase: { venue: 'coinbase', file: 'level2-snapshot.json', ignore: ['client_id'] },
  bingx: { venue: 'bingx', file: 'incrdepth-update-spot-shape.json', ignore: ['data.bids', 'data.asks'] },
  'bingx-swap': { venue: 'bingx', file: 'incrdepth-update-swap-page.json' },
  okx: { venue: 'okx', file: 'ws-books-update.json' },
  'okx-swap': { venue: 'okx', file: 'ws-books-update.json' },
  bybit: { venue: 'bybit', file: 'delta.json' },
  'bybit-linear': { venue: 'bybit', file: 'delta.json' },
  cryptocom: { venue: 'cryptocom', file: 'book-update.json' },
  'cryptocom-perp': { venue: 'cryptocom', file: 'book-update.json' },
  asterdex: { venue: 'asterdex', file: 'depth-update.json' },
  // Bitget prints only a books5 push; its update on `books`, built from it (tests/fixtures/bitget/SOURCE.md).
  bitget: { venue: 'bitget', file: 'ws-books-update-spot-shape.json' },
  'bitget-futures': { venue: 'bitget', file: 'ws-books-update-futures-shape.json' },
  // Gate's V2 updates leave out a side with no change (the docs' futures update lists bids only).
  gate: { venue: 'gate', file: 'spot-obu-update.json', ignore: ['result.a', 'result.b'] },
  'gate-futures': { venue: 'gate', file: 'futures-obu-update.json', ignore: ['result.a', 'result.b'] },
  // Bulk updates (conf flag 536870912) list their levels as the snapshot does.
  bitfinex: { venue: 'bitfinex', file: 'book-snapshot.json' },
  'bitfinex-perp': { venue: 'bitfinex', file: 'book-snapshot.json' },
  // Deribit prints a book notification's data alone, and only the snapshot's: a change adds prev_change_id.
  deribit: { venue: 'deribit', file: 'book-snapshot.json', part: deribitData, ignore: ['data.prev_change_id'] },
  'deribit-spot': { venue: 'deribit', file: 'book-snapshot.json', part: deribitData, ignore: ['data.prev_change_id'] },
};

/** A Deribit notification as its documentation prints one: `{"data": ...}`. */
function deribitData(frame: Record<string, unknown>): unknown {
  return { data: (frame.params as Record<string, unknown>).data };
}

/** Feeds whose venue sends updates: a venue that sends only whole top-N books (Hyperliquid) has none to carry a wall. */
const UPDATING_FEEDS = FEED_IDS.filter((feed) => PROTOCOLS[feed].onlyPartial === undefined);

/**
 * Feeds whose venue sends only its top `depth` levels of the simulator's deeper book (Crypto.com's 50): a wall
 * planted below them reaches no subscriber, and one planted within them is soon traded, the top being a few ticks.
 */
const TOP_ONLY_FEEDS = UPDATING_FEEDS.filter((feed) => (PROTOCOLS[feed].depth ?? Infinity) < Math.min(...SIM_LISTINGS[feed].map((l) => l.spec.depth)));

const T0 = 1_764_000_000_000;
/** Base units: a hundred times a large venue's typical BTC level, far above anything the market quotes itself. */
const WALL_BTC = 40;

/** The frames of `frames` that carry book levels: a checksum the venue sends apart (Bitfinex's "cs") carries none. */
const levelFrames = (client: SimClient, frames: readonly string[]): string[] =>
  frames.filter((text) => client.parse(text).some((m) => m.type === 'update' && m.bids.length + m.asks.length > 0));

const refused = (answer: PlantedWall | PulledWall | WallRefusal): string | undefined => ('error' in answer ? answer.error : undefined);

/** The size a book holds at `price` on `side`, undefined when it has no level there. */
function sizeAt(book: SimClient['session']['book'] | SimMarket['book'], side: SideName, price: string): number | undefined {
  const levels = (side === 'bid' ? book.bids : book.asks).top(Number.POSITIVE_INFINITY);
  return levels.find(([p]) => p === Number(price))?.[1];
}

/** How far the side's last level is from the market's mid, in bps: a wall at half of it has levels either side. */
function reach(market: SimMarket, side: SideName): number {
  const mid = market.book.mid()!;
  const levels = side === 'bid' ? market.book.bids : market.book.asks;
  return (Math.abs(levels.priceAt(levels.length - 1)! - mid) / mid) * 10_000;
}

/** A simulated exchange moving one feed, with clients of its BTC market that join when asked. */
function exchangeOf(feed: FeedId) {
  const exchange = new SimExchange(SIM_VENUES, 8);
  let now = T0;
  const clients: SimClient[] = [];
  const join = (): SimClient => {
    const client = simClient(exchange, feed, 'BTC', () => now);
    clients.push(client);
    client.deliver();
    return client;
  };
  const first = join();
  const truth = exchange.market(feed, first.market.symbol)!;
  return {
    exchange,
    truth,
    clients,
    join,
    place: (side: SideName) => ({ feed, symbol: first.market.symbol, side }),
    now: () => now,
    step(): void {
      now += 100;
      exchange.tick(now, [feed]);
      for (const c of clients) c.deliver();
    },
    /** Delivers what the exchange sent since the last step and returns the first client's frames of it, as sent. */
    deliver(): string[] {
      const sent: string[] = [];
      clients[0]!.deliver((text) => sent.push(text));
      for (const c of clients.slice(1)) c.deliver();
      return sent;
    },
  };
}

describe('a wall planted on a simulated market, as every subscriber receives it', () => {
  for (const feed of UPDATING_FEEDS.filter((f) => !TOP_ONLY_FEEDS.includes(f))) {
    it(`${feed}: one documented update carries it alone; it stands through the steps; one update pulls it; every book stays the truth`, () => {
      const x = exchangeOf(feed);
      for (let i = 0; i < 5; i++) x.step();
      const { venue, file, ignore, part } = DOCUMENTED_UPDATE[feed]!;
      const doc = JSON.parse(documented(venue, file)) as unknown;
      const first = x.clients[0]!;
      expect(first.session.state).toBe('live');

      const planted = x.exchange.plantWall(x.place('bid'), reach(x.truth, 'bid') / 2, WALL_BTC, x.now());
      expect(refused(planted)).toBeUndefined();
      const wall = planted as PlantedWall;
      // In whole contracts of quote units (an inverse market) a size can only come within a contract of the base asked.
      if (first.market.inverse) expect(Math.abs(wall.base / WALL_BTC - 1)).toBeLessThan(1e-4);
      else expect(wall.base).toBeCloseTo(WALL_BTC, 9);
      expect(baseUnits(first.market, Number(wall.size), Number(wall.price))).toBeCloseTo(wall.base, 9);
      const plantFrames = levelFrames(first, x.deliver());
      expect(plantFrames).toHaveLength(1);
      const frame = JSON.parse(plantFrames[0]!) as Record<string, unknown>;
      expect(shapeDifferences(part ? part(frame) : frame, doc, ignore)).toEqual([]);
      const [update] = first.parse(plantFrames[0]!).filter((m): m is Update => m.type === 'update');
      expect(update!.bids.map(([p, q]) => [Number(p), Number(q)])).toEqual([[Number(wall.price), Number(wall.size)]]);
      expect(update!.asks).toEqual([]);

      // A subscriber from before and one that joins now hold it; the market's own steps never resize or remove it.
      const late = x.join();
      for (let i = 0; i < 40; i++) {
        x.step();
        expect(sizeAt(x.truth.book, 'bid', wall.price), `step ${i}`).toBe(Number(wall.size));
      }
      for (const c of [first, late]) {
        expect(c.session.state).toBe('live');
        expect(sizeAt(c.session.book, 'bid', wall.price)).toBe(Number(wall.size));
        expect(topOf(c.session.book, 1000)).toEqual(topOf(x.truth.book, 1000));
      }

      const pulled = x.exchange.pullWall(x.place('bid'), x.now());
      expect(refused(pulled)).toBeUndefined();
      expect((pulled as PulledWall).price).toBe(wall.price);
      const pullFrames = levelFrames(first, x.deliver());
      expect(pullFrames).toHaveLength(1);
      const pullFrame = JSON.parse(pullFrames[0]!) as Record<string, unknown>;
      expect(shapeDifferences(part ? part(pullFrame) : pullFrame, doc, ignore)).toEqual([]);
      const [removal] = first.parse(pullFrames[0]!).filter((m): m is Update => m.type === 'update');
      expect(removal!.bids.map(([p, q]) => [Number(p), Number(q)])).toEqual([[Number(wall.price), 0]]);
      expect(removal!.asks).toEqual([]);
      for (const c of [first, late]) expect(sizeAt(c.session.book, 'bid', wall.price)).toBeUndefined();
      expect(sizeAt(x.truth.book, 'bid', wall.price)).toBeUndefined();

      for (let i = 0; i < 10; i++) x.step();
      for (const c of [first, late]) {
        expect(c.session.state).toBe('live');
        expect(c.session.stats.gaps).toBe(0);
        expect(c.session.stats.checksums.failed).toBe(0);
        expect(c.session.stats.resyncs).toBe(0);
        expect(topOf(c.session.book, 1000)).toEqual(topOf(x.truth.book, 1000));
      }
    });
  }

  for (const feed of TOP_ONLY_FEEDS) {
    it(`${feed}: below the top levels the venue sends, a wall reaches no subscriber; every book stays the truth's top`, () => {
      const x = exchangeOf(feed);
      for (let i = 0; i < 5; i++) x.step();
      const first = x.clients[0]!;
      const shown = first.protocol.depth!;
      const planted = x.exchange.plantWall(x.place('bid'), reach(x.truth, 'bid') / 2, WALL_BTC, x.now());
      expect(refused(planted)).toBeUndefined();
      expect(levelFrames(first, x.deliver())).toEqual([]);
      expect(sizeAt(x.truth.book, 'bid', (planted as PlantedWall).price)).toBe(Number((planted as PlantedWall).size));
      expect(sizeAt(first.session.book, 'bid', (planted as PlantedWall).price)).toBeUndefined();
      expect(refused(x.exchange.pullWall(x.place('bid'), x.now()))).toBeUndefined();
      expect(levelFrames(first, x.deliver())).toEqual([]);
      for (let i = 0; i < 10; i++) x.step();
      expect(first.session.stats).toMatchObject({ gaps: 0, resyncs: 0 });
      expect(topOf(first.session.book, shown)).toEqual(topOf(x.truth.book, shown));
    });
  }

  it('an ask wall on OKX SWAP is sized in contracts on the wire and in base units in the answer', () => {
    const x = exchangeOf('okx-swap');
    x.step();
    const wall = x.exchange.plantWall(x.place('ask'), reach(x.truth, 'ask') / 2, 25, x.now()) as PlantedWall;
    // BTC-USDT-SWAP's contract is 0.01 BTC (ctVal in OKX's instruments list).
    expect(Number(wall.size)).toBe(2500);
    expect(wall.base).toBeCloseTo(25, 9);
    x.deliver();
    expect(sizeAt(x.clients[0]!.session.book, 'ask', wall.price)).toBe(2500);
    expect(Number(wall.price)).toBeGreaterThan(x.truth.book.asks.priceAt(0)!);
  });

  it('beyond the end of the book (OKX BTC-USDT 30 bps below mid) it rests alone, held by every subscriber', () => {
    const x = exchangeOf('okx');
    x.step();
    expect(reach(x.truth, 'bid')).toBeLessThan(30);
    const wall = x.exchange.plantWall(x.place('bid'), 30, WALL_BTC, x.now()) as PlantedWall;
    expect(wall.bps).toBeGreaterThanOrEqual(30);
    const late = x.join();
    for (let i = 0; i < 100; i++) x.step();
    expect(sizeAt(x.truth.book, 'bid', wall.price)).toBe(WALL_BTC);
    for (const c of [x.clients[0]!, late]) {
      expect(sizeAt(c.session.book, 'bid', wall.price)).toBe(WALL_BTC);
      expect(topOf(c.session.book, 1000)).toEqual(topOf(x.truth.book, 1000));
    }
  });

  it('is refused inside the spread, at no price, on an unknown market, and a pull with no wall sends nothing', () => {
    const x = exchangeOf('binance');
    x.step();
    const before = x.truth.lastUpdateId;
    expect(refused(x.exchange.plantWall(x.place('bid'), 0, 10))).toMatch(/above 0/);
    expect(refused(x.exchange.plantWall(x.place('ask'), 1e-9, 10))).toMatch(/inside the spread/);
    expect(refused(x.exchange.plantWall(x.place('bid'), 10_000, 10))).toMatch(/no price/);
    expect(refused(x.exchange.plantWall(x.place('bid'), 5, 0))).toMatch(/above 0/);
    expect(refused(x.exchange.plantWall({ feed: 'binance', symbol: 'NOPEUSDT', side: 'bid' }, 5, 10))).toMatch(/no simulated market/);
    expect(refused(x.exchange.pullWall(x.place('ask')))).toMatch(/no wall stands/);
    expect(x.truth.lastUpdateId).toBe(before);
    expect(x.deliver()).toEqual([]);
  });

  it('planting again on a side moves the wall: the old level goes in the same update', () => {
    const x = exchangeOf('kraken');
    x.step();
    const far = reach(x.truth, 'ask');
    const one = x.exchange.plantWall(x.place('ask'), far / 2, 5) as PlantedWall;
    const two = x.exchange.plantWall(x.place('ask'), far / 3, 7) as PlantedWall;
    const [update] = x.clients[0]!.parse(x.deliver().at(-1)!).filter((m): m is Update => m.type === 'update');
    // Kraken lists an update's levels by price.
    expect(update!.asks.map(([p, q]) => [Number(p), Number(q)])).toEqual([
      [Number(two.price), 7],
      [Number(one.price), 0],
    ]);
    expect(x.truth.wall('ask')).toBe(two.price);
    expect(topOf(x.clients[0]!.session.book, 1000)).toEqual(topOf(x.truth.book, 1000));
  });
});

describe('a planted wall and the market around it', () => {
  const spec = { mid: 91_000, tick: 0.1, lot: 0.0001, depth: 300, typicalSize: 0.3 };
  const market = (): SimMarket => {
    const m = new SimMarket(spec, 21);
    m.follow(spec.mid);
    m.step();
    return m;
  };

  it('arbitrage never takes it: bounded below it by another venue\'s ask, the market keeps the wall as its best bid', () => {
    const m = market();
    const wall = m.plantWall('bid', 3, 50);
    if ('refused' in wall) throw new Error(wall.refused);
    const price = Number(wall.price);
    for (let i = 0; i < 5; i++) m.step({ below: price - 20 });
    expect(m.book.bids.priceAt(0)).toBe(price);
    expect(m.book.bids.sizeAt(0)).toBe(50);
    expect(m.wall('bid')).toBe(wall.price);
    expect(m.book.asks.priceAt(0)!).toBeGreaterThan(price);
  });

  it('the market\'s own steps never resize or remove it, near the top or once the price left it the deepest bid', () => {
    const m = market();
    // Among the top levels, where most of the market's own changes are made.
    const wall = m.plantWall('bid', ((m.book.mid()! - m.book.bids.priceAt(3)!) / m.book.mid()!) * 10_000, 50);
    if ('refused' in wall) throw new Error(wall.refused);
    let deepest = 0;
    for (let i = 0; i < 3000; i++) {
      // A calm minute around the price, then a rise of 40 bps that leaves the wall the deepest bid.
      m.follow(spec.mid * (1 + Math.max(0, i - 1000) * 2e-6));
      m.step();
      expect(sizeAt(m.book, 'bid', wall.price), `step ${i}`).toBe(50);
      if (m.book.bids.priceAt(m.book.bids.length - 1) === Number(wall.price)) deepest++;
    }
    expect(deepest).toBeGreaterThan(100);
    expect(m.book.bids.length).toBeLessThanOrEqual(spec.depth + 10);
  });

  it("the makers' own price reaching it trades it: the level goes and the wall is planted no more", () => {
    const m = market();
    const wall = m.plantWall('ask', 3, 50);
    if ('refused' in wall) throw new Error(wall.refused);
    m.follow(Number(wall.price) + 10);
    const changes = m.step();
    expect(changes.asks).toContainEqual([wall.price, (0).toFixed(m.sizeDecimals)]);
    expect(m.wall('ask')).toBeUndefined();
    expect(m.pullWall('ask')).toBeUndefined();
    expect(m.book.bids.priceAt(0)!).toBeLessThan(m.book.asks.priceAt(0)!);
  });

});
