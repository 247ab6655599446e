import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RawLevel } from '../../../src/book/levels';
import { OrderBook } from '../../../src/book/orderbook';
import { Replayer } from '../../../src/feed/replay';
import { FeedSession } from '../../../src/feed/session';
import { SimExchange } from '../../../src/sim/exchange';
import { krakenSim } from '../../../src/sim/venues/kraken';
import type { Effect, VenueProtocol } from '../../../src/venues/types';
import { kraken, krakenChecksum, krakenChecksumText, krakenProtocol, parseKrakenFrame, rfc3339Ms, type KrakenDepth } from '../../../src/venues/kraken';
import { scanBook } from '../../../src/venues/kraken-level-scanner';
import { topOf } from '../../helpers/books';
import { replayedSession, testMarket } from '../../helpers/markets';

/*
 * Documented messages. The BTC/USD snapshot and its checksum 3310070434, with the intermediate asks and bids
 * strings, are the worked example of Kraken's guide "Book checksum (WebSocket v2)"
 * (https://docs.kraken.com/api/docs/guides/spot-ws-book-v2, now docs.kraken.com/exchange/guides/websockets/book-checksum-v2).
 * The MATIC/USD snapshot (2439117997) and update (2114181697) are the examples of the book channel reference
 * (https://docs.kraken.com/api/docs/websocket-v2/book), at the wire's full precision: see tests/fixtures/kraken/SOURCE.md.
 */
const GUIDE_BIDS = [
  ['45283.5', '0.10000000'],
  ['45283.4', '1.54582015'],
  ['45282.1', '0.10000000'],
  ['45281.0', '0.10000000'],
  ['45280.3', '1.54592586'],
  ['45279.0', '0.07990000'],
  ['45277.6', '0.03310103'],
  ['45277.5', '0.30000000'],
  ['45277.3', '1.54602737'],
  ['45276.6', '0.15445238'],
] as const;
const GUIDE_ASKS = [
  ['45285.2', '0.00100000'],
  ['45286.4', '1.54571953'],
  ['45286.6', '1.54571109'],
  ['45289.6', '1.54560911'],
  ['45290.2', '0.15890660'],
  ['45291.8', '1.54553491'],
  ['45294.7', '0.04454749'],
  ['45296.1', '0.35380000'],
  ['45297.5', '0.09945542'],
  ['45299.5', '0.18772827'],
] as const;
const GUIDE_CHECKSUM = 3310070434;
const GUIDE_ASKS_TEXT =
  '45285210000045286415457195345286615457110945289615456091145290215890660452918154553491452947445474945296135380000452975994554245299518772827';
const GUIDE_BIDS_TEXT =
  '452835100000004528341545820154528211000000045281010000000452803154592586452790799000045277633101034527753000000045277315460273745276615445238';

type Levels = readonly (readonly [string, string])[];

/** A book frame with price and qty as bare JSON numbers, as Kraken v2 sends them ("quoted" as the guide prints them). */
function bookFrame(type: 'snapshot' | 'update', symbol: string, bids: Levels, asks: Levels, checksum?: number, style: 'number' | 'quoted' = 'number'): string {
  const v = (s: string): string => (style === 'number' ? s : `"${s}"`);
  const levels = (l: Levels): string => `[${l.map(([p, q]) => `{"price": ${v(p)}, "qty": ${v(q)}}`).join(', ')}]`;
  return `{"channel": "book", "type": "${type}", "data": [{"symbol": "${symbol}", "bids": ${levels(bids)}, "asks": ${levels(asks)}${checksum === undefined ? '' : `, "checksum": ${checksum}`}}]}`;
}

const guideSnapshot = (style: 'number' | 'quoted' = 'number'): string => bookFrame('snapshot', 'BTC/USD', GUIDE_BIDS, GUIDE_ASKS, GUIDE_CHECKSUM, style);

const recording = (file: string): string[] => readFileSync(new URL(`../../fixtures/kraken/${file}`, import.meta.url), 'utf8').split('\n');
const docsRecording = (): string[] => recording('docs-example.jsonl');

/** The frames a recording received. */
const recordedFrames = (file: string): string[] =>
  recording(file)
    .filter((l) => l.includes('"kind":"ws"'))
    .map((l) => (JSON.parse(l) as { data: string }).data);

