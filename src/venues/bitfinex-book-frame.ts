import type { RawLevel } from '../book/levels';
import { integer } from './json';
import { decimalText } from './number-text';

/** A frame of a book channel, `[CHAN_ID, BODY, SEQ?]`, read into what the book needs of it. */
export interface BookFrame {
  readonly chanId: number;
  /** A checksum (`"cs"`), a heartbeat (`"hb"`), or book entries. */
  readonly kind: 'cs' | 'hb' | 'entries';
  /** The `cs` frame's CHECKSUM; 0 for the other kinds. */
  readonly checksum: number;
  /** The entries as levels on their sides, a size '0' where COUNT 0 deletes the level. */
  readonly bids: RawLevel[];
  readonly asks: RawLevel[];
  /** The body was one entry, `[PRICE, COUNT, AMOUNT]`, not a list of them (an update without BULK_UPDATES). */
  readonly single: boolean;
  /** The sequence number SEQ_ALL appends after the body. */
  readonly seq: number | undefined;
}

const MINUS = 45;

/**
 * A P0 book entry's level, pushed on its side: "COUNT = 0 then you have to delete the price level", from the bids
 * when AMOUNT = 1, from the asks when -1; otherwise AMOUNT > 0 is a bid and < 0 an ask of |AMOUNT|
 * (…/reference/ws-public-books, "Algorithm to create and keep a book instance updated"). The price and |AMOUNT|
 * come as `decimalText` writes them, so 1 is "1" and 0 is "0". Returns what is wrong with the entry instead, if
 * anything, and pushes nothing then.
 */
function entryText(price: string, count: number, ask: boolean, size: string): string {
  return `book entry [${price},${count},${ask ? '-' : ''}${size}]`;
}

function pushEntry(price: string, count: number, ask: boolean, size: string, bids: RawLevel[], asks: RawLevel[]): string | undefined {
  if (price.charCodeAt(0) === MINUS || price === '0' || count < 0) return `${entryText(price, count, ask, size)} is out of range`;
  if (count === 0) {
    if (size !== '1') return `${entryText(price, count, ask, size)}: COUNT 0 with AMOUNT other than 1 or -1`;
    (ask ? asks : bids).push([price, '0']);
  } else {
    if (size === '0') return `${entryText(price, count, ask, size)}: AMOUNT 0 on a level with orders`;
    (ask ? asks : bids).push([price, size]);
  }
  return undefined;
}

function finite(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`${field} is not a number`);
  return value;
}

function pushParsedEntry(entry: unknown, bids: RawLevel[], asks: RawLevel[]): void {
  if (!Array.isArray(entry) || entry.length < 3) throw new Error('a book entry is not [PRICE, COUNT, AMOUNT]');
  const price = decimalText(finite(entry[0], 'PRICE'));
  const count = integer(entry[1], 'COUNT');
  const amount = finite(entry[2], 'AMOUNT');
  const problem = pushEntry(price, count, amount < 0, decimalText(Math.abs(amount)), bids, asks);
  if (problem) throw new Error(problem);
}

/**
 * The sequence number SEQ_ALL appends to a parsed channel frame whose own elements, CHAN_ID included, are
 * `payloadLength`: its last element where there is one more, read last as Bitfinex's own client does.
 */
export function appendedSeq(frame: readonly unknown[], payloadLength: number): number | undefined {
  return frame.length > payloadLength ? integer(frame[frame.length - 1], 'the sequence number') : undefined;
}

/** A parsed frame `[CHAN_ID, ...]` of a book channel, checked: a `BookFrame`, or an error saying what is wrong. */
export function bookFrameOf(frame: readonly unknown[]): BookFrame {
  const chanId = integer(frame[0], 'CHAN_ID');
  const body = frame[1];
  const seq = appendedSeq(frame, body === 'cs' ? 3 : 2);
  const bids: RawLevel[] = [];
  const asks: RawLevel[] = [];
  if (body === 'hb') return { chanId, kind: 'hb', checksum: 0, bids, asks, single: false, seq };
  if (body === 'cs') return { chanId, kind: 'cs', checksum: integer(frame[2], 'CHECKSUM'), bids, asks, single: false, seq };
  if (!Array.isArray(body)) throw new Error(`book channel message ${JSON.stringify(body)}`);
  const single = body.length > 0 && !Array.isArray(body[0]);
  if (single) pushParsedEntry(body, bids, asks);
  else for (const entry of body) pushParsedEntry(entry, bids, asks);
  return { chanId, kind: 'entries', checksum: 0, bids, asks, single, seq };
}

