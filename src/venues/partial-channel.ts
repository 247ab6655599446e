import type { PartialDepthProtocol, VenueProtocol } from './types';

/** What a partial-depth channel says for itself; everything else it shares with the venue's exact protocol. */
export type PartialChannel = Pick<PartialDepthProtocol, 'subscribe' | 'parse' | 'depth'> &
  Partial<Pick<PartialDepthProtocol, 'streamUrl' | 'symbolOf' | 'resubscribe' | 'keepalive'>>;

/**
 * A venue's partial-depth channel on the exact protocol's hosts, markets, socket and keepalive: the fallback
 * differs only in what it subscribes to and how a push reads.
 */
export function partialChannel(exact: VenueProtocol, channel: PartialChannel): PartialDepthProtocol {
  return {
    id: exact.id,
    name: exact.name,
    endpoints: exact.endpoints,
    market: (base) => exact.market(base),
    streamUrl: (market, endpoints) => exact.streamUrl(market, endpoints),
    keepalive: exact.keepalive,
    snapshotSource: 'stream',
    ...channel,
  };
}
