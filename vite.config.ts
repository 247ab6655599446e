import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Resvg } from '@resvg/resvg-js';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { runnerImport, type Plugin, type ResolvedConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { defineConfig } from 'vitest/config';
import { simPortFromEnv } from './tools/sim-port.ts';

/** Where the site is served: `/` by default, `/<repo>/` on GitHub Pages (BASE_PATH, set by the deploy workflow). */
function basePath(): string {
  const trimmed = (process.env.BASE_PATH ?? '').trim().replace(/^\/+|\/+$/g, '');
  return trimmed ? `/${trimmed}/` : '/';
}

const base = basePath();
/** The loopback simulator's port, written into the app (src/sim/port.ts) and so into its CSP. */
const define = { 'import.meta.env.SIM_PORT': JSON.stringify(String(simPortFromEnv())) };
const THEME_COLOR = '#0f1419';
/** The one source image of every app icon. */
const ICON_SOURCE = new URL('./public/icon.svg', import.meta.url);

interface IconSpec {
  /** Path under the site's base. */
  readonly file: string;
  readonly size: number;
  /** A square of the theme colour with the artwork at 80 %, inside the maskable safe zone (central 80 % circle). */
  readonly fullBleed: boolean;
}

const ICONS: readonly IconSpec[] = [
  { file: 'icons/icon-192.png', size: 192, fullBleed: false },
  { file: 'icons/icon-512.png', size: 512, fullBleed: false },
  { file: 'icons/maskable-512.png', size: 512, fullBleed: true },
  // iOS shows transparency as black and rounds the corners itself: a full-bleed square.
  { file: 'icons/apple-touch-icon.png', size: 180, fullBleed: true },
];

function renderIcon(svg: string, spec: IconSpec): Buffer {
  let source = svg;
  if (spec.fullBleed) {
    const inner = svg.replace(/^[\s\S]*?<svg\b/, '<svg x="51.2" y="51.2" width="409.6" height="409.6"');
    source = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512"><rect width="512" height="512" fill="${THEME_COLOR}"/>${inner}</svg>`;
  }
  return Buffer.from(new Resvg(source, { fitTo: { mode: 'width', value: spec.size } }).render().asPng());
}

/**
 * The app icons, rendered from public/icon.svg: emitted into the build (so the service worker precaches them)
 * and served on demand by the dev server. No PNG is kept in the repo.
 */
function pwaIcons(): Plugin {
  let config: ResolvedConfig;
  const cache = new Map<string, Buffer>();
  const icon = (spec: IconSpec): Buffer => {
    let png = cache.get(spec.file);
    if (!png) cache.set(spec.file, (png = renderIcon(readFileSync(ICON_SOURCE, 'utf8'), spec)));
    return png;
  };
  return {
    name: 'orderbook:pwa-icons',
    configResolved(resolved) {
      config = resolved;
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const path = (req.url ?? '').split('?')[0];
        const spec = ICONS.find((s) => path === `${config.base}${s.file}`);
        if (!spec) return next();
        res.setHeader('Content-Type', 'image/png');
        res.end(icon(spec));
      });
    },
    generateBundle() {
      for (const spec of ICONS) this.emitFile({ type: 'asset', fileName: spec.file, source: icon(spec) });
    },
    transformIndexHtml() {
      return [{ tag: 'link', attrs: { rel: 'apple-touch-icon', href: `${config.base}icons/apple-touch-icon.png` }, injectTo: 'head' }];
    },
  };
}

/**
 * The Content-Security-Policy <meta> tag of the built index.html (GitHub Pages sends no headers). Its connect-src
 * comes from the venue protocols' own endpoints (src/worker/allowed-hosts.ts), so it never drifts from the code
 * that dials them. Build only: the dev server's client needs inline styles and its own socket.
 */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'orderbook:csp',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      async handler(html) {
        if (/<script\b(?![^>]*\bsrc=)[^>]*>/i.test(html)) throw new Error("index.html has an inline script, which script-src 'self' blocks");
        const hosts = await runnerImport<typeof import('./src/worker/allowed-hosts')>('./src/worker/allowed-hosts.ts', {
          configFile: false,
          logLevel: 'error',
          define,
        });
        const meta = `<meta http-equiv="Content-Security-Policy" content="${hosts.module.contentSecurityPolicy()}" />`;
        // Right after <meta charset>, which has to come first.
        const charset = /<meta\s+charset[^>]*>/i;
        return charset.test(html) ? html.replace(charset, (m) => `${m}\n    ${meta}`) : html.replace(/<head>/i, `<head>\n    ${meta}`);
      },
    },
  };
}

/** Vite prints no gzip figure for the worker's chunk: after the build, print every script's gzip size. */
function gzipReport(): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'orderbook:gzip-report',
    apply: 'build',
    configResolved(resolved) {
      config = resolved;
    },
    closeBundle() {
      const dir = join(config.root, config.build.outDir, config.build.assetsDir);
      if (!existsSync(dir)) return;
      const kb = (n: number): string => `${(n / 1000).toFixed(2)} kB`.padStart(10);
      const lines = readdirSync(dir)
        .filter((f) => f.endsWith('.js'))
        .map((f) => {
          const code = readFileSync(join(dir, f));
          return `  ${config.build.assetsDir}/${f}`.padEnd(52) + `${kb(code.length)} │ gzip: ${kb(gzipSync(code, { level: 9 }).length)}`;
        });
      config.logger.info(`\nJavaScript (the page's chunks and the worker's):\n${lines.join('\n')}`);
    },
  };
}

export default defineConfig({
  base,
  define,
  plugins: [
    svelte(),
    pwaIcons(),
    contentSecurityPolicy(),
    gzipReport(),
    VitePWA({
      // The page asks before a new version takes over (src/ui/pwa/UpdatePrompt.svelte); the service worker is
      // registered from the app's own bundle (virtual:pwa-register), never by an inline script.
      registerType: 'prompt',
      injectRegister: false,
      manifest: {
        id: base,
        name: 'Orderbook Aggregator',
        short_name: 'Orderbook',
        description: 'One exact consolidated order book across seven crypto exchanges, computed in your browser.',
        lang: 'en',
        start_url: base,
        scope: base,
        display: 'standalone',
        theme_color: THEME_COLOR,
        background_color: THEME_COLOR,
        categories: ['finance'],
        icons: [
          { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: 'icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        // The app shell only: the page, its scripts (the worker's too), styles and icons, and the instrument catalog
        // the site was built with (where the build made one), so an installed app offline still knows the markets as
        // of its build. Exchange data is never cached: no runtime caching at all, and venue hosts are other origins
        // the service worker never answers for.
        globPatterns: ['**/*.{html,js,css,svg,png,webmanifest}', 'catalog.json'],
        navigateFallback: 'index.html',
        runtimeCaching: [],
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  build: {
    // Vite prints each chunk's gzip size with this (the default, kept explicit: the README quotes the figure).
    reportCompressedSize: true,
    // Rolldown's plugin-timing note only says the service worker build (workbox) takes a few seconds.
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
  worker: { format: 'es' },
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
  },
});
