import type { LinkContext } from './link-context';
import { describe, hostOf } from './status-text';
import { closeQuietly, type SocketHandle, type Transport } from './transport';

interface OpenedSocket {
  readonly url: string;
  readonly handle: SocketHandle;
  open: boolean;
  readonly outbox: string[];
}

export interface ApiSocketEvents {
  message(data: string | Uint8Array, gen: number): void;
  /** The socket closed, or could not be opened: what was asked of it will not be answered. */
  failed(what: string): void;
}

/**
 * The socket to the venue's WebSocket API, opened on demand when a snapshot is first asked of it and kept open
 * for the next; what is sent before it has opened waits in its outbox.
 */
export class ApiSocket {
  private socket: OpenedSocket | undefined;

  constructor(
    private readonly ctx: LinkContext,
    private readonly transport: Transport,
    private readonly events: ApiSocketEvents,
  ) {}

  send(url: string, text: string): void {
    if (this.socket && this.socket.url !== url) this.close();
    if (this.socket) {
      if (this.socket.open) this.sendNow(text);
      else this.socket.outbox.push(text);
      return;
    }
    const { ctx } = this;
    const gen = ctx.gen;
    let socket: OpenedSocket | undefined;
    let openedEarly = false;
    const opened = (): void => {
      if (!socket || this.socket !== socket) return;
      socket.open = true;
      for (const t of socket.outbox.splice(0)) this.sendNow(t);
    };
    try {
      const handle = this.transport.connect(url, {
        open: ctx.guard(() => {
          if (gen !== ctx.gen) return;
          if (!socket) openedEarly = true;
          else opened();
        }),
        message: ctx.guard((data: string | Uint8Array) => {
          if (gen === ctx.gen && socket && this.socket === socket) this.events.message(data, gen);
        }),
        close: ctx.guard((code: number) => {
          if (gen !== ctx.gen || !socket || this.socket !== socket) return;
          this.socket = undefined;
          this.events.failed(`the WebSocket API (${hostOf(url)}) closed (${code})`);
        }),
      });
      socket = { url, handle, open: false, outbox: [text] };
      this.socket = socket;
      if (openedEarly) opened();
    } catch (err) {
      this.events.failed(`cannot open the WebSocket API (${hostOf(url)}): ${describe(err)}`);
    }
  }

  close(): void {
    const socket = this.socket;
    this.socket = undefined;
    closeQuietly(socket?.handle);
  }

  private sendNow(text: string): void {
    try {
      this.socket?.handle.send(text);
    } catch (err) {
      this.ctx.session.error(`send on the WebSocket API failed: ${describe(err)}`);
    }
  }
}
