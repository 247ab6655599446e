import type { RawLevel } from '../../src/book/levels';
import { parseKrakenFrame } from '../../src/venues/kraken';
import type { FeedId } from '../../src/venues/types';

/** Where a planted wrong JSON type goes: the list of levels, one level's values, or an id the parser reads. */
export type Mistype = 'levels' | 'level' | 'id';

/**
 * One book message in a venue's wire format (a stream frame, a WebSocket API answer or a REST body) opened for
 * editing: planted frames are real ones the simulator sent, changed here and written back in the same format.
 */
export interface EditableBook {
  readonly type: 'snapshot' | 'update';
  /** Best first, as sent; edits show in `write()`. */
  bids: RawLevel[];
  asks: RawLevel[];
  /** Names another market; absent where the message names none (Binance-style snapshots by request). */
  readonly retarget?: (symbol: string) => void;
  /** Sets the checksum the message publishes; absent for venues that publish none. */
  readonly setChecksum?: (checksum: number) => void;
  /**
   * Restarts the update ids low, as a venue restart would, where ids must only grow: Binance-style diffs (a futures
   * diff's `pu`, the previous event's u, restarted with them), Bybit's and BingX's. Absent for OKX, whose ids may
   * restart lower after maintenance (its rule reads prevSeqId alone), and for venues without ids.
   */
  readonly restartIds?: () => void;
  /** Puts a value of the wrong JSON type where the parser expects levels, a level or an id. */
  readonly mistype: (what: Mistype) => void;
  write(): string;
}

type Json = Record<string, unknown>;

/** How one venue writes a level: `[price, size]` pairs, OKX's four-field arrays. */
type LevelWriter = (level: RawLevel) => unknown;
const pair: LevelWriter = ([p, q]) => [p, q];
const okxLevel: LevelWriter = ([p, q]) => [p, q, '0', '1'];

interface JsonBookFields {
  readonly type: 'snapshot' | 'update';
  /** The object that holds the level lists, under the keys `bids` and `asks` name. */
  readonly holder: Json;
  readonly bids: string;
  readonly asks: string;
  /** The object and key of an integer id the parser requires. */
  readonly id: readonly [Json, string];
  readonly checksum?: string;
  readonly writeLevel?: LevelWriter;
  readonly retarget?: (symbol: string) => void;
  readonly restartIds?: () => void;
}

/** A side as `[price, size]` pairs or, as BingX spot writes it, a `{price: size}` map. */
function levelsOf(value: unknown): RawLevel[] {
  if (Array.isArray(value)) return value.map((e: unknown[]) => [String(e[0]), String(e[1])] as const);
  return typeof value === 'object' && value !== null ? Object.entries(value).map(([p, q]) => [p, String(q)] as const) : [];
}

/** A message whose levels are JSON arrays of strings: every venue but Kraken and Coinbase. */
function jsonBook(root: Json, f: JsonBookFields): EditableBook {
  const write = f.writeLevel ?? pair;
  const mistyped = new Set<Mistype>();
  const book: EditableBook = {
    type: f.type,
    bids: levelsOf(f.holder[f.bids]),
    asks: levelsOf(f.holder[f.asks]),
    retarget: f.retarget,
    restartIds: f.restartIds,
    setChecksum: f.checksum === undefined ? undefined : (c) => void (f.holder[f.checksum!] = c),
    mistype: (what) => void mistyped.add(what),
    write() {
      f.holder[f.bids] = book.bids.map(write);
      f.holder[f.asks] = book.asks.map(write);
      if (mistyped.has('level')) {
        const key = book.bids.length ? f.bids : f.asks;
        f.holder[key] = [[1, 2], ...(f.holder[key] as unknown[]).slice(1)];
      }
      if (mistyped.has('levels')) f.holder[f.bids] = 5;
      if (mistyped.has('id')) f.id[0][f.id[1]] = 'abc';
      return JSON.stringify(root);
    },
  };
  return book;
}

