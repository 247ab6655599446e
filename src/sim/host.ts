import { FEED_IDS, type FeedId } from '../venues/types';
import { SimExchange } from './exchange';
import { FaultState, MALFORMED_FRAME, isProtocolFault, regionRefusal, type Fault } from './faults';
import { simRoute, type SimRoute } from './endpoints';
import { gzipText } from './gzip';
import { simHostOf, type SimHostId } from './hosts';
import type { PlantedWall, PulledWall, SimConnection, SimHttpResponse, SimVenue, WallPlace, WallRefusal } from './types';

/** Where a simulated socket's frames go: the loopback server's socket, or the worker's demo transport. */
export interface SimSink {
  text(frame: string): void;
  binary(frame: Uint8Array): void;
  /** Ends the socket; 1006 means without a close frame, as a dropped connection looks. */
  close(code: number): void;
}

export interface SimSocket {
  receive(text: string): void;
  close(): void;
}

/** Normal update rate per feed (updates a second), before the speed multiplier. */
export const UPDATES_PER_SECOND: Readonly<Record<FeedId, number>> = {
  binance: 10,
  'binance-usdm': 10,
  kraken: 10,
  coinbase: 20,
  bingx: 5,
  'bingx-swap': 5,
  okx: 10,
  'okx-swap': 10,
  bybit: 10,
  'bybit-linear': 10,
  asterdex: 10,
  bitget: 10,
  'bitget-futures': 10,
  gate: 10,
  'gate-futures': 10,
  bitfinex: 20,
  'bitfinex-perp': 20,
  deribit: 10,
  'deribit-spot': 10,
  cryptocom: 10,
  'cryptocom-perp': 10,
  hyperliquid: 2,
  'hyperliquid-spot': 2,
};

interface OpenSocket {
  readonly host: SimHostId;
  conn?: SimConnection;
  readonly sink: SimSink;
  /** Gzip is asynchronous; frames chain on this so they leave in order. */
  queue: Promise<void>;
}

/**
 * Every simulated host behind one set of URLs (`<origin>/<host>/<real path>`, src/sim/endpoints.ts), with time,
 * gzip and faults: the loopback server and the worker's demo transport are thin wrappers around it. Markets move
 * and stand still per feed; sockets, faults and region blocks are per host.
 */
export class SimHost {
  readonly exchange: SimExchange;
  readonly faults = new FaultState();
  private readonly sockets = new Set<OpenSocket>();
  private readonly timers: ReturnType<typeof setInterval>[] = [];
  /** Feeds whose markets stand still (tests and the soak compare books against a truth that does not move). */
  private readonly paused = new Set<FeedId>();

  constructor(venues: readonly SimVenue[], seed = 1) {
    this.exchange = new SimExchange(venues, seed);
  }

  /** Starts the markets moving at `speed` times each feed's normal rate. */
  start(speed = 1): void {
    this.stop();
    for (const feed of FEED_IDS) {
      if (!this.exchange.venue(simHostOf(feed))) continue;
      this.timers.push(
        setInterval(() => {
          if (!this.paused.has(feed)) this.exchange.tick(Date.now(), [feed]);
        }, 1000 / (UPDATES_PER_SECOND[feed] * speed)),
      );
    }
    this.timers.push(setInterval(() => this.exchange.heartbeat(Date.now()), 1000));
  }

  stop(): void {
    for (const t of this.timers) clearInterval(t);
    this.timers.length = 0;
  }

  /** Stops (or restarts) one feed's markets moving; sockets stay open and heartbeats go on. */
  setTicking(feed: FeedId, ticking: boolean): void {
    if (ticking) this.paused.delete(feed);
    else this.paused.add(feed);
  }

  isTicking(feed: FeedId): boolean {
    return !this.paused.has(feed);
  }

  /** Plants a wall of `size` base units `bps` from a market's mid, sent now as the venue's normal update. */
  plantWall(place: WallPlace, bps: number, size: number): PlantedWall | WallRefusal {
    return this.exchange.plantWall(place, bps, size, Date.now());
  }

  /** Pulls a market's planted wall, sent now as the venue's normal update. */
  pullWall(place: WallPlace): PulledWall | WallRefusal {
    return this.exchange.pullWall(place, Date.now());
  }

