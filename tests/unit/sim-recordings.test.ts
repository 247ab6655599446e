import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Replayer } from '../../src/feed/replay';
import { SimExchange } from '../../src/sim/exchange';
import { FIXTURE_SCRIPT } from '../../src/sim/fixture-script';
import { simHostOf } from '../../src/sim/hosts';
import { recordSimulatedFeed } from '../../src/sim/record-feed';
import { SIM_VENUES } from '../../src/sim/venues';
import { PROTOCOLS } from '../../src/venues';
import { FEED_IDS } from '../../src/venues/types';
import { topOf } from '../helpers/books';

const recording = (feed: string): URL => new URL(`../fixtures/${feed}/sim-btc.jsonl`, import.meta.url);

/** The feeds with a committed simulator recording (`npm run recordings` writes one per simulated host). */
const RECORDED = FEED_IDS.filter((feed) => existsSync(recording(feed)));

/**
 * Every feed's committed recording in its real wire format must replay into exactly the simulator's book,
 * with each planted fault detected: a skipped sequence id as a gap, a corrupted checksum as a failure,
 * a malformed frame as an error, each followed by a resync.
 */
describe.each(RECORDED)('%s simulator recording', (feed) => {
  it('replays into the simulator book with every planted fault detected', async () => {
    const lines = readFileSync(recording(feed), 'utf8').split('\n');
    const replayer = new Replayer();
    for (const line of lines) await replayer.line(line);
    const [replayed] = [...replayer.markets.values()].filter((m) => m.feed === feed).map((m) => m.session);

    const exchange = new SimExchange(SIM_VENUES.filter((v) => v.host === simHostOf(feed)), FIXTURE_SCRIPT.seed);
    const { played } = await recordSimulatedFeed({ exchange, feed, ...FIXTURE_SCRIPT });
    const count = (f: string): number => played.filter((p) => p === f).length;

    expect(replayer.lineErrors).toBe(0);
    expect(replayed!.stats.gaps).toBe(count('skip-sequence'));
    expect(replayed!.stats.checksums.failed).toBe(count('corrupt-checksum'));
    // Where the venue publishes checksums (its simulator could corrupt one; OKX's are 0 since their deprecation).
    if (count('corrupt-checksum')) expect(replayed!.stats.checksums.verified).toBeGreaterThan(FIXTURE_SCRIPT.steps / 2);
    expect(replayed!.stats.errors).toBe(count('malformed'));
    expect(replayed!.stats.malformed).toBe(count('malformed'));
    // Each fault is followed by one resync, a malformed frame's too: it may have been an update.
    expect(replayed!.stats.resyncs).toBe(replayed!.stats.gaps + replayed!.stats.checksums.failed + replayed!.stats.malformed);
    expect(replayed!.state).toBe('live');
    const truth = exchange.market(feed, replayed!.symbol!)!;
    // A partial-depth venue's book is its top `depth` (Hyperliquid's 20), the rest unknown to it.
    const depth = Math.min(50, PROTOCOLS[feed].depth ?? 50);
    expect(topOf(replayed!.book, 50)).toEqual(topOf(truth.book, depth));
  });
});