/** The documented MATIC/USD frames, from the hand-built recording. */
function docsFrames(): { snapshot: string; update: string } {
  const frames = docsRecording()
    .filter((l) => l.includes('"kind":"ws"'))
    .map((l) => (JSON.parse(l) as { data: string }).data);
  return { snapshot: frames.find((f) => f.includes('"type":"snapshot"'))!, update: frames.find((f) => f.includes('"type":"update"'))! };
}

/** A session subscribed to `symbol` (the documented examples are MATIC/USD); frames for another pair are left out. */
function liveSession(protocol: VenueProtocol = kraken, symbol = 'BTC/USD'): FeedSession {
  const s = new FeedSession(protocol, testMarket('kraken', 'BTC', { symbol }));
  s.open();
  return s;
}

describe('Kraken parser', () => {
  it('reads the guide snapshot with every number kept as the text sent, trailing zeros included', () => {
    const [m] = parseKrakenFrame(guideSnapshot());
    expect(m).toMatchObject({ type: 'snapshot', symbol: 'BTC/USD', checksum: GUIDE_CHECKSUM });
    if (m?.type !== 'snapshot') throw new Error('not a snapshot');
    expect(m.asks[0]).toEqual(['45285.2', '0.00100000']);
    expect(m.bids[3]).toEqual(['45281.0', '0.10000000']);
    expect(m.bids).toEqual(GUIDE_BIDS);
    expect(m.asks).toEqual(GUIDE_ASKS);
  });

  it('reads levels the guide prints as strings the same way', () => {
    expect(parseKrakenFrame(guideSnapshot('quoted'))).toEqual(parseKrakenFrame(guideSnapshot()));
  });

  it('keeps "0.00100000" and other zero-padded numbers, in any spacing', () => {
    const frame = '{"channel":"book","type":"update","data":[{"symbol":"BTC/USD","bids":[{"price" : 45000.0 ,"qty":\n0.00100000}],"asks":[{"price":45001.0,"qty":0}],"checksum":1,"timestamp":"2023-10-06T17:35:55.440295Z"}]}';
    const [m] = parseKrakenFrame(frame);
    expect(m).toMatchObject({ type: 'update', bids: [['45000.0', '0.00100000']], asks: [['45001.0', '0']] });
  });

  it('reads the documented update with its RFC 3339 timestamp as epoch ms', () => {
    expect(parseKrakenFrame(docsFrames().update)).toEqual([
      {
        type: 'update',
        symbol: 'MATIC/USD',
        bids: [['0.5657', '1098.39475580']],
        asks: [],
        checksum: 2114181697,
        time: Date.UTC(2023, 9, 6, 17, 35, 55, 440),
      },
    ]);
    const nanos = '{"channel":"book","type":"update","data":[{"symbol":"BTC/USD","bids":[],"asks":[],"checksum":7,"timestamp":"2026-10-06T18:06:02.264627814Z"}]}';
    expect(parseKrakenFrame(nanos)[0]).toMatchObject({ time: Date.UTC(2026, 9, 6, 18, 6, 2, 264) });
  });

  it('reads unsubscribe acknowledgements and refusals', () => {
    const unsubscribed = '{"method":"unsubscribe","result":{"channel":"book","depth":10,"snapshot":true,"symbol":"MATIC/USD"},"success":true,"time_in":"2023-10-06T17:35:55.219022Z","time_out":"2023-10-06T17:35:55.219067Z"}';
    expect(parseKrakenFrame(unsubscribed)).toEqual([{ type: 'info', text: 'unsubscribed book MATIC/USD depth 10' }]);
    const refused = '{"error":"Currency pair not supported XBT/USD","method":"subscribe","success":false,"symbol":"XBT/USD","time_in":"2026-09-25T17:48:54.701041Z","time_out":"2026-09-25T17:48:54.701062Z"}';
    expect(parseKrakenFrame(refused)).toEqual([{ type: 'error', message: 'subscribe XBT/USD: Currency pair not supported XBT/USD', fatal: true, symbol: 'XBT/USD' }]);
  });

  it('reads RFC 3339 times to the millisecond, with or without a fraction of any length', () => {
    const at = (ms: number): number => Date.UTC(2023, 9, 6, 17, 35, 55, ms);
    expect(rfc3339Ms('2023-10-06T17:35:55Z', 't')).toBe(at(0));
    expect(rfc3339Ms('2023-10-06T17:35:55.4Z', 't')).toBe(at(400));
    expect(rfc3339Ms('2023-10-06T17:35:55.440Z', 't')).toBe(at(440));
    expect(rfc3339Ms('2023-10-06T17:35:55.4409Z', 't')).toBe(at(440));
    expect(rfc3339Ms('2023-10-06T19:35:55.440295+02:00', 't')).toBe(at(440));
    expect(rfc3339Ms(undefined, 't')).toBeUndefined();
    expect(() => rfc3339Ms('yesterday', 't')).toThrow(/RFC 3339/);
    expect(() => rfc3339Ms(1696613755, 't')).toThrow(/RFC 3339/);
  });

  it('rejects a frame it does not know instead of guessing', () => {
    expect(() => parseKrakenFrame('{"channel":"ticker","type":"update","data":[]}')).toThrow(/unknown channel ticker/);
    expect(() => parseKrakenFrame('{"channel":"trade","type":"delta","data":[]}')).toThrow(/unknown trade message type/);
    expect(() => parseKrakenFrame('{"channel":"book","type":"delta","data":[]}')).toThrow(/unknown book message type/);
    expect(() => parseKrakenFrame('{"channel":"book","type":"update","data":[{"bids":[["1","2"]]}]}')).toThrow(/not \{price, qty\}/);
    expect(() => parseKrakenFrame('{"hello":1}')).toThrow(/unknown message/);
    expect(() => parseKrakenFrame('<html>')).toThrow();
  });
});

