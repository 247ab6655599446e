import type { SimHost } from '../sim/host';
import type { HttpAnswer, SocketEvents, SocketHandle, Transport } from './transport';

/** The demo mode's transport: the simulator runs inside the worker, so the app works with no network at all. */
export class SimTransport implements Transport {
  private readonly host: SimHost;

  constructor(host: SimHost) {
    this.host = host;
  }

  connect(url: string, events: SocketEvents): SocketHandle {
    let open = true;
    const end = (code: number): void => {
      if (!open) return;
      open = false;
      events.close(code, code === 1006 ? 'connection dropped' : '');
    };
    const socket = this.host.open(url, {
      text: (frame) => open && events.message(frame),
      binary: (frame) => open && events.message(frame),
      close: end,
    });
    // Like a browser socket, opening (or failing to) is reported asynchronously.
    queueMicrotask(() => (socket ? events.open() : end(1006)));
    return {
      send: (text) => {
        if (open) socket?.receive(text);
      },
      close: () => {
        socket?.close();
        end(1000);
      },
    };
  }

  async fetch(url: string): Promise<HttpAnswer> {
    // As a browser reports an answer without the CORS header to the page.
    if (this.host.corsRefused(url)) throw new TypeError('Failed to fetch');
    const answer = this.host.rest(url);
    return { status: answer.status, body: answer.body, headers: answer.headers ?? {} };
  }
}
