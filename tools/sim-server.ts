import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { SimHost } from '../src/sim/host';
import { isFault } from '../src/sim/faults';
import { simHostOf } from '../src/sim/hosts';
import { SIM_VENUES } from '../src/sim/venues';
import { QUOTES, isFeedId } from '../src/venues/types';
import { simPortFromEnv } from './sim-port';

/**
 * The exchange simulator on loopback: every host's REST and WebSocket protocol under `/<host>/<real path>`
 * (src/sim/endpoints.ts), plus a control endpoint for tests, each naming a feed as `venue=` (a venue's id is its
 * spot feed's; faults and region blocks play on the feed's host, OKX SWAP's on OKX's):
 * `/control/fault?venue=&fault=`, `/control/truth?venue=&symbol=&depth=`, `/control/ticks?venue=&run=0|1` (stop or
 * restart one feed's markets, so a client's book can be compared with a truth that stands still), and
 * `/control/rates` (the true dollar rates of USD, USDT and USDC every stablecoin book quotes around),
 * `/control/wall?venue=&symbol=&side=bid|ask&bps=&size=` (plants a wall of `size` base units `bps` from the
 * market's mid, answering its price, its size as sent and in base units, and its distance) and
 * `/control/wall?venue=&symbol=&side=&pull=1` (pulls it, answering its price and distance from mid then),
 * `/control/trades?venue=&symbol=&side=buy|sell&count=&size=` (prints a burst of `count` orders of `size` base
 * units at once, taking the market's book, answering each trade printed: its id, price, size as sent and in base
 * units; an order reaching several levels prints a trade at each). A
 * 'region-block' fault turns the host away (WebSocket upgrades and REST answered 451, or 403 for Bybit) while its
 * alternative host's prefix (`/binanceus/...`) works; 'region-open' lifts it. A 'rest-cors' fault sends the host's
 * REST answers without the CORS header, which a browser refuses to the page (as AsterDEX's host may);
 * 'rest-cors-open' lifts it.
 */
export interface SimServer {
  readonly origin: string;
  readonly host: SimHost;
  close(): Promise<void>;
}

export interface SimServerOptions {
  /**
   * Where to listen. The app accepts loopback on the one port it was built for (SIM_PORT, src/sim/port.ts) and
   * no other, so absent or 0 this is that port: a simulator anywhere else could not be reached by the app.
   */
  readonly port?: number;
  /** The books' update rate, as a multiple of each feed's normal rate. */
  readonly speed?: number;
  /** The trade rate, as a multiple of each feed's normal rate, whatever the books' speed. */
  readonly tradeSpeed?: number;
  readonly seed?: number;
}

