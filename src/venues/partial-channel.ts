import type { PartialDepthProtocol, VenueProtocol } from './types';

/** What a partial-depth channel says for itself; everything else it shares with the venue's exact protocol. */
export type PartialChannel = Pick<PartialDepthProtocol, 'subscribe' | 'parse' | 'depth'> &
  Partial<Pick<PartialDepthProtocol, 'streamUrl' | 'symbolOf' | 'resubscribe' | 'keepalive' | 'trades'>>;

/**
 * A venue's partial-depth channel on the exact protocol's hosts, markets, socket URL and keepalive: the fallback
 * differs only in what it subscribes to and how a push reads. It keeps a socket of its own (not `multiplex`): on
 * one shared with the exact feed's markets, the exact parser would read its pushes as frames it does not know.
 * Where the venue allows it (`trades`), the market's public trades are asked for on that socket too and read by the
 * exact protocol's own trade parser, so the tape goes on while the book is partial.
 */
export function partialChannel(exact: VenueProtocol, channel: PartialChannel): PartialDepthProtocol {
  return {
    id: exact.id,
    venue: exact.venue,
    kind: exact.kind,
    name: exact.name,
    endpoints: exact.endpoints,
    streamUrl: (market, endpoints) => exact.streamUrl(market, endpoints),
    keepalive: exact.keepalive,
    snapshotSource: 'stream',
    ...channel,
  };
}
