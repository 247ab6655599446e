import { OrderBook } from '../../src/book/orderbook';
import type { RawLevel } from '../../src/book/levels';
import { marketOf } from '../../src/catalog/types';
import { simCatalog } from '../../src/sim/listings';
import type { FeedId, VenueProtocol } from '../../src/venues/types';
import type { ReferenceBook } from './reference-book';
import { openBook, shiftSequence, type EditableBook, type Mistype } from './venue-wire';

/**
 * The bad frames a venue can be sent, each made from a real one:
 * - foreign: a copy of a book message naming another market, put before it;
 * - crossing: the message with a level added that leaves the book crossed (its checksum made to agree);
 * - bad-number: one price or size written in a form outside the decimal grammar;
 * - malformed: the frame cut short, or a value of the wrong JSON type;
 * - duplicate: a snapshot listing one price twice;
 * - backwards: an older diff replayed, or a copy with the ids restarted low, put before it (ids to check);
 * - out-of-range: a diff with a level beyond the prices a partial snapshot covered (Binance-style).
 */
export const PLANT_KINDS = ['foreign', 'crossing', 'bad-number', 'malformed', 'duplicate', 'backwards', 'out-of-range'] as const;
export type PlantKind = (typeof PLANT_KINDS)[number];

/**
 * The kinds a feed's protocol can carry: ids that go back where it has ids to check (not Kraken, not Coinbase's
 * message counter), partial snapshots where it asks for its snapshot.
 */
export function plantKinds(protocol: VenueProtocol): PlantKind[] {
  const carries = (k: PlantKind): boolean =>
    k === 'backwards' ? protocol.sequence !== undefined : k === 'out-of-range' ? protocol.snapshotSource === 'request' : true;
  return PLANT_KINDS.filter(carries);
}

export interface Plant {
  readonly kind: PlantKind;
  /** The step from which the plant waits for the first real message it can be made from. */
  readonly at: number;
  /** Chooses among the kind's variants, sides and levels. */
  readonly pick: number;
}

/**
 * Number forms no venue sends, each made from the real text it replaces: the ones the issue found accepted
 * ("0x10", "0b101", a sign, spaces, 30 digits merged into a neighbour, "1e308", "") and a few more of the kind.
 */
export const BAD_NUMBERS: readonly ((real: string) => string)[] = [
  () => '0x10',
  () => '0b101',
  (real) => `+${real}`,
  (real) => ` ${real} `,
  (real) => thirtyDigits(/[1-9]/.test(real) ? real : '1'),
  () => '1e308',
  () => '',
  (real) => `-${real}`,
  (real) => `${real.split('.')[0]}.`,
  () => '.5',
  () => 'Infinity',
];

/** A nonzero decimal carried on to 30 characters: far more significant digits than a double holds. */
function thirtyDigits(real: string): string {
  return `${real}${real.includes('.') ? '' : '.'}${'0'.repeat(Math.max(1, 29 - real.length))}1`;
}

/** A message as the simulator sent it: on the stream (or WebSocket API) socket, or as a REST answer. */
export interface RealMessage {
  readonly via: 'ws' | 'rest';
  readonly text: string;
  readonly url?: string;
  /** The market step the simulator was at when it sent the message. */
  readonly step: number;
}

/** What the session is handed in place of a real message. */
export interface Delivery {
  readonly via: 'ws' | 'rest';
  readonly text: string;
  readonly url?: string;
  /** Set when the delivery carries the real message's whole content: the client is then at the truth of this step. */
  readonly step?: number;
  readonly plant?: Plant;
}

/** Real diffs kept for replaying as old ones. */
const HISTORY = 10;

/**
 * Turns real messages into planted ones: each plant, once its step has come, takes the first real message it can
 * be made from. Keeps what planting changes for later frames (Coinbase's message numbers).
 */
export class Planter {
  private readonly feed: FeedId;
  private readonly protocol: VenueProtocol;
  private readonly reference: ReferenceBook;
  private readonly otherSymbol: string;
  private waiting: Plant[];
  private armed: Plant[] = [];
  private readonly history: string[] = [];
  /** Frames planted on the current connection that took a Coinbase message number. */
  private shift = 0;

