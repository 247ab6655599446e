import type { RawLevel } from '../src/book/levels';
import { OrderBook } from '../src/book/orderbook';
import { seededRandom } from '../src/sim/random';
import { PROTOCOLS } from '../src/venues';
import type { VenueId, VenueMessage } from '../src/venues/types';
import { collect } from './stats';

/**
 * How each venue writes a BTC level, taken from its documented frames (tests/fixtures/<venue>/docs): decimals
 * of price and size, padded with zeros (toFixed) or trimmed, and the tick and lot the levels are drawn on.
 */
interface TextShape {
  readonly tick: number;
  readonly priceDecimals: number;
  readonly lot: number;
  readonly sizeDecimals: number;
  /** Trailing zeros (and a bare point) cut, as Coinbase and OKX write numbers. */
  readonly trimmed: boolean;
  /** Example texts, as the docs print them. */
  readonly example: string;
}

interface VenueShape extends TextShape {
  readonly venue: VenueId;
  /** A snapshot in the venue's wire shape, and whether it is the REST answer (parseRest) or a stream frame (parse). */
  snapshot(bids: readonly RawLevel[], asks: readonly RawLevel[]): { text: string; rest: boolean };
  update(bids: readonly RawLevel[], asks: readonly RawLevel[], id: number): string;
}

const pairs = (levels: readonly RawLevel[]): string => levels.map(([p, q]) => `["${p}","${q}"]`).join(',');
const okxLevels = (levels: readonly RawLevel[]): string => levels.map(([p, q]) => `["${p}","${q}","0","1"]`).join(',');
const krakenLevels = (levels: readonly RawLevel[]): string => levels.map(([p, q]) => `{"price":${p},"qty":${q}}`).join(',');
const bingxLevels = (levels: readonly RawLevel[]): string => levels.map(([p, q]) => `"${p}":"${q}"`).join(',');
const coinbaseLevels = (bids: readonly RawLevel[], asks: readonly RawLevel[]): string =>
  [
    ...bids.map(([p, q]) => `{"side":"bid","event_time":"2023-02-09T20:32:50.714964855Z","price_level":"${p}","new_quantity":"${q}"}`),
    ...asks.map(([p, q]) => `{"side":"offer","event_time":"2023-02-09T20:32:50.714964855Z","price_level":"${p}","new_quantity":"${q}"}`),
  ].join(',');
const coinbaseFrame = (type: string, bids: readonly RawLevel[], asks: readonly RawLevel[], seq: number): string =>
  `{"channel":"l2_data","client_id":"","timestamp":"2023-02-09T20:32:50.714964855Z","sequence_num":${seq},"events":[{"type":"${type}","product_id":"BTC-USD","updates":[${coinbaseLevels(bids, asks)}]}]}`;
const binanceDiff = (bids: readonly RawLevel[], asks: readonly RawLevel[], id: number): string =>
  `{"e":"depthUpdate","E":1672515782136,"T":1672515782136,"s":"BTCUSDT","U":${id},"u":${id},"pu":${id - 1},"b":[${pairs(bids)}],"a":[${pairs(asks)}]}`;