function binanceStyle(o: Json): EditableBook | undefined {
  if (o.e === 'depthUpdate') {
    return jsonBook(o, {
      type: 'update',
      holder: o,
      bids: 'b',
      asks: 'a',
      id: [o, 'u'],
      retarget: (symbol) => void (o.s = symbol),
      restartIds: () => {
        o.U = 1;
        o.u = 1 + (o.b as unknown[]).length + (o.a as unknown[]).length;
        if ('pu' in o) o.pu = 0;
      },
    });
  }
  const depth = (typeof o.result === 'object' && o.result !== null ? o.result : o) as Json;
  if (!('lastUpdateId' in depth)) return undefined;
  return jsonBook(o, { type: 'snapshot', holder: depth, bids: 'bids', asks: 'asks', id: [depth, 'lastUpdateId'] });
}

function okx(o: Json): EditableBook | undefined {
  const arg = o.arg as Json | undefined;
  const data = (o.data as Json[] | undefined)?.[0];
  // A GET /api/v5/market/books answer: the snapshot since OKX delisted the stream's own; it names no market.
  if (!arg && data && o.code === '0') return jsonBook(o, { type: 'snapshot', holder: data, bids: 'bids', asks: 'asks', id: [data, 'seqId'], writeLevel: okxLevel });
  if (!arg || !data || (o.action !== 'snapshot' && o.action !== 'update')) return undefined;
  return jsonBook(o, {
    type: o.action,
    holder: data,
    bids: 'bids',
    asks: 'asks',
    id: [data, 'seqId'],
    checksum: 'checksum',
    writeLevel: okxLevel,
    retarget: (symbol) => void (arg.instId = symbol),
  });
}

function bybit(o: Json): EditableBook | undefined {
  const data = o.data as Json | undefined;
  if (typeof o.topic !== 'string' || !o.topic.startsWith('orderbook.') || !data) return undefined;
  const depth = o.topic.split('.')[1];
  return jsonBook(o, {
    type: o.type === 'snapshot' ? 'snapshot' : 'update',
    holder: data,
    bids: 'b',
    asks: 'a',
    id: [data, 'u'],
    retarget: (symbol) => {
      o.topic = `orderbook.${depth}.${symbol}`;
      data.s = symbol;
    },
    restartIds: () => void (data.u = 1),
  });
}

/**
 * A BingX `<symbol>@incrDepth` push: spot's sides are `{price: size}` maps (read here and written back as the
 * `[price, size]` pairs its parser reads too, so that a planted snapshot can list a price twice), swap's are pairs.
 */
function bingx(o: Json): EditableBook | undefined {
  const data = o.data as Json | undefined;
  if (typeof o.dataType !== 'string' || o.dataType.endsWith('@trade') || !data) return undefined;
  return jsonBook(o, {
    type: data.action === 'all' ? 'snapshot' : 'update',
    holder: data,
    bids: 'bids',
    asks: 'asks',
    id: [data, 'lastUpdateId'],
    retarget: (symbol) => void (o.dataType = `${symbol}@incrDepth`),
    restartIds: () => void (data.lastUpdateId = 1),
  });
}

/** Coinbase lists both sides in one `updates` list of objects, the ask side called "offer". */
function coinbase(o: Json): EditableBook | undefined {
  const event = (o.events as Json[] | undefined)?.[0];
  if (o.channel !== 'l2_data' || !event) return undefined;
  const updates = event.updates as Json[];
  const template = updates[0] ?? { event_time: o.timestamp };
  const side = (name: string): RawLevel[] => updates.filter((u) => u.side === name).map((u) => [String(u.price_level), String(u.new_quantity)] as const);
  const mistyped = new Set<Mistype>();
  const book: EditableBook = {
    type: event.type === 'snapshot' ? 'snapshot' : 'update',
    bids: side('bid'),
    asks: side('offer'),
    retarget: (symbol) => void (event.product_id = symbol),
    mistype: (what) => void mistyped.add(what),
    write() {
      const entry = (name: string) => ([p, q]: RawLevel) => ({ side: name, event_time: template.event_time, price_level: p, new_quantity: q });
      const written: Json[] = [...book.bids.map(entry('bid')), ...book.asks.map(entry('offer'))];
      if (mistyped.has('level') && written[0]) written[0].price_level = 1;
      event.updates = mistyped.has('levels') ? 5 : written;
      if (mistyped.has('id')) o.sequence_num = 'abc';
      return JSON.stringify(o);
    },
  };
  return book;
}

