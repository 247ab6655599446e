import * as Comlink from 'comlink';
import { loadCatalog } from '../catalog/load';
import { guardedTransport } from './allowed-hosts';
import { browserTransport } from './browser-transport';
import { Engine } from './engine';
import { createVenueLink } from './link-factory';
import { systemClock } from './transport';

const network = guardedTransport(browserTransport);

/**
 * The catalog the site was built with, beside the app: fetched unguarded, since the page's own origin is no venue
 * host and the allow list is about venues.
 */
const buildTime = { url: new URL(`${import.meta.env.BASE_URL}catalog.json`, self.location.origin).href, fetch: browserTransport.fetch };

/** The worker entry: owns every connection, book and the consolidated view; the UI reaches it through Comlink. */
const engine = new Engine({
  clock: systemClock,
  network,
  createLink: createVenueLink,
  loadCatalog: (transport, endpoints) => loadCatalog({ transport, clock: systemClock, endpoints, buildTime }),
});
Comlink.expose(engine);
// End-to-end tests reach the engine's test hooks (tune, books) here, through Playwright's worker.evaluate.
(globalThis as { engine?: Engine }).engine = engine;