/*
 * The level scanner, against the oracle of how the adapter read levels before it: every price and qty number
 * quoted by a regex, then the whole frame parsed again.
 */
const QUOTABLE_LEVEL_NUMBER = /"(price|qty)"(\s*):(\s*)(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/g;

interface Sides {
  readonly bids: readonly RawLevel[];
  readonly asks: readonly RawLevel[];
}

/** Each data entry's levels as the regex path reads them; throws where its parse does. */
function levelsByQuoting(frame: string): Sides[] {
  type Level = { price: string; qty: string };
  const { data } = JSON.parse(frame.replace(QUOTABLE_LEVEL_NUMBER, '"$1"$2:$3"$4"')) as { data: { bids?: Level[]; asks?: Level[] }[] };
  const side = (levels: Level[] = []): RawLevel[] => levels.map((l) => [l.price, l.qty]);
  return data.map((entry) => ({ bids: side(entry.bids), asks: side(entry.asks) }));
}

/** Each book message's levels as the adapter reads them. */
function adapterLevels(frame: string): Sides[] {
  return parseKrakenFrame(frame).map((m) => {
    if (m.type !== 'snapshot' && m.type !== 'update') throw new Error(`not a book message: ${m.type}`);
    return { bids: m.bids, asks: m.asks };
  });
}

/** What `read` returns, or 'throws'. */
function outcome<T>(read: () => T): T | 'throws' {
  try {
    return read();
  } catch {
    return 'throws';
  }
}

const parses = (text: string): boolean => outcome(() => JSON.parse(text)) !== 'throws';

/** The frame as JSON.parse reads it with each data entry's `bids` and `asks` emptied: what `rest` must be. */
function withSidesEmptied(frame: string): unknown {
  const o = JSON.parse(frame) as { data: Record<string, unknown>[] };
  for (const entry of o.data) for (const side of ['bids', 'asks']) if (side in entry) entry[side] = [];
  return o;
}

function expectScannedAsQuoting(frame: string): void {
  const scanned = scanBook(frame);
  expect(scanned, frame).toBeDefined();
  expect(scanned!.levels).toEqual(levelsByQuoting(frame));
  expect(JSON.parse(scanned!.rest)).toEqual(withSidesEmptied(frame));
  expect(adapterLevels(frame)).toEqual(levelsByQuoting(frame));
}

/** A one-entry book update with the given entry members. */
const updateWith = (members: string): string => `{"channel":"book","type":"update","data":[{${members}}]}`;

const SCANNED_SHAPES: Record<string, string> = {
  'exponents, negative and zero numbers': updateWith(
    '"symbol":"BTC/USD","bids":[{"price":1e-8,"qty":1E+3},{"price":4.5e4,"qty":-0},{"price":-2.50,"qty":0}],"asks":[{"price":0.00000001,"qty":-1.5E-2}]',
  ),
  'whitespace everywhere, inside levels too':
    '{ "channel" : "book" ,\n "type":"snapshot",\r\n\t"data" : [ {\n  "symbol": "BTC/USD",\n  "bids": [ { "price" : 45283.5 , "qty" : 0.10000000 } ,\n' +
    ' {"price":45283.4,"qty":1.54582015} ],\n  "asks":[ ],\n  "checksum": 1 } ] }\n',
  'keys in another order around the levels':
    '{"data":[{"checksum":7,"asks":[{"price":2,"qty":3}],"timestamp":"2023-10-06T17:35:55.440295Z","bids":[{"price":1,"qty":4}],"symbol":"BTC/USD"}],"type":"update","channel":"book"}',
  'escaped strings, nested values and look-alike text in other fields': updateWith(
    String.raw`"symbol":"BTC\/USD","note":"a \"bids\":[{\"price\":9,\"qty\":9}] \\","meta":{"x":[1,{"y":null,"bids":[{"price":7,"qty":7}]}],"z":"}]\u005d"},"bids":[{"price":1.10,"qty":2.20}],"asks":[]`,
  ),
  'several data entries, one side missing':
    '{"channel":"book","type":"update","data":[{"symbol":"BTC/USD","bids":[{"price":1,"qty":2}]},{"symbol":"ETH/USD","asks":[{"price":3.0,"qty":4.00}]}]}',
  'the guide snapshot': guideSnapshot(),
};

/** Shapes the scanner declines: the regex path reads them, as before. */
const DECLINED_SHAPES: Record<string, string> = {
  'qty before price': updateWith('"bids":[{"qty":0.10,"price":1.0}],"asks":[]'),
  'a level with another field': updateWith('"bids":[{"price":1.0,"qty":0.10,"flag":true}],"asks":[]'),
  'levels sent as strings': guideSnapshot('quoted'),
  'a side key spelled with an escape, which JSON.parse reads as a repeated bids': updateWith(
    String.raw`"bids":[{"price":1.0,"qty":0.10}],"bi\u0064s":[{"price":2.0,"qty":0.20}],"asks":[]`,
  ),
  'a key ending in an escaped quote and bids': updateWith(String.raw`"x\"bids":[{"price":2.0,"qty":0.20}],"bids":[{"price":1.0,"qty":0.10}]`),
  'a repeated side': updateWith('"bids":[{"price":1.0,"qty":0.10}],"bids":[{"price":2.0,"qty":0.20}]'),
};

const digits = (minLength: number, maxLength: number): fc.Arbitrary<string> => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength, maxLength });

