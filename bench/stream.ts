import type { RawLevel } from '../src/book/levels';
import { seededRandom } from '../src/sim/random';

/** One frame's worth of level changes, as the venue's text. */
export interface Batch {
  readonly bids: RawLevel[];
  readonly asks: RawLevel[];
}

/**
 * Where the changes land, by rank from the top of their side:
 * - near: about nine in ten within the 20 best levels (rank exponential, mean 3), the rest anywhere (as a busy
 *   venue sends them; 93 % are drawn near, some of those collide within a frame and are drawn again);
 * - uniform: the rank uniformly random over the whole side;
 * - bottom: within the worst 20 levels (inserts also just past the worst).
 */
export type Profile = 'near' | 'uniform' | 'bottom';
export const PROFILES: readonly Profile[] = ['near', 'uniform', 'bottom'];

/** One book's life: a snapshot, then one phase of changes per profile, each starting where the last ended. */
export interface Stream {
  /** Levels a side in the snapshot; inserts and removals keep the book near it. */
  readonly levels: number;
  /** The snapshot, best first on both sides as every venue sends it; fresh strings on every call. */
  snapshot(): Batch;
  readonly phases: readonly Phase[];
}

export interface Phase {
  readonly profile: Profile;
  readonly changes: number;
  readonly frames: number;
  readonly shape: StreamShape;
  /** The frames of changes, as the venue's text; fresh strings on every call, as a parser makes them. */
  batches(): Batch[];
  /** The whole book after this phase, best first, with the text last sent for each level: every engine must be equal to it. */
  truth(): Batch;
}

export interface StreamShape {
  /** Share of changes within the 20 best levels of their side (rank before the change). */
  readonly top20: number;
  /** Share of changes within the 20 worst levels (or just past the worst). */
  readonly bottom20: number;
  /** Mean rank over the side's length: 0 is the top, 1 the bottom. */
  readonly meanDepth: number;
  readonly inserts: number;
  readonly removals: number;
  readonly updates: number;
  readonly meanBatch: number;
  /** Levels a side at the end (bids, asks). */
  readonly endLevels: readonly [number, number];
}

/** BTC/USDT-like: 0.01 ticks, 0.00001 lots. */
const MID_TICKS = 9_100_000;
const LOT = 0.00001;
const TYPICAL = 0.4;
const ZERO = '0.00000';

/**
 * Occupied price slots of one side, by distance from mid in ticks (slot 0 is one tick from mid): a Fenwick
 * tree, so the level at rank k (the k-th occupied slot) is found in O(log n) however deep it is. It only
 * steers the generator; the truth the engines are checked against is a separate map of texts.
 */
class Slots {
  private readonly tree: Int32Array;
  private readonly used: Uint8Array;
  private readonly top: number;
  count = 0;

  constructor(readonly size: number) {
    this.tree = new Int32Array(size + 1);
    this.used = new Uint8Array(size);
    let top = 1;
    while (top * 2 <= size) top *= 2;
    this.top = top;
  }

  has(slot: number): boolean {
    return this.used[slot] === 1;
  }

  flip(slot: number): void {
    const delta = this.used[slot] ? -1 : 1;
    this.used[slot] = delta > 0 ? 1 : 0;
    this.count += delta;
    for (let i = slot + 1; i <= this.size; i += i & -i) this.tree[i]! += delta;
  }

  /** The slot of the level at rank k (0 is the best). */
  select(k: number): number {
    let pos = 0;
    let rest = k + 1;
    for (let step = this.top; step > 0; step >>= 1) {
      const next = pos + step;
      if (next <= this.size && this.tree[next]! < rest) {
        pos = next;
        rest -= this.tree[next]!;
      }
    }
    return pos;
  }
}

/** Levels of one side, best first: slot (ticks from mid, less one) and size in lots. */
interface Levels {
  readonly slots: Int32Array;
  readonly lots: Int32Array;
}

/**
 * A seeded, self-contained stream (it does not move when the app's simulator does): a snapshot of `levels`
 * levels a side spread over about twice as many ticks (so there are gaps to insert into), then for each of
 * `profiles` in turn `changes` changes in frames of 6 to 14 (10 on average), each on a random side at a rank the
 * profile picks: 30 % inserts, 30 % removals, 40 % size updates, tilted toward inserts or removals to keep each
 * side near `levels`. No price is changed twice in one frame. Mid stays put, so the book never crosses. The
 * stream is kept as numbers and written out as text when asked, so that only the phase being run holds strings.
 */
