import { normal } from './random';

/**
 * A quantity that wanders and is pulled back (a discrete Ornstein-Uhlenbeck walk): each step moves it `reversion`
 * of the way back to `mean` and adds a normal shock of `sigma`. Its spread settles near
 * sigma / sqrt(2 * reversion), so a basis of a few bps that drifts for minutes needs a small reversion.
 */
export class Drift {
  private readonly mean: number;
  private readonly sigma: number;
  private readonly reversion: number;
  value: number;

  constructor(mean: number, sigma: number, reversion: number, start = mean) {
    this.mean = mean;
    this.sigma = sigma;
    this.reversion = reversion;
    this.value = start;
  }

  step(random: () => number): number {
    this.value += this.reversion * (this.mean - this.value) + this.sigma * normal(random);
    return this.value;
  }
}