export const VENUE_SHAPES: readonly VenueShape[] = [
  {
    venue: 'binance',
    example: '"4.00000200", "431.00000000" (rest-depth.json): 8 decimals, padded',
    tick: 0.01,
    priceDecimals: 8,
    lot: 0.00001,
    sizeDecimals: 8,
    trimmed: false,
    snapshot: (b, a) => ({ text: `{"lastUpdateId":1027024,"bids":[${pairs(b)}],"asks":[${pairs(a)}]}`, rest: true }),
    update: binanceDiff,
  },
  {
    venue: 'kraken',
    example: '{"price": 0.5666, "qty": 4831.75496356} (snapshot.json): JSON numbers with the pair\'s precision; BTC/USD 1 and 8 decimals',
    tick: 0.1,
    priceDecimals: 1,
    lot: 0.00000001,
    sizeDecimals: 8,
    trimmed: false,
    snapshot: (b, a) => ({
      text: `{"channel":"book","type":"snapshot","data":[{"symbol":"BTC/USD","bids":[${krakenLevels(b)}],"asks":[${krakenLevels(a)}],"checksum":2439117997,"timestamp":"2023-10-06T17:35:55.440295Z"}]}`,
      rest: false,
    }),
    update: (b, a) =>
      `{"channel":"book","type":"update","data":[{"symbol":"BTC/USD","bids":[${krakenLevels(b)}],"asks":[${krakenLevels(a)}],"checksum":2114181697,"timestamp":"2023-10-06T17:35:55.440295Z"}]}`,
  },
  {
    venue: 'coinbase',
    example: '"21921.73" / "21921.3", "0.06317902" / "0.02" (level2-snapshot.json): trailing zeros cut',
    tick: 0.01,
    priceDecimals: 2,
    lot: 0.00000001,
    sizeDecimals: 8,
    trimmed: true,
    snapshot: (b, a) => ({ text: coinbaseFrame('snapshot', b, a, 0), rest: false }),
    update: (b, a, id) => coinbaseFrame('update', b, a, id),
  },
  {
    venue: 'bingx',
    example: '"121706.6": "16.8741", "0.0000" (incrdepth-*-spot-shape.json): price 1 decimal, size 4, padded; a {price: size} map',
    tick: 0.1,
    priceDecimals: 1,
    lot: 0.0001,
    sizeDecimals: 4,
    trimmed: false,
    snapshot: (b, a) => ({
      text: `{"code":0,"dataType":"BTC-USDT@incrDepth","data":{"action":"all","lastUpdateId":393592634,"timestamp":1760002514479,"bids":{${bingxLevels(b)}},"asks":{${bingxLevels(a)}}},"success":true,"timestamp":1760002514485}`,
      rest: false,
    }),
    update: (b, a, id) =>
      `{"code":0,"dataType":"BTC-USDT@incrDepth","data":{"action":"update","lastUpdateId":${id},"timestamp":1760002514979,"bids":{${bingxLevels(b)}},"asks":{${bingxLevels(a)}}},"success":true,"timestamp":1760002514985}`,
  },
  {
    venue: 'okx',
    example: '"41006.8", "0.60038921" (rest-books.json), "8476.98" / "415" (ws-books-snapshot.json): trailing zeros cut',
    tick: 0.1,
    priceDecimals: 1,
    lot: 0.00000001,
    sizeDecimals: 8,
    trimmed: true,
    snapshot: (b, a) => ({ text: `{"code":"0","msg":"","data":[{"asks":[${okxLevels(a)}],"bids":[${okxLevels(b)}],"ts":"1629966436396","seqId":1000}]}`, rest: true }),
    update: (b, a, id) =>
      `{"arg":{"channel":"books","instId":"BTC-USDT"},"action":"update","data":[{"asks":[${okxLevels(a)}],"bids":[${okxLevels(b)}],"ts":"1597026383085","checksum":0,"prevSeqId":${id - 1},"seqId":${id}}]}`,
  },
  {
    venue: 'bybit',
    example: '"16493.50", "0.006" (snapshot.json), "30247.20" / "30.028" (delta.json): price 2 decimals, size 3, padded',
    tick: 0.1,
    priceDecimals: 2,
    lot: 0.001,
    sizeDecimals: 3,
    trimmed: false,
    snapshot: (b, a) => ({
      text: `{"topic":"orderbook.1000.BTCUSDT","type":"snapshot","ts":1672304484978,"data":{"s":"BTCUSDT","b":[${pairs(b)}],"a":[${pairs(a)}],"u":18521288,"seq":7961638724},"cts":1672304484976}`,
      rest: false,
    }),
    update: (b, a, id) =>
      `{"topic":"orderbook.1000.BTCUSDT","type":"delta","ts":1687940967466,"data":{"s":"BTCUSDT","b":[${pairs(b)}],"a":[${pairs(a)}],"u":${id},"seq":66544703342},"cts":1687940967464}`,
  },
  {
    venue: 'asterdex',
    example: '"4.00000000", "431.00000000" (rest-depth.json): 8 decimals, padded',
    tick: 0.01,
    priceDecimals: 8,
    lot: 0.00001,
    sizeDecimals: 8,
    trimmed: false,
    snapshot: (b, a) => ({ text: `{"lastUpdateId":1027024,"E":1589436922972,"T":1589436922959,"bids":[${pairs(b)}],"asks":[${pairs(a)}]}`, rest: true }),
    update: binanceDiff,
  },
];

/** A number as the venue writes it. */
function text(value: number, decimals: number, trimmed: boolean): string {
  const t = value.toFixed(decimals);
  if (!trimmed || decimals === 0) return t;
  return t.replace(/\.?0+$/, '');
}

/**
 * What one book will be sent, as numbers only (ticks from mid and lots), planned before the heap is measured so
 * that the texts are made, parsed and dropped inside the measurement as a session makes them.
 */