/** Any JSON number's text: each part the grammar allows (sign, integer, fraction, exponent) in any spelling. */
const numberText = fc
  .tuple(
    fc.constantFrom('', '-'),
    fc.oneof(fc.constant('0'), fc.tuple(fc.constantFrom(...'123456789'), digits(0, 9)).map(([d, ds]) => d + ds)),
    fc.oneof(fc.constant(''), digits(1, 10).map((d) => `.${d}`)),
    fc.oneof(fc.constant(''), fc.tuple(fc.constantFrom('e', 'E'), fc.constantFrom('', '+', '-'), digits(1, 3)).map((p) => p.join(''))),
  )
  .map((parts) => parts.join(''));

const levelTexts = fc.array(fc.tuple(numberText, numberText) as fc.Arbitrary<RawLevel>, { maxLength: 12 });

interface RenderedBook {
  readonly bids: RawLevel[];
  readonly asks: RawLevel[];
  /** JSON whitespace put between every two tokens. */
  readonly space: string;
  /** Another entry field: any string, the frame's own syntax over-represented. */
  readonly note: string | null;
  readonly asksFirst: boolean;
  readonly dataFirst: boolean;
}

const renderedBook: fc.Arbitrary<RenderedBook> = fc.record({
  bids: levelTexts,
  asks: levelTexts,
  space: fc.constantFrom('', ' ', '\n', '\t ', '\r\n'),
  note: fc.option(fc.oneof(fc.string(), fc.constantFrom('"bids":[{"price":1,"qty":2}]', '\\', '"', '}]', '\\"'))),
  asksFirst: fc.boolean(),
  dataFirst: fc.boolean(),
});

/** The book as a Kraken v2 frame, numbers written as given. */
function render(b: RenderedBook): string {
  const s = b.space;
  const member = (key: string, value: string): string => `${s}"${key}"${s}:${s}${value}${s}`;
  const level = ([p, q]: RawLevel): string => `{${member('price', p)},${member('qty', q)}}`;
  const levels = (side: readonly RawLevel[]): string => `[${s}${side.map(level).join(`${s},${s}`)}${s}]`;
  const sides = [member('bids', levels(b.bids)), member('asks', levels(b.asks))];
  if (b.asksFirst) sides.reverse();
  const entry = [member('symbol', '"BTC/USD"'), ...sides, ...(b.note === null ? [] : [member('note', JSON.stringify(b.note))]), member('checksum', '7')];
  const data = member('data', `[${s}{${entry.join(',')}}${s}]`);
  const head = [member('channel', '"book"'), member('type', '"update"')];
  return `{${(b.dataFirst ? [data, ...head] : [...head, data]).join(',')}}`;
}

