import type { FeedSession } from '../feed/session';
import { rateBetween, type RateBook } from '../market/rates';
import { tapeTradeOf, tradeOf } from '../trades/normalize';
import type { HeatmapTrade } from '../liquidity/heatmap-trades';
import type { ReceivedTrade, TapeTrade, TradeStats, TradeVolumes } from '../trades/types';
import { VolumeTracker } from '../trades/volume';
import type { FeedId, Market, Quote } from '../venues/types';
import type { TradesDelta } from './api';

/** Where a market's trades are taken from: its link, or a replayed session. */
export interface TradeOrigin {
  /** The trades received since the last call, oldest first, each once. */
  takeTrades(): ReceivedTrade[];
  tradeStats(): TradeStats;
}

/** A market whose trades the flow takes, and whether its feed is on screen (a rate book's trades are not). */
export interface TradeSource {
  readonly feed: FeedId;
  readonly market?: Market;
  readonly trades: TradeOrigin;
  readonly shown: boolean;
}

/** A replayed session as a trade origin: a recording's frames of every socket of a market replay into its one session. */
export function sessionTrades(session: FeedSession): TradeOrigin {
  return { takeTrades: () => session.takeTrades(), tradeStats: () => session.stats.trades };
}

/**
 * Trades listed a view at most: a frame's worth of the busiest tape, many times over. Older ones in a burst are
 * counted as skipped on the tape, never in the volumes.
 */
export const TAPE_PER_VIEW = 2_000;

/**
 * The trades from the links (or a replay's sessions) to the screen: each taken once from where it came, converted to the display currency
 * at the rate when it arrived, added to the volumes and the heatmap, and held for the next view's tape. A feed
 * whose quote has no rate is left out, as its book is.
 */
export class TradeFlow {
  private readonly volumes = new VolumeTracker();
  private pending: TapeTrade[] = [];
  private skipped = 0;

  constructor(private readonly toHeatmap: (trades: readonly HeatmapTrade[]) => void) {}

  /** Takes every source's new trades; those of feeds not on screen are dropped. The rate books are read only if needed. */
  take(sources: Iterable<TradeSource>, rateBooks: () => readonly RateBook[], currency: Quote): void {
    const rates = new Map<Quote, number | undefined>();
    const rateOf = (quote: Quote): number | undefined => {
      if (quote === currency) return 1;
      if (!rates.has(quote)) rates.set(quote, rateBetween(rateBooks(), quote, currency).rate);
      return rates.get(quote);
    };
    const heat: HeatmapTrade[] = [];
    for (const { feed, market, trades, shown } of sources) {
      const received = trades.takeTrades();
      if (!received.length || !shown) continue;
      // A recording made before markets were recorded shows its books in one currency and base units: so its trades.
      const units = market ?? { quote: currency, contractSize: 1 };
      const rate = rateOf(units.quote);
      if (rate === undefined) continue;
      for (const r of received) {
        const tape = tapeTradeOf(tradeOf(feed, units, r), rate);
        this.volumes.add(feed, r.receivedAt, tape.price, tape.size, tape.side);
        heat.push({ feed, t: r.receivedAt, price: tape.price, size: tape.size, side: tape.side });
        this.pending.push(tape);
      }
    }
    if (heat.length) this.toHeatmap(heat);
    const over = this.pending.length - TAPE_PER_VIEW;
    if (over > 0) {
      this.pending.splice(0, over);
      this.skipped += over;
    }
  }

  /** The trades since the last call, for a view's tape. */
  delta(): TradesDelta {
    const delta = { newest: this.pending, skipped: this.skipped };
    this.pending = [];
    this.skipped = 0;
    return delta;
  }

  figures(now: number): TradeVolumes {
    return this.volumes.figures(now);
  }

  /** The feeds the settings show: one taken off the screen leaves every total at once, not an hour later. */
  keepOnly(feeds: ReadonlySet<FeedId>): void {
    this.volumes.keepOnly(feeds);
  }

  /** Another pair, currency or source: the volumes and the tape start again. */
  reset(): void {
    this.volumes.reset();
    this.pending = [];
    this.skipped = 0;
  }
}

/** Each shown feed's trade numbering, for the screen. */
export function tradeStatsOf(sources: Iterable<TradeSource>): Partial<Record<FeedId, TradeStats>> {
  const out: Partial<Record<FeedId, TradeStats>> = {};
  for (const { feed, trades, shown } of sources) if (shown) out[feed] = { ...trades.tradeStats() };
  return out;
}
