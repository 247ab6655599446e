import { describe, expect, it } from 'vitest';
import { FeedSession } from '../../../src/feed/session';
import { PROTOCOLS } from '../../../src/venues';
import { FEED_IDS, type Effect, type FeedId, type Market, type VenueId } from '../../../src/venues/types';
import { topOf } from '../../helpers/books';
import { documented } from '../../helpers/documented';
import { testMarket } from '../../helpers/markets';

/**
 * A multiplexed feed's markets share one socket, so every book frame must name its market. For each such feed, the
 * venue's documented book messages (tests/fixtures/<venue>/docs) stand for one market's frames, and the same text
 * with the market's name replaced for another's.
 */
interface SharedSocketCase {
  /** Where the documented messages are. */
  readonly venue: VenueId;
  /** Book messages on the stream socket, in order. */
  readonly frames: readonly string[];
  /** The market the documented messages name. */
  readonly documents: string;
  /** Two of the feed's markets. */
  readonly symbols: readonly [string, string];
  /** The WebSocket API's documented depth answer, for feeds whose snapshot is asked for there. */
  readonly apiAnswer?: string;
  /** The documented REST depth body, for feeds whose snapshot only REST serves. */
  readonly restBody?: string;
  /** Makes a documented example into the frame the venue sends, where the docs print less of it (Deribit). */
  readonly frame?: (documentedText: string) => string;
}

/** Deribit's book page prints a notification's `data` alone: the frame carries it on its instrument's book channel. */
function deribitNotification(text: string): string {
  const { data } = JSON.parse(text) as { data: { instrument_name: string } };
  return JSON.stringify({ jsonrpc: '2.0', method: 'subscription', params: { channel: `book.${data.instrument_name}.100ms`, data } });
}

/** The multiplexed feeds' cases (Bitfinex numbers its channels per connection: a socket per market, none here). */
const CASES: Partial<Record<FeedId, SharedSocketCase>> = {
  binance: { venue: 'binance', frames: ['depth-update.json'], documents: 'BNBBTC', symbols: ['BNBBTC', 'ETHBTC'], apiAnswer: 'ws-api-depth.json' },
  'binance-usdm': { venue: 'binance', frames: ['usdm-depth-update.json'], documents: 'BTCUSDT', symbols: ['BTCUSDT', 'ETHUSDT'], apiAnswer: 'usdm-ws-api-depth.json' },
  asterdex: { venue: 'asterdex', frames: ['depth-update.json'], documents: 'BTCUSDT', symbols: ['BTCUSDT', 'ETHUSDT'], restBody: 'rest-depth.json' },
  kraken: { venue: 'kraken', frames: ['snapshot.json', 'update.json'], documents: 'MATIC/USD', symbols: ['MATIC/USD', 'ETH/USD'] },
  coinbase: { venue: 'coinbase', frames: ['level2-snapshot.json'], documents: 'BTC-USD', symbols: ['BTC-USD', 'ETH-USD'] },
  bingx: { venue: 'bingx', frames: ['incrdepth-all-spot-shape.json', 'incrdepth-update-spot-shape.json'], documents: 'BTC-USDT', symbols: ['BTC-USDT', 'ETH-USDT'] },
  'bingx-swap': { venue: 'bingx', frames: ['swap-incrdepth-all-shape.json', 'incrdepth-update-swap-page.json'], documents: 'BTC-USDT', symbols: ['BTC-USDT', 'ETH-USDT'] },
  bitget: { venue: 'bitget', frames: ['ws-books-snapshot-spot-shape.json', 'ws-books-update-spot-shape.json'], documents: 'BTCUSDT', symbols: ['BTCUSDT', 'ETHUSDT'] },
  'bitget-futures': { venue: 'bitget', frames: ['ws-books-snapshot-futures-shape.json', 'ws-books-update-futures-shape.json'], documents: 'BTCUSDT', symbols: ['BTCUSDT', 'ETHUSDT'] },
  gate: { venue: 'gate', frames: ['spot-obu-full.json', 'spot-obu-update.json'], documents: 'BTC_USDT', symbols: ['BTC_USDT', 'ETH_USDT'] },
  'gate-futures': { venue: 'gate', frames: ['futures-obu-full.json', 'futures-obu-update.json'], documents: 'BTC_USDT', symbols: ['BTC_USDT', 'ETH_USDT'] },
  okx: { venue: 'okx', frames: ['ws-books-snapshot.json', 'ws-books-update.json'], documents: 'BTC-USDT', symbols: ['BTC-USDT', 'ETH-USDT'] },
  'okx-swap': { venue: 'okx', frames: ['ws-books-snapshot.json', 'ws-books-update.json'], documents: 'BTC-USDT', symbols: ['BTC-USDT-SWAP', 'ETH-USDT-SWAP'] },
  bybit: { venue: 'bybit', frames: ['snapshot.json', 'delta.json'], documents: 'BTCUSDT', symbols: ['BTCUSDT', 'ETHUSDT'] },
  'bybit-linear': { venue: 'bybit', frames: ['snapshot.json', 'delta.json'], documents: 'BTCUSDT', symbols: ['BTCUSDT', 'ETHUSDT'] },
  cryptocom: { venue: 'cryptocom', frames: ['book-snapshot.json', 'book-update.json'], documents: 'BTCUSD-PERP', symbols: ['BTC_USDT', 'ETH_USDT'] },
  'cryptocom-perp': { venue: 'cryptocom', frames: ['book-snapshot.json', 'book-update.json'], documents: 'BTCUSD-PERP', symbols: ['BTCUSD-PERP', 'ETHUSD-PERP'] },
  deribit: { venue: 'deribit', frames: ['book-snapshot.json'], documents: 'BTC-PERPETUAL', symbols: ['BTC-PERPETUAL', 'ETH-PERPETUAL'], frame: deribitNotification },
  'deribit-spot': { venue: 'deribit', frames: ['book-snapshot.json'], documents: 'BTC-PERPETUAL', symbols: ['BTC_USDC', 'ETH_USDC'], frame: deribitNotification },
  hyperliquid: { venue: 'hyperliquid', frames: ['ws-l2book-push-shape.json'], documents: 'ETH', symbols: ['BTC', 'ETH'] },
  'hyperliquid-spot': { venue: 'hyperliquid', frames: ['ws-l2book-push-shape.json'], documents: 'ETH', symbols: ['@142', '@151'] },
};

