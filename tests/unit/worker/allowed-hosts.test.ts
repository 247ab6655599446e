import { CATALOG_SOURCES } from '../../../src/catalog/sources';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SIM_PORT } from '../../../src/sim/port';
import { PROTOCOLS } from '../../../src/venues/index';
import { connectSources, contentSecurityPolicy, guardedTransport, isAllowedUrl } from '../../../src/worker/allowed-hosts';
import type { Transport } from '../../../src/worker/transport';
import { ALTERNATIVE_HOSTS } from '../../../src/worker/alternative-hosts';

const every = (endpoints: { stream: string; rest?: string; api?: string }): string[] =>
  [endpoints.stream, endpoints.rest, endpoints.api].filter((u): u is string => !!u);

describe('allowed hosts and the CSP', () => {
  it('lists every venue endpoint, alternative host and instrument list host in connect-src, and nothing else but self and loopback', () => {
    const urls = [
      ...Object.values(PROTOCOLS).flatMap((p) => every(p.endpoints)),
      ...Object.values(ALTERNATIVE_HOSTS).flatMap((a) => every(a!.endpoints)),
      ...Object.values(CATALOG_SOURCES).flatMap(({ endpoint }) => every({ stream: endpoint.rest, api: endpoint.api })),
    ];
    const sources = connectSources();
    for (const url of urls) {
      expect(sources).toContain(new URL(url).origin);
      expect(isAllowedUrl(url)).toBe(true);
    }
    expect(sources.length).toBe(new Set(urls.map((u) => new URL(u).origin)).size + 3);
    expect(sources).toEqual(expect.arrayContaining(["'self'", `http://127.0.0.1:${SIM_PORT}`, `ws://127.0.0.1:${SIM_PORT}`]));
    expect(sources.join(' ')).not.toContain('*');
  });

  it('is strict: scripts only from the site, no inline or eval, no plugins', () => {
    const csp = contentSecurityPolicy();
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'self'");
    expect(csp).not.toMatch(/unsafe-|\*\.|https:(?!\/\/)|wss:(?!\/\/)/);
  });

  it('refuses other hosts, other ports and non-loopback plain connections', () => {
    expect(isAllowedUrl('https://example.com/')).toBe(false);
    expect(isAllowedUrl('wss://stream.binance.com/ws')).toBe(false); // port 443, the venue's is 9443
    expect(isAllowedUrl('ws://stream.bybit.com/v5/public/spot')).toBe(false);
    expect(isAllowedUrl('wss://stream.bybit.com.evil.example/v5')).toBe(false);
    expect(isAllowedUrl(`ws://localhost:${SIM_PORT}/x`)).toBe(false);
    expect(isAllowedUrl(`ws://127.0.0.1:${SIM_PORT}/binance/ws`)).toBe(true);
    expect(isAllowedUrl(`http://127.0.0.1:${SIM_PORT}/binance/api/v3/depth`)).toBe(true);
    expect(isAllowedUrl('not a url')).toBe(false);
  });

  it('allows loopback on the simulator\'s configured port only', () => {
    const other = SIM_PORT === 5173 ? 5174 : 5173;
    expect(isAllowedUrl(`ws://127.0.0.1:${SIM_PORT}/okx/ws/v5/public`)).toBe(true);
    expect(isAllowedUrl(`http://127.0.0.1:${SIM_PORT + 1}/binance/api/v3/depth`)).toBe(false);
    expect(isAllowedUrl(`ws://127.0.0.1:${other}/`)).toBe(false);
    expect(isAllowedUrl('http://127.0.0.1/')).toBe(false);
    expect(isAllowedUrl(`wss://127.0.0.1:${SIM_PORT}/x`)).toBe(false);
    expect(isAllowedUrl(`https://127.0.0.1:${SIM_PORT}/x`)).toBe(false);
    expect(isAllowedUrl(`http://user:pw@127.0.0.1:${SIM_PORT}/x`)).toBe(false);
  });

  it('refuses blob:, data:, javascript:, file: and every scheme but https:/wss: (venues) and http:/ws: (loopback)', () => {
    // A blob: URL carries the origin it was made under: this one's is Binance's, and it is still refused.
    expect(new URL('blob:https://api.binance.com/x').origin).toBe('https://api.binance.com');
    expect(isAllowedUrl('blob:https://api.binance.com/x')).toBe(false);
    expect(isAllowedUrl(`blob:http://127.0.0.1:${SIM_PORT}/x`)).toBe(false);
    expect(isAllowedUrl('data:application/json,{"bids":[]}')).toBe(false);
    expect(isAllowedUrl('javascript:fetch("https://api.binance.com")')).toBe(false);
    expect(isAllowedUrl('file:///etc/passwd')).toBe(false);
    expect(isAllowedUrl('ftp://api.binance.com/')).toBe(false);
    expect(isAllowedUrl('http://api.binance.com/api/v3/depth')).toBe(false);
    expect(isAllowedUrl('ws://ws.kraken.com/v2')).toBe(false);
    expect(isAllowedUrl('https://api.binance.com/api/v3/depth')).toBe(true);
    expect(isAllowedUrl('wss://ws.kraken.com/v2')).toBe(true);
  });

  it('the worker transport refuses what the CSP would block, before dialling', async () => {
    const dialled: string[] = [];
    const inner: Transport = {
      connect: (url) => {
        dialled.push(url);
        return { send() {}, close() {} };
      },
      fetch: async (url) => {
        dialled.push(url);
        return { status: 200, body: '', headers: {} };
      },
    };
    const guarded = guardedTransport(inner);
    const events = { open() {}, message() {}, close() {} };
    expect(() => guarded.connect('wss://example.com/ws', events)).toThrow(/not a venue host/);
    await expect(guarded.fetch('https://example.com/x', 1000)).rejects.toThrow(/not a venue host/);
    guarded.connect('wss://ws.kraken.com/v2', events);
    await guarded.fetch('https://api.binance.com/api/v3/depth?symbol=BTCUSDT', 1000);
    expect(dialled).toEqual(['wss://ws.kraken.com/v2', 'https://api.binance.com/api/v3/depth?symbol=BTCUSDT']);
  });
});

describe('what a venue sends is rendered as text', () => {
  function files(dir: string): string[] {
    return readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? files(path) : [path];
    });
  }

  it('no {@html}, innerHTML, document.write or eval anywhere in the app', () => {
    const offenders = files('src')
      .filter((f) => /\.(ts|svelte)$/.test(f))
      .filter((f) => /\{@html|\.innerHTML|\.outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function\(/.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