  constructor(protocol: VenueProtocol, reference: ReferenceBook, plants: readonly Plant[]) {
    this.feed = protocol.id;
    this.protocol = protocol;
    this.reference = reference;
    const other = marketOf(simCatalog(), protocol.id, 'ETH');
    if (!other) throw new Error(`${protocol.name} lists no second market to plant frames of`);
    this.otherSymbol = other.symbol;
    this.waiting = [...plants].sort((a, b) => a.at - b.at);
  }

  /** The market reached `step`: plants due by then start waiting for a message. */
  arm(step: number): void {
    while (this.waiting[0] && this.waiting[0].at <= step) this.armed.push(this.waiting.shift()!);
  }

  /** No more plants: the stream runs clean from here. */
  stop(): void {
    this.waiting = [];
    this.armed = [];
  }

  /** A new stream connection: its messages are numbered afresh. */
  connected(): void {
    this.shift = 0;
  }

  /**
   * What the session gets for a real message: itself, or planted frames with or in place of it. `live`: whether
   * the session's book is live, so that the prices its snapshot covered are the ones the reference knows.
   */
  offer(real: RealMessage, live: boolean): Delivery[] {
    const m = real.via === 'ws' ? { ...real, text: shiftSequence(this.feed, real.text, this.shift) } : real;
    let out: Delivery[] | undefined;
    for (let i = 0; i < this.armed.length && !out; i++) {
      out = this.make(this.armed[i]!, m, live);
      if (out) this.armed.splice(i, 1);
    }
    const book = openBook(this.feed, m.text);
    if (m.via === 'ws' && book?.type === 'update') {
      this.history.push(m.text);
      if (this.history.length > HISTORY) this.history.shift();
    }
    return out ?? [m];
  }

  private make(plant: Plant, m: RealMessage, live: boolean): Delivery[] | undefined {
    const book = openBook(this.feed, m.text);
    const planted = (text: string, step?: number): Delivery => ({ via: m.via, text, url: m.url, step, plant });
    switch (plant.kind) {
      case 'foreign': {
        if (m.via !== 'ws' || !book?.retarget) return undefined;
        book.retarget(this.otherSymbol);
        // The copy takes the real frame's number; the real one and every later one move up by one.
        this.shift++;
        return [planted(book.write()), { ...m, text: shiftSequence(this.feed, m.text, 1) }];
      }
      case 'crossing':
        return book && this.cross(book, m.step, plant.pick) ? [planted(book.write())] : undefined;
      case 'bad-number':
        return book ? [planted(this.badNumber(book, m.step, plant.pick))] : undefined;
      case 'malformed':
        return m.via === 'ws' ? [planted(malformed(m.text, book, plant.pick))] : undefined;
      case 'duplicate':
        return book?.type === 'snapshot' && duplicate(book, plant.pick) ? [planted(book.write())] : undefined;
      case 'backwards': {
        if (m.via !== 'ws' || book?.type !== 'update') return undefined;
        const back = Math.floor(plant.pick / 2) % HISTORY;
        // Where a restart lower is no fault (OKX), only a replay goes back; it waits for the history to reach that far.
        const old = plant.pick % 2 === 0 || !book.restartIds ? this.history[this.history.length - 1 - back] : undefined;
        if (old) return [planted(old), m];
        if (!book.restartIds) return undefined;
        book.restartIds();
        return [planted(book.write()), m];
      }
      case 'out-of-range':
        // The real diff's content is all there: only a level beyond the covered prices is added. Only a live book
        // applies it under the range the reference knows; a held one waits for a snapshot whose range is not known yet.
        return live && m.via === 'ws' && book?.restartIds && book.type === 'update' && this.beyondRange(book, m.step, plant.pick)
          ? [planted(book.write(), m.step)]
          : undefined;
    }
  }