/*
 * The same frames read straight from their text. JSON.parse, then `String()` of every number to get its decimal
 * back, cost Bitfinex's small frames about 2.5 times JSON.parse alone; the venue's own digits are that decimal
 * already. The scan takes only the compact shapes Bitfinex sends, and only numbers whose text is the one
 * `decimalText` would write (no exponent, no trailing zero after a point, at most 15 characters, so at most 15
 * digits, which read back to the same decimal). Anything else, valid or not, it declines: the frame then goes
 * through JSON.parse and `bookFrameOf`, which read it or say what is wrong with it.
 */

const OPEN = 91;
const CLOSE = 93;
const COMMA = 44;
const QUOTE = 34;
const POINT = 46;
const ZERO = 48;
const NINE = 57;
/** Characters a number's text may have for the scan; 15 of them cannot hold more than 15 digits. */
const MAX_SCANNED = 15;

let text = '';
let at = 0;

function take(code: number): boolean {
  if (text.charCodeAt(at) !== code) return false;
  at++;
  return true;
}

/** Digits from `at` on; how many. */
function digits(): number {
  const start = at;
  // Past the end charCodeAt is NaN, which fails both tests.
  for (let c = text.charCodeAt(at); c >= ZERO && c <= NINE; c = text.charCodeAt(++at));
  return at - start;
}

/** A JSON integer of at most 15 digits at `at` (a double holds it exactly), or NaN. */
function scanInteger(): number {
  const negative = take(MINUS);
  const start = at;
  if (take(ZERO)) return negative ? -0 : 0;
  const n = digits();
  if (n === 0 || n > MAX_SCANNED) return NaN;
  let value = 0;
  for (let i = start; i < at; i++) value = value * 10 + (text.charCodeAt(i) - ZERO);
  return negative ? -value : value;
}

/** A JSON number's text at `at`, without sign, that `decimalText` would write alike, or undefined. */
function scanDecimal(): string | undefined {
  const start = at;
  if (!take(ZERO) && digits() === 0) return undefined;
  if (take(POINT) && (digits() === 0 || text.charCodeAt(at - 1) === ZERO)) return undefined;
  return at - start > MAX_SCANNED ? undefined : text.slice(start, at);
}

let bids: RawLevel[] = [];
let asks: RawLevel[] = [];

/** `PRICE,COUNT,AMOUNT` at `at`, pushed on its side; false where the text or the entry is anything else. */
function scanEntry(): boolean {
  const price = scanDecimal();
  if (price === undefined || !take(COMMA)) return false;
  const count = scanInteger();
  if (Number.isNaN(count) || !take(COMMA)) return false;
  const ask = take(MINUS);
  const size = scanDecimal();
  return size !== undefined && pushEntry(price, count, ask, size, bids, asks) === undefined;
}

/** The entries after a body's `[`, to its `]`: a list of `[PRICE,COUNT,AMOUNT]` (-1), one entry's numbers (1), or neither (0). */
function scanEntries(): -1 | 0 | 1 {
  if (take(CLOSE)) return -1;
  if (text.charCodeAt(at) !== OPEN) return scanEntry() && take(CLOSE) ? 1 : 0;
  do if (!take(OPEN) || !scanEntry() || !take(CLOSE)) return 0;
  while (take(COMMA));
  return take(CLOSE) ? -1 : 0;
}

/**
 * A book channel frame read from its compact text, exactly as `bookFrameOf(JSON.parse(frame))` reads it; undefined
 * for any frame of another shape, or with an entry no book can hold, which that road then takes.
 */
export function scanBookFrame(frame: string): BookFrame | undefined {
  text = frame;
  at = 0;
  bids = [];
  asks = [];
  if (!take(OPEN)) return undefined;
  const chanId = scanInteger();
  if (Number.isNaN(chanId) || !take(COMMA)) return undefined;
  let kind: BookFrame['kind'] = 'entries';
  let checksum = 0;
  let single = false;
  if (text.charCodeAt(at) === QUOTE) {
    if (frame.startsWith('"hb"', at)) {
      kind = 'hb';
      at += 4;
    } else if (frame.startsWith('"cs",', at)) {
      kind = 'cs';
      at += 5;
      checksum = scanInteger();
      if (Number.isNaN(checksum)) return undefined;
    } else return undefined;
  } else {
    if (!take(OPEN)) return undefined;
    const body = scanEntries();
    if (body === 0) return undefined;
    single = body === 1;
  }
  let seq: number | undefined;
  if (take(COMMA)) {
    seq = scanInteger();
    if (Number.isNaN(seq)) return undefined;
  }
  if (!take(CLOSE) || at !== frame.length) return undefined;
  return { chanId, kind, checksum, bids, asks, single, seq };
}