export async function startSimServer(options: SimServerOptions = {}): Promise<SimServer> {
  const port = options.port || simPortFromEnv();
  const host = new SimHost(SIM_VENUES, options.seed ?? 1);
  host.exchange.tradeSpeed = options.tradeSpeed ?? 1;
  host.start(options.speed ?? 1);
  const sockets = new Set<WebSocket>();

  const reply = (res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}, cors = true): void => {
    // Retry-After and the weight headers are not CORS-safelisted: exposed, so the page's fetch can read them.
    const allow = cors ? { 'access-control-allow-origin': '*', 'access-control-expose-headers': '*' } : {};
    res.writeHead(status, { ...allow, 'content-type': 'application/json', 'cache-control': 'no-store', ...headers });
    res.end(body);
  };

  const control = (url: URL, res: ServerResponse): void => {
    if (url.pathname === '/control/rates') {
      const now = Date.now();
      return reply(res, 200, JSON.stringify(Object.fromEntries(QUOTES.map((quote) => [quote, host.exchange.usdRate(quote, now)]))));
    }
    const feed = url.searchParams.get('venue') ?? '';
    if (!isFeedId(feed)) return reply(res, 400, JSON.stringify({ error: `unknown venue ${feed}` }));
    if (url.pathname === '/control/fault') {
      const fault = url.searchParams.get('fault') ?? '';
      if (!isFault(fault)) return reply(res, 400, JSON.stringify({ error: `unknown fault ${fault}` }));
      return reply(res, 200, JSON.stringify({ result: host.inject(simHostOf(feed), fault) }));
    }
    if (url.pathname === '/control/ticks') {
      const run = url.searchParams.get('run');
      if (run === '0' || run === '1') host.setTicking(feed, run === '1');
      return reply(res, 200, JSON.stringify({ ticking: host.isTicking(feed) }));
    }
    if (url.pathname === '/control/wall') {
      const side = url.searchParams.get('side');
      if (side !== 'bid' && side !== 'ask') return reply(res, 400, JSON.stringify({ error: `side must be bid or ask, not ${side}` }));
      const q = url.searchParams;
      const place = { feed, symbol: q.get('symbol') ?? '', side } as const;
      const answer = q.get('pull') === '1' ? host.pullWall(place) : host.plantWall(place, Number(q.get('bps')), Number(q.get('size')));
      return reply(res, 'error' in answer ? 400 : 200, JSON.stringify(answer));
    }
    if (url.pathname === '/control/trades') {
      const side = url.searchParams.get('side');
      if (side !== 'buy' && side !== 'sell') return reply(res, 400, JSON.stringify({ error: `side must be buy or sell, not ${side}` }));
      const q = url.searchParams;
      const answer = host.exchange.printTrades({ feed, symbol: q.get('symbol') ?? '', side }, Number(q.get('count')), Number(q.get('size')), Date.now());
      return reply(res, 'error' in answer ? 400 : 200, JSON.stringify(answer));
    }
    if (url.pathname === '/control/truth') {
      const market = host.exchange.market(feed, url.searchParams.get('symbol') ?? '');
      if (!market) return reply(res, 404, JSON.stringify({ error: 'no such market' }));
      const depth = Number(url.searchParams.get('depth') ?? 20);
      return reply(res, 200, JSON.stringify({ bids: market.book.bids.top(depth), asks: market.book.asks.top(depth), lastUpdateId: market.lastUpdateId }));
    }
    reply(res, 404, JSON.stringify({ error: 'unknown control' }));
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method === 'OPTIONS') return reply(res, 204, '', { 'access-control-allow-methods': 'GET, POST' });
    if (url.pathname.startsWith('/control/')) return control(url, res);
    const answer = host.rest(url.href);
    if (host.corsRefused(url.href)) {
      // Whatever the venue's own answer says, without the header: the browser hands the page a TypeError.
      const { 'access-control-allow-origin': _, ...headers } = answer.headers ?? {};
      return reply(res, answer.status, answer.body, headers, false);
    }
    reply(res, answer.status, answer.body, { ...answer.headers });
  });

  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const refusal = host.regionRefusal(url.href);
    if (refusal) {
      // The handshake answered with an HTTP status and the connection ended: no socket, no close frame (1006).
      socket.end(`HTTP/1.1 ${refusal.status} Refused\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      const sim = host.open(url.href, {
        text: (frame) => ws.readyState === ws.OPEN && ws.send(frame),
        binary: (frame) => ws.readyState === ws.OPEN && ws.send(frame, { binary: true }),
        close: (code) => (code === 1006 ? ws.terminate() : ws.close(code)),
      });
      if (!sim) {
        ws.close(4404, 'no such stream');
        return;
      }
      ws.on('message', (data, isBinary) => {
        if (!isBinary) sim.receive(data.toString());
      });
      ws.on('close', () => {
        sockets.delete(ws);
        sim.close();
      });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      host.stop();
      reject(err.code === 'EADDRINUSE' ? new Error(`127.0.0.1:${port} is in use: set SIM_PORT to a free port, for the build and the simulator alike`) : err);
    });
    server.listen(port, '127.0.0.1', resolve);
  });
  return {
    origin: `http://127.0.0.1:${port}`,
    host,
    close: async () => {
      host.stop();
      for (const ws of sockets) ws.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const isMain = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*[\\/]/, ''));
if (isMain) {
  const arg = (name: string, fallback: number): number => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 ? Number(process.argv[i + 1]) : fallback;
  };
  const built = simPortFromEnv();
  const port = arg('port', built) || built;
  const sim = await startSimServer({ port, speed: arg('speed', 1), tradeSpeed: arg('trade-speed', 1), seed: arg('seed', 1) });
  const reachable = port === built ? '' : ` - the app built with SIM_PORT=${built} will not connect: run it with SIM_PORT=${port}`;
  process.stdout.write(`exchange simulator on ${sim.origin} (open the app with ?feeds=local)${reachable}\n`);
}