/** `frame` with one character deleted, inserted or replaced. */
const edited = fc
  .record({
    frame: fc.oneof(renderedBook.map(render), fc.constantFrom(...recordedFrames('docs-example.jsonl'), ...Object.values(SCANNED_SHAPES))),
    at: fc.nat(),
    edit: fc.constantFrom('delete', 'insert', 'replace'),
    char: fc.constantFrom(...'{}[]",:\\ \t\v\u00a0.-+eE019aqn'),
  })
  .map(({ frame, at, edit, char }) => {
    const k = at % (frame.length + 1);
    return frame.slice(0, k) + (edit === 'delete' ? '' : char) + frame.slice(edit === 'insert' ? k : k + 1);
  });

describe('Kraken level scanner', () => {
  it('reads every recorded book frame as the regex path does, leaving the rest to JSON.parse', () => {
    let books = 0;
    for (const file of ['docs-example.jsonl', 'sim-btc.jsonl']) {
      for (const frame of recordedFrames(file).filter((f) => outcome(() => JSON.parse(f).channel) === 'book')) {
        expectScannedAsQuoting(frame);
        books++;
      }
    }
    expect(books).toBeGreaterThan(400);
  });

  for (const [name, frame] of Object.entries(SCANNED_SHAPES)) {
    it(`reads ${name} as the regex path does`, () => expectScannedAsQuoting(frame));
  }

  for (const [name, frame] of Object.entries(DECLINED_SHAPES)) {
    it(`declines ${name}, which the regex path reads`, () => {
      expect(scanBook(frame)).toBeUndefined();
      expect(adapterLevels(frame)).toEqual(levelsByQuoting(frame));
    });
  }

  it('checks the level arrays to the letter of JSON, since JSON.parse does not see them', () => {
    const badNumbers = ['{"price":01,"qty":1}', '{"price":1.,"qty":1}', '{"price":.5,"qty":1}', '{"price":+1,"qty":1}', '{"price":1,"qty":0x10}', '{"price":NaN,"qty":1}'];
    const badLists = ['{"price":1,"qty":1}{"price":2,"qty":1}', '{"price":1,"qty":1},', ',{"price":1,"qty":1}', '{"price":1,"qty":1'];
    // Vertical tab and no-break space are whitespace to a regex's \s, not to JSON.
    const badSpaces = ['{"price":1,\v"qty":1}', '{\u00a0"price":1,"qty":1}', '{"price":1,"qty":1},\v{"price":2,"qty":1}'];
    for (const levels of [...badNumbers, ...badLists, ...badSpaces]) {
      const frame = updateWith(`"bids":[${levels}],"asks":[]`);
      expect(scanBook(frame), levels).toBeUndefined();
      // The regex path read "01" as text; JSON.parse of the frame now rejects it first, as it does any non-JSON.
      expect(() => parseKrakenFrame(frame), levels).toThrow();
    }
  });

  it('leaves the rest of a frame to JSON.parse, which rejects it when it is not JSON', () => {
    for (const frame of [updateWith('"bids":[{"price":1,"qty":2}],"checksum":01'), updateWith('"symbol":nul,"bids":[]'), `${updateWith('"bids":[]')}}`]) {
      expect(scanBook(frame), frame).toBeDefined();
      expect(() => parseKrakenFrame(frame), frame).toThrow();
    }
  });

  it('gives back each level as written, for any number text, spacing and field order', () => {
    fc.assert(
      fc.property(renderedBook, (b) => {
        const frame = render(b);
        expect(scanBook(frame)).toBeDefined();
        expect(adapterLevels(frame)).toEqual([{ bids: b.bids, asks: b.asks }]);
      }),
    );
  });

  it('never reads a level the regex path would not, whatever one character of a frame is changed', () => {
    fc.assert(
      fc.property(edited, (frame) => {
        const scanned = scanBook(frame);
        // The scanner's rest parses exactly when the frame does: it never lets invalid JSON through.
        if (scanned) expect(parses(scanned.rest)).toBe(parses(frame));
        const read = outcome(() => parseKrakenFrame(frame));
        const books = read === 'throws' ? [] : read.filter((m) => m.type === 'snapshot' || m.type === 'update');
        if (books.length) expect(adapterLevels(frame)).toEqual(levelsByQuoting(frame));
      }),
      { numRuns: 5000 },
    );
  });
});

