/**
 * Profiles one measured thing, only while it runs (not while its input is built), and prints the top self-time
 * frames; writes bench/.prof/<what>.cpuprofile for a closer look in DevTools.
 *   npx tsx bench/profile.ts [ours|ours, text kept|ccxt|tardis-dev|sorted array] [apply|read] [near|uniform|bottom] [levels]
 *                                                                         one book engine on a bench stream (default near 10000)
 *   npx tsx bench/profile.ts parse <venue>                                 one venue adapter on its update frames
 *   npx tsx bench/profile.ts ladder <step>                                 consolidate() over every venue's book
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ccxtEngine, loadPeers, ours, oursWithText, sortedArray, tardisEngine, type Engine } from './engines';
import { makeStream, PROFILES, type Profile } from './stream';
import { topFrames, type CpuProfile } from './top-frames';

const here = dirname(fileURLToPath(import.meta.url));
const [name = 'ours', mode = 'apply', profileName = 'near', levels = '10000'] = process.argv.slice(2);

async function profiled(label: string, warm: () => unknown, run: () => unknown): Promise<void> {
  warm(); // warm up outside the profile
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  run();
  const { profile } = await session.post('Profiler.stop');
  mkdirSync(join(here, '.prof'), { recursive: true });
  const file = join(here, '.prof', `${label.replace(/\W+/g, '-')}.cpuprofile`);
  writeFileSync(file, JSON.stringify(profile));
  console.log(topFrames(profile as CpuProfile, 15).join('\n'));
}

if (name === 'parse') {
  const { venueFrames } = await import('./parse');
  const { PROTOCOLS } = await import('../src/venues');
  const frames = await venueFrames(mode as never, 2000);
  const parse = PROTOCOLS[mode as keyof typeof PROTOCOLS]!.parse;
  const pass = (reps: number): number => {
    let n = 0;
    for (let r = 0; r < reps; r++) for (const t of frames.texts) n += parse(t).length;
    return n;
  };
  await profiled(`parse-${mode}`, () => pass(5), () => pass(50));
  process.exit(0);
}
if (name === 'ladder') {
  const { ladderBooks } = await import('./consolidate');
  const { consolidate } = await import('../src/market/consolidate');
  const books = ladderBooks(1000);
  const pass = (reps: number): number => {
    let n = 0;
    for (let r = 0; r < reps; r++) n += consolidate(books, Number(mode), 50).bids.length;
    return n;
  };
  await profiled(`ladder-${mode}`, () => pass(20), () => pass(2000));
  process.exit(0);
}

const read = mode === 'read' ? 50 : 0;
const peers = await loadPeers();
const engines: Engine[] = [ours, oursWithText, ccxtEngine(peers.ccxt.cls, peers.ccxt.version), tardisEngine(peers.tardis.cls, peers.tardis.version), sortedArray];
const engine = engines.find((e) => e.name === name);
if (!engine) throw new Error(`no engine ${name}`);
if (!PROFILES.includes(profileName as Profile)) throw new Error(`no profile ${profileName}: ${PROFILES.join(', ')}`);
const stream = makeStream(Number(levels), [profileName as Profile], Number(process.env.BENCH_CHANGES ?? 300_000));
const snapshot = stream.snapshot();
const batches = stream.phases[0]!.batches();
const changes = stream.phases[0]!.changes;

const pass = (): number => {
  const book = engine.create(snapshot);
  let sink = 0;
  const t0 = performance.now();
  for (const b of batches) {
    book.apply(b);
    if (read) sink += book.read(read);
  }
  const s = (performance.now() - t0) / 1000;
  console.log(`${engine.name} ${mode} ${profileName} ${levels}: ${(changes / s / 1e6).toFixed(3)} M changes/s${sink === 1 ? '' : ''}`);
  return sink;
};

pass(); // warm up outside the profile
const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 200 });
await session.post('Profiler.start');
pass();
pass();
const { profile } = await session.post('Profiler.stop');
mkdirSync(join(here, '.prof'), { recursive: true });
const file = join(here, '.prof', `${engine.name.replace(/\W+/g, '-')}-${mode}-${profileName}-${levels}.cpuprofile`);
writeFileSync(file, JSON.stringify(profile));
console.log(topFrames(profile as CpuProfile, 15).join('\n'));
