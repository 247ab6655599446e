import type { HttpAnswer, SocketEvents, SocketHandle, Transport } from './transport';

/** Real venues: the browser's WebSocket and fetch. */
export const browserTransport: Transport = {
  connect(url: string, events: SocketEvents): SocketHandle {
    const ws = new WebSocket(url);
    ws.binaryType = 'arraybuffer';
    ws.onopen = () => events.open();
    ws.onmessage = (e: MessageEvent<string | ArrayBuffer>) => events.message(typeof e.data === 'string' ? e.data : new Uint8Array(e.data));
    ws.onclose = (e) => events.close(e.code, e.reason);
    return {
      send: (text) => {
        if (ws.readyState === WebSocket.OPEN) ws.send(text);
      },
      close: () => ws.close(),
    };
  },

  async fetch(url: string, timeoutMs: number): Promise<HttpAnswer> {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), cache: 'no-store' });
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      headers[name.toLowerCase()] = value;
    });
    return { status: response.status, body: await response.text(), headers };
  },
};