describe('Kraken checksum', () => {
  it("reproduces the guide's worked example: its asks and bids strings and checksum 3310070434", () => {
    for (const style of ['number', 'quoted'] as const) {
      const s = liveSession();
      s.frame(guideSnapshot(style), 1);
      expect(krakenChecksumText(s.book)).toBe(GUIDE_ASKS_TEXT + GUIDE_BIDS_TEXT);
      expect(krakenChecksum(s.book)).toBe(GUIDE_CHECKSUM);
      expect(s.stats.checksums).toEqual({ verified: 1, failed: 0 });
      expect(s.state).toBe('live');
    }
  });

  it('covers only the top 10 levels of a deeper book', () => {
    const book = new OrderBook();
    book.snapshot([...GUIDE_BIDS, ['45200.0', '9.00000000']], [...GUIDE_ASKS, ['45400.0', '9.00000000']]);
    expect(krakenChecksum(book)).toBe(GUIDE_CHECKSUM);
  });

  it('verifies the documented MATIC/USD snapshot and update, which hold only with the full-precision text', () => {
    const { snapshot, update } = docsFrames();
    const s = liveSession(kraken, 'MATIC/USD');
    s.frame(snapshot, 1);
    s.frame(update, 2);
    expect(s.stats.checksums).toEqual({ verified: 2, failed: 0 });
    expect(s.book.bids.level(9)).toMatchObject({ price: 0.5657, size: 1098.3947558, sizeText: '1098.39475580' });

    // The reference page prints 0.5670 as 0.567 and 18097.15470000 as 18097.1547: that text fails the checksum.
    const asPrinted = liveSession(kraken, 'MATIC/USD');
    const effects = asPrinted.frame(snapshot.replace(/(\d\.\d*?)0+(?=[,}])/g, '$1'), 1);
    expect(asPrinted.stats.checksums).toEqual({ verified: 0, failed: 1 });
    expect(effects).toHaveLength(2);
  });
});

describe('Kraken sync rule', () => {
  it('has no sequence ids: a lost update shows as a checksum mismatch, answered by unsubscribe and subscribe', () => {
    expect(kraken.sequence).toBeUndefined();
    const { snapshot, update } = docsFrames();
    // The venue applies the documented update (lost on the way) and then a change to the best ask.
    const venueBook = new OrderBook();
    for (const m of [...parseKrakenFrame(snapshot), ...parseKrakenFrame(update)]) {
      if (m.type !== 'snapshot' && m.type !== 'update') throw new Error(`unexpected ${m.type}`);
      venueBook.update(m.bids, m.asks);
    }
    const next: Levels = [['0.5668', '1.00000000']];
    venueBook.update([], next);
    const s = liveSession(kraken, 'MATIC/USD');
    s.frame(snapshot, 1);
    const effects = s.frame(bookFrame('update', 'MATIC/USD', [], next, krakenChecksum(venueBook)), 3);
    expect(s.stats.checksums).toEqual({ verified: 1, failed: 1 });
    expect(s.state).toBe('syncing');
    expect(effects.map((e) => (e.type === 'send' ? JSON.parse(e.text) : e))).toEqual([
      { method: 'unsubscribe', params: { channel: 'book', symbol: ['MATIC/USD'], depth: 500 } },
      { method: 'subscribe', params: { channel: 'book', symbol: ['MATIC/USD'], depth: 500 } },
    ]);
  });

  it('truncates to the subscribed depth after an insert, as the guide requires', () => {
    const s = liveSession(krakenProtocol(10), 'MATIC/USD');
    s.frame(docsFrames().snapshot, 1);
    // No checksum: this update is made up, only its effect on the depth is under test.
    s.frame(bookFrame('update', 'MATIC/USD', [['0.5667', '5.00000000']], []), 2);
    expect(s.book.bids.length).toBe(10);
    expect(s.book.bids.priceAt(0)).toBe(0.5667);
    expect(s.book.bids.priceAt(9)).toBe(0.5658);
  });

  it('ignores updates that arrive before a snapshot', () => {
    const s = liveSession();
    s.frame(bookFrame('update', 'BTC/USD', [['45283.5', '1.00000000']], []), 1);
    expect(s.stats).toMatchObject({ updates: 0, skipped: 1 });
  });
});

