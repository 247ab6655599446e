/**
 * The production build served on loopback, and Debian's Chromium to open it in: what the browser soak and the
 * replay memory measurement run against (never the dev server, whose modules and source maps weigh differently).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { preview } from 'vite';
import { buildApp } from '../bench/size';
import { CHROMIUM } from '../playwright.config';

const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

export interface BuiltApp {
  /** Where vite preview serves the build, e.g. http://127.0.0.1:4173 */
  readonly origin: string;
  close(): Promise<void>;
}

/** Builds the app into a temporary folder (not dist/, which others may be writing) and serves it. */
export async function serveBuild(log: (s: string) => void): Promise<BuiltApp> {
  const root = join(import.meta.dirname, '..');
  const outDir = mkdtempSync(join(tmpdir(), 'built-app-'));
  const built = buildApp(root, outDir, log);
  if (!built.ok) throw new Error(built.note);
  const server = await preview({ root, logLevel: 'error', build: { outDir }, preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false } });
  return {
    origin: `http://127.0.0.1:${(server.httpServer.address() as AddressInfo).port}`,
    async close() {
      await server.close();
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

export { CHROMIUM };
