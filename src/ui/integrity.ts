/** The venue table's words for what a venue's book refused and why it was resynced. */
import type { ResyncReason } from '../feed/session';
import type { VenueCounters } from '../worker/status';

/** What each kind of refused input is called on screen, in the order a reader scans them. */
const REFUSED: readonly (readonly [keyof VenueCounters, string])[] = [
  ['malformed', 'unreadable'],
  ['invalid', 'invalid numbers or levels'],
  ['foreign', 'for another market'],
  ['crossed', 'crossed book'],
  ['outOfRange', 'beyond the snapshot'],
  ['overflow', 'pending updates dropped'],
];

const REASONS: Record<ResyncReason, string> = {
  gap: 'gap',
  backwards: 'ids went back',
  'stale-snapshot': 'snapshot older than stream',
  checksum: 'checksum',
  crossed: 'crossed book',
  invalid: 'invalid data',
  malformed: 'unreadable frame',
  range: 'moved past snapshot',
  overflow: 'pending overflow',
};

/** Everything a venue sent that did not reach its book as it came, all told. */
export function refusedTotal(c: VenueCounters): number {
  let total = 0;
  for (const [key] of REFUSED) total += c[key] as number;
  return total;
}

/** "2 unreadable, 1 crossed book", or undefined when nothing was refused. */
export function refusedText(c: VenueCounters): string | undefined {
  const parts = REFUSED.filter(([key]) => (c[key] as number) > 0).map(([key, label]) => `${(c[key] as number).toLocaleString()} ${label}`);
  return parts.length ? parts.join(', ') : undefined;
}

/** "gap 1, crossed book 2", or undefined before any resync. */
export function resyncText(reasons: VenueCounters['resyncReasons']): string | undefined {
  const parts = (Object.keys(REASONS) as ResyncReason[]).filter((r) => (reasons[r] ?? 0) > 0).map((r) => `${REASONS[r]} ${reasons[r]!.toLocaleString()}`);
  return parts.length ? parts.join(', ') : undefined;
}
