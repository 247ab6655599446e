import type { RawLevel } from '../../src/book/levels';
import { parseDeribitFrame } from '../../src/venues/deribit';
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
 * A Bitget `books` push, spot or futures. No `restartIds`: its rule reads `pseq` against the last `seq`, so a
 * restart is a break in the chain, not ids that must only grow.
 */
function bitget(o: Json): EditableBook | undefined {
  const arg = o.arg as Json | undefined;
  const data = (o.data as Json[] | undefined)?.[0];
  if (!arg || arg.channel !== 'books' || !data || (o.action !== 'snapshot' && o.action !== 'update')) return undefined;
  return jsonBook(o, {
    type: o.action,
    holder: data,
    bids: 'bids',
    asks: 'asks',
    id: [data, 'seq'],
    checksum: 'checksum',
    retarget: (symbol) => void (arg.instId = symbol),
  });
}

/** A Crypto.com `book` snapshot or `book.update` delta: levels `[price, size, orders]`, a delta's under `update`. */
function cryptocom(o: Json): EditableBook | undefined {
  const result = o.result as Json | undefined;
  const data = (result?.data as Json[] | undefined)?.[0];
  if (!result || !data || (result.channel !== 'book' && result.channel !== 'book.update')) return undefined;
  const snapshot = result.channel === 'book';
  return jsonBook(o, {
    type: snapshot ? 'snapshot' : 'update',
    holder: snapshot ? data : (data.update as Json),
    bids: 'bids',
    asks: 'asks',
    id: [data, 'u'],
    writeLevel: ([p, q]) => [p, q, q === '0' ? '0' : '1'],
    retarget: (symbol) => {
      result.instrument_name = symbol;
      result.subscription = `book.${symbol}.${String(result.depth)}`;
    },
    restartIds: () => {
      data.u = 1;
      if ('pu' in data) data.pu = 0;
    },
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

/** A Gate order book V2 push (`spot.obu`, `futures.obu`): `full` a snapshot ending at `u`, else an update from U to u. */
function gate(o: Json): EditableBook | undefined {
  const result = o.result as Json | undefined;
  if (typeof o.channel !== 'string' || !o.channel.endsWith('.obu') || !result || typeof result.s !== 'string') return undefined;
  const level = result.s.split('.').pop();
  const full = result.full === true;
  return jsonBook(o, {
    type: full ? 'snapshot' : 'update',
    holder: result,
    bids: 'b',
    asks: 'a',
    id: [result, 'u'],
    retarget: (symbol) => void (result.s = `ob.${symbol}.${level}`),
    restartIds: () => {
      if (!full) result.U = 1;
      result.u = 1;
    },
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
 * Deribit's value for a level's text: a bare JSON number where the text is a plain decimal a double holds exactly,
 * else a string (a planted bad number), which its parser hands to the grammar as the venue's text.
 */
function deribitValue(text: string): unknown {
  return /^\d+(\.\d+)?$/.test(text) && text.replace('.', '').replace(/^0+/, '').length <= 15 ? Number(text) : text;
}

/**
 * A Deribit `book` notification: levels `[action, price, amount]` of bare JSON numbers, read by the venue's own
 * parser and written back `new` in a snapshot, `delete` for a size of "0", `change` otherwise.
 */
function deribit(text: string, o: Json): EditableBook | undefined {
  const params = o.params as Json | undefined;
  const data = params?.data as Json | undefined;
  if (o.method !== 'subscription' || typeof params?.channel !== 'string' || !params.channel.startsWith('book.') || !data) return undefined;
  const [message] = parseDeribitFrame(text);
  if (message?.type !== 'snapshot' && message?.type !== 'update') return undefined;
  const interval = params.channel.split('.').pop();
  const entry = ([p, q]: RawLevel): unknown[] => [message.type === 'snapshot' ? 'new' : q === '0' ? 'delete' : 'change', deribitValue(p), deribitValue(q)];
  const mistyped = new Set<Mistype>();
  const book: EditableBook = {
    type: message.type,
    bids: [...message.bids],
    asks: [...message.asks],
    retarget: (symbol) => {
      params.channel = `book.${symbol}.${interval}`;
      data.instrument_name = symbol;
    },
    restartIds: () => {
      data.change_id = 1;
      if ('prev_change_id' in data) data.prev_change_id = 0;
    },
    mistype: (what) => void mistyped.add(what),
    write() {
      data.bids = book.bids.map(entry);
      data.asks = book.asks.map(entry);
      if (mistyped.has('level')) {
        const key = book.bids.length ? 'bids' : 'asks';
        data[key] = [[true, 1], ...(data[key] as unknown[]).slice(1)];
      }
      if (mistyped.has('levels')) data.bids = 5;
      if (mistyped.has('id')) data.change_id = 'abc';
      return JSON.stringify(o);
    },
  };
  return book;
}

/**
 * A Hyperliquid `l2Book` push: the whole top 20 a side each time, levels `{px, sz, n}` under `levels: [bids, asks]`,
 * no ids and no checksum, so every push is a snapshot; `time` is the integer its parser requires.
 */
function hyperliquid(o: Json): EditableBook | undefined {
  const data = o.data as Json | undefined;
  if (o.channel !== 'l2Book' || !data || !Array.isArray(data.levels)) return undefined;
  const [bids, asks] = data.levels as Json[][];
  const mistyped = new Set<Mistype>();
  const side = (levels: Json[] | undefined): RawLevel[] => (levels ?? []).map((l) => [String(l.px), String(l.sz)] as const);
  const entry = ([px, sz]: RawLevel): Json => ({ px, sz, n: /[1-9]/.test(sz) ? 1 : 0 });
  const book: EditableBook = {
    type: 'snapshot',
    bids: side(bids),
    asks: side(asks),
    retarget: (symbol) => void (data.coin = symbol),
    mistype: (what) => void mistyped.add(what),
    write() {
      const levels: unknown[] = [book.bids.map(entry), book.asks.map(entry)];
      if (mistyped.has('level')) {
        const i = book.bids.length ? 0 : 1;
        levels[i] = [{ px: 1, sz: 2, n: 1 }, ...(levels[i] as Json[]).slice(1)];
      }
      if (mistyped.has('levels')) levels[0] = 5;
      data.levels = levels;
      if (mistyped.has('id')) data.time = 'abc';
      return JSON.stringify(o);
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
    case 'bitget':
    case 'bitget-futures':
      return bitget(o);
    case 'cryptocom':
    case 'cryptocom-perp':
      return cryptocom(o);
    case 'deribit':
    case 'deribit-spot':
      return deribit(text, o);
    case 'gate':
    case 'gate-futures':
      return gate(o);
    case 'hyperliquid':
    case 'hyperliquid-spot':
      return hyperliquid(o);
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

