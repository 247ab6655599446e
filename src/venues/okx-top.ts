import type { PartialDepthProtocol, VenueMessage, VenueProtocol } from './types';
import { integer, levelPairs, optionalInteger } from './json';
import { okx, readOkxFrame } from './okx';
import { okxSwap } from './okx-swap';
import { OKX_TRADES_CHANNEL, readOkxTrades } from './okx-trades';
import { partialChannel } from './partial-channel';

/** OKX's public channel of the best five levels a side, pushed whole every 100 ms while they change. */
export const OKX_TOP_CHANNEL = 'books5';
const TOP_LEVELS = 5;

/** The top five's channel and the market's public trades, as the exact feed asks for its book's and the trades. */
const TOP_AND_TRADES = [OKX_TOP_CHANNEL, OKX_TRADES_CHANNEL];

function request(op: 'subscribe' | 'unsubscribe', instId: string, channels: readonly string[]): string {
  return JSON.stringify({ op, args: channels.map((channel) => ({ channel, instId })) });
}

/**
 * Reads a frame of the `books5` channel: `pong`, an event, a push whose every book is the whole top five (no
 * `action`, no prevSeqId; its seqId is kept as the book's id but stitches nothing), or a `trades` push.
 */
export function parseOkxTopFrame(text: string): VenueMessage[] {
  const read = readOkxFrame(text, OKX_TOP_CHANNEL, OKX_TRADES_CHANNEL);
  if (read.kind === 'control') return read.messages;
  if (read.channel === OKX_TRADES_CHANNEL) return readOkxTrades(read.symbol, read.data);
  return read.data.map((entry): VenueMessage => {
    if (typeof entry !== 'object' || entry === null) throw new Error('book data is not an object');
    const d = entry as Record<string, unknown>;
    return {
      type: 'snapshot',
      symbol: typeof d.instId === 'string' ? d.instId : read.symbol,
      bids: levelPairs(d.bids, 'bids'),
      asks: levelPairs(d.asks, 'asks'),
      last: d.seqId === undefined ? undefined : integer(d.seqId, 'seqId'),
      time: optionalInteger(d.ts, 'ts'),
    };
  });
}

/**
 * OKX's `books5` channel ("WS / Order book channel"), on the same public socket URL as `books`, with the market's
 * `trades` beside it; a resync asks for the top five again and leaves the trades subscribed.
 */
function okxStyleTop(exact: VenueProtocol): PartialDepthProtocol {
  return partialChannel(exact, {
    subscribe: (market) => [request('subscribe', market.symbol, TOP_AND_TRADES)],
    trades: true,
    resubscribe: (market) => [request('unsubscribe', market.symbol, [OKX_TOP_CHANNEL]), request('subscribe', market.symbol, [OKX_TOP_CHANNEL])],
    parse: parseOkxTopFrame,
    depth: TOP_LEVELS,
  });
}

export const okxTop = okxStyleTop(okx);
/** The same channel for a swap: OKX's own `books5` example is one, `BCH-USDT-SWAP`, its sizes in contracts. */
export const okxSwapTop = okxStyleTop(okxSwap);
