import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface SizeResult {
  readonly built: boolean;
  readonly note?: string;
  readonly outDir: string;
  readonly js: { file: string; bytes: number; gzip: number }[];
  readonly css: { file: string; bytes: number; gzip: number }[];
  readonly jsGzip: number;
  readonly cssGzip: number;
}

/**
 * Builds the app with vite into `outDir` (the bench's own, so a stale or half-written dist/ of someone else's
 * cannot be measured) and gzips what index.html loads before anything runs: its module script, modulepreloads
 * and stylesheets. Worker and lazily imported chunks are not initial.
 */
export function buildApp(root: string, outDir: string, log: (s: string) => void, minify = true): { ok: boolean; note?: string } {
  if (!existsSync(join(root, 'index.html'))) return { ok: false, note: 'no index.html yet: the app has not landed' };
  try {
    log(`  vite build --outDir ${outDir}`);
    execFileSync(join(root, 'node_modules/.bin/vite'), ['build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn', ...(minify ? [] : ['--minify', 'false'])], { cwd: root, stdio: 'pipe' });
    return { ok: true };
  } catch (e) {
    const err = e as { stderr?: Buffer; message: string };
    const text = (err.stderr?.toString() || err.message).trim().split('\n').slice(0, 3).join(' ');
    return { ok: false, note: `the build does not work yet: ${text}` };
  }
}

export function measureSize(outDir: string, build: { ok: boolean; note?: string }): SizeResult {
  const empty = { outDir, js: [], css: [], jsGzip: NaN, cssGzip: NaN };
  if (!build.ok) return { built: false, note: build.note, ...empty };
  const html = readFileSync(join(outDir, 'index.html'), 'utf8');
  const refs = (re: RegExp): string[] => [...new Set([...html.matchAll(re)].map((m) => m[1]!))];
  const jsFiles = [
    ...refs(/<script[^>]*type="module"[^>]*src="([^"]+)"/g),
    ...refs(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g),
  ];
  const cssFiles = refs(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g);
  const measure = (file: string): { file: string; bytes: number; gzip: number } => {
    const body = readFileSync(join(outDir, file.replace(/^\//, '')));
    return { file, bytes: body.length, gzip: gzipSync(body, { level: 9 }).length };
  };
  const js = [...new Set(jsFiles)].map(measure);
  const css = cssFiles.map(measure);
  return { built: true, outDir, js, css, jsGzip: js.reduce((s, f) => s + f.gzip, 0), cssGzip: css.reduce((s, f) => s + f.gzip, 0) };
}