const MULTIPLEXED = FEED_IDS.filter((feed) => PROTOCOLS[feed].multiplex);

/**
 * The documented text of a case, naming `symbol` instead of the market it names: wherever the name stands as a
 * value or in a channel name (`"BTC-USDT@incrDepth"`, `"orderbook.50.BTCUSDT"`, `"ob.BTC_USDT.400"`).
 */
function named(c: SharedSocketCase, file: string, symbol: string): string {
  const name = new RegExp(`(?<=["@.])${c.documents.replace(/[/.]/g, '\\$&')}(?=["@.])`, 'g');
  const text = documented(c.venue, file).replace(name, symbol);
  return c.frame ? c.frame(text) : text;
}

/**
 * Coinbase's sequence_num counts every message of a connection, whichever market it is for: frames put on one
 * socket are numbered in the order they go out, as the venue numbers them.
 */
function onOneSocket(frames: readonly string[]): string[] {
  return frames.map((text, n) => text.replace(/"sequence_num": \d+/, `"sequence_num": ${n}`));
}

function marketOf(feed: FeedId, symbol: string): Market {
  return testMarket(feed, 'BTC', { symbol, contractSize: 1 });
}

/** The feed's sessions for `markets`, opened, every one of them reading every frame of `frames`, with their snapshots. */
function read(feed: FeedId, markets: readonly Market[], frames: readonly string[]): FeedSession[] {
  const c = CASES[feed]!;
  const protocol = PROTOCOLS[feed];
  const sessions = markets.map((market) => new FeedSession(protocol, market, { snapshotVia: 'api' }));
  const asked: Effect[] = sessions.flatMap((s) => s.open());
  for (const [k, s] of sessions.entries()) {
    // REST answers go to the session that asked; WebSocket API answers arrive on a socket all of them read.
    for (const e of asked) {
      if (e.type === 'fetch' && c.restBody && e.url.includes(markets[k]!.symbol)) s.rest(e.url, 200, documented(c.venue, c.restBody), 1);
    }
  }
  const apiAnswers = asked.flatMap((e) => (e.type === 'api' && c.apiAnswer ? [JSON.stringify({ ...JSON.parse(documented(c.venue, c.apiAnswer)), id: (JSON.parse(e.text) as { id: unknown }).id })] : []));
  for (const text of [...apiAnswers, ...frames]) for (const s of sessions) s.frame(text, 2);
  return sessions;
}

describe('multiplexed feeds: every book frame names its market', () => {
  for (const feed of MULTIPLEXED) {
    const c = CASES[feed]!;
    it(`${feed}: two markets' documented frames come out with each one's own symbol`, () => {
      const symbolsOf = (symbol: string) =>
        c.frames.flatMap((file) => PROTOCOLS[feed].parse(named(c, file, symbol))).flatMap((m) => (m.type === 'snapshot' || m.type === 'update' ? [m.symbol] : []));
      const [a, b] = c.symbols;
      expect(symbolsOf(a).length).toBe(c.frames.length);
      expect(new Set(symbolsOf(a))).toEqual(new Set([a]));
      expect(new Set(symbolsOf(b))).toEqual(new Set([b]));
    });

    it(`${feed}: two sessions on one socket keep the books they would keep alone, the other market's frames left out`, () => {
      const [a, b] = c.symbols.map((symbol) => marketOf(feed, symbol)) as [Market, Market];
      const framesOf = (m: Market) => c.frames.map((file) => named(c, file, m.symbol));
      const shared = read(feed, [a, b], onOneSocket(c.frames.flatMap((file) => [named(c, file, a.symbol), named(c, file, b.symbol)])));
      for (const [k, market] of [a, b].entries()) {
        const [alone] = read(feed, [market], onOneSocket(framesOf(market)));
        expect(topOf(shared[k]!.book, 50)).toEqual(topOf(alone!.book, 50));
        expect(shared[k]!.stats).toMatchObject({ snapshots: alone!.stats.snapshots, updates: alone!.stats.updates, gaps: alone!.stats.gaps });
        // Every book message of the other market (and its WebSocket API answer) was left out as foreign.
        expect(shared[k]!.stats.foreign).toBe(c.frames.length + (c.apiAnswer ? 1 : 0));
      }
      // Not vacuous: each session did take its own market's snapshot.
      for (const session of shared) expect(session.stats.snapshots).toBeGreaterThan(0);
    });
  }
});