/** Kraken's text of a level value: a bare JSON number when it is one, else a string (a planted bad number). */
function krakenValue(text: string): string {
  return /^\d+(\.\d+)?$/.test(text) ? text : JSON.stringify(text);
}

/**
 * Kraken v2 sends prices and sizes as bare JSON numbers whose text carries the pair's precision, which JSON.parse
 * would lose: the levels are read by the venue's own parser and the frame written back by hand.
 */
function kraken(text: string, o: Json): EditableBook | undefined {
  const entry = (o.data as Json[] | undefined)?.[0];
  if (o.channel !== 'book' || !entry) return undefined;
  const [message] = parseKrakenFrame(text);
  if (message?.type !== 'snapshot' && message?.type !== 'update') return undefined;
  let symbol = String(entry.symbol);
  let checksum: unknown = entry.checksum;
  const mistyped = new Set<Mistype>();
  const book: EditableBook = {
    type: message.type,
    bids: [...message.bids],
    asks: [...message.asks],
    retarget: (s) => void (symbol = s),
    setChecksum: (c) => void (checksum = c),
    mistype: (what) => void mistyped.add(what),
    write() {
      const side = (levels: RawLevel[]): string => `[${levels.map(([p, q]) => `{"price":${krakenValue(p)},"qty":${krakenValue(q)}}`).join(',')}]`;
      let bids = side(book.bids);
      if (mistyped.has('level')) bids = `[{"price":true,"qty":1}${book.bids.length ? ',' : ''}${bids.slice(1)}`;
      if (mistyped.has('levels')) bids = '5';
      const sum = mistyped.has('id') ? '"abc"' : JSON.stringify(checksum);
      return (
        `{"channel":"book","type":"${book.type}","data":[{"symbol":${JSON.stringify(symbol)},"bids":${bids},` +
        `"asks":${side(book.asks)},"checksum":${sum},"timestamp":${JSON.stringify(entry.timestamp)}}]}`
      );
    },
  };
  return book;
}

/**
 * Opens a feed's book message for editing; undefined for anything else (acks, pings, heartbeats, errors, and
 * frames no parser could read). A perpetual speaks its venue's spot wire where the venue kept it for the market
 * (Bybit linear, OKX SWAP), Binance's futures wire (`pu`) on Binance USD-M and AsterDEX, BingX swap its own envelope.
 */
export function openBook(feed: FeedId, text: string): EditableBook | undefined {
  try {
    const o: unknown = JSON.parse(text);
    if (typeof o !== 'object' || o === null || Array.isArray(o)) return undefined;
    return open(feed, text, o as Json);
  } catch {
    return undefined;
  }
}

function open(feed: FeedId, text: string, o: Json): EditableBook | undefined {
  switch (feed) {
    case 'binance':
    case 'binance-usdm':
    case 'asterdex':
      return binanceStyle(o);
    case 'kraken':
      return kraken(text, o);
    case 'coinbase':
      return coinbase(o);
    case 'bingx':
    case 'bingx-swap':
      return bingx(o);
    case 'okx':
    case 'okx-swap':
      return okx(o);
    case 'bybit':
    case 'bybit-linear':
      return bybit(o);
  }
}

/**
 * Coinbase numbers every message of a connection: a frame planted into one moves the numbers of every later
 * frame up, as another subscription's messages on the same socket would. Other venues' frames are left alone.
 */
export function shiftSequence(feed: FeedId, text: string, by: number): string {
  if (feed !== 'coinbase' || by === 0) return text;
  const o = JSON.parse(text) as Json;
  if (typeof o.sequence_num !== 'number') return text;
  o.sequence_num += by;
  return JSON.stringify(o);
}

