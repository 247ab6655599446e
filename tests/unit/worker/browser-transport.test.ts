import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_ANSWER_BYTES, browserTransport } from '../../../src/worker/browser-transport';

/** A REST host on loopback: a real depth answer, and one that streams on well past the cap. */
let server: Server;
let origin: string;
const DEPTH = JSON.stringify({ lastUpdateId: 1027024, bids: [['4.00000000', '431.00000000']], asks: [['4.00000200', '12.00000000']] });

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/api/v3/depth') {
      res.writeHead(200, { 'content-type': 'application/json', 'x-mbx-used-weight-1m': '5' });
      res.end(DEPTH);
      return;
    }
    // No Content-Length: the body's size shows only as it is read.
    res.writeHead(502, { 'content-type': 'text/html' });
    const chunk = Buffer.alloc(64 * 1024, 'x');
    let sent = 0;
    const more = (): void => {
      while (sent < 4 * MAX_ANSWER_BYTES && !res.destroyed) {
        sent += chunk.length;
        if (!res.write(chunk)) return void res.once('drain', more);
      }
      res.end();
    };
    more();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('browserTransport.fetch', () => {
  it('returns the status, body and headers (names in lower case)', async () => {
    const answer = await browserTransport.fetch(`${origin}/api/v3/depth`, 5_000);
    expect(answer).toMatchObject({ status: 200, body: DEPTH });
    expect(answer.headers['x-mbx-used-weight-1m']).toBe('5');
  });

  it('refuses an answer that runs past the cap, without holding it whole', async () => {
    await expect(browserTransport.fetch(`${origin}/endless`, 10_000)).rejects.toThrow(/HTTP 502 answer larger than 8,388,608 bytes \(the cap\); dropped/);
  });
});
