import { mkdirSync, writeFileSync } from 'node:fs';
import { formatRecordedEvent } from '../src/feed/recording';
import { SimExchange } from '../src/sim/exchange';
import { FIXTURE_SCRIPT } from '../src/sim/fixture-script';
import { OKX_FIXTURE_SCRIPTS } from '../src/sim/okx-fixture-scripts';
import { recordSimulatedFeed } from '../src/sim/record-feed';
import { SIM_VENUES } from '../src/sim/venues';
import { okxSimulator } from '../src/sim/venues/okx';

/**
 * Writes each simulated venue's scripted recording under tests/fixtures/<venue>/sim-btc.jsonl, and OKX's recordings
 * pinned to one of its simulator's modes.
 */
for (const sim of SIM_VENUES) {
  const exchange = new SimExchange([sim], FIXTURE_SCRIPT.seed);
  const { events, session } = await recordSimulatedFeed({ exchange, feed: sim.host, ...FIXTURE_SCRIPT });
  const dir = new URL(`../tests/fixtures/${sim.host}/`, import.meta.url);
  mkdirSync(dir, { recursive: true });
  writeFileSync(new URL('sim-btc.jsonl', dir), events.map(formatRecordedEvent).join('\n') + '\n');
  const { frames, snapshots, updates, gaps, resyncs, errors, checksums } = session.stats;
  process.stdout.write(`${sim.host}: ${events.length} events, ${JSON.stringify({ frames, snapshots, updates, gaps, resyncs, errors, checksums })}\n`);
}
for (const script of OKX_FIXTURE_SCRIPTS) {
  const exchange = new SimExchange([okxSimulator(script.mode)], script.seed);
  const { events } = await recordSimulatedFeed({ exchange, feed: 'okx', ...script });
  writeFileSync(new URL(`../tests/fixtures/okx/${script.file}`, import.meta.url), events.map(formatRecordedEvent).join('\n') + '\n');
  process.stdout.write(`okx ${script.mode}: ${events.length} events\n`);
}