  /**
   * Adds a bid at or above the book's best ask (or an ask at or below its best bid), at the best opposite price
   * or through it, and makes a published checksum agree with the crossed book, so that only the crossing can
   * tell. The book after a real message is the truth at its step.
   */
  private cross(book: EditableBook, step: number, pick: number): boolean {
    const truth = this.reference.truthAt(step);
    const bid = pick % 2 === 0;
    const opposite = bid ? truth.asks : truth.bids;
    const level = opposite[Math.min(opposite.length - 1, Math.floor(pick / 2) % 3)];
    if (!level) return false;
    (bid ? book.bids : book.asks).push(level);
    if (book.setChecksum && this.protocol.checksum) {
      const crossed = new OrderBook(this.protocol.depth, true);
      crossed.snapshot(truth.bids, truth.asks);
      crossed.update(bid ? [level] : [], bid ? [] : [level]);
      book.setChecksum(this.protocol.checksum(crossed));
    }
    return true;
  }

  /** One price or size of the message in a bad form; a message without levels gets one of the truth's. */
  private badNumber(book: EditableBook, step: number, pick: number): string {
    let side = pick % 2 === 0 ? book.bids : book.asks;
    if (!side.length) side = book.bids.length ? book.bids : book.asks;
    if (!side.length) side.push(this.reference.truthAt(step).bids[0]!);
    const form = BAD_NUMBERS[Math.floor(pick / 4) % BAD_NUMBERS.length]!;
    const i = Math.floor(pick / (4 * BAD_NUMBERS.length)) % side.length;
    const [p, q] = side[i]!;
    side[i] = Math.floor(pick / 2) % 2 === 0 ? [form(p), q] : [p, form(q)];
    return book.write();
  }

  /** Adds a level past the floor or ceiling of the covered prices, on a side the snapshot cut. */
  private beyondRange(book: EditableBook, step: number, pick: number): boolean {
    const c = this.reference.coverage;
    if (!c) return false;
    const cut: ('bid' | 'ask')[] = [];
    if (c.bidFloor > -Infinity) cut.push('bid');
    if (c.askCeiling < Infinity) cut.push('ask');
    const side = cut[pick % cut.length]!;
    const truth = this.reference.truthAt(step);
    const [text, size] = truth.bids[0]!;
    const decimals = text.split('.')[1]?.length ?? 0;
    const away = (1 + (Math.floor(pick / 2) % 50)) / 10 ** decimals;
    const price = side === 'bid' ? c.bidFloor - away : c.askCeiling + away;
    (side === 'bid' ? book.bids : book.asks).push([price.toFixed(decimals), size]);
    return true;
  }
}

/** The frame cut short, or with a value of the wrong JSON type where the parser reads levels or an id. */
function malformed(text: string, book: EditableBook | undefined, pick: number): string {
  const ways: (Mistype | 'cut')[] = ['cut', 'levels', 'level', 'id'];
  let way = book ? ways[pick % ways.length]! : 'cut';
  if (way === 'cut') return text.slice(0, 1 + (Math.floor(pick / 4) % (text.length - 1)));
  if (way === 'level' && !book!.bids.length && !book!.asks.length) way = 'levels';
  book!.mistype(way);
  return book!.write();
}

/** How a snapshot lists a price twice: the same level again, another size, one more trailing zero, or a size of 0. */
export const DUPLICATE_COPIES = ['same', 'other-size', 'other-text', 'zero-size'] as const;
type DuplicateCopy = (typeof DUPLICATE_COPIES)[number];

/** The copy a duplicate plant's pick makes. */
function duplicateCopy(pick: number): DuplicateCopy {
  return DUPLICATE_COPIES[Math.floor(pick / 2) % DUPLICATE_COPIES.length]!;
}

/** Lists one of a snapshot's prices twice, the copy right after the level. */
function duplicate(book: EditableBook, pick: number): boolean {
  let side = pick % 2 === 0 ? book.bids : book.asks;
  if (!side.length) side = book.bids.length ? book.bids : book.asks;
  if (!side.length) return false;
  const i = Math.floor(pick / (2 * DUPLICATE_COPIES.length)) % side.length;
  const [p, q] = side[i]!;
  const next = side[(i + 1) % side.length]![1];
  const copies: Record<DuplicateCopy, RawLevel> = {
    same: [p, q],
    'other-size': [p, next === q ? `${q}1` : next],
    'other-text': [p.includes('.') ? `${p}0` : `${p}.0`, q],
    'zero-size': [p, q.replace(/[1-9]/g, '0')],
  };
  side.splice(i + 1, 0, copies[duplicateCopy(pick)]);
  return true;
}
