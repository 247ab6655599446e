import type { ScriptedFault } from './record-feed';

/**
 * The scripted run behind each simulated host's committed recording of its first feed's BTC market
 * (tests/fixtures/<feed>/sim-btc.jsonl): the same seed and faults regenerate the simulator's truth that the
 * recording must rebuild.
 */
export const FIXTURE_SCRIPT = {
  seed: 42,
  base: 'BTC',
  steps: 400,
  faults: new Map<number, ScriptedFault>([
    [120, 'skip-sequence'],
    [220, 'corrupt-checksum'],
    [320, 'malformed'],
  ]),
} as const;
