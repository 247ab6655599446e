import { BASE_ASSETS, type BaseAsset } from '../venues/assets';
import { PROTOCOLS } from '../venues';
import type { VenueId } from '../venues/types';
import { SimMarket } from './market';
import { FairValues } from './fair-value';
import { simSpec } from './specs';
import type { ProtocolFault, SimConnection, SimHttpResponse, SimVenue } from './types';

/**
 * Every simulated venue's markets and open connections. The same object backs the loopback server, the
 * worker's demo transport and the tests; the caller drives time with `tick` and `heartbeat`.
 */
export class SimExchange {
  private readonly venues = new Map<VenueId, SimVenue>();
  private readonly markets = new Map<VenueId, Map<string, SimMarket>>();
  private readonly connections = new Map<VenueId, Set<SimConnection>>();
  private readonly baseOf = new Map<SimMarket, BaseAsset>();
  private readonly fair: FairValues;

  constructor(venues: readonly SimVenue[], seed = 1) {
    this.fair = new FairValues(seed, new Map(BASE_ASSETS.map((base) => [base, simSpec('binance', base).mid])));
    let n = 0;
    for (const v of venues) {
      this.venues.set(v.venue, v);
      this.connections.set(v.venue, new Set());
      const protocol = PROTOCOLS[v.venue];
      const markets = new Map<string, SimMarket>();
      for (const base of BASE_ASSETS) {
        const market = protocol?.market(base);
        if (!market) continue;
        const sim = new SimMarket(simSpec(v.venue, base), seed * 1000 + n++);
        markets.set(market.symbol, sim);
        this.baseOf.set(sim, base);
      }
      this.markets.set(v.venue, markets);
    }
  }

  venue(id: VenueId): SimVenue | undefined {
    return this.venues.get(id);
  }

  /** The truth for a venue's market, by the venue's market name. */
  market(venue: VenueId, symbol: string): SimMarket | undefined {
    return this.markets.get(venue)?.get(symbol);
  }

  /** Opens a simulated socket at a venue path; undefined when the venue serves nothing there. */
  connect(venue: VenueId, path: string, send: (text: string) => void): SimConnection | undefined {
    const v = this.venues.get(venue);
    const conn = v?.connect(path, this.markets.get(venue)!, send);
    if (conn) this.connections.get(venue)!.add(conn);
    return conn;
  }

  disconnect(venue: VenueId, conn: SimConnection): void {
    this.connections.get(venue)?.delete(conn);
  }

  rest(venue: VenueId, path: string, query: URLSearchParams): SimHttpResponse {
    const answer = this.venues.get(venue)?.rest?.(path, query, this.markets.get(venue)!);
    return answer ?? { status: 404, body: '{"error":"not found"}' };
  }

  /** Moves every market of `venues` (all by default) one step toward its fair value at `now` and tells their subscribers. */
  tick(now: number, venues?: readonly VenueId[]): void {
    for (const [venue, markets] of this.markets) {
      if (venues && !venues.includes(venue)) continue;
      for (const [symbol, market] of markets) {
        market.follow(this.fair.valueAt(this.baseOf.get(market)!, now));
        const changes = market.step();
        for (const conn of this.connections.get(venue)!) conn.update(symbol, changes, now);
      }
    }
  }

  heartbeat(now: number): void {
    for (const conns of this.connections.values()) for (const conn of conns) conn.heartbeat(now);
  }

  /** Arms a protocol fault on every open connection of a venue; false when none could play it. */
  fault(venue: VenueId, fault: ProtocolFault): boolean {
    let armed = false;
    for (const conn of this.connections.get(venue) ?? []) armed = conn.fault(fault) || armed;
    return armed;
  }
}
