import * as Comlink from 'comlink';
import { browserTransport } from './browser-transport';
import { Engine } from './engine';
import { systemClock } from './transport';
import { VenueLink } from './venue-link';

/** The worker entry: owns every connection, book and the consolidated view; the UI reaches it through Comlink. */
const engine = new Engine({
  clock: systemClock,
  network: browserTransport,
  createLink: ({ protocol, market, endpoints, transport, clock, onChange }) =>
    new VenueLink(protocol, market, transport, clock, { endpoints, snapshotVia: protocol.endpoints.api ? 'api' : 'rest' }, onChange),
});

Comlink.expose(engine);
