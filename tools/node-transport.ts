/**
 * The worker's Transport in Node, for `npm run live-check`: sockets from the `ws` package, REST through Node's
 * fetch (the browser transport's own code: the same size cap). Unlike a browser, Node says why a connection
 * failed; `report` hears it (the handshake's HTTP status, or the network error's code) so the check can tell an
 * unreachable or region-blocked venue from a broken one.
 */
import WebSocket from 'ws';
import type { NetworkFailure } from '../src/worker/conformance';
import { browserTransport } from '../src/worker/browser-transport';
import type { HttpAnswer, SocketHandle, Transport } from '../src/worker/transport';

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : error instanceof Error ? error.name : 'error';
}

export function nodeTransport(report: (failure: NetworkFailure) => void = () => {}): Transport {
  return {
    connect(url, events): SocketHandle {
      // No permessage-deflate: a browser would offer it, but the venues' frames are read the same either way.
      const ws = new WebSocket(url, { perMessageDeflate: false });
      let opened = false;
      let failure: string | undefined;
      ws.on('open', () => {
        opened = true;
        events.open();
      });
      ws.on('message', (data: Buffer, isBinary: boolean) => events.message(isBinary ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : data.toString('utf8')));
      ws.on('unexpected-response', (_request, response) => {
        const status = response.statusCode ?? 0;
        failure = `HTTP ${status} on the WebSocket handshake`;
        report({ kind: 'http', url, status });
        ws.terminate();
      });
      ws.on('error', (error) => {
        if (opened || failure) return;
        failure = error.message;
        report({ kind: 'network', url, code: errorCode(error), message: error.message });
      });
      // A browser gives a dropped socket (1006) no reason; here the reason says what Node knows.
      ws.on('close', (code, reason) => events.close(code, reason.toString('utf8') || (failure ?? '')));
      return {
        send: (text) => {
          if (ws.readyState === WebSocket.OPEN) ws.send(text);
        },
        close: () => ws.terminate(),
      };
    },

    async fetch(url, timeoutMs): Promise<HttpAnswer> {
      try {
        return await browserTransport.fetch(url, timeoutMs);
      } catch (error) {
        // Node's fetch says only "fetch failed"; the cause names the network error.
        const cause = (error as { cause?: unknown }).cause;
        const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
        if (timedOut || !(cause instanceof Error)) {
          report({ kind: 'network', url, code: timedOut ? 'ETIMEDOUT' : errorCode(error), message: error instanceof Error ? error.message : String(error) });
          throw error;
        }
        report({ kind: 'network', url, code: errorCode(cause), message: cause.message });
        // Still a TypeError, as a browser's network failure is, so the link treats it alike.
        throw new TypeError(`fetch failed: ${cause.message}`, { cause });
      }
    },
  };
}