describe('Kraken markets and requests', () => {
  it('subscribes on wss://ws.kraken.com/v2 at its depth and to the pair\'s trades, resubscribes the book on the same socket and leaves both', () => {
    const market = testMarket('kraken', 'ETH');
    expect(kraken.streamUrl(market, kraken.endpoints)).toBe('wss://ws.kraken.com/v2');
    expect(kraken.snapshotSource).toBe('stream');
    expect(kraken.depth).toBe(500);
    expect(kraken.trades).toBe(true);
    expect(kraken.subscribe(market).map((t) => JSON.parse(t))).toEqual([
      { method: 'subscribe', params: { channel: 'book', symbol: ['ETH/USD'], depth: 500 } },
      { method: 'subscribe', params: { channel: 'trade', symbol: ['ETH/USD'], snapshot: true } },
    ]);
    expect(kraken.resubscribe!(market).map((t) => JSON.parse(t))).toEqual([
      { method: 'unsubscribe', params: { channel: 'book', symbol: ['ETH/USD'], depth: 500 } },
      { method: 'subscribe', params: { channel: 'book', symbol: ['ETH/USD'], depth: 500 } },
    ]);
    expect(kraken.unsubscribe!(market).map((t) => JSON.parse(t))).toEqual([
      { method: 'unsubscribe', params: { channel: 'book', symbol: ['ETH/USD'], depth: 500 } },
      { method: 'unsubscribe', params: { channel: 'trade', symbol: ['ETH/USD'], snapshot: true } },
    ]);
  });
});

describe('Kraken errors through the session', () => {
  it('resyncs after an unreadable frame, which may have been an update, and counts refused subscriptions', () => {
    const s = liveSession();
    s.frame(guideSnapshot(), 1);
    const resubscribe = s.frame('{"channel":"book","type":"update","data":[{"symbol":"BTC/USD","bids":[{"price":1', 2);
    expect(resubscribe.map((e) => (e.type === 'send' ? JSON.parse(e.text).method : e.type))).toEqual(['unsubscribe', 'subscribe']);
    expect(s.state).toBe('syncing');
    // A second bad frame this soon reconnects, through the link's backoff, rather than resubscribing at frame rate.
    expect(s.frame('{"channel":"ticker","type":"update","data":[]}', 3)).toEqual([{ type: 'reconnect', reason: expect.stringMatching(/unknown channel ticker/) }]);
    s.frame('{"error":"Currency pair not supported BTC/USD","method":"subscribe","success":false,"symbol":"BTC/USD"}', 4);
    expect(s.stats).toMatchObject({ errors: 3, malformed: 2, resyncs: 2, resyncReasons: { malformed: 2 } });
    expect(s.stats.lastError).toMatch(/Currency pair not supported BTC\/USD/);
  });

  it('on a socket shared with a rate book, a refusal naming the rate book is that market\'s alone', () => {
    const btc = new FeedSession(kraken, testMarket('kraken', 'BTC'), { sharedSocket: true });
    const usdc = new FeedSession(kraken, testMarket('kraken', 'USDC', { symbol: 'USDC/USD', quote: 'USD' }), { sharedSocket: true });
    for (const s of [btc, usdc]) s.open();
    btc.frame(guideSnapshot(), 1);
    const refusal = '{"error":"Currency pair not supported USDC/USD","method":"subscribe","success":false,"symbol":"USDC/USD"}';
    for (const s of [btc, usdc]) s.frame(refusal, 2);
    expect(usdc.stats.errors).toBe(1);
    expect(usdc.stats.lastError).toMatch(/USDC\/USD: Currency pair not supported/);
    expect(btc.stats).toMatchObject({ errors: 0, foreign: 1 });
    expect(btc.state).toBe('live');
  });
});

describe('Kraken recordings', () => {
  it('replays the documented frames with every checksum verified', async () => {
    const r = new Replayer();
    for (const line of docsRecording()) await r.line(line);
    const s = replayedSession(r, 'kraken');
    expect(r.lineErrors).toBe(0);
    expect(s.stats).toMatchObject({ frames: 4, snapshots: 1, updates: 1, checksums: { verified: 2, failed: 0 }, errors: 0, resyncs: 0 });
    expect(s.symbol).toBe('MATIC/USD');
    expect(s.book.bids.best()).toMatchObject({ price: 0.5666, sizeText: '4831.75496356' });
    expect(s.book.asks.best()).toMatchObject({ price: 0.5668, sizeText: '4410.79769741' });
    expect(s.stats.lastEventTime).toBe(Date.UTC(2023, 9, 6, 17, 35, 55, 440));
  });
});

