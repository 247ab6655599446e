import type { FeedId } from './types';
import { binanceUsdmTrades, type TradeStreamProtocol } from './binance-usdm-trades';

/**
 * Feeds whose public trades come on a socket apart from the book's, by the protocol of that socket. Only Binance
 * USD-M: every other venue sends a market's trades on the book's socket (`VenueProtocol.trades`).
 */
export const TRADE_STREAMS: Partial<Record<FeedId, TradeStreamProtocol>> = {
  'binance-usdm': binanceUsdmTrades,
};
