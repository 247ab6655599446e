/**
 * Prints the functions with the most self time in a V8 .cpuprofile (from `node --cpu-prof`), so a missed
 * target can be explained by a profile: `npx tsx bench/top-frames.ts <file.cpuprofile> [count]`.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
export interface CpuProfile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

/** The `count` functions with the most self time, as "share %  ms  name file:line" lines. */
export function topFrames(profile: CpuProfile, count: number): string[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  let total = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const node = byId.get(profile.samples[i]!)!;
    const dt = profile.timeDeltas[i] ?? 0;
    const { functionName, url, lineNumber } = node.callFrame;
    const key = `${functionName || '(anonymous)'} ${url.replace(/^.*\/(src|bench|node_modules|assets)\//, '$1/')}:${lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + dt);
    total += dt;
  }
  const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, count);
  return [
    `total ${(total / 1000).toFixed(0)} ms sampled`,
    ...top.map(([key, us]) => `${((100 * us) / total).toFixed(1).padStart(5)} %  ${(us / 1000).toFixed(0).padStart(6)} ms  ${key}`),
  ];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [file, count = '25'] = process.argv.slice(2);
  if (!file) {
    console.error('usage: tsx bench/top-frames.ts <file.cpuprofile> [count]');
    process.exit(2);
  }
  console.log(topFrames(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, Number(count)).join('\n'));
}
