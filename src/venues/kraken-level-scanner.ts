import type { RawLevel } from '../book/levels';

/** One entry of a book message's `data`: its levels, price and qty as the text sent. */
export interface BookLevels {
  readonly bids: RawLevel[];
  readonly asks: RawLevel[];
}

/** A frame whose level arrays the scanner has read. */
export interface ScannedBook {
  /** Each `data` entry's levels, in order. */
  readonly levels: BookLevels[];
  /** The frame with every `bids` and `asks` array emptied: all that is left for JSON.parse to read and check. */
  readonly rest: string;
}

const TAB = 9;
const LF = 10;
const CR = 13;
const SPACE = 32;
const QUOTE = 34;
const COMMA = 44;
const COLON = 58;
const OPEN_ARRAY = 91;
const BACKSLASH = 92;
const CLOSE_ARRAY = 93;
const OPEN_OBJECT = 123;
const CLOSE_OBJECT = 125;

/** Stands for an index wherever the text is not what the scanner understands exactly. */
const LOST = -1;

/** Index of the first non-space at or after i: JSON's four space characters only (a regex's \s takes more). */
function space(t: string, i: number): number {
  let c = t.charCodeAt(i);
  while (c === SPACE || c === LF || c === CR || c === TAB) c = t.charCodeAt(++i);
  return i;
}

/**
 * Index past the string opening at i. A quote inside it is escaped, so it follows an odd run of backslashes
 * (`\\` is one escaped backslash, `\\\"` one backslash and a quote).
 */
function stringEnd(t: string, i: number): number {
  for (let q = t.indexOf('"', i + 1); q !== LOST; q = t.indexOf('"', q + 1)) {
    let b = q;
    while (t.charCodeAt(b - 1) === BACKSLASH) b--;
    if ((q - b) % 2 === 0) return q + 1;
  }
  return LOST;
}

/**
 * Index past a key opening at i that holds no escape. Keys are compared as raw text, and `"bi\u0064s"` is "bids"
 * to JSON.parse: an escaped key is something the scanner leaves to the slow path.
 */
function plainKeyEnd(t: string, i: number): number {
  if (t.charCodeAt(i) !== QUOTE) return LOST;
  for (let j = i + 1; j < t.length; j++) {
    const c = t.charCodeAt(j);
    if (c === QUOTE) return j + 1;
    if (c === BACKSLASH) return LOST;
  }
  return LOST;
}

/** Index past a number or literal (`true`, `null`) at i: in valid JSON it ends at the first other character. */
function bareEnd(t: string, i: number): number {
  let j = i;
  let c = t.charCodeAt(j);
  while ((c >= 48 && c <= 57) || (c >= 97 && c <= 122) || c === 45 || c === 43 || c === 46 || c === 69) c = t.charCodeAt(++j);
  return j === i ? LOST : j;
}

/** The first member (or element) of the object (or array) opening at i, or its close when empty. */
function first(t: string, i: number, open: number): number {
  return t.charCodeAt(i) === open ? space(t, i + 1) : LOST;
}

/** After a member (or element) ending at i: the next one, or the close. */
function next(t: string, i: number, close: number): number {
  if (i === LOST) return LOST;
  i = space(t, i);
  const c = t.charCodeAt(i);
  if (c === COMMA) return space(t, i + 1);
  return c === close ? i : LOST;
}

/** Where the value of the member whose key opens at i starts. */
function memberValue(t: string, i: number): number {
  const keyEnd = plainKeyEnd(t, i);
  if (keyEnd === LOST) return LOST;
  const colon = space(t, keyEnd);
  return t.charCodeAt(colon) === COLON ? space(t, colon + 1) : LOST;
}

/** The key opening at i (known to hold no escape) is `name`. */
function keyIs(t: string, i: number, name: string): boolean {
  if (t.charCodeAt(i + 1 + name.length) !== QUOTE) return false;
  for (let k = 0; k < name.length; k++) if (t.charCodeAt(i + 1 + k) !== name.charCodeAt(k)) return false;
  return true;
}

/** Index past whatever value starts at i. Not checked: the value stays in `rest`, for JSON.parse to check. */
function valueEnd(t: string, i: number): number {
  const c = t.charCodeAt(i);
  if (c === QUOTE) return stringEnd(t, i);
  if (c === OPEN_OBJECT) {
    for (i = first(t, i, OPEN_OBJECT); i !== LOST && t.charCodeAt(i) !== CLOSE_OBJECT; i = next(t, i, CLOSE_OBJECT)) {
      i = valueEnd(t, memberValue(t, i));
    }
    return i === LOST ? LOST : i + 1;
  }
  if (c === OPEN_ARRAY) {
    for (i = first(t, i, OPEN_ARRAY); i !== LOST && t.charCodeAt(i) !== CLOSE_ARRAY; i = next(t, i, CLOSE_ARRAY)) {
      i = valueEnd(t, i);
    }
    return i === LOST ? LOST : i + 1;
  }
  return i === LOST ? LOST : bareEnd(t, i);
}

