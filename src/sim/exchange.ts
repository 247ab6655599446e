import { baseUnits, marketUnits } from '../market/contract-units';
import type { FeedId, Quote } from '../venues/types';
import { arbitrageBounds } from './arbitrage';
import { Drift } from './drift';
import { FairValues } from './fair-value';
import { feedsOf, type SimHostId } from './hosts';
import { SIM_LISTINGS, type SimListing } from './listings';
import { SimMarket, type SimChanges } from './market';
import { SIM_ASSETS, SIM_BASES, noiseOf, tradesOf } from './profiles';
import { seededRandom } from './random';
import { Takers } from './takers';
import type { PlantedWall, ProtocolFault, PulledWall, SimConnection, SimFeedMarkets, SimHttpResponse, SimTrade, SimVenue, WallPlace, WallRefusal } from './types';

/**
 * A venue's own noise around fair value, as a fraction of the price: about 0.13 bp, reverting within a second or
 * two, scaled by the feed's share (src/sim/profiles.ts); stablecoin books are tighter. Arbitrage
 * (src/sim/arbitrage.ts) keeps the noise from crossing venues.
 */
const NOISE = { sigma: 0.6e-5, reversion: 0.1 } as const;
const STABLE_NOISE = { sigma: 0.3e-5, reversion: 0.1 } as const;

/**
 * How often the arbitrageur is late for a step: the market then quotes where it likes for that step, and a cross
 * it makes stands until its next step or the next step of the market it crosses (never two late steps in a row),
 * as real crosses are rare and gone within a tick or two.
 */
const LATE = 0.001;

/** Most orders a burst (`printTrades`) sends at once. */
const MAX_BURST = 1000;

export interface SimExchangeOptions {
  /** The trade rate, as a multiple of each feed's normal rate (src/sim/profiles.ts); 1 by default. */
  readonly tradeSpeed?: number;
}

/** One side of one feed's market, by the venue's own market name: where a burst of trades is printed by hand. */
export interface TradePlace {
  readonly feed: FeedId;
  readonly symbol: string;
  readonly side: SimTrade['side'];
}

/** A trade printed by hand, as the venue sends it and in base units. */
export interface PrintedTrade {
  readonly id: number;
  /** In the market's own quote, as the venue sends it. */
  readonly price: string;
  /** As the venue sends it: in contracts where the market counts them. */
  readonly size: string;
  /** The size in base units. */
  readonly base: number;
}

/** A burst of trades printed by hand, oldest first: each order makes one trade per level it reaches. */
export interface PrintedTrades {
  readonly side: SimTrade['side'];
  readonly trades: readonly PrintedTrade[];
}

/** Why no trade was printed. */
export interface TradeRefusal {
  readonly error: string;
}

/** One listed market as the exchange moves it. */
interface Quoting {
  readonly listing: SimListing;
  readonly market: SimMarket;
  readonly host: SimHostId;
  readonly noise: Drift;
  readonly takers: Takers;
  /** The price the market followed on its last step. */
  followed?: number;
  /** The other feeds' books of the same asset and market kind: the arbitrage keeps this one off them. */
  peers: Quoting[];
  /** Whether the arbitrageur missed this market's last step. */
  late: boolean;
}

/**
 * Every simulated venue's markets and open connections, and the fair values they quote around. The same object
 * backs the loopback server, the worker's demo transport and the tests; the caller drives time with `tick` and
 * `heartbeat`.
 */
export class SimExchange {
  /** The truth: each base's dollar value, the stablecoins' rates and the perpetual basis, in time. */
  readonly fair: FairValues;
  private readonly venues = new Map<SimHostId, SimVenue>();
  private readonly markets = new Map<SimHostId, Map<FeedId, Map<string, SimMarket>>>();
  private readonly connections = new Map<SimHostId, Set<SimConnection>>();
  private readonly quoting: Quoting[] = [];
  private readonly random: () => number;
  /** The latest time the exchange was told of: REST answers are stamped with it. */
  private now = 0;
  /** The trade rate, as a multiple of each feed's normal rate: the books' own rate is the caller's ticks'. */
  tradeSpeed: number;

