import type { Market, PartialDepthProtocol, VenueMessage } from './types';
import { bingx, bingxRequest, readBingxFrame, sideLevels } from './bingx';
import { TRADE_CHANNEL, readTradePush } from './bingx-trades';
import { integer } from './json';
import { partialChannel } from './partial-channel';

/** The spot page's example level ("Default level 20", e.g. `BTC-USDT@depth50`), pushed whole every 300 ms. */
const TOP_LEVELS = 50;
const CHANNEL = `@depth${TOP_LEVELS}`;

function request(reqType: 'sub' | 'unsub', market: Market): string {
  return bingxRequest(reqType, `${market.symbol}${CHANNEL}`);
}

/**
 * Reads one frame of BingX spot's limited depth channel (gunzipped): the envelope's ping, refusal or answer, a
 * push of the whole top 50 (`data` {bids, asks, lastUpdateId}; sides as `[price, qty]` pairs, listed worst first on
 * the ask side in BingX's example, which the book's own ordering absorbs), or a push of the market's trades.
 */
export function parseBingxTopFrame(text: string): VenueMessage[] {
  const frame = readBingxFrame(text);
  if (frame.kind === 'control') return frame.messages;
  if (frame.dataType.endsWith(TRADE_CHANNEL)) return readTradePush(frame.dataType.slice(0, -TRADE_CHANNEL.length), frame.data, frame.time);
  if (!frame.dataType.endsWith(CHANNEL)) throw new Error(`unknown message for ${frame.dataType}`);
  if (typeof frame.data !== 'object' || frame.data === null || Array.isArray(frame.data)) throw new Error('depth data is not an object');
  const d = frame.data as Record<string, unknown>;
  return [
    {
      type: 'snapshot',
      symbol: frame.dataType.slice(0, -CHANNEL.length),
      last: d.lastUpdateId === undefined ? undefined : integer(d.lastUpdateId, 'lastUpdateId'),
      time: frame.time,
      bids: sideLevels(d.bids, 'bids'),
      asks: sideLevels(d.asks, 'asks'),
    },
  ];
}

/**
 * BingX spot's "Subscribe Market Depth Data" channel, `<symbol>@depth50`, on the same market socket, with the
 * market's `<symbol>@trade` beside it; a resync asks for the top again and leaves the trades subscribed.
 */
export const bingxTop: PartialDepthProtocol = partialChannel(bingx, {
  subscribe: (market) => [request('sub', market), bingxRequest('sub', `${market.symbol}${TRADE_CHANNEL}`)],
  trades: true,
  resubscribe: (market) => [request('unsub', market), request('sub', market)],
  parse: parseBingxTopFrame,
  depth: TOP_LEVELS,
});