/** A client of the simulated venue at a given depth, frames delivered in memory. */
function simClient(depth: KrakenDepth, seed: number) {
  const exchange = new SimExchange([krakenSim], seed);
  const protocol = krakenProtocol(depth);
  const session = new FeedSession(protocol, testMarket('kraken'));
  const inbox: string[] = [];
  const frames: string[] = [];
  const conn = exchange.connect('kraken', '/v2', (t) => inbox.push(t))!;
  const apply = (effects: Effect[], now: number): void => {
    for (const e of effects) {
      if (e.type !== 'send') throw new Error(`unexpected effect ${e.type}`);
      conn.receive(e.text, now);
    }
  };
  const drain = (now: number, drop?: (frame: string) => boolean): void => {
    while (inbox.length) {
      const text = inbox.shift()!;
      if (drop?.(text)) continue;
      frames.push(text);
      apply(session.frame(text, now), now);
    }
  };
  apply(session.open(), 0);
  drain(0);
  return { exchange, session, conn, inbox, frames, drain, truth: () => exchange.market('kraken', 'BTC/USD')!.book };
}

describe('Kraken simulator', () => {
  it('keeps a depth-10 subscriber exact: levels pushed out are truncated, levels that move in are sent', () => {
    const c = simClient(10, 3);
    for (let i = 1; i <= 400; i++) {
      c.exchange.tick(i * 100, ['kraken']);
      c.drain(i * 100);
      expect(topOf(c.session.book, 10)).toEqual(topOf(c.truth(), 10));
    }
    expect(c.session.stats.checksums.failed).toBe(0);
    expect(c.session.stats.checksums.verified).toBeGreaterThan(100);
    expect(c.session.book.bids.length).toBe(10);

    // The same frames without truncation leave stale levels inside the top 10: the checksum catches them.
    const untruncated = new FeedSession({ ...krakenProtocol(10), depth: undefined }, testMarket('kraken'));
    untruncated.open();
    for (const f of c.frames) untruncated.frame(f, 1);
    expect(untruncated.stats.checksums.failed).toBeGreaterThan(0);
  });

  it('detects a withheld update by checksum and rebuilds the book after resubscribing', () => {
    const c = simClient(25, 5);
    let dropped = false;
    const dropFirstUpdate = (f: string): boolean => !dropped && (dropped = f.includes('"channel":"book","type":"update"'));
    for (let i = 1; i <= 100; i++) {
      c.exchange.tick(i * 100, ['kraken']);
      c.drain(i * 100, i >= 50 ? dropFirstUpdate : undefined);
    }
    expect(dropped).toBe(true);
    expect(c.session.stats).toMatchObject({ snapshots: 2, resyncs: 1, errors: 0 });
    expect(c.session.stats.checksums.failed).toBe(1);
    expect(topOf(c.session.book, 25)).toEqual(topOf(c.truth(), 25));
  });

  it('plays a corrupted checksum, has no sequence ids to skip, refuses unknown pairs and answers ping', () => {
    const c = simClient(10, 9);
    expect(c.conn.fault('skip-sequence')).toBe(false);
    expect(c.conn.fault('corrupt-checksum')).toBe(true);
    // Steps that leave the top 10 alone send nothing; the fault waits for the next update.
    for (let i = 1; i <= 20 && c.session.stats.checksums.failed === 0; i++) {
      c.exchange.tick(i * 100, ['kraken']);
      c.drain(i * 100);
    }
    expect(c.session.stats).toMatchObject({ checksums: { failed: 1 }, resyncs: 1, snapshots: 2 });
    expect(c.session.state).toBe('live');

    c.conn.receive('{"method":"subscribe","params":{"channel":"book","symbol":["XBT/USD"],"depth":10}}', 200);
    c.conn.receive('{"method":"ping","req_id":101}', 200);
    expect(c.inbox.flatMap((f) => parseKrakenFrame(f))).toEqual([
      { type: 'error', message: 'subscribe XBT/USD: Currency pair not supported XBT/USD', fatal: true, symbol: 'XBT/USD' },
      { type: 'pong' },
    ]);
    expect(JSON.parse(c.inbox[1]!)).toMatchObject({ method: 'pong', req_id: 101 });
  });
});