  constructor(venues: readonly SimVenue[], seed = 1, options: SimExchangeOptions = {}) {
    this.tradeSpeed = options.tradeSpeed ?? 1;
    this.fair = new FairValues(seed, new Map(SIM_BASES.map((base) => [base, SIM_ASSETS[base].usd])));
    this.random = seededRandom(seed ^ 0xa4b17a6e);
    let n = 0;
    for (const v of venues) {
      this.venues.set(v.host, v);
      this.connections.set(v.host, new Set());
      const byFeed = new Map<FeedId, Map<string, SimMarket>>();
      for (const feed of feedsOf(v.host)) {
        const markets = new Map<string, SimMarket>();
        for (const listing of SIM_LISTINGS[feed]) {
          const marketSeed = seed * 1000 + n++;
          const market = new SimMarket(listing.spec, marketSeed);
          markets.set(listing.market.symbol, market);
          const stable = listing.market.base === 'USDT' || listing.market.base === 'USDC';
          const { sigma, reversion } = stable ? STABLE_NOISE : NOISE;
          const noise = new Drift(0, sigma * noiseOf(feed), reversion);
          const takers = new Takers(tradesOf(feed), listing.spec.typicalSize, seededRandom(marketSeed ^ 0x7ade5));
          this.quoting.push({ listing, market, host: v.host, noise, takers, peers: [], late: false });
        }
        byFeed.set(feed, markets);
      }
      this.markets.set(v.host, byFeed);
    }
    for (const q of this.quoting) {
      const { base, kind } = q.listing.market;
      q.peers = this.quoting.filter((p) => p !== q && p.listing.market.base === base && p.listing.market.kind === kind);
    }
  }

  venue(host: SimHostId): SimVenue | undefined {
    return this.venues.get(host);
  }

  /** The truth for a feed's market, by the venue's market name. */
  market(feed: FeedId, symbol: string): SimMarket | undefined {
    for (const byFeed of this.markets.values()) {
      const market = byFeed.get(feed)?.get(symbol);
      if (market) return market;
    }
    return undefined;
  }

  /** What a feed lists here: its markets, when the exchange simulates the feed's host. */
  listings(feed: FeedId): readonly SimListing[] {
    return this.quoting.filter((q) => q.listing.market.feed === feed).map((q) => q.listing);
  }

  /** Dollars one unit of a quote currency is worth at `now`: the true rate every stablecoin book quotes around. */
  usdRate(quote: Quote, now: number): number {
    return this.fair.usd(quote, now);
  }

  /** Opens a simulated socket at a host's path; undefined when the host serves nothing there. */
  connect(host: SimHostId, path: string, send: (text: string) => void): SimConnection | undefined {
    const conn = this.venues.get(host)?.connect(path, this.feedMarkets(host), send);
    if (conn) this.connections.get(host)!.add(conn);
    return conn;
  }

  disconnect(host: SimHostId, conn: SimConnection): void {
    this.connections.get(host)?.delete(conn);
  }

  /** A host's REST answer, stamped (where the venue stamps its answers) `now`, by default the latest time told. */
  rest(host: SimHostId, path: string, query: URLSearchParams, now = this.now): SimHttpResponse {
    this.now = Math.max(this.now, now);
    const answer = this.venues.get(host)?.rest?.(path, query, this.feedMarkets(host), now);
    return answer ?? { status: 404, body: '{"error":"not found"}' };
  }

  /**
   * Moves every market of `feeds` (all by default) one step at `now`: first the takers' orders due since its last
   * step print their trades, taking liquidity from its book; then it quotes fair value converted into its own
   * quote currency (a perpetual at its basis), with its own noise, kept by arbitrage from crossing the other
   * venues' books of the same asset and kind. Its subscribers are told the trades, then the step's update, which
   * carries the levels the trades took.
   */
  tick(now: number, feeds?: readonly FeedId[]): void {
    this.now = Math.max(this.now, now);
    for (const q of this.quoting) {
      const { feed, base, quote, kind } = q.listing.market;
      if (feeds && !feeds.includes(feed)) continue;
      const quoteUsd = this.fair.usd(quote, now);
      const fair = (this.fair.usd(base, now) / quoteUsd) * (kind === 'perpetual' ? 1 + this.fair.basis(base, now) : 1);
      const followed = fair * (1 + q.noise.step(this.random));
      const orders = q.takers.orders(now, q.followed === undefined ? 0 : followed / q.followed - 1, this.tradeSpeed);
      q.followed = followed;
      this.tell(q, orders.flatMap((order) => q.market.trade(order.side, order.size, now)), now);
      q.market.follow(followed);
      const late = !q.late && this.random() < LATE;
      q.late = late;
      const peers = q.peers.map((p) => ({ book: p.market.book, quote: p.listing.market.quote, quoteUsd: this.fair.usd(p.listing.market.quote, now) }));
      this.publish(q, q.market.step(late ? undefined : arbitrageBounds(quote, quoteUsd, peers)), now);
    }
  }

