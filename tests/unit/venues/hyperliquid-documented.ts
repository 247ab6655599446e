import { documented } from '../../helpers/documented';

/**
 * Hyperliquid's documented examples (tests/fixtures/hyperliquid/docs, sources in SOURCE.md), made readable where the
 * docs print them with placeholders or typos: each repair is named here, and nothing else is changed.
 */

type Json = Record<string, unknown>;

/** The l2Book post answer's placeholders (`"id": <number>`, `"time": <number>`) given the request's id and a time. */
export const DOCUMENTED_BOOK_TIME = 1_708_622_398_623;

/**
 * The documented `WsBook`: the data of the post request's sample l2Book answer (API / Websocket / Post requests), the
 * only book the docs print; the subscription's pushes carry the same `WsBook` (API / Websocket / Subscriptions).
 */
export function documentedBook(): Json {
  const text = documented('hyperliquid', 'ws-post-l2book-response.txt').replace('"id": <number>', '"id": 123').replace('"time": <number>', `"time": ${DOCUMENTED_BOOK_TIME}`);
  const answer = JSON.parse(text) as { data: { response: { payload: { data: Json } } } };
  return answer.data.response.payload.data;
}

/** An `l2Book` push of `book`: `{"channel": "l2Book", "data": WsBook}` as the Subscriptions page describes pushes. */
export function bookPush(book: Json = documentedBook()): string {
  return JSON.stringify({ channel: 'l2Book', data: book });
}

/** The fields `interface WsTrade` declares (API / Websocket / Subscriptions, "Data type definitions"). */
export function documentedTradeFields(): string[] {
  const text = documented('hyperliquid', 'ws-data-types.txt');
  const body = /interface WsTrade \{([\s\S]*?)\n\}/.exec(text)![1]!;
  return [...body.matchAll(/^\s*(\w+):/gm)].map((m) => m[1]!);
}

/**
 * A trade with exactly the fields `WsTrade` declares, each of its declared type: the docs print no trade, so the
 * values are ours (a SOL trade, as in the Websocket page's trades subscription).
 */
export function tradeOf(overrides: Json = {}): Json {
  return {
    coin: 'SOL',
    side: 'B',
    px: '142.35',
    sz: '12.5',
    hash: '0x1f5a4d4c7d1a0e9c9b0d3e7a4f4a6d2c8e1b3f5a7c9d0e2f4a6b8c0d2e4f6a8b',
    time: 1_708_622_398_623,
    tid: 928_374_655_123_456,
    users: ['0x31ca8395cf837de08b24da3f660e77761dfb974b', '0x5b5d51203a0f9079f8aeb098a6523a13f298c060'],
    ...overrides,
  };
}

/** A `trades` push of `trades`: `{"channel": "trades", "data": WsTrade[]}`. */
export function tradesPush(trades: readonly Json[]): string {
  return JSON.stringify({ channel: 'trades', data: trades });
}

/**
 * A documented info answer printed with a typo: `"weiDecimals" 8` has lost its colon (the Spot page prints it so in
 * both its examples), and the spotMeta example leaves trailing commas after its last token and pair.
 */
export function repairedInfo(file: string): unknown {
  return JSON.parse(documented('hyperliquid', file).replace('"weiDecimals" 8', '"weiDecimals": 8').replace(/,(\s*[\]}])/g, '$1'));
}

/** A post request's answer carrying `data`, in the documented response format (API / Websocket / Post requests). */
export function infoAnswer(id: number, type: string, data: unknown): string {
  return JSON.stringify({ channel: 'post', data: { id, response: { type: 'info', payload: { type, data } } } });
}