interface BookPlan {
  /** Snapshot, best first: ticks from mid (1 is the best) and size in lots, per side. */
  readonly snapshot: readonly [Float64Array, Float64Array];
  /** Changes: side (0 bids, 1 asks), ticks from mid, whether it removes the level, and where each frame ends. */
  readonly side: Uint8Array;
  readonly ticks: Float64Array;
  readonly removes: Uint8Array;
  readonly frameEnds: Uint32Array;
}

function planBook(levels: number, depth: number, changes: number, seed: number): BookPlan {
  const random = seededRandom(seed);
  const model: [number[], number[]] = [[], []]; // ticks from mid, best first
  const snapshot = [new Float64Array(levels), new Float64Array(levels)] as const;
  for (const s of [0, 1] as const) {
    for (let tick = 1; model[s].length < levels; tick++) if (random() < 0.5) model[s].push(tick);
    snapshot[s].set(model[s]);
  }
  const side = new Uint8Array(changes);
  const ticks = new Float64Array(changes);
  const removes = new Uint8Array(changes);
  const frameEnds: number[] = [];
  let frameStart = 0;
  for (let i = 0; i < changes; i++) {
    const s = random() < 0.5 ? 0 : 1;
    const m = model[s]!;
    // Near the top nine in ten (as the near profile), the rest anywhere.
    const rank = Math.min(m.length - 1, random() < 0.9 ? Math.floor(-Math.log(1 - random()) * 3) : Math.floor(random() * m.length));
    const r = random();
    let tick = m[rank]!;
    if (r < 0.3 && m.length > 1) {
      removes[i] = 1;
      m.splice(rank, 1);
    } else if (r < 0.6) {
      const above = rank === 0 ? 0 : m[rank - 1]!;
      if (m[rank]! - above > 1) {
        tick = above + 1 + Math.floor(random() * (m[rank]! - above - 1));
        m.splice(rank, 0, tick);
      }
    }
    // A price is changed at most once a frame: a repeat ends the frame early.
    for (let j = frameStart; j < i; j++) {
      if (side[j] === s && ticks[j] === tick) {
        frameEnds.push(i);
        frameStart = i;
        break;
      }
    }
    side[i] = s;
    ticks[i] = tick;
    if (i + 1 - frameStart >= 10) {
      frameEnds.push(i + 1);
      frameStart = i + 1;
      // The book keeps its best `depth` levels after each frame.
      for (const levels of model) if (levels.length > depth) levels.length = depth;
    }
  }
  if (frameStart < changes) frameEnds.push(changes);
  return { snapshot, side, ticks, removes, frameEnds: Uint32Array.from(frameEnds) };
}

export interface MemoryResult {
  readonly venue: VenueId;
  readonly keepText: boolean;
  readonly depthCap: number | null;
  readonly levelsPerSide: number;
  readonly books: number;
  readonly format: string;
  /** Bytes a level (heapUsed + external, after gc) with the books as loaded from their snapshots. */
  readonly snapshotBytesPerLevel: number;
  /** The same after `changes` changes applied to every book (levels counted again). */
  readonly streamBytesPerLevel: number;
  readonly changesPerBook: number;
  readonly levelsAfterStream: number;
}

/** heapUsed + external: Node counts ArrayBuffers (`arrayBuffers`) inside `external` already. */
function used(): number {
  collect();
  collect();
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
}

/** Total levels a book holds, both sides. */
const levelsOf = (book: OrderBook): number => book.bids.length + book.asks.length;

/**
 * Bytes a level of each venue's book, built as a session builds it: `new OrderBook(protocol.depth,
 * protocol.checksum !== undefined)`, loaded from the venue's snapshot frame (its wire shape and number format),
 * read by the venue's own parser, so each level's text is a fresh string as in the app; then a stream of update
 * frames read the same way. K books are kept alive so the fixed cost of a book is amortised: 10,000 levels a
 * side, or the venue's depth cap, and K so that every venue holds about 200,000 levels.
 */
export function benchMemory(log: (s: string) => void, targetLevels = 200_000, fullDepth = 10_000): MemoryResult[] {
  // One function call a venue: nothing of the last venue's books can still be on the stack when the next is measured.
  return VENUE_SHAPES.map((shape, v) => measureVenue(shape, v, log, targetLevels, fullDepth));
}

