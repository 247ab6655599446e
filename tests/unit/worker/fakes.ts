import { loadCatalog } from '../../../src/catalog/load';
import type { SimExchange } from '../../../src/sim/exchange';
import type { SimConnection } from '../../../src/sim/types';
import type { SimHostId } from '../../../src/sim/hosts';
import type { CatalogLoader } from '../../../src/worker/engine';
import type { Clock, HttpAnswer, SocketEvents, SocketHandle, Transport } from '../../../src/worker/transport';

/** A clock that only moves when told; timers run in due order (ties in the order they were set). */
export class FakeClock implements Clock {
  private t: number;
  private seq = 0;
  private readonly timers = new Map<number, { at: number; fn: () => void }>();

  constructor(start = 1_764_000_000_000) {
    this.t = start;
  }

  now(): number {
    return this.t;
  }

  setTimeout(fn: () => void, ms: number): unknown {
    const id = ++this.seq;
    this.timers.set(id, { at: this.t + Math.max(0, ms), fn });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  /** Moves time forward by `ms`, running every timer that falls due on the way. */
  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      let next: [number, { at: number; fn: () => void }] | undefined;
      for (const entry of this.timers) if (entry[1].at <= end && (!next || entry[1].at < next[1].at)) next = entry;
      if (!next) break;
      this.timers.delete(next[0]);
      this.t = next[1].at;
      next[1].fn();
    }
    this.t = end;
  }

  get pending(): number {
    return this.timers.size;
  }
}

/** One socket of a scripted transport: the test opens it, feeds it frames and drops it. */
export class FakeSocket implements SocketHandle {
  readonly sent: string[] = [];
  closedByClient = false;
  ended = false;

  constructor(
    readonly url: string,
    readonly events: SocketEvents,
    private readonly loop: EventLoop,
  ) {}

  send(text: string): void {
    if (this.ended) throw new Error('socket is closed');
    this.sent.push(text);
  }

  /** The client closed it: a browser reports the close event afterwards, which the client must ignore. */
  close(): void {
    if (this.ended) return;
    this.ended = true;
    this.closedByClient = true;
    this.loop.post(() => this.events.close(1000, ''));
  }

  open(): void {
    this.loop.post(() => this.events.open());
  }

  emit(data: string | Uint8Array): void {
    this.loop.post(() => {
      if (!this.ended) this.events.message(data);
    });
  }

  /** The connection died: 1006 is a drop without a close frame. */
  drop(code = 1006, reason = ''): void {
    if (this.ended) return;
    this.ended = true;
    this.loop.post(() => this.events.close(code, reason));
  }
}

/** Socket events are delivered from a queue the test flushes, like a browser's event loop. */
export class EventLoop {
  private readonly tasks: (() => void)[] = [];

  post(task: () => void): void {
    this.tasks.push(task);
  }

  flush(): void {
    for (let n = 0; this.tasks.length; n++) {
      if (n > 1_000_000) throw new Error('event loop does not settle');
      this.tasks.shift()!();
    }
  }
}

export type FetchHandler = (url: string) => Promise<HttpAnswer> | undefined;

/**
 * A transport for tests: sockets are FakeSockets the test drives; with a SimExchange, sockets and REST are served
 * by the simulated venue, and `fetchHandler` / `unreachable` / `muted` play faults on chosen URLs.
 */
export class FakeTransport implements Transport {
  readonly loop = new EventLoop();
  readonly sockets: FakeSocket[] = [];
  readonly fetches: { url: string; at: number }[] = [];
  /** Answers (or refuses) a fetch instead of the simulator; undefined passes it on. */
  fetchHandler: FetchHandler | undefined;
  /** URLs whose sockets never open (a host that never answers). */
  unreachable: (url: string) => boolean = () => false;
  private readonly sim = new Map<FakeSocket, SimConnection>();
  private readonly mutedSockets = new Set<FakeSocket>();

  constructor(
    readonly clock: Clock,
    readonly exchange?: SimExchange,
    readonly venue: SimHostId = 'binance',
  ) {}

  connect(url: string, events: SocketEvents): SocketHandle {
    const socket = new FakeSocket(url, events, this.loop);
    this.sockets.push(socket);
    if (this.unreachable(url)) return socket;
    if (this.exchange) {
      const u = new URL(url);
      const conn = this.exchange.connect(this.venue, u.pathname + u.search, (text) => {
        if (!this.mutedSockets.has(socket)) socket.emit(text);
      });
      if (!conn) {
        socket.drop(1006);
        return socket;
      }
      this.sim.set(socket, conn);
      const close = socket.close.bind(socket);
      socket.close = () => {
        this.exchange!.disconnect(this.venue, conn);
        close();
      };
      const send = socket.send.bind(socket);
      socket.send = (text: string) => {
        send(text);
        this.loop.post(() => conn.receive(text, this.clock.now()));
      };
      socket.open();
    }
    return socket;
  }

  fetch(url: string): Promise<HttpAnswer> {
    this.fetches.push({ url, at: this.clock.now() });
    const scripted = this.fetchHandler?.(url);
    if (scripted) return scripted;
    if (!this.exchange) return Promise.reject(new TypeError('Failed to fetch'));
    const u = new URL(url);
    const answer = this.exchange.rest(this.venue, u.pathname, u.searchParams);
    return Promise.resolve({ status: answer.status, body: answer.body, headers: answer.headers ?? {} });
  }

  /** Sockets opened at URLs containing `part`. */
  socketsAt(part: string): FakeSocket[] {
    return this.sockets.filter((s) => s.url.includes(part));
  }

  /** Sockets of a stream named `part`: in their URL, or (a multiplexed venue's) in a frame the client sent on them. */
  streamsOf(part: string): FakeSocket[] {
    return this.sockets.filter((s) => s.url.includes(part) || s.sent.some((text) => text.includes(part)));
  }

  /** The socket stays open but the venue's frames no longer reach it (a zombie connection). */
  mute(socket: FakeSocket): void {
    this.mutedSockets.add(socket);
  }

  unmute(socket: FakeSocket): void {
    this.mutedSockets.delete(socket);
  }

  /** The venue side drops the socket without a close frame. */
  drop(socket: FakeSocket, code = 1006): void {
    const conn = this.sim.get(socket);
    if (conn) this.exchange?.disconnect(this.venue, conn);
    socket.drop(code);
  }

  /** Runs queued socket events and lets pending promises (fetch answers) settle. */
  async settle(): Promise<void> {
    for (let i = 0; i < 20; i++) {
      this.loop.flush();
      await Promise.resolve();
    }
    this.loop.flush();
  }
}

/** The engine's catalog loader as the worker has it, on `clock`, with no site build to fall back to. */
export function catalogLoader(clock: Clock): CatalogLoader {
  return (transport, endpoints) => loadCatalog({ transport, clock, endpoints });
}
