import type { LinkContext } from './link-context';
import { SharedHandle } from './shared-sockets';
import { describe } from './status-text';
import { closeQuietly, type SocketHandle, type Transport } from './transport';

export interface StreamSocketEvents {
  opened(): void;
  message(data: string | Uint8Array, gen: number): void;
  closed(code: number, reason: string): void;
  /** The transport could not open it. */
  failed(what: string): void;
}

/**
 * The socket the venue streams the book on, for the link's current connection; what it reports is of that one
 * alone. `shared`: asked for on the socket the venue's other markets share (SharedSockets), where the transport
 * offers one.
 */
export class StreamSocket {
  private handle: SocketHandle | undefined;

  constructor(
    private readonly ctx: LinkContext,
    private readonly transport: Transport,
    private readonly events: StreamSocketEvents,
    private readonly shared: boolean,
  ) {}

  /** Opens it: true, or false once `events.failed` has been told why it cannot be. */
  open(url: string): boolean {
    const { ctx, events } = this;
    const gen = ctx.gen;
    let handle: SocketHandle | undefined;
    let openedEarly = false;
    try {
      handle = this.transport.connect(
        url,
        {
          open: ctx.guard(() => {
            if (gen !== ctx.gen) return;
            if (!handle) openedEarly = true;
            else events.opened();
          }),
          message: ctx.guard((data: string | Uint8Array) => {
            if (gen === ctx.gen) events.message(data, gen);
          }),
          close: ctx.guard((code: number, reason: string) => {
            if (gen === ctx.gen) events.closed(code, reason);
          }),
        },
        { shared: this.shared },
      );
    } catch (err) {
      events.failed(`cannot open ${url}: ${describe(err)}`);
      return false;
    }
    this.handle = handle;
    if (openedEarly) events.opened();
    return true;
  }

  /** When the socket opened, where it is shared and may have been open before this link came; else undefined. */
  get sharedSince(): number | undefined {
    return this.handle instanceof SharedHandle ? this.handle.openedAt : undefined;
  }

  send(text: string): void {
    try {
      this.handle?.send(text);
    } catch (err) {
      this.ctx.session.error(`send failed: ${describe(err)}`);
    }
  }

  /**
   * Closes it, or on a shared socket detaches from it, after sending `farewell` (the frames that end this market's
   * subscription, where the socket stays open for others). Those are sent as best they can be: a socket that is
   * gone has ended the subscription already.
   */
  close(farewell: readonly string[] = []): void {
    const handle = this.handle;
    this.handle = undefined;
    try {
      for (const text of farewell) handle?.send(text);
    } catch {
      // gone already
    }
    closeQuietly(handle);
  }

  /** Where the socket is shared: no link joins it any more, so the next connection opens a new one. */
  retire(): void {
    if (this.handle instanceof SharedHandle) this.handle.retire();
  }
}
