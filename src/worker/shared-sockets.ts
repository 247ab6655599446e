import { closeQuietly, type Clock, type ConnectOptions, type HttpAnswer, type SocketEvents, type SocketHandle, type Transport } from './transport';

/**
 * Lets the links of a venue's markets share one real socket per URL, where the venue's protocol multiplexes (the
 * URL names no market, markets are subscribed by frames). The first `connect(url, …, { shared: true })` opens the
 * socket, later ones attach to it (told it is open at once if it is); every frame goes to every attached handle,
 * each handle's sends go to the real socket, a handle's close detaches it, and the real socket closes when its
 * last handle detaches. The real socket closing closes every handle on it, with its code and reason. Sockets
 * asked for without `shared` (WebSocket API sockets, non-multiplexed streams) and fetches pass straight through.
 */
export class SharedSockets implements Transport {
  /** The socket a link asking for each URL attaches to. */
  private readonly current = new Map<string, SharedSocket>();

  constructor(
    private readonly inner: Transport,
    private readonly clock: Clock,
  ) {}

  connect(url: string, events: SocketEvents, options?: ConnectOptions): SocketHandle {
    if (!options?.shared) return this.inner.connect(url, events);
    const existing = this.current.get(url);
    if (existing) return existing.attach(events);
    const socket = new SharedSocket(url, this.current, this.clock);
    this.current.set(url, socket);
    const handle = socket.attach(events);
    socket.connect(this.inner);
    return handle;
  }

  fetch(url: string, timeoutMs: number): Promise<HttpAnswer> {
    return this.inner.fetch(url, timeoutMs);
  }
}

/** One real socket and the handles attached to it. */
class SharedSocket {
  readonly handles = new Set<SharedHandle>();
  /** When it opened, epoch ms; undefined while it is opening. */
  openedAt: number | undefined;
  /** Undefined until the inner transport's connect has returned. */
  private inner: SocketHandle | undefined;
  /** Closed, by its last handle or by the venue: nothing more is delivered or sent. */
  private ended = false;

  constructor(
    readonly url: string,
    private readonly current: Map<string, SharedSocket>,
    private readonly clock: Clock,
  ) {}

  connect(transport: Transport): void {
    try {
      this.inner = transport.connect(this.url, {
        open: () => {
          if (this.ended) return;
          this.openedAt = this.clock.now();
          tellEach(this.handles, (events) => events.open());
        },
        message: (data) => {
          if (!this.ended) tellEach(this.handles, (events) => events.message(data));
        },
        close: (code, reason) => this.closed(code, reason),
      });
    } catch (err) {
      this.end();
      throw err;
    }
    // Its handles all detached while the inner transport was still connecting it.
    if (this.ended) closeQuietly(this.inner);
  }

  attach(events: SocketEvents): SharedHandle {
    const handle = new SharedHandle(this, events);
    this.handles.add(handle);
    if (this.openedAt !== undefined) events.open();
    return handle;
  }

  send(text: string): void {
    if (!this.ended) this.inner?.send(text);
  }

  detach(handle: SharedHandle): void {
    if (!this.handles.delete(handle) || this.handles.size || this.ended) return;
    this.end();
    closeQuietly(this.inner);
  }

  /** No link joins it any more: the next to ask for its URL opens a new socket. */
  retire(): void {
    if (this.current.get(this.url) === this) this.current.delete(this.url);
  }

  /** The real socket closed (the venue, or the network): every handle on it is closed with it. */
  private closed(code: number, reason: string): void {
    if (this.ended) return;
    this.end();
    const handles = [...this.handles];
    this.handles.clear();
    tellEach(handles, (events) => events.close(code, reason));
  }

  private end(): void {
    this.ended = true;
    this.retire();
  }
}

/**
 * A link's handle on a shared socket. Wrappers over the transport must hand it back as it is: the link reads the
 * socket's age from it and retires the socket through it.
 */
export class SharedHandle implements SocketHandle {
  constructor(
    private readonly socket: SharedSocket,
    readonly events: SocketEvents,
  ) {}

  /** When the real socket opened (maybe long before this handle attached); undefined while it is opening. */
  get openedAt(): number | undefined {
    return this.socket.openedAt;
  }

  get attached(): boolean {
    return this.socket.handles.has(this);
  }

  send(text: string): void {
    if (this.attached) this.socket.send(text);
  }

  /** Detaches this handle; the real socket closes when its last handle does. */
  close(): void {
    this.socket.detach(this);
  }

  /** No link joins this socket any more: the next to ask for its URL gets a new one. It stays open for those on it. */
  retire(): void {
    this.socket.retire();
  }
}

/**
 * Tells each handle an event; one whose listener throws does not keep it from the others, and the first error is
 * rethrown after them, as the socket alone would have thrown it.
 */
function tellEach(handles: Iterable<SharedHandle>, tell: (events: SocketEvents) => void): void {
  let failed = false;
  let failure: unknown;
  for (const handle of handles) {
    try {
      tell(handle.events);
    } catch (err) {
      if (!failed) failure = err;
      failed = true;
    }
  }
  if (failed) throw failure;
}
