import { OrderBook } from '../src/book/orderbook';
import type { RawLevel } from '../src/book/levels';
import { seededRandom } from '../src/sim/random';

/** One frame's worth of level changes, as the venue's text. */
export interface Batch {
  readonly bids: RawLevel[];
  readonly asks: RawLevel[];
}

export interface Stream {
  readonly snapshot: { readonly bids: RawLevel[]; readonly asks: RawLevel[] };
  readonly batches: Batch[];
  readonly changes: number;
  /** The book after the whole stream: every engine must end equal to it. */
  readonly truth: OrderBook;
  /** Where the changes landed, by level index from the top of their side before the change. */
  readonly shape: { top20: number; deeper: number; deletes: number; inserts: number; meanBatch: number };
}

/** BTC/USDT-like: 0.01 ticks, 0.00001 lots, Binance's full 5000 levels a side. */
const TICK = 0.01;
const LOT = 0.00001;
const DEPTH = 5000;
const TYPICAL = 0.4;

/**
 * The deterministic stream, self-contained so it stays the same when the app's simulator evolves: a
 * 5000-level snapshot per side around 91,000, then steps as a busy venue sends them. Each step, 30 % of the
 * time mid moves a tick or two (crossed levels are removed and the gap next to mid refilled); then 1 to 4
 * levels change: nine in ten within a few ticks of mid (exponential, mean 3), one in ten anywhere in the book,
 * a fifth of them removals; the far end is trimmed back to the nominal depth. Steps are grouped into frames of
 * about `batch` changes, until `total` changes.
 */
export function makeStream(total = 1_000_000, batch = 10, seed = 20_251_124): Stream {
  const random = seededRandom(seed);
  const truth = new OrderBook();
  const price = (ticks: number): string => (ticks * TICK).toFixed(2);
  const size = (): string => {
    const factor = random() < 0.05 ? 5 + random() * 20 : 0.1 + random() * 1.9;
    return (Math.max(1, Math.round((TYPICAL * factor) / LOT)) * LOT).toFixed(5);
  };
  const zero = '0.00000';
  let mid = Math.round(91_000 / TICK);
  const snapshot = { bids: [] as RawLevel[], asks: [] as RawLevel[] };
  for (let i = 1; i <= DEPTH; i++) {
    snapshot.bids.push([price(mid - i), size()]);
    snapshot.asks.push([price(mid + i), size()]);
  }
  truth.snapshot(snapshot.bids, snapshot.asks);

  const batches: Batch[] = [];
  let changes = 0;
  const shape = { top20: 0, deeper: 0, deletes: 0, inserts: 0, meanBatch: 0 };
  let frame: Batch = { bids: [], asks: [] };
  while (changes < total) {
    const bids = new Map<string, string>();
    const asks = new Map<string, string>();
    if (random() < 0.3) {
      mid += (random() < 0.5 ? -1 : 1) * (random() < 0.8 ? 1 : 2);
      for (let k = 0; k < truth.bids.length && truth.bids.priceAt(k)! > (mid - 0.5) * TICK; k++) bids.set(truth.bids.priceTextAt(k)!, zero);
      for (let k = 0; k < truth.asks.length && truth.asks.priceAt(k)! < (mid + 0.5) * TICK; k++) asks.set(truth.asks.priceTextAt(k)!, zero);
      if (!bids.has(price(mid - 1)) && !(truth.bids.priceAt(0)! > (mid - 1.5) * TICK)) bids.set(price(mid - 1), size());
      if (!asks.has(price(mid + 1)) && !(truth.asks.priceAt(0)! < (mid + 1.5) * TICK)) asks.set(price(mid + 1), size());
    }
    const n = 1 + Math.floor(random() * 4);
    for (let i = 0; i < n; i++) {
      const bid = random() < 0.5;
      const deep = random() < 0.1;
      const distance = 1 + (deep ? Math.floor(random() * DEPTH) : Math.floor(-Math.log(1 - random()) * 3));
      const remove = random() < 0.2 && distance > 1;
      (bid ? bids : asks).set(price(bid ? mid - distance : mid + distance), remove ? zero : size());
    }
    const step = { bids: [...bids] as RawLevel[], asks: [...asks] as RawLevel[] };
    // Classify each change against the book before it, then apply it to the truth.
    for (const [side, levels] of [
      [truth.bids, step.bids],
      [truth.asks, step.asks],
    ] as const) {
      for (const [p, q] of levels) {
        const v = Number(p);
        let k = 0;
        while (k < side.length && k < 20 && side.better(side.priceAt(k)!, v)) k++;
        if (k < 20) shape.top20++;
        else shape.deeper++;
        if (Number(q) === 0) shape.deletes++;
        else if (side.priceAt(k) !== v) shape.inserts++;
      }
    }
    truth.update(step.bids, step.asks);
    // Keep the book near its nominal depth: the far end is removed as part of the same changes.
    for (const [side, out] of [
      [truth.bids, step.bids],
      [truth.asks, step.asks],
    ] as const) {
      const extra: RawLevel[] = [];
      for (let k = DEPTH + 10; k < side.length; k++) extra.push([side.priceTextAt(k)!, zero]);
      for (const [p] of extra) side.set(Number(p), 0, p, zero);
      shape.deeper += extra.length;
      shape.deletes += extra.length;
      out.push(...extra);
    }
    frame.bids.push(...step.bids);
    frame.asks.push(...step.asks);
    changes += step.bids.length + step.asks.length;
    if (frame.bids.length + frame.asks.length >= batch) {
      batches.push(frame);
      frame = { bids: [], asks: [] };
    }
  }
  if (frame.bids.length + frame.asks.length) batches.push(frame);
  shape.meanBatch = changes / batches.length;
  return { snapshot, batches, changes, truth, shape };
}