export function makeStream(levels: number, profiles: readonly Profile[], changes: number, seed = 20_251_124): Stream {
  const random = seededRandom(seed + levels * 7 + profiles.reduce((h, p) => h * 3 + PROFILES.indexOf(p) + 1, 0) * 1_000_003);
  const slots = 4 * levels + 1024;
  const sides = [new Slots(slots), new Slots(slots)] as const; // bids, asks
  const lotsOf = (): number => Math.max(1, Math.round((TYPICAL * (random() < 0.05 ? 5 + random() * 20 : 0.1 + random() * 1.9)) / LOT));
  // The truth: slot -> lots a side, kept apart from the generator's own tree.
  const truth = [new Map<number, number>(), new Map<number, number>()] as const;
  const truthNow = (): [Levels, Levels] =>
    [truth[0], truth[1]].map((map) => {
      const entries = [...map].sort((x, y) => x[0] - y[0]);
      return { slots: Int32Array.from(entries, (e) => e[0]), lots: Int32Array.from(entries, (e) => e[1]) };
    }) as [Levels, Levels];

  for (const s of [0, 1] as const) {
    for (let slot = 0; sides[s].count < levels; slot++) {
      if (random() < 0.5) continue;
      sides[s].flip(slot);
      truth[s].set(slot, lotsOf());
    }
  }
  const snapshot = truthNow();

  const priceText = (s: number, slot: number): string => ((s === 0 ? MID_TICKS - 1 - slot : MID_TICKS + 1 + slot) / 100).toFixed(2);
  const sizeText = (lots: number): string => (lots === 0 ? ZERO : (lots * LOT).toFixed(5));
  const write = (side: Levels, s: number): RawLevel[] => Array.from(side.slots, (slot, i) => [priceText(s, slot), sizeText(side.lots[i]!)] as RawLevel);

  const phase = (profile: Profile): Phase => {
    const rank = (n: number, insert: boolean): number => {
      const span = insert ? n + 1 : n;
      let k: number;
      if (profile === 'near') k = random() < 0.93 ? Math.floor(-Math.log(1 - random()) * 3) : Math.floor(random() * span);
      else if (profile === 'uniform') k = Math.floor(random() * span);
      else k = span - 1 - Math.floor(random() * 20);
      return Math.max(0, Math.min(span - 1, k));
    };
    const changeSide = new Uint8Array(changes);
    const changeSlot = new Int32Array(changes);
    const changeLots = new Int32Array(changes); // 0 removes
    const frameEnds: number[] = [];
    let made = 0;
    let top20 = 0;
    let bottom20 = 0;
    let depthSum = 0;
    let inserts = 0;
    let removals = 0;
    let updates = 0;
    while (made < changes) {
      const touched = [new Set<number>(), new Set<number>()] as const;
      const want = Math.min(changes - made, 6 + Math.floor(random() * 9));
      const start = made;
      for (let tries = 0; made - start < want && tries < want * 4; tries++) {
        const s = random() < 0.5 ? 0 : 1;
        const side = sides[s];
        const n = side.count;
        const tilt = (levels - n) / (levels * 0.02 + 10);
        const pInsert = 0.3 + 0.1 * Math.max(-1, Math.min(1, tilt));
        const r = random();
        let op: 'insert' | 'remove' | 'update' = r < pInsert ? 'insert' : r < 0.6 ? 'remove' : 'update';
        let k = rank(n, op === 'insert');
        let slot = -1;
        // An insert goes into the gap above the level at rank k; where there is none, another rank is drawn.
        for (let again = 0; op === 'insert' && slot < 0; again++) {
          const above = k === 0 ? -1 : side.select(k - 1);
          const below = k === n ? Math.min(slots, above + 5) : side.select(k);
          if (below - above > 1) slot = above + 1 + Math.floor(random() * (below - above - 1));
          else if (again < 8) k = rank(n, true);
          else op = 'update';
        }
        if (op !== 'insert') slot = side.select(Math.min(k, n - 1));
        if (touched[s].has(slot)) continue;
        touched[s].add(slot);
        if (side.has(slot) !== (op !== 'insert')) throw new Error(`stream generator: ${op} at slot ${slot} disagrees with its own book`);
        const lots = op === 'remove' ? 0 : lotsOf();
        if (op !== 'update') side.flip(slot);
        if (lots === 0) truth[s].delete(slot);
        else truth[s].set(slot, lots);
        changeSide[made] = s;
        changeSlot[made] = slot;
        changeLots[made] = lots;
        made++;
        if (k < 20) top20++;
        if (k >= n - 20) bottom20++;
        depthSum += n > 1 ? Math.min(k, n - 1) / (n - 1) : 0;
        if (op === 'insert') inserts++;
        else if (op === 'remove') removals++;
        else updates++;
      }
      if (made > start) frameEnds.push(made);
    }
    const after = truthNow();
    return {
      profile,
      changes,
      frames: frameEnds.length,
      batches: () => {
        const out: Batch[] = [];
        let from = 0;
        for (const end of frameEnds) {
          const frame: Batch = { bids: [], asks: [] };
          for (let i = from; i < end; i++) (changeSide[i] === 0 ? frame.bids : frame.asks).push([priceText(changeSide[i]!, changeSlot[i]!), sizeText(changeLots[i]!)]);
          out.push(frame);
          from = end;
        }
        return out;
      },
      truth: () => ({ bids: write(after[0], 0), asks: write(after[1], 1) }),
      shape: {
        top20: top20 / changes,
        bottom20: bottom20 / changes,
        meanDepth: depthSum / changes,
        inserts: inserts / changes,
        removals: removals / changes,
        updates: updates / changes,
        meanBatch: changes / frameEnds.length,
        endLevels: [after[0].slots.length, after[1].slots.length],
      },
    };
  };

  return { levels, snapshot: () => ({ bids: write(snapshot[0], 0), asks: write(snapshot[1], 1) }), phases: profiles.map(phase) };
}