/** JSON's number grammar, to the letter: JSON.parse never sees the levels, so this is what checks them. */
const NUMBER = String.raw`-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?`;
const WS = '[ \\t\\n\\r]*';

/** A level as Kraken writes it: `{"price":p,"qty":q}`, numbers, in that order, JSON whitespace allowed. */
const LEVEL = new RegExp(String.raw`\{${WS}"price"${WS}:${WS}(${NUMBER})${WS},${WS}"qty"${WS}:${WS}(${NUMBER})${WS}\}`, 'y');

/** Reads the level at i onto `out`; LEVEL is sticky, so it matches there or nowhere. */
function readLevel(t: string, i: number, out: RawLevel[]): number {
  LEVEL.lastIndex = i;
  const m = LEVEL.exec(t);
  if (!m) return LOST;
  out.push([m[1]!, m[2]!]);
  return LEVEL.lastIndex;
}

/** Reads a side's array of levels at i onto `out`, checking every character of it (no trailing comma either). */
function readLevels(t: string, i: number, out: RawLevel[]): number {
  if (t.charCodeAt(i) !== OPEN_ARRAY) return LOST;
  i = space(t, i + 1);
  if (t.charCodeAt(i) === CLOSE_ARRAY) return i + 1;
  for (;;) {
    i = readLevel(t, i, out);
    if (i === LOST) return LOST;
    i = space(t, i);
    const c = t.charCodeAt(i);
    if (c === CLOSE_ARRAY) return i + 1;
    if (c !== COMMA) return LOST;
    i = space(t, i + 1);
  }
}

/** Reads one `data` entry at i onto `out`, and where its `bids` and `asks` arrays start and end onto `spans`. */
function readEntry(t: string, i: number, out: BookLevels[], spans: number[]): number {
  let bids: RawLevel[] | undefined;
  let asks: RawLevel[] | undefined;
  for (i = first(t, i, OPEN_OBJECT); i !== LOST && t.charCodeAt(i) !== CLOSE_OBJECT; i = next(t, i, CLOSE_OBJECT)) {
    const value = memberValue(t, i);
    if (value === LOST) return LOST;
    const isBids = keyIs(t, i, 'bids');
    if (!isBids && !keyIs(t, i, 'asks')) {
      i = valueEnd(t, value);
      continue;
    }
    // A repeated key is JSON.parse's last one: the slow path gets it right without the scanner copying that rule.
    if ((isBids ? bids : asks) !== undefined) return LOST;
    const side: RawLevel[] = [];
    if (isBids) bids = side;
    else asks = side;
    i = readLevels(t, value, side);
    spans.push(value, i);
  }
  if (i === LOST) return LOST;
  out.push({ bids: bids ?? [], asks: asks ?? [] });
  return i + 1;
}

/** `text` with each `[start, end)` of `spans` replaced by `[]`. */
function emptied(text: string, spans: readonly number[]): string {
  let rest = '';
  let from = 0;
  for (let k = 0; k < spans.length; k += 2) {
    rest += `${text.slice(from, spans[k])}[]`;
    from = spans[k + 1]!;
  }
  return rest + text.slice(from);
}

/**
 * Reads the `bids` and `asks` of a Kraken v2 book frame with price and qty as their text in the frame, so that
 * JSON.parse (which would turn "0.10000000" into 0.1) only has to read `rest`: the levels are most of a frame,
 * and most of JSON.parse's time. The level arrays are checked here, to the letter of JSON; the rest of the text
 * is only walked to find them (exactly, when it is JSON) and JSON.parse of `rest` checks it: a walk misled by
 * invalid JSON leaves a `rest` that is invalid too. Undefined for any frame it does not understand exactly (a
 * key spelled with an escape, a repeated `data`, `bids` or `asks`, a level that is not `{"price": number,
 * "qty": number}`, a `data` or a side that is not an array): a full parse reads those.
 */
export function scanBook(text: string): ScannedBook | undefined {
  let levels: BookLevels[] | undefined;
  const spans: number[] = [];
  let i: number;
  for (i = first(text, space(text, 0), OPEN_OBJECT); i !== LOST && text.charCodeAt(i) !== CLOSE_OBJECT; i = next(text, i, CLOSE_OBJECT)) {
    const value = memberValue(text, i);
    if (value === LOST) return undefined;
    if (!keyIs(text, i, 'data')) {
      i = valueEnd(text, value);
      continue;
    }
    if (levels) return undefined;
    levels = [];
    for (i = first(text, value, OPEN_ARRAY); i !== LOST && text.charCodeAt(i) !== CLOSE_ARRAY; i = next(text, i, CLOSE_ARRAY)) {
      i = readEntry(text, i, levels, spans);
    }
    if (i !== LOST) i++;
  }
  return i === LOST || !levels ? undefined : { levels, rest: emptied(text, spans) };
}
