import type { RawTrade, TradeStats } from './types';

export function newTradeStats(): TradeStats {
  return { trades: 0, duplicates: 0, gaps: 0, missed: 0, unread: 0 };
}

/** Ids of the newest trades remembered to tell a repeat by, where a venue does not number its trades one by one. */
const REMEMBERED = 4096;

/**
 * One market's trade numbering: a trade the venue sends again (after a reconnect or resubscribe, which replay the
 * last trades) is left out, and where the venue numbers trades one by one a jump is counted with the trades it
 * skipped. Kept across reconnects: trades printed while the socket was down are a gap, not a fresh start.
 */
export class TradeSequence {
  private last: number | undefined;
  private readonly recent = new Set<string>();
  private readonly order: string[] = [];

  constructor(readonly stats: TradeStats = newTradeStats()) {}

  /** True for a trade to take; false for a repeat. */
  admit(trade: RawTrade): boolean {
    if (trade.seq !== undefined) {
      if (this.last !== undefined && trade.seq <= this.last) {
        this.stats.duplicates++;
        return false;
      }
      if (this.last !== undefined && trade.seq > this.last + 1) {
        this.stats.gaps++;
        this.stats.missed += trade.seq - this.last - 1;
      }
      this.last = trade.seq;
    } else {
      if (this.recent.has(trade.id)) {
        this.stats.duplicates++;
        return false;
      }
      this.recent.add(trade.id);
      this.order.push(trade.id);
      if (this.order.length > REMEMBERED) this.recent.delete(this.order.shift()!);
    }
    this.stats.trades++;
    return true;
  }
}
