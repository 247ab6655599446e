import type { ScriptedFault } from './record-feed';
import type { OkxSimMode } from './venues/okx';

/** A scripted OKX run in one of the simulator's modes, behind a committed recording under tests/fixtures/okx/. */
export interface OkxFixtureScript {
  readonly file: string;
  readonly mode: OkxSimMode;
  readonly seed: number;
  readonly base: 'BTC';
  readonly steps: number;
  readonly faults: ReadonlyMap<number, ScriptedFault>;
}

/**
 * OKX's recordings pinned to a mode, whatever the simulator's default: since the delisting (no socket snapshot,
 * the book synced from REST at the start and after each resync) and before seqId (the checksum proves each frame).
 */
export const OKX_FIXTURE_SCRIPTS: readonly OkxFixtureScript[] = [
  {
    file: 'rest-snapshot.jsonl',
    mode: 'rest-snapshot',
    seed: 7,
    base: 'BTC',
    steps: 120,
    faults: new Map<number, ScriptedFault>([
      [40, 'skip-sequence'],
      [80, 'malformed'],
    ]),
  },
  {
    file: 'checksum-only.jsonl',
    mode: 'checksum-only',
    seed: 7,
    base: 'BTC',
    steps: 120,
    faults: new Map<number, ScriptedFault>([
      [40, 'corrupt-checksum'],
      [80, 'skip-sequence'],
    ]),
  },
];
