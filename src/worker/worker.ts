import * as Comlink from 'comlink';
import { guardedTransport } from './allowed-hosts';
import { browserTransport } from './browser-transport';
import { Engine } from './engine';
import { createVenueLink } from './link-factory';
import { systemClock } from './transport';

/** The worker entry: owns every connection, book and the consolidated view; the UI reaches it through Comlink. */
const engine = new Engine({ clock: systemClock, network: guardedTransport(browserTransport), createLink: createVenueLink });
Comlink.expose(engine);
// End-to-end tests reach the engine's test hooks (tune, books) here, through Playwright's worker.evaluate.
(globalThis as { engine?: Engine }).engine = engine;
