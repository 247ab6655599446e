/** The heatmap crosshair's read-out as the page prints it: pure, from what the worker's probe answered. */
import type { HeatmapReadout } from '../liquidity/types';
import { FEED_IDS, type FeedId } from '../venues/types';
import { formatClock, formatPrice, formatSize } from './format';
import { feedName } from './venue-meta';

export interface ReadoutText {
  readonly price: string;
  readonly time: string;
  /** Feeds with size there, largest first; feeds the column held with nothing there are left out. */
  readonly feeds: readonly { readonly feed: FeedId; readonly name: string; readonly size: string }[];
  /** Sum over the feeds; undefined where the history holds nothing there. */
  readonly total?: string;
  /** Traded there (the bubbles under the pointer): bought and sold, where anything traded. */
  readonly traded?: { readonly buy: string; readonly sell: string };
}

export function readoutText(readout: HeatmapReadout, priceDecimals: number, sizeDecimals: number): ReadoutText {
  const held = FEED_IDS.filter((f) => readout.sizes[f] !== undefined);
  const resting = held.filter((f) => readout.sizes[f]! > 0).sort((a, b) => readout.sizes[b]! - readout.sizes[a]!);
  const total = held.reduce((sum, f) => sum + readout.sizes[f]!, 0);
  return {
    price: formatPrice(readout.price, priceDecimals),
    time: formatClock(readout.t),
    feeds: resting.map((feed) => ({ feed, name: feedName(feed), size: formatSize(readout.sizes[feed], sizeDecimals) })),
    total: held.length ? formatSize(total, sizeDecimals) : undefined,
    traded: readout.trades && readout.trades.buy + readout.trades.sell > 0 ? { buy: formatSize(readout.trades.buy, sizeDecimals), sell: formatSize(readout.trades.sell, sizeDecimals) } : undefined,
  };
}
