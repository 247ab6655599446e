import type { FeedSession } from '../feed/session';
import type { ReceivedTrade, TradeStats } from '../trades/types';
import type { FeedLink } from './engine';
import type { VenueStatus } from './status';
import type { VenueLink } from './venue-link';

/**
 * A feed whose market's trades come on a socket of their own (Binance USD-M's `/market`): its book's link as it
 * is (exact, or falling back to partial depth), and a trades-only link beside it. Each keeps its own connection,
 * with its own reconnects and backoff: a trade socket that drops reconnects by itself and never touches the book,
 * and a book that resyncs or reconnects never touches the trades. The feed's status is its book's; where the trade
 * socket is not up, or has had to reconnect, its note says so.
 */
export class TradeSocketLink implements FeedLink {
  /** Where the trade socket is, as its note names it: host and path, the host being the book's too. */
  private readonly where: string;

  constructor(
    private readonly book: FeedLink,
    private readonly trades: VenueLink,
  ) {
    const url = trades.market ? new URL(trades.protocol.streamUrl(trades.market, trades.endpoints)) : undefined;
    this.where = url ? `${url.host}${url.pathname}` : trades.protocol.name;
  }

  get session(): FeedSession {
    return this.book.session;
  }

  /** The trade socket's trades: the book's protocol asks for none on its own socket. */
  takeTrades(): ReceivedTrade[] {
    return this.trades.takeTrades();
  }

  tradeStats(): TradeStats {
    return this.trades.tradeStats();
  }

  start(): void {
    this.book.start();
    this.trades.start();
  }

  stop(): void {
    this.book.stop();
    this.trades.stop();
  }

  async idle(): Promise<void> {
    await Promise.all([this.book.idle(), this.trades.idle()]);
  }

  status(): VenueStatus {
    const status = this.book.status();
    const note = tradeSocketNote(this.trades.status(), this.where);
    return note ? { ...status, note: status.note ? `${status.note}; ${note}` : note } : status;
  }
}

/**
 * What the feed's status says of its trade socket (at `where`): nothing while it is up and never had to reconnect,
 * or while it is off with the feed; else whether it is up, why not, and how often it reconnected ("trades' socket
 * (fstream.binance.com/market/ws) reconnecting: the connection dropped without a close frame (1006); reconnected
 * 2 times").
 */
export function tradeSocketNote(trades: VenueStatus, where: string): string | undefined {
  if (trades.state === 'disabled' || trades.state === 'unlisted') return undefined;
  const reconnects = trades.counters.reconnects;
  const up = trades.state === 'live' || trades.state === 'stale';
  if (up && reconnects === 0) return undefined;
  const times = `reconnected ${reconnects === 1 ? 'once' : `${reconnects} times`}`;
  if (up) return `trades' socket (${where}) ${times}`;
  const why = trades.reason ? `: ${trades.reason}` : '';
  return `trades' socket (${where}) ${trades.state}${why}${reconnects ? `; ${times}` : ''}`;
}