  /**
   * Plants a wall of `size` base units `bps` from a market's mid (src/sim/market.ts plantWall), sent to its
   * subscribers at `now` as the venue's normal update; the market's steps keep it until it is pulled or its own
   * price reaches it.
   */
  plantWall(place: WallPlace, bps: number, size: number, now = this.now): PlantedWall | WallRefusal {
    const q = this.quotingAt(place);
    if (!q) return { error: `no simulated market ${place.symbol} on ${place.feed}` };
    const units = q.listing.market;
    // An inverse market's size for `size` base units depends on the price: the wall's, `bps` from the mid (to a tick).
    const mid = q.market.book.mid() ?? 0;
    const planted = q.market.plantWall(place.side, bps, marketUnits(units, size, mid * (1 + ((place.side === 'bid' ? -1 : 1) * bps) / 10_000)));
    if ('refused' in planted) return { error: planted.refused };
    this.now = Math.max(this.now, now);
    this.publish(q, planted.changes, now);
    return { price: planted.price, size: planted.size, base: baseUnits(units, Number(planted.size), Number(planted.price)), bps: planted.bps };
  }

  /** Removes a market's planted wall in one update sent at `now`, wherever its price is. */
  pullWall(place: WallPlace, now = this.now): PulledWall | WallRefusal {
    const q = this.quotingAt(place);
    const price = q?.market.wall(place.side);
    if (!q || price === undefined) return { error: `no wall stands on the ${place.side} side of ${place.symbol} on ${place.feed}` };
    const mid = q.market.book.mid()!;
    this.now = Math.max(this.now, now);
    this.publish(q, q.market.pullWall(place.side)!, now);
    return { price, bps: (Math.abs(Number(price) - mid) / mid) * 10_000 };
  }

  /**
   * Prints a burst at `now`: `count` orders of `size` base units each on one side of a market, one after the
   * other, taking its book's liquidity (src/sim/market.ts trade); its subscribers are told the trades, then one
   * update with the levels they took.
   */
  printTrades(place: TradePlace, count: number, size: number, now = this.now): PrintedTrades | TradeRefusal {
    const q = this.quotingAt(place);
    if (!q) return { error: `no simulated market ${place.symbol} on ${place.feed}` };
    if (!Number.isInteger(count) || count < 1 || count > MAX_BURST) return { error: `count must be a whole number from 1 to ${MAX_BURST}, not ${count}` };
    if (!(size > 0) || !Number.isFinite(size)) return { error: `size must be a number of base units above 0, not ${size}` };
    const units = q.listing.market;
    const trades: SimTrade[] = [];
    for (let i = 0; i < count; i++) trades.push(...q.market.trade(place.side, marketUnits(units, size, q.market.book.mid() ?? 0), now));
    this.now = Math.max(this.now, now);
    this.tell(q, trades, now);
    this.publish(q, q.market.flush(), now);
    const { priceDecimals, sizeDecimals } = q.market;
    return {
      side: place.side,
      trades: trades.map((t) => ({ id: t.id, price: t.price.toFixed(priceDecimals), size: t.size.toFixed(sizeDecimals), base: baseUnits(units, t.size, t.price) })),
    };
  }

  heartbeat(now: number): void {
    this.now = Math.max(this.now, now);
    for (const conns of this.connections.values()) for (const conn of conns) conn.heartbeat(now);
  }

  /** Arms a protocol fault on every open connection of a host; false when none could play it. */
  fault(host: SimHostId, fault: ProtocolFault): boolean {
    let armed = false;
    for (const conn of this.connections.get(host) ?? []) armed = conn.fault(fault) || armed;
    return armed;
  }

  /** Tells a market's subscribers of its changes. */
  private publish(q: Quoting, changes: SimChanges, now: number): void {
    for (const conn of this.connections.get(q.host)!) conn.update(q.market, changes, now);
  }

  /** Tells a market's subscribers of the trades it printed, if any. */
  private tell(q: Quoting, trades: readonly SimTrade[], now: number): void {
    if (!trades.length) return;
    for (const conn of this.connections.get(q.host)!) conn.trades(q.market, trades, now);
  }

  private quotingAt(place: WallPlace | TradePlace): Quoting | undefined {
    return this.quoting.find((q) => q.listing.market.feed === place.feed && q.listing.market.symbol === place.symbol);
  }

  private feedMarkets(host: SimHostId): SimFeedMarkets {
    return this.markets.get(host)!;
  }
}
