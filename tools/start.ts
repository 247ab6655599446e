import { createServer } from 'vite';
import { startSimServer } from './sim-server';

/**
 * `npm start`: the app on localhost, and the exchange simulator beside it so it can be shown with no internet.
 * The app connects to the real venues; when none is reachable it falls back to its built-in demo. Both take the
 * simulator's port from SIM_PORT (default 8790): the app accepts loopback on that port only.
 */
const sim = await startSimServer();
const vite = await createServer({ server: { host: '127.0.0.1', port: 5173 } });
await vite.listen();
const app = vite.resolvedUrls?.local[0] ?? 'http://127.0.0.1:5173/';
process.stdout.write(
  [
    '',
    `  Orderbook Aggregator  ${app}`,
    `  against the simulator ${app}?feeds=local   (simulator on ${sim.origin})`,
    `  built-in demo         ${app}?feeds=demo`,
    '',
  ].join('\n') + '\n',
);
