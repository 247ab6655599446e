import { PRICE_DIGITS, SIZE_DIGITS, decimalValue } from '../src/book/decimal';
import type { RawLevel } from '../src/book/levels';
import { base64ToBytes, decodeBinaryFrame } from '../src/feed/decode';
import { SimExchange } from '../src/sim/exchange';
import { recordSimulatedFeed } from '../src/sim/record-feed';
import { SIM_VENUES } from '../src/sim/venues';
import { PROTOCOLS } from '../src/venues';
import { VENUE_IDS, type VenueId, type VenueMessage } from '../src/venues/types';
import { median, rotate } from './stats';

export interface ParseResult {
  readonly venue: VenueId;
  readonly frames: number;
  readonly meanBytes: number;
  readonly meanChanges: number;
  readonly gzip: boolean;
  /**
   * Median frames per CPU second: the venue's adapter and the strict number grammar over every level it read, as
   * the book applies it (BingX: gunzip with decodeBinaryFrame first).
   */
  readonly adapterFps: number;
  /** Median frames per CPU second: bare JSON.parse of the same text (BingX: the same gunzip, then JSON.parse). */
  readonly floorFps: number;
  /** How many times slower than the floor the adapter is. */
  readonly ratio: number;
  /** The same ratio on the text alone (differs from `ratio` only for gzip venues). */
  readonly textRatio: number;
}

interface Frames {
  readonly venue: VenueId;
  readonly texts: string[];
  readonly bytes?: Uint8Array[];
  readonly changes: number;
  /** The adapter: the protocol's parse, or its reader of the recorded connection where it keeps one (Bitfinex). */
  readonly parse: (text: string) => VenueMessage[];
}

/**
 * Each venue's update frames, exactly as its simulator puts them on the wire: one client's recorded
 * conversation (subscribe, snapshot, `steps` market steps), keeping the frames that carry book changes: its
 * updates, or where every push is a whole book (Hyperliquid's l2Book), its snapshots.
 */
export async function venueFrames(venue: VenueId, steps: number): Promise<Frames> {
  const sim = SIM_VENUES.find((s) => s.host === venue)!;
  const protocol = PROTOCOLS[venue];
  const { events } = await recordSimulatedFeed({ exchange: new SimExchange([sim], 7), feed: venue, base: 'BTC', steps });
  const texts: string[] = [];
  const bytes: Uint8Array[] = [];
  let changes = 0;
  const parse = protocol.connectionParser?.() ?? ((text: string) => protocol.parse(text));
  for (const e of events) {
    if (e.kind !== 'ws') continue;
    const raw = 'data64' in e ? base64ToBytes(e.data64) : undefined;
    const text = raw ? await decodeBinaryFrame(raw) : (e as { data: string }).data;
    const updates = parse(text).filter((m) => m.type === 'update' || (protocol.onlyPartial !== undefined && m.type === 'snapshot'));
    if (!updates.length) continue;
    for (const u of updates) if (u.type === 'update' || u.type === 'snapshot') changes += u.bids.length + u.asks.length;
    texts.push(text);
    if (raw) bytes.push(raw);
  }
  if (!texts.length) throw new Error(`${venue}: its simulator sent no frame with book changes in ${steps} steps`);
  return { venue, texts, bytes: bytes.length ? bytes : undefined, changes, parse };
}

function readSide(levels: readonly RawLevel[]): number {
  let sum = 0;
  for (let i = 0; i < levels.length; i++) sum += decimalValue(levels[i]![0], PRICE_DIGITS) + decimalValue(levels[i]![1], SIZE_DIGITS);
  return sum;
}

/** What a frame costs before the book: the adapter's parse, then every level's numbers read by the grammar. */
function readFrame(parse: (text: string) => VenueMessage[], text: string): number {
  let sum = 0;
  for (const m of parse(text)) if (m.type === 'update' || m.type === 'snapshot') sum += readSide(m.bids) + readSide(m.asks);
  return sum;
}

/** Frames per CPU second of the process (the gunzip's thread-pool time included): robust on a shared machine. */
async function timeRun(run: () => Promise<number> | number, frames: number): Promise<number> {
  const c0 = process.cpuUsage();
  await run();
  const c = process.cpuUsage(c0);
  return frames / ((c.user + c.system) / 1e6);
}

export async function benchParsing(rounds: number, log: (s: string) => void, steps = 2000, minFrames = 20_000): Promise<ParseResult[]> {
  // Every venue's first feed (the one its simulated host is named for), as the README gives the parse figures.
  const venues = VENUE_IDS.filter((v) => SIM_VENUES.some((s) => s.host === v));
  const all: Frames[] = [];
  for (const v of venues) all.push(await venueFrames(v, steps));
  type Kind = 'adapter' | 'floor' | 'gz-adapter' | 'gz-floor';
  const runs = new Map<string, number[]>();
  const push = (v: VenueId, k: Kind, fps: number): void => {
    const key = `${v}/${k}`;
    runs.set(key, [...(runs.get(key) ?? []), fps]);
  };
  let sink = 0;
  for (let round = 0; round < rounds; round++) {
    for (const f of rotate(all, round)) {
      const parse = f.parse;
      const reps = Math.max(1, Math.ceil(minFrames / f.texts.length));
      const n = reps * f.texts.length;
      const { texts, bytes } = f;
      // Adapter and floor alternate inside the round too, so a noisy moment hits both.
      const kinds: Kind[] = bytes ? ['adapter', 'floor', 'gz-adapter', 'gz-floor'] : ['adapter', 'floor'];
      for (const kind of round % 2 ? kinds.reverse() : kinds) {
        let fps: number;
        if (kind === 'gz-adapter' || kind === 'gz-floor') {
          const adapterKind = kind === 'gz-adapter';
          fps = await timeRun(async () => {
            for (let r = 0; r < reps; r++)
              for (let i = 0; i < bytes!.length; i++) {
                const text = await decodeBinaryFrame(bytes![i]!);
                sink += adapterKind ? readFrame(parse, text) : JSON.parse(text) === null ? 0 : 1;
              }
            return sink;
          }, n);
        } else if (kind === 'adapter') {
          fps = await timeRun(() => {
            for (let r = 0; r < reps; r++) for (let i = 0; i < texts.length; i++) sink += readFrame(parse, texts[i]!);
            return sink;
          }, n);
        } else {
          fps = await timeRun(() => {
            for (let r = 0; r < reps; r++) for (let i = 0; i < texts.length; i++) sink += JSON.parse(texts[i]!) === null ? 0 : 1;
            return sink;
          }, n);
        }
        push(f.venue, kind, fps);
      }
    }
    log(`  round ${round + 1}/${rounds} parsed ${all.length} venues`);
  }
  const med = (v: VenueId, k: Kind): number => median(runs.get(`${v}/${k}`) ?? []);
  return all.map((f) => {
    const gz = f.bytes !== undefined;
    const a = med(f.venue, gz ? 'gz-adapter' : 'adapter');
    const fl = med(f.venue, gz ? 'gz-floor' : 'floor');
    return {
      venue: f.venue,
      frames: f.texts.length,
      meanBytes: Math.round(f.texts.reduce((s, t) => s + t.length, 0) / f.texts.length),
      meanChanges: Number((f.changes / f.texts.length).toFixed(1)),
      gzip: gz,
      adapterFps: a,
      floorFps: fl,
      ratio: fl / a,
      textRatio: med(f.venue, 'floor') / med(f.venue, 'adapter'),
    };
  });
}
