import type { BaseAsset } from '../venues/assets';
import type { VenueId } from '../venues/types';
import type { SimMarketSpec } from './market';

/** Plausible markets per base asset: price level, tick, lot and typical level size on a large venue. */
const BASE_SPECS: Record<BaseAsset, SimMarketSpec> = {
  BTC: { mid: 91_000, tick: 0.01, lot: 0.00001, depth: 300, typicalSize: 0.4 },
  ETH: { mid: 3_050, tick: 0.01, lot: 0.0001, depth: 300, typicalSize: 6 },
  SOL: { mid: 142, tick: 0.01, lot: 0.001, depth: 300, typicalSize: 120 },
  XRP: { mid: 2.2, tick: 0.0001, lot: 0.1, depth: 300, typicalSize: 8_000 },
  DOGE: { mid: 0.16, tick: 0.00001, lot: 1, depth: 300, typicalSize: 60_000 },
};

/** Where venues differ from the large-venue default (Kraken quotes BTC in tenths of a dollar). */
const VENUE_TICKS: Partial<Record<VenueId, Partial<Record<BaseAsset, number>>>> = {
  kraken: { BTC: 0.1 },
};

export function simSpec(venue: VenueId, base: BaseAsset): SimMarketSpec {
  const spec = BASE_SPECS[base];
  return { ...spec, tick: VENUE_TICKS[venue]?.[base] ?? spec.tick };
}
