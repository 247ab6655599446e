/**
 * The installable site as it ships: `vite build` under a sub-path (as on GitHub Pages), served by `vite preview`,
 * checked for its service worker, an offline reload, the manifest's installability and the Content-Security-Policy.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, expect, test, type Page } from '@playwright/test';
import { CHROMIUM } from '../../playwright.config';
import { build, preview, type PreviewServer } from 'vite';

const BASE = '/orderbook-aggregator/';

let outDir: string;
let server: PreviewServer;
let origin: string;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  // vite.config.ts reads BASE_PATH; other specs in this process must not see it.
  const before = process.env.BASE_PATH;
  process.env.BASE_PATH = BASE;
  try {
    outDir = mkdtempSync(join(tmpdir(), 'orderbook-pwa-'));
    await build({ logLevel: 'error', build: { outDir, emptyOutDir: true } });
    server = await preview({ logLevel: 'error', build: { outDir }, preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false } });
  } finally {
    if (before === undefined) delete process.env.BASE_PATH;
    else process.env.BASE_PATH = before;
  }
  const address = server.httpServer.address() as AddressInfo;
  origin = `http://127.0.0.1:${address.port}`;
});

test.afterAll(async () => {
  await server?.close();
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

/** Content-Security-Policy violations the page reports, collected from before its first script runs. */
async function watchViolations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: { directive: string; blocked: string }[] = [];
    (globalThis as { __cspViolations?: typeof seen }).__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push({ directive: e.effectiveDirective, blocked: e.blockedURI }));
  });
}

function violations(page: Page): Promise<{ directive: string; blocked: string }[]> {
  return page.evaluate(() => (globalThis as { __cspViolations?: { directive: string; blocked: string }[] }).__cspViolations ?? []);
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

test('the built page runs under its strict CSP with no violation, rendering the demo books', async ({ page }) => {
  await watchViolations(page);
  await page.goto(`${origin}${BASE}?feeds=demo`);
  await expect(page.getByTestId('ladder-bid-0').getByTestId('price')).not.toBeEmpty();
  await page.waitForTimeout(1000);
  expect(await violations(page)).toEqual([]);
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain('wss://stream.binance.com:9443');
  expect(csp).not.toContain('unsafe-');
  // Every script is a file of the site's own, under the base: nothing inline.
  const scripts = await page.locator('script').evaluateAll((els) => els.map((e) => (e as HTMLScriptElement).src));
  expect(scripts.length).toBeGreaterThan(0);
  for (const src of scripts) expect(src.startsWith(`${origin}${BASE}`)).toBe(true);
});

test('registers its service worker and loads again with the network cut', async ({ page, context }) => {
  await page.goto(`${origin}${BASE}`);
  const registration = await page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    return { scope: reg.scope, script: reg.active?.scriptURL };
  });
  expect(registration).toEqual({ scope: `${origin}${BASE}`, script: `${origin}${BASE}sw.js` });
  // Nothing but the app shell is cached.
  const cached = await page.evaluate(async () => {
    const urls: string[] = [];
    for (const name of await caches.keys()) for (const req of await (await caches.open(name)).keys()) urls.push(req.url);
    return urls;
  });
  expect(cached.length).toBeGreaterThan(0);
  for (const url of cached) expect(url.startsWith(`${origin}${BASE}`)).toBe(true);
  expect(cached.some((u) => /\/assets\/worker-[^/]+\.js/.test(u))).toBe(true);

  await context.setOffline(true);
  try {
    await page.reload();
    await expect(page).toHaveTitle('Orderbook Aggregator');
    expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toBe(`${origin}${BASE}sw.js`);
    // Offline: the live feeds are unreachable, the page says so and offers the demo, which works with no network.
    const notice = page.getByTestId('offline-notice');
    await expect(notice).toContainText('unreachable');
    await page.getByTestId('offline-demo').click();
    await expect(notice).toBeHidden();
    await expect(page.getByTestId('ladder-ask-0').getByTestId('price')).not.toBeEmpty();
  } finally {
    await context.setOffline(false);
  }
});

