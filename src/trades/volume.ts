import type { FeedId } from '../venues/types';
import { TRADE_WINDOWS, TRADE_WINDOW_MS, type TradeSide, type TradeVolumes, type TradeWindow, type VolumeFigures } from './types';

/** The windows shortest first, each in whole seconds: one pass from the newest second back fills them in turn. */
const WINDOWS = [...TRADE_WINDOWS].sort((a, b) => TRADE_WINDOW_MS[a] - TRADE_WINDOW_MS[b]).map((window) => ({ window, seconds: TRADE_WINDOW_MS[window] / 1000 }));

/** Seconds a feed's ring keeps: the longest window. */
const SECONDS = WINDOWS.at(-1)!.seconds;

/** Each second's sums, side by side in one array: base bought, base sold, the same in the display currency, trades. */
const BUY = 0;
const SELL = 1;
const BUY_QUOTE = 2;
const SELL_QUOTE = 3;
const TRADES = 4;
const FIELDS = 5;

/** One feed's last hour, one slot per whole second, a slot reused by the second an hour after the one it held. */
class SecondRing {
  /** The whole second (epoch ms / 1000, floored) each slot sums; NaN for a slot never written. */
  readonly seconds = new Float64Array(SECONDS).fill(Number.NaN);
  readonly sums = new Float64Array(SECONDS * FIELDS);
}

function slotOf(second: number): number {
  return ((second % SECONDS) + SECONDS) % SECONDS;
}

function addTo(sums: Float64Array, index: number, amount: number): void {
  sums[index] = sums[index]! + amount;
}

function figuresOf(sums: Float64Array): VolumeFigures {
  const buy = sums[BUY]!;
  const sell = sums[SELL]!;
  const buyQuote = sums[BUY_QUOTE]!;
  const sellQuote = sums[SELL_QUOTE]!;
  const volume = buy + sell;
  return { buy, sell, buyQuote, sellQuote, trades: sums[TRADES]!, vwap: volume > 0 ? (buyQuote + sellQuote) / volume : undefined, cvd: buy - sell };
}

/**
 * Bought and sold per feed over the trade windows, in memory bounded whatever the trade rate: each feed sums its
 * trades into one bucket per whole second of arrival, in a ring as long as the longest window.
 *
 * The window: at `now`, a window of W ms holds the trades whose arrival second (`floor(at / 1000)`) is one of the
 * last W / 1000 whole seconds, the current one (`floor(now / 1000)`) included. It thus reaches between W − 1000 and
 * W ms into the past: at 10:01:00.400 the 1m window starts at 10:00:01.000. A trade that arrived after `now` is in
 * no window (the engine's clock only moves on, so this does not arise).
 *
 * A trade arriving late (other feeds' trades taken first) lands in its own second's bucket, so the figures do not
 * depend on the order trades within the hour are added in. One that arrived a whole longest window or more before the newest trade
 * added is dropped, and counted in `dropped`: its second's slot already belongs to a newer second.
 *
 * Figures re-sum the buckets in the window each time they are asked for, newest first, and never subtract an old
 * bucket from a running total: a sum of floats with its oldest terms taken away drifts from the sum of the rest.
 */
export class VolumeTracker {
  private readonly rings = new Map<FeedId, SecondRing>();
  /** The newest arrival second added since the last reset. */
  private newest = Number.NEGATIVE_INFINITY;
  private droppedTrades = 0;

  /** Trades dropped for arriving a whole longest window or more before the newest one. */
  get dropped(): number {
    return this.droppedTrades;
  }

  /**
   * One trade: `at` its arrival on the engine's clock (epoch ms; the recording's clock in a replay, so a replay sums
   * to the same figures), `price` in the display currency, `size` in base units.
   */
  add(feed: FeedId, at: number, price: number, size: number, side: TradeSide): void {
    const second = Math.floor(at / 1000);
    if (second > this.newest) this.newest = second;
    if (second <= this.newest - SECONDS) {
      this.droppedTrades++;
      return;
    }
    let ring = this.rings.get(feed);
    if (!ring) this.rings.set(feed, (ring = new SecondRing()));
    const slot = slotOf(second);
    const offset = slot * FIELDS;
    // Every second kept lies within the longest window of the newest, so a slot holds this second or an older one.
    if (ring.seconds[slot] !== second) {
      ring.seconds[slot] = second;
      ring.sums.fill(0, offset, offset + FIELDS);
    }
    const buy = side === 'buy';
    addTo(ring.sums, offset + (buy ? BUY : SELL), size);
    addTo(ring.sums, offset + (buy ? BUY_QUOTE : SELL_QUOTE), price * size);
    addTo(ring.sums, offset + TRADES, 1);
  }

  /**
   * Every window's figures at `now` (epoch ms, the engine's clock): per feed with a trade in the longest window
   * (in the shorter ones too, with zeros where it was quiet), and all of them together.
   */
  figures(now: number): TradeVolumes {
    const current = Math.floor(now / 1000);
    const all = WINDOWS.map(() => new Float64Array(FIELDS));
    const feeds = WINDOWS.map(() => ({}) as Partial<Record<FeedId, VolumeFigures>>);
    for (const [feed, ring] of this.rings) {
      const perWindow = sumWindows(ring, current);
      if (perWindow.at(-1)![TRADES] === 0) continue;
      perWindow.forEach((sums, i) => {
        feeds[i]![feed] = figuresOf(sums);
        for (let f = 0; f < FIELDS; f++) addTo(all[i]!, f, sums[f]!);
      });
    }
    const volumes = {} as Record<TradeWindow, TradeVolumes[TradeWindow]>;
    WINDOWS.forEach(({ window }, i) => {
      volumes[window] = { all: figuresOf(all[i]!), feeds: feeds[i]! };
    });
    return volumes;
  }

  /** Forgets the feeds not in `feeds`: a market taken off the screen leaves every total at once, not an hour later. */
  keepOnly(feeds: ReadonlySet<FeedId>): void {
    for (const feed of this.rings.keys()) if (!feeds.has(feed)) this.rings.delete(feed);
  }

  reset(): void {
    this.rings.clear();
    this.newest = Number.NEGATIVE_INFINITY;
    this.droppedTrades = 0;
  }
}

/** One ring's sums over each window (shortest first), from the current second back. */
function sumWindows(ring: SecondRing, current: number): Float64Array[] {
  const running = new Float64Array(FIELDS);
  const sums: Float64Array[] = [];
  let next = 0;
  for (let age = 0; age < SECONDS; age++) {
    while (next < WINDOWS.length && age === WINDOWS[next]!.seconds) {
      sums.push(running.slice());
      next++;
    }
    const second = current - age;
    const slot = slotOf(second);
    if (ring.seconds[slot] !== second) continue;
    for (let f = 0; f < FIELDS; f++) addTo(running, f, ring.sums[slot * FIELDS + f]!);
  }
  while (sums.length < WINDOWS.length) sums.push(running.slice());
  return sums;
}
