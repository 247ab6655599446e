import type { SimTrade } from './types';

/** The smallest order, as a share of the market's typical level: most trades are small. */
const SMALLEST = 0.02;
/** The tail index of order sizes (Pareto): below 2, a few orders are a hundred times the median. */
const TAIL = 1.2;
/** The largest order, in typical levels: a sweep of some tens of levels, well within the book's depth. */
const LARGEST = 40;
/** How far the share of buys leans from one half with the market's move: at most 0.85 buys, or 0.15. */
const LEAN = 0.35;
/** A move of the followed price, as a share of it, that tilts the takers most of the way (a few steps' noise). */
const MOVE = 1e-5;
/** Orders due longer ago than this are not sent: a market that stood still does not catch up with a burst. */
const CATCH_UP_MS = 1000;

/** An order a taker sends: it takes liquidity from the book on the other side. */
export interface TakerOrder {
  readonly side: SimTrade['side'];
  /** In the book's own unit; the market rounds it to whole lots. */
  readonly size: number;
}

/**
 * The takers trading one market: orders arrive at random (a Poisson process of `perSecond` times the trade
 * speed), of heavy-tailed sizes, buys and sells balanced but leaning with the market's move, as takers chase it.
 * Deterministic for its random source and the times it is asked at.
 */
export class Takers {
  private readonly perSecond: number;
  private readonly typicalSize: number;
  private readonly random: () => number;
  /** When the next order is due; undefined until first asked. */
  private next: number | undefined;

  /** `typicalSize`: the market's typical level near the top, in the book's own unit. */
  constructor(perSecond: number, typicalSize: number, random: () => number) {
    this.perSecond = perSecond;
    this.typicalSize = typicalSize;
    this.random = random;
  }

  /**
   * The orders due by `now` since the last call, oldest first, at `speed` times the normal rate; `move` is how far
   * the market's price moved meanwhile, as a share of it.
   */
  orders(now: number, move: number, speed: number): TakerOrder[] {
    const perMs = (this.perSecond * speed) / 1000;
    if (!(perMs > 0)) {
      this.next = undefined;
      return [];
    }
    if (this.next === undefined || now - this.next > CATCH_UP_MS) this.next = now + this.wait(perMs);
    const buys = 0.5 + LEAN * Math.tanh(move / MOVE);
    const out: TakerOrder[] = [];
    for (; this.next <= now; this.next += this.wait(perMs)) out.push({ side: this.random() < buys ? 'buy' : 'sell', size: this.size() });
    return out;
  }

  /** Milliseconds to the next order. */
  private wait(perMs: number): number {
    return -Math.log(1 - this.random()) / perMs;
  }

  private size(): number {
    const pareto = SMALLEST * (1 - this.random()) ** (-1 / TAIL);
    return this.typicalSize * Math.min(pareto, LARGEST);
  }
}
