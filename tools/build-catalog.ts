/**
 * npx tsx tools/build-catalog.ts [--out public/catalog.json]
 *
 * Fetches every feed's instrument list from its venue with the app's own parsers (REST only: Node 20 has fetch but
 * no WebSocket of its own) and writes the catalog the site is built with, `public/catalog.json` (Vite copies it
 * beside the app): `{builtAt, feeds: {<feed id>: {fetchedAt, markets}}}`, holding the feeds that answered. A page
 * uses it for a feed whose venue it cannot ask itself (src/catalog/load.ts). The Pages workflow runs it before
 * every build and daily.
 *
 * Exit codes: 0 when at least one feed was fetched (each feed that failed is named on stderr, with why: a runner
 * in a region a venue refuses still builds a useful catalog); 1 when none was, and nothing is written; 2 for bad
 * arguments.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { writeBuildTimeCatalog, type BuildTimeCatalog, type BuildTimeFeed } from '../src/catalog/build-time';
import { fetchFeedMarkets } from '../src/catalog/fetch-feed';
import { CATALOG_SOURCES } from '../src/catalog/sources';
import { FEED_IDS, type FeedId } from '../src/venues/types';
import { describe } from '../src/worker/status-text';
import { systemClock, type Clock, type Transport } from '../src/worker/transport';
import { nodeTransport } from './node-transport';

/** Time each request may take: a build can wait longer than a page, and Binance's spot list is megabytes. */
const REQUEST_TIMEOUT_MS = 30_000;

/** The build-time catalog of the feeds that answered, and why each of the others did not. */
export async function buildCatalog(transport: Transport, clock: Clock): Promise<{ catalog: BuildTimeCatalog; failures: Partial<Record<FeedId, string>> }> {
  const feeds: Partial<Record<FeedId, BuildTimeFeed>> = {};
  const failures: Partial<Record<FeedId, string>> = {};
  await Promise.all(
    FEED_IDS.map(async (feed) => {
      const source = CATALOG_SOURCES[feed];
      try {
        const markets = await fetchFeedMarkets(source, source.endpoint, { transport, clock, sockets: false, timeoutMs: REQUEST_TIMEOUT_MS });
        feeds[feed] = { fetchedAt: clock.now(), markets };
      } catch (error) {
        failures[feed] = describe(error);
      }
    }),
  );
  // Feeds in their usual order, whichever answered first.
  const ordered = Object.fromEntries(FEED_IDS.filter((f) => feeds[f]).map((f) => [f, feeds[f]]));
  return { catalog: { builtAt: clock.now(), feeds: ordered }, failures };
}

function outPath(argv: readonly string[]): string {
  if (argv.length === 0) return 'public/catalog.json';
  if (argv.length === 2 && argv[0] === '--out' && argv[1]) return argv[1];
  throw new Error('usage: tsx tools/build-catalog.ts [--out <file>]');
}

async function main(): Promise<number> {
  let out: string;
  try {
    out = outPath(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${describe(error)}\n`);
    return 2;
  }
  const { catalog, failures } = await buildCatalog(nodeTransport(), systemClock);
  for (const feed of FEED_IDS) {
    const fetched = catalog.feeds[feed];
    if (fetched) process.stdout.write(`${feed}: ${fetched.markets.length} markets\n`);
    else process.stderr.write(`warning: ${feed} left out (a page that cannot ask the venue itself uses its built-in list): ${failures[feed]}\n`);
  }
  if (Object.keys(catalog.feeds).length === 0) {
    process.stderr.write('no feed could be fetched; nothing written\n');
    return 1;
  }
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, writeBuildTimeCatalog(catalog));
  process.stdout.write(`wrote ${out}\n`);
  return 0;
}

const isMain = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*[\\/]/, ''));
if (isMain) process.exitCode = await main();
