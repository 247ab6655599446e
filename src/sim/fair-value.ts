import type { Quote } from '../venues/types';
import { Drift } from './drift';
import { normal, seededRandom } from './random';

/** Step of every walk below; venues' ticks may come at any rate, the walks keep their own clock. */
const STEP_MS = 100;
/** Relative volatility of a base per step: about 0.16 bp a second, 1.2 bp a minute, a calm market. */
const SIGMA = 5e-6;

/**
 * The stablecoins' rates to the dollar: a basis of a few bps that drifts for minutes (USDT usually a little above
 * par, USDC at it), which on BTC is worth more than the venues' spreads.
 */
const STABLECOINS: Readonly<Record<Exclude<Quote, 'USD'>, { readonly mean: number; readonly sigma: number }>> = {
  USDT: { mean: 2e-4, sigma: 4.9e-6 },
  USDC: { mean: -0.5e-4, sigma: 2.4e-6 },
};
/** Half-life about four minutes: USDT's 2 bps of spread around its mean, USDC's 1 bp. */
const STABLECOIN_REVERSION = 0.0003;

/** A perpetual's premium over spot, funding-like: a few bps, drifting, pulled back slowly. */
const BASIS = { mean: 3e-4, sigma: 1.3e-5, reversion: 0.001 } as const;

/**
 * The truth every venue quotes around, as seeded walks in time: one fair value per base asset in dollars, each
 * stablecoin's rate to the dollar, and each base's perpetual basis. Venues convert it into their own quote
 * currency and add noise of their own; arbitrage keeps them together (src/sim/arbitrage.ts).
 */
export class FairValues {
  private readonly random: () => number;
  private readonly bases = new Map<string, number>();
  private readonly rates = new Map<string, Drift>();
  private readonly premiums = new Map<string, Drift>();
  private at: number | undefined;

  /** `start`: each base asset's dollar price at the first time asked. */
  constructor(seed: number, start: ReadonlyMap<string, number>) {
    this.random = seededRandom(seed ^ 0x5eed);
    for (const [base, value] of start) {
      this.bases.set(base, value);
      this.premiums.set(base, new Drift(BASIS.mean, BASIS.sigma, BASIS.reversion));
    }
    for (const [coin, { mean, sigma }] of Object.entries(STABLECOINS)) this.rates.set(coin, new Drift(mean, sigma, STABLECOIN_REVERSION));
  }

  /** Dollars one unit of `asset` is worth at time `now` (epoch ms; time only moves forward): 1 for USD itself. */
  usd(asset: string, now: number): number {
    this.advance(now);
    if (asset === 'USD') return 1;
    const rate = this.rates.get(asset);
    if (rate) return 1 + rate.value;
    const value = this.bases.get(asset);
    if (value === undefined) throw new Error(`the simulator has no fair value for ${asset}`);
    return value;
  }

  /** How far a perpetual on `base` trades above its spot, as a fraction (3e-4 is 3 bps). */
  basis(base: string, now: number): number {
    this.advance(now);
    const premium = this.premiums.get(base);
    if (!premium) throw new Error(`the simulator has no perpetual basis for ${base}`);
    return premium.value;
  }

  private advance(now: number): void {
    if (this.at === undefined) this.at = now;
    while (this.at + STEP_MS <= now) {
      this.at += STEP_MS;
      for (const [base, value] of this.bases) this.bases.set(base, value * (1 + SIGMA * normal(this.random)));
      for (const rate of this.rates.values()) rate.step(this.random);
      for (const premium of this.premiums.values()) premium.step(this.random);
    }
  }
}
