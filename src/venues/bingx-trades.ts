import type { RawTrade } from '../trades/types';
import { integer, objectOf, optionalInteger } from './json';
import { oldestFirst, sideOfBuyerMaker, tradePrice, tradeSize } from './trade-fields';
import type { VenueMessage } from './types';

/** Suffix of a market's public trade channel, spot and swap alike: `BTC-USDT@trade`. */
export const TRADE_CHANNEL = '@trade';


/** `t`, "Trade ID": int64 in the spot page's table, text in its example; kept as text either way. */
function tradeId(t: unknown): string {
  if (typeof t !== 'string') return String(integer(t, 't'));
  if (!/^\d+$/.test(t)) throw new Error('t is not an integer');
  return t;
}

/**
 * A spot push: one trade in `data`, with its id `t` and event time `E`; `m`, spot and swap alike, is "Whether the
 * buyer is a market maker. If true, this trade is a passive sell order" (the taker sold). No `seq`: the page warns that "due to
 * multi-threaded push, it cannot be guaranteed that the push transaction ID is ordered", so a jump is no gap.
 */
function spotTrade(symbol: string, data: Record<string, unknown>, envelopeTime: number | undefined): VenueMessage {
  const trade: RawTrade = { id: tradeId(data.t), time: integer(data.T, 'T'), price: tradePrice(data.p, 'p'), size: tradeSize(data.q, 'q'), side: sideOfBuyerMaker(data.m) };
  return { type: 'trades', symbol, time: optionalInteger(data.E, 'E') ?? envelopeTime, trades: [trade] };
}

/**
 * A swap push: a list of trades, each `q`, `p`, `T`, `m`, `s` and no trade id at all. Sizes are coins, as the swap
 * book's are: the REST trades on the same pages print `qty` 0.0248 for `quoteQty` 1046.91 at 42214.0.
 *
 * A trade is known by what it is (time, price, size, side) and, for trades alike in all four in one push, by its
 * place among them: the same push sent again reads into the same ids. Two such trades in two different pushes would
 * read as one; BingX gives nothing finer to tell them apart by.
 */
function swapTrades(symbol: string, data: readonly unknown[], envelopeTime: number | undefined): VenueMessage[] {
  const alike = new Map<string, number>();
  const trades = data.map((entry, k) => {
    const d = objectOf(entry, `data[${k}]`);
    const [time, price, size, taker] = [integer(d.T, 'T'), tradePrice(d.p, 'p'), tradeSize(d.q, 'q'), sideOfBuyerMaker(d.m)];
    const key = `${time}:${d.p as string}:${d.q as string}:${taker}`;
    const before = alike.get(key) ?? 0;
    alike.set(key, before + 1);
    return { id: `${key}:${before}`, time, price, size, side: taker };
  });
  return trades.length ? [{ type: 'trades', symbol, time: envelopeTime, trades: oldestFirst(trades) }] : [];
}

/** A `<symbol>@trade` push's `data`: spot's single trade object, or the swap's list. */
export function readTradePush(symbol: string, data: unknown, envelopeTime: number | undefined): VenueMessage[] {
  if (Array.isArray(data)) return swapTrades(symbol, data, envelopeTime);
  return [spotTrade(symbol, objectOf(data, 'trade data'), envelopeTime)];
}
