import type { LinkContext } from './link-context';
import { describe } from './status-text';
import { closeQuietly, type SocketHandle, type Transport } from './transport';

export interface StreamSocketEvents {
  opened(): void;
  message(data: string | Uint8Array, gen: number): void;
  closed(code: number, reason: string): void;
  /** The transport could not open it. */
  failed(what: string): void;
}

/** The socket the venue streams the book on, for the link's current connection; what it reports is of that one alone. */
export class StreamSocket {
  private handle: SocketHandle | undefined;

  constructor(
    private readonly ctx: LinkContext,
    private readonly transport: Transport,
    private readonly events: StreamSocketEvents,
  ) {}

  /** Opens it: true, or false once `events.failed` has been told why it cannot be. */
  open(url: string): boolean {
    const { ctx, events } = this;
    const gen = ctx.gen;
    let handle: SocketHandle | undefined;
    let openedEarly = false;
    try {
      handle = this.transport.connect(url, {
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
      });
    } catch (err) {
      events.failed(`cannot open ${url}: ${describe(err)}`);
      return false;
    }
    this.handle = handle;
    if (openedEarly) events.opened();
    return true;
  }

  send(text: string): void {
    try {
      this.handle?.send(text);
    } catch (err) {
      this.ctx.session.error(`send failed: ${describe(err)}`);
    }
  }

  close(): void {
    const handle = this.handle;
    this.handle = undefined;
    closeQuietly(handle);
  }
}