function measureVenue(shape: VenueShape, v: number, log: (s: string) => void, targetLevels: number, fullDepth: number): MemoryResult {
  const protocol = PROTOCOLS[shape.venue];
  const depth = protocol.depth ?? Infinity;
  const keepText = protocol.checksum !== undefined;
  const levels = Math.min(fullDepth, depth);
  const books = Math.ceil(targetLevels / (2 * levels));
  const changes = 2 * levels;
  const mid = Math.round(91_000 / shape.tick);
  const price = (s: number, ticks: number, k: number): string =>
    // Each book sits 3 * levels ticks from the last, so no two books share a price text.
    text((s === 0 ? mid - ticks - k * 3 * levels : mid + ticks + k * 3 * levels) * shape.tick, shape.priceDecimals, shape.trimmed);
  const random = seededRandom(99 + v);
  const size = (): string => text(Math.max(1, Math.round((0.4 * (random() < 0.05 ? 5 + random() * 20 : 0.1 + random() * 1.9)) / shape.lot)) * shape.lot, shape.sizeDecimals, shape.trimmed);
  const zero = text(0, shape.sizeDecimals, shape.trimmed);
  const plans = Array.from({ length: books }, (_, k) => planBook(levels, depth, changes, 1000 * v + k));
  const one = (messages: VenueMessage[], type: 'snapshot' | 'update'): { bids: readonly RawLevel[]; asks: readonly RawLevel[] } => {
    const m = messages.find((x) => x.type === type);
    if (!m || (m.type !== 'snapshot' && m.type !== 'update')) throw new Error(`${shape.venue}: its parser found no ${type} in the frame the bench built`);
    return m;
  };

  const load = (plan: BookPlan, k: number, n: number): OrderBook => {
    const side = (s: number): RawLevel[] => Array.from(plan.snapshot[s as 0 | 1], (t) => [price(s, t, k), size()] as RawLevel);
    const frame = shape.snapshot(side(0), side(1));
    const m = one(frame.rest ? protocol.parseRest!(frame.text) : protocol.parse(frame.text), 'snapshot');
    if (m.bids.length !== n || m.asks.length !== n) throw new Error(`${shape.venue}: the parser read ${m.bids.length}/${m.asks.length} levels of ${n}`);
    const book = new OrderBook(protocol.depth, keepText);
    book.snapshot(m.bids, m.asks);
    return book;
  };
  let id = 2000;
  const stream = (plan: BookPlan, book: OrderBook, k: number): void => {
    let from = 0;
    for (const end of plan.frameEnds) {
      const bids: RawLevel[] = [];
      const asks: RawLevel[] = [];
      for (let i = from; i < end; i++) (plan.side[i] === 0 ? bids : asks).push([price(plan.side[i]!, plan.ticks[i]!, k), plan.removes[i] === 1 ? zero : size()]);
      from = end;
      const m = one(protocol.parse(shape.update(bids, asks, ++id)), 'update');
      book.update(m.bids, m.asks);
    }
  };
  // Warm up: the first frames compile the parser's and the book's code, which lives on the heap too.
  for (let w = 0; w < 3; w++) {
    const plan = planBook(100, depth, 200, 7 + w);
    stream(plan, load(plan, books + 1, 100), books + 1);
  }

  const before = used();
  const kept: OrderBook[] = [];
  for (let k = 0; k < books; k++) kept.push(load(plans[k]!, k, levels));
  const loaded = used();
  const snapshotLevels = kept.reduce((n, b) => n + levelsOf(b), 0);

  for (let k = 0; k < books; k++) stream(plans[k]!, kept[k]!, k);
  const streamed = used();
  const streamLevels = kept.reduce((n, b) => n + levelsOf(b), 0);
  const r: MemoryResult = {
    venue: shape.venue,
    keepText,
    depthCap: Number.isFinite(depth) ? depth : null,
    levelsPerSide: levels,
    books,
    format: shape.example,
    snapshotBytesPerLevel: (loaded - before) / snapshotLevels,
    streamBytesPerLevel: (streamed - before) / streamLevels,
    changesPerBook: changes,
    levelsAfterStream: streamLevels / books / 2,
  };
  log(
    `  memory ${shape.venue}: ${books} books x ${levels} levels a side (${keepText ? 'text kept' : 'no text'}): ${r.snapshotBytesPerLevel.toFixed(1)} B/level loaded, ${r.streamBytesPerLevel.toFixed(1)} B/level after ${changes} changes a book`,
  );
  // Keeps the plans and books reachable until every figure above is taken.
  if (kept.length + plans.length === 0) log('');
  return r;
}
