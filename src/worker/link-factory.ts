import { PARTIAL_PROTOCOLS } from '../venues/partial';
import { TRADE_STREAMS } from '../venues/trade-streams';
import type { FeedLink, LinkOptions } from './engine';
import { FallbackLink } from './fallback-link';
import { linkSettings } from './link-options';
import { TradeSocketLink } from './trade-socket-link';
import { VenueLink } from './venue-link';

/**
 * The worker's venue links: the snapshot goes over the venue's WebSocket API where it has one, since a page's
 * REST fetch is at the mercy of the host's CORS headers and a socket is not. A multiplexed venue's markets share
 * its stream socket where the transport has SharedSockets under it. A venue with a partial-depth channel falls back
 * to it when exact sync is impossible (FallbackLink); that link keeps a socket of its own: its channel's frames
 * name the same market as the exact book's, and each protocol reads its own channel alone. A feed whose trades come
 * on a socket apart from the book's (TRADE_STREAMS) gets a trades-only link beside its book's (TradeSocketLink),
 * on the same endpoints and shared among the feed's markets the same way.
 */
export function createVenueLink({ protocol, market, endpoints, transport, clock, onChange, tuning, useAlternativeHost }: LinkOptions): FeedLink {
  const { exactProbeMs, exactProbeMaxMs, ...linkTuning } = tuning ?? {};
  const common = { ...linkTuning, endpoints, useAlternativeHost };
  const options = { ...common, snapshotVia: endpoints.api ? ('api' as const) : ('rest' as const), shareStream: true };
  const partial = PARTIAL_PROTOCOLS[protocol.id];
  const book = partial
    ? new FallbackLink(
        (changed) => new VenueLink(protocol, market, transport, clock, options, changed),
        partial,
        (changed) => new VenueLink(partial, market, transport, clock, common, changed),
        clock,
        { exactProbeMs, exactProbeMaxMs },
        onChange,
      )
    : new VenueLink(protocol, market, transport, clock, options, onChange);
  const tradeStream = TRADE_STREAMS[protocol.id];
  if (!tradeStream) return book;
  // A quiet market's trade socket hears only the answers to its keepalive: three of them fit in its silence window.
  const deadAfterMs = Math.max(linkSettings(linkTuning).deadAfterMs, 3 * (tradeStream.keepalive?.everyMs ?? 0));
  const trades = new VenueLink(tradeStream, market, transport, clock, { ...linkTuning, deadAfterMs, endpoints, shareStream: true, tradesOnly: true }, onChange);
  return new TradeSocketLink(book, trades);
}
