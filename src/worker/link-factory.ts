import type { FeedLink, LinkOptions } from './engine';
import { VenueLink } from './venue-link';

/**
 * The worker's venue links: the snapshot goes over the venue's WebSocket API where it has one, since a page's
 * REST fetch is at the mercy of the host's CORS headers and a socket is not.
 */
export function createVenueLink({ protocol, market, endpoints, transport, clock, onChange, tuning, useAlternativeHost }: LinkOptions): FeedLink {
  const options = { ...tuning, endpoints, useAlternativeHost, snapshotVia: endpoints.api ? ('api' as const) : ('rest' as const) };
  return new VenueLink(protocol, market, transport, clock, options, onChange);
}
