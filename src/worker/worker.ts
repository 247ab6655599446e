import * as Comlink from 'comlink';
import { browserTransport } from './browser-transport';
import { Engine } from './engine';
import { createVenueLink } from './link-factory';
import { systemClock } from './transport';

/** The worker entry: owns every connection, book and the consolidated view; the UI reaches it through Comlink. */
Comlink.expose(new Engine({ clock: systemClock, network: browserTransport, createLink: createVenueLink }));
