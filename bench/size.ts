import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

interface FileSize {
  readonly file: string;
  readonly bytes: number;
  readonly gzip: number;
}

export interface SizeResult {
  readonly built: boolean;
  readonly note?: string;
  readonly outDir: string;
  /** What index.html loads up front: its module script and modulepreloads. */
  readonly js: FileSize[];
  readonly css: FileSize[];
  readonly jsGzip: number;
  readonly cssGzip: number;
  /**
   * The module workers the page's JavaScript starts (`new Worker(new URL(...))`) and every chunk they import
   * statically, less what the page loads already. The app starts its engine worker as soon as it mounts.
   */
  readonly worker: FileSize[];
  /** jsGzip plus the worker's files. */
  readonly withWorkerGzip: number;
}

/**
 * Builds the app with vite into `outDir` (the bench's own, so a stale or half-written dist/ of someone else's
 * cannot be measured).
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

/** Where a module specifier found in `from` (a path under the site root, e.g. /assets/index-x.js) points. */
function resolve(from: string, specifier: string): string | undefined {
  if (/^[a-z]+:/i.test(specifier) || specifier.startsWith('//')) return undefined;
  const base = specifier.startsWith('/') ? '' : from.slice(0, from.lastIndexOf('/') + 1);
  const parts: string[] = [];
  for (const part of `${base}${specifier}`.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.' && part !== '') parts.push(part);
  }
  return `/${parts.join('/')}`;
}

/** Static imports (`import ... from "x"`, `import "x"`, `export ... from "x"`) of a built chunk; `import("x")` is lazy and left out. */
function staticImports(code: string): string[] {
  return [...code.matchAll(/(?:^|[;}\s])(?:import|export)\s*(?:[\w$*{}\s,]+?\s*from\s*)?(["'`])([^"'`\s]+\.js)\1/g)].map((m) => m[2]!);
}

/** Scripts a page chunk starts as module workers: `new Worker(new URL("x", import.meta.url)...)`, as Vite writes it. */
function workerEntries(code: string): string[] {
  return [...code.matchAll(/new\s+(?:Shared)?Worker\(\s*new\s+URL\(\s*(["'`])([^"'`]+\.js)\1/g)].map((m) => m[2]!);
}

/**
 * Gzip -9 of what the built index.html loads before anything runs (module script, modulepreloads, stylesheets;
 * lazily imported chunks are not initial), and of the worker the page starts at once with the chunks it imports.
 */
export function measureSize(outDir: string, build: { ok: boolean; note?: string }): SizeResult {
  const empty = { outDir, js: [], css: [], jsGzip: NaN, cssGzip: NaN, worker: [], withWorkerGzip: NaN };
  if (!build.ok) return { built: false, note: build.note, ...empty };
  const html = readFileSync(join(outDir, 'index.html'), 'utf8');
  const refs = (re: RegExp): string[] => [...new Set([...html.matchAll(re)].map((m) => m[1]!))];
  const jsFiles = [
    ...refs(/<script[^>]*type="module"[^>]*src="([^"]+)"/g),
    ...refs(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g),
  ];
  const cssFiles = refs(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g);
  const read = (file: string): Buffer => readFileSync(join(outDir, file.replace(/^\//, '')));
  const measure = (file: string): FileSize => {
    const body = read(file);
    return { file, bytes: body.length, gzip: gzipSync(body, { level: 9 }).length };
  };
  const css = cssFiles.map(measure);
  // The page's own static graph (a chunk it imports may not be preloaded), then each worker's.
  const page = new Set<string>();
  const walk = (file: string, into: Set<string>): void => {
    if (into.has(file) || page.has(file) || !existsSync(join(outDir, file.replace(/^\//, '')))) return;
    into.add(file);
    for (const spec of staticImports(read(file).toString())) {
      const target = resolve(file, spec);
      if (target) walk(target, into);
    }
  };
  for (const f of new Set(jsFiles)) walk(f, page);
  const js = [...page].map(measure);
  const workers = new Set<string>();
  for (const f of page) {
    for (const spec of workerEntries(read(f).toString())) {
      const target = resolve(f, spec);
      if (target) walk(target, workers);
    }
  }
  const worker = [...workers].map(measure);
  const jsGzip = js.reduce((s, f) => s + f.gzip, 0);
  return {
    built: true,
    outDir,
    js,
    css,
    jsGzip,
    cssGzip: css.reduce((s, f) => s + f.gzip, 0),
    worker,
    withWorkerGzip: jsGzip + worker.reduce((s, f) => s + f.gzip, 0),
  };
}
