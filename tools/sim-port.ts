import { createServer, type AddressInfo } from 'node:net';

/** The loopback simulator's port when SIM_PORT is not set. */
export const DEFAULT_SIM_PORT = 8790;

/**
 * The simulator's port from the environment's SIM_PORT (default 8790). One value for everything that must agree:
 * the build (vite.config.ts writes it into the CSP and into the app, which accepts loopback on this port only),
 * `npm start` and `npm run sim`.
 */
export function simPortFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): number {
  const text = env.SIM_PORT?.trim();
  if (!text) return DEFAULT_SIM_PORT;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) throw new Error(`SIM_PORT must be a port number (1-65535), not "${text}"`);
  return port;
}

/** A port on 127.0.0.1 that nothing listens on right now, as the OS hands one out. */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