  /**
   * The answer a region block gives a request for this URL instead of the venue's, if one stands: the loopback
   * server refuses a WebSocket upgrade with it, before any socket opens.
   */
  regionRefusal(url: string): SimHttpResponse | undefined {
    const route = simRoute(url);
    return route && this.refusesRegion(route) ? regionRefusal(route.host) : undefined;
  }

  /** Opens a socket at a simulator URL; undefined where no venue serves that path, or a region block refuses it. */
  open(url: string, sink: SimSink): SimSocket | undefined {
    const route = simRoute(url);
    const venue = route && this.exchange.venue(route.host);
    if (!route || !venue || this.refusesRegion(route)) return undefined;
    const query = route.query.toString();
    const socket: OpenSocket = { host: route.host, sink, queue: Promise.resolve() };
    const conn = this.exchange.connect(route.host, route.path + (query ? `?${query}` : ''), (frame) => this.deliver(socket, venue, frame));
    if (!conn) return undefined;
    socket.conn = conn;
    this.sockets.add(socket);
    return {
      receive: (text) => {
        if (!this.faults.isSilent(route.host)) conn.receive(text, Date.now());
      },
      close: () => this.forget(socket),
    };
  }

  /** Whether a browser would refuse the page this URL's REST answer: a 'rest-cors' fault leaves out its CORS header. */
  corsRefused(url: string): boolean {
    const route = simRoute(url);
    return route !== undefined && this.faults.isCorsRefused(route.host);
  }

  /** Answers a REST GET at a simulator URL, or the armed REST fault instead. */
  rest(url: string): SimHttpResponse {
    const route = simRoute(url);
    if (!route) return { status: 404, body: 'not found' };
    if (this.refusesRegion(route)) return regionRefusal(route.host);
    const injected = this.faults.takeRest(route.host);
    if (injected) return injected;
    return this.exchange.rest(route.host, route.path, route.query, Date.now());
  }

  /** Plays a fault on a host (and every feed it carries); says what happened. */
  inject(host: SimHostId, fault: Fault): string {
    if (!this.exchange.venue(host)) return `no simulated host ${host}`;
    const open = [...this.sockets].filter((s) => s.host === host);
    switch (fault) {
      case 'drop':
        for (const s of open) {
          this.forget(s);
          s.sink.close(1006);
        }
        return `dropped ${open.length} socket(s) without a close frame`;
      case 'silent':
      case 'resume':
        this.faults.setSilent(host, fault === 'silent');
        return fault === 'silent' ? 'sockets stay open and send nothing' : 'sockets send again';
      case 'region-block':
      case 'region-open':
        this.faults.setRegionBlocked(host, fault === 'region-block');
        if (fault === 'region-open') return 'the main host serves this region again';
        // Sockets already open stay as they are: a block turns away new connections, as a venue's does.
        return `the main host refuses this region (HTTP ${regionRefusal(host).status}); the alternative host does not`;
      case 'malformed':
        for (const s of open) this.deliver(s, this.exchange.venue(host)!, MALFORMED_FRAME);
        return `sent a malformed frame on ${open.length} socket(s)`;
      case 'rest-cors':
      case 'rest-cors-open':
        this.faults.setCorsRefused(host, fault === 'rest-cors');
        return fault === 'rest-cors' ? 'REST answers leave out the CORS header: a browser refuses them to the page' : 'REST answers carry the CORS header again';
      case 'rest-html':
      case 'rest-429':
      case 'rest-418':
        this.faults.armRest(host, fault);
        return `the next REST answer is ${fault.slice(5)}`;
      default:
        if (isProtocolFault(fault)) return this.exchange.fault(host, fault) ? `armed ${fault}` : `${host} has no ${fault} to play`;
        return `unknown fault ${String(fault)}`;
    }
  }

  private refusesRegion(route: SimRoute): boolean {
    return !route.alternative && this.faults.isRegionBlocked(route.host);
  }

  private deliver(socket: OpenSocket, venue: SimVenue, frame: string): void {
    if (this.faults.isSilent(socket.host)) return;
    if (!venue.gzip) {
      socket.queue = socket.queue.then(() => socket.sink.text(frame));
      return;
    }
    const zipped = gzipText(frame);
    socket.queue = socket.queue.then(async () => socket.sink.binary(await zipped));
  }

  private forget(socket: OpenSocket): void {
    if (!this.sockets.delete(socket)) return;
    if (socket.conn) this.exchange.disconnect(socket.host, socket.conn);
  }
}
