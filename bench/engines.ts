import { OrderBook } from '../src/book/orderbook';
import type { RawLevel } from '../src/book/levels';
import { SortedArrayBook } from './sorted-array';
import type { Batch } from './stream';

/** One book under test: built from a snapshot, fed frames of level changes, read from the top. */
export interface BookUnderTest {
  apply(batch: Batch): void;
  /** Reads the best `n` levels of both sides as a screen would (price and size); returns a checksum so the read cannot be skipped. */
  read(n: number): number;
  /** Every level of both sides, best first: what the equality check compares. */
  all(): WholeBook;
  /** Every level's kept venue text, best first, for an engine that keeps it. */
  texts?(): { bids: RawLevel[]; asks: RawLevel[] };
}

export interface WholeBook {
  readonly bids: Pair[];
  readonly asks: Pair[];
}

export interface Engine {
  readonly name: string;
  readonly what: string;
  create(snapshot: Batch): BookUnderTest;
}

type Pair = [number, number];

// ---------------------------------------------------------------------------------------------------------
// Peers are loaded by a computed specifier: they live in bench/node_modules only, and the app's type check
// (which covers bench/*.ts) must pass on a clone where the bench has never been installed.

interface CcxtSide extends Array<Pair> {
  store(price: number, size: number): void;
}
interface CcxtBook {
  bids: CcxtSide;
  asks: CcxtSide;
  reset(snapshot: { bids: Pair[]; asks: Pair[] }): CcxtBook;
  limit(): CcxtBook;
}
type CcxtBookClass = new (snapshot?: object, depth?: number) => CcxtBook;

interface TardisLevel {
  price: number;
  amount: number;
}
interface TardisBookChange {
  type: 'book_change';
  symbol: string;
  exchange: string;
  isSnapshot: boolean;
  bids: TardisLevel[];
  asks: TardisLevel[];
  timestamp: Date;
  localTimestamp: Date;
}
interface TardisBook {
  update(change: TardisBookChange): void;
  bids(): IterableIterator<TardisLevel>;
  asks(): IterableIterator<TardisLevel>;
}
type TardisBookClass = new () => TardisBook;

async function load(name: string): Promise<Record<string, unknown>> {
  return (await import(name)) as Record<string, unknown>;
}

export interface PeerInfo {
  readonly ccxt: { version: string; cls: CcxtBookClass };
  readonly tardis: { version: string; cls: TardisBookClass };
}

export async function loadPeers(): Promise<PeerInfo> {
  const ccxtModule = await load('ccxt');
  const ccxt = (ccxtModule.default ?? ccxtModule) as { version: string; pro: Record<string, new () => { orderBook(s?: object, d?: number): CcxtBook }> };
  // The class ccxt.pro's watchOrderBook builds (Exchange.orderBook → base/ws/OrderBook.js); the package exports no path to it.
  const cls = new ccxt.pro.binance!().orderBook({}).constructor as CcxtBookClass;
  const tardisModule = await load('tardis-dev');
  const tardis = (tardisModule.OrderBook ?? (tardisModule.default as Record<string, unknown>).OrderBook) as TardisBookClass;
  const { createRequire } = await import('node:module');
  const require = createRequire(new URL('./package.json', import.meta.url));
  const tardisVersion = (require('tardis-dev/package.json') as { version: string }).version;
  return { ccxt: { version: ccxt.version, cls }, tardis: { version: tardisVersion, cls: tardis } };
}

// ---------------------------------------------------------------------------------------------------------

type OurSide = OrderBook['bids'];
const sideOf = (side: OurSide): Pair[] => {
  const out: Pair[] = [];
  for (const walk = side.walk(); walk.next(); ) out.push([walk.price, walk.size]);
  return out;
};
const textsOf = (side: OurSide): RawLevel[] => {
  const out: RawLevel[] = [];
  for (let k = 0; k < side.length; k++) out.push([side.priceTextAt(k)!, side.sizeTextAt(k)!]);
  return out;
};

/**
 * The best `n` levels of a side as the app reads many levels of a venue (the merged walk behind the depth chart and
 * the execution estimate, the heatmap, the walls): a walk from the best outward.
 */
const readWalk = (side: OurSide, n: number): number => {
  let s = 0;
  const walk = side.walk();
  for (let k = 0; k < n && walk.next(); k++) s += walk.price + walk.size;
  return s;
};

/** Our book as a session keeps it: level text only for venues whose checksum is computed over it. */
function oursEngine(name: string, keepText: boolean, what: string): Engine {
  return {
    name,
    what,
    create(snapshot) {
      const book = new OrderBook(Infinity, keepText);
      book.snapshot(snapshot.bids, snapshot.asks);
      return {
        apply(batch) {
          book.update(batch.bids, batch.asks);
        },
        read(n) {
          return readWalk(book.bids, n) + readWalk(book.asks, n);
        },
        all() {
          return { bids: sideOf(book.bids), asks: sideOf(book.asks) };
        },
        texts: keepText ? () => ({ bids: textsOf(book.bids), asks: textsOf(book.asks) }) : undefined,
      };
    },
  };
}

