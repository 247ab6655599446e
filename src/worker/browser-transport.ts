import { readAtMost } from '../feed/decode';
import type { HttpAnswer, SocketEvents, SocketHandle, Transport } from './transport';

/**
 * Most bytes a REST answer may have. The largest snapshot asked for, Binance's 5000 levels a side, is about 300 KB
 * of JSON; 8 MiB is far past any real answer, yet an endless or hostile body stops long before the worker's memory.
 */
export const MAX_ANSWER_BYTES = 8 * 1024 * 1024;

const utf8 = new TextDecoder();

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
    const bytes = response.body ? await readAtMost(response.body, MAX_ANSWER_BYTES) : new Uint8Array();
    if (!bytes) throw new Error(`HTTP ${response.status} answer larger than ${MAX_ANSWER_BYTES.toLocaleString('en-US')} bytes (the cap); dropped`);
    return { status: response.status, body: utf8.decode(bytes), headers };
  },
};
