import { mkdirSync, writeFileSync } from 'node:fs';
import { formatRecordedEvent } from '../src/feed/recording';
import { SimExchange } from '../src/sim/exchange';
import { FIXTURE_SCRIPT } from '../src/sim/fixture-script';
import { recordSimulatedFeed } from '../src/sim/record-feed';
import { SIM_VENUES } from '../src/sim/venues';

/** Writes each simulated venue's scripted recording under tests/fixtures/<venue>/sim-btc.jsonl. */
for (const sim of SIM_VENUES) {
  const exchange = new SimExchange([sim], FIXTURE_SCRIPT.seed);
  const { events, session } = await recordSimulatedFeed({ exchange, venue: sim.venue, ...FIXTURE_SCRIPT });
  const dir = new URL(`../tests/fixtures/${sim.venue}/`, import.meta.url);
  mkdirSync(dir, { recursive: true });
  writeFileSync(new URL('sim-btc.jsonl', dir), events.map(formatRecordedEvent).join('\n') + '\n');
  const { frames, snapshots, updates, gaps, resyncs, errors, checksums } = session.stats;
  process.stdout.write(`${sim.venue}: ${events.length} events, ${JSON.stringify({ frames, snapshots, updates, gaps, resyncs, errors, checksums })}\n`);
}