export const ours = oursEngine('ours', false, 'src/book OrderBook as venues without checksums use it (keepText false)');
export const oursWithText = oursEngine('ours, text kept', true, 'src/book OrderBook as Kraken and OKX use it (keepText true: venue text kept for checksums)');

export const sortedArray: Engine = {
  name: 'sorted array',
  what: 'bench/sorted-array.ts: two plain arrays a side, best at end, binary search + splice; a snapshot copied in one pass',
  create(snapshot) {
    const book = new SortedArrayBook();
    book.snapshot(snapshot.bids, snapshot.asks);
    const readSide = (prices: number[], sizes: number[], n: number): number => {
      let s = 0;
      const end = Math.max(0, prices.length - n);
      for (let i = prices.length - 1; i >= end; i--) s += prices[i]! + sizes[i]!;
      return s;
    };
    const allSide = (prices: number[], sizes: number[]): Pair[] => {
      const out: Pair[] = [];
      for (let i = prices.length - 1; i >= 0; i--) out.push([prices[i]!, sizes[i]!]);
      return out;
    };
    return {
      apply(batch) {
        book.update(batch.bids, batch.asks);
      },
      read(n) {
        return readSide(book.bids.prices, book.bids.sizes, n) + readSide(book.asks.prices, book.asks.sizes, n);
      },
      all() {
        return { bids: allSide(book.bids.prices, book.bids.sizes), asks: allSide(book.asks.prices, book.asks.sizes) };
      },
    };
  },
};

/** ccxt's book, fed as ccxt.pro's binance handleDelta feeds it: store(parseFloat(price), parseFloat(size)). */
export function ccxtEngine(cls: CcxtBookClass, version: string): Engine {
  const pairs = (levels: readonly RawLevel[]): Pair[] => levels.map(([p, q]) => [parseFloat(p), parseFloat(q)]);
  return {
    name: 'ccxt',
    what: `ccxt ${version} ws OrderBook (the class watchOrderBook builds), store(parseFloat p, parseFloat q)`,
    create(snapshot) {
      const book = new cls({});
      book.reset({ bids: pairs(snapshot.bids), asks: pairs(snapshot.asks) });
      const readSide = (side: CcxtSide, n: number): number => {
        let s = 0;
        const m = Math.min(n, side.length);
        for (let k = 0; k < m; k++) {
          const level = side[k]!;
          s += level[0] + level[1];
        }
        return s;
      };
      return {
        apply(batch) {
          for (const [p, q] of batch.asks) book.asks.store(parseFloat(p), parseFloat(q));
          for (const [p, q] of batch.bids) book.bids.store(parseFloat(p), parseFloat(q));
        },
        read(n) {
          // watchOrderBook hands the caller orderbook.limit() after every message.
          book.limit();
          return readSide(book.bids, n) + readSide(book.asks, n);
        },
        all() {
          const side = (levels: CcxtSide): Pair[] => {
            const out: Pair[] = [];
            for (let k = 0; k < levels.length; k++) out.push([levels[k]![0], levels[k]![1]]);
            return out;
          };
          return { bids: side(book.bids), asks: side(book.asks) };
        },
      };
    },
  };
}

/** tardis-dev's book, fed BookChange messages as its exchange mappers build them: { price: Number, amount: Number } per level. */
export function tardisEngine(cls: TardisBookClass, version: string): Engine {
  const at = new Date(0);
  const change = (batch: Batch, isSnapshot: boolean): TardisBookChange => ({
    type: 'book_change',
    symbol: 'BTCUSDT',
    exchange: 'binance',
    isSnapshot,
    bids: batch.bids.map(([p, q]) => ({ price: Number(p), amount: Number(q) })),
    asks: batch.asks.map(([p, q]) => ({ price: Number(p), amount: Number(q) })),
    timestamp: at,
    localTimestamp: at,
  });
  const readSide = (levels: IterableIterator<TardisLevel>, n: number): number => {
    let s = 0;
    let k = 0;
    if (n <= 0) return 0;
    for (const level of levels) {
      s += level.price + level.amount;
      if (++k === n) break;
    }
    return s;
  };
  const allSide = (levels: IterableIterator<TardisLevel>): Pair[] => {
    const out: Pair[] = [];
    for (const level of levels) out.push([level.price, level.amount]);
    return out;
  };
  return {
    name: 'tardis-dev',
    what: `tardis-dev ${version} OrderBook (bintrees RBTree a side), BookChange with Number levels`,
    create(snapshot) {
      const book = new cls();
      book.update(change(snapshot, true));
      return {
        apply(batch) {
          book.update(change(batch, false));
        },
        read(n) {
          return readSide(book.bids(), n) + readSide(book.asks(), n);
        },
        all() {
          return { bids: allSide(book.bids()), asks: allSide(book.asks()) };
        },
      };
    },
  };
}