test('the manifest is valid and installable: icons fetchable, start_url and scope under the base', async ({ page, request }) => {
  test.setTimeout(120_000); // two browsers: the test one and one with a profile
  await page.goto(`${origin}${BASE}`);
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  expect(href).toBe(`${BASE}manifest.webmanifest`);
  const manifestUrl = new URL(href!, origin);
  const manifest = (await (await request.get(manifestUrl.href)).json()) as {
    name: string;
    short_name: string;
    display: string;
    start_url: string;
    scope: string;
    icons: { src: string; sizes: string; type: string; purpose?: string }[];
  };
  expect(manifest.name).toBe('Orderbook Aggregator');
  expect(manifest.short_name).toBeTruthy();
  expect(manifest.display).toBe('standalone');
  expect(new URL(manifest.start_url, manifestUrl).pathname).toBe(BASE);
  expect(new URL(manifest.scope, manifestUrl).pathname).toBe(BASE);
  const purposes = new Set<string>();
  for (const icon of manifest.icons) {
    const url = new URL(icon.src, manifestUrl);
    expect(url.pathname.startsWith(BASE)).toBe(true);
    const res = await request.get(url.href);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toContain('image/png');
    const [w, h] = icon.sizes.split('x').map(Number);
    expect(pngSize(await res.body())).toEqual({ width: w, height: h });
    purposes.add(`${icon.purpose ?? 'any'}:${icon.sizes}`);
  }
  expect([...purposes]).toEqual(expect.arrayContaining(['any:192x192', 'any:512x512', 'maskable:512x512']));

  // Chromium's own verdict: the manifest parses cleanly and the page is installable. Test contexts are
  // incognito, where nothing installs, so this asks a browser with a profile of its own.
  const profile = mkdtempSync(join(tmpdir(), 'orderbook-profile-'));
  const persistent = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-sync'],
  });
  try {
    const installPage = persistent.pages()[0] ?? (await persistent.newPage());
    await installPage.goto(`${origin}${BASE}`);
    await installPage.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    const cdp = await persistent.newCDPSession(installPage);
    const parsed = (await cdp.send('Page.getAppManifest')) as { url: string; errors: { message: string }[] };
    expect(parsed.url).toBe(manifestUrl.href);
    expect(parsed.errors).toEqual([]);
        const installability = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: { errorId: string }[] };
    expect(installability.installabilityErrors).toEqual([]);
  } finally {
    await persistent.close();
    rmSync(profile, { recursive: true, force: true });
  }
});

test.describe('CSP connect-src', () => {
  // No service worker here, so page.route sees the page's own requests.
  test.use({ serviceWorkers: 'block' });

  test('blocks a host that is not a venue, allows a venue host', async ({ page }) => {
    await page.route('https://api.binance.com/**', (route) =>
      route.fulfill({ status: 200, body: '{}', headers: { 'access-control-allow-origin': '*', 'content-type': 'application/json' } }),
    );
    await watchViolations(page);
    await page.goto(`${origin}${BASE}?feeds=demo`);
    const result = await page.evaluate(async () => {
      const blocked = await fetch('https://example.com/').then(
        () => 'fetched',
        (e: unknown) => `rejected: ${String(e)}`,
      );
      const venue = await fetch('https://api.binance.com/api/v3/ping').then(
        (r) => `status ${r.status}`,
        (e: unknown) => `rejected: ${String(e)}`,
      );
      await new Promise((r) => setTimeout(r, 200));
      return { blocked, venue };
    });
    expect(result.blocked).toMatch(/^rejected/);
    expect(result.venue).toBe('status 200');
    const seen = await violations(page);
    expect(seen).toContainEqual({ directive: 'connect-src', blocked: 'https://example.com/' });
    expect(seen.filter((v) => v.blocked.includes('binance'))).toEqual([]);
  });
});
