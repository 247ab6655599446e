import type { BaseAsset } from '../venues/assets';
import { seededRandom } from './random';

/** Step of the fair-value walk; venues' ticks may come at any rate, the walk keeps its own clock. */
const STEP_MS = 100;
/** Relative volatility per step: about 0.16 bp a second, 1.2 bp a minute, a calm market. */
const SIGMA = 5e-6;

/**
 * One fair value per base asset, a seeded geometric random walk in time. Every venue's market chases it, so
 * venues' prices move together and cross only for a moment, as arbitrage keeps real ones.
 */
export class FairValues {
  private readonly random: () => number;
  private readonly values = new Map<BaseAsset, number>();
  private at: number | undefined;

  constructor(seed: number, start: ReadonlyMap<BaseAsset, number>) {
    this.random = seededRandom(seed ^ 0x5eed);
    for (const [base, value] of start) this.values.set(base, value);
  }

  /** The fair value of `base` at time `now` (epoch ms); time only moves forward. */
  valueAt(base: BaseAsset, now: number): number {
    this.advance(now);
    return this.values.get(base)!;
  }

  private advance(now: number): void {
    if (this.at === undefined) this.at = now;
    while (this.at + STEP_MS <= now) {
      this.at += STEP_MS;
      for (const [base, value] of this.values) this.values.set(base, value * (1 + SIGMA * this.gaussian()));
    }
  }

  /** A standard normal draw (Box-Muller). */
  private gaussian(): number {
    const u = 1 - this.random();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.random());
  }
}
