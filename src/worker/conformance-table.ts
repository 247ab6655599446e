/**
 * The conformance check's table as text cells: one definition for the terminal (`npm run live-check`) and the
 * app's `?diagnose` view, so both print the same columns the same way.
 */
import type { ConformanceRow } from './conformance';

export interface ConformanceColumn {
  readonly key: string;
  readonly title: string;
  /** Right-aligned (counts, times, prices). */
  readonly numeric: boolean;
  cell(row: ConformanceRow): string;
}

const NONE = '—';

function resyncs(row: ConformanceRow): string {
  const reasons = Object.entries(row.resyncReasons)
    .filter(([, n]) => n)
    .map(([reason, n]) => `${reason} ${n}`);
  return reasons.length ? `${row.resyncs} (${reasons.join(', ')})` : String(row.resyncs);
}

export const CONFORMANCE_COLUMNS: readonly ConformanceColumn[] = [
  { key: 'venue', title: 'venue', numeric: false, cell: (r) => r.name },
  { key: 'connected', title: 'connected', numeric: false, cell: (r) => (r.connected ? 'yes' : 'no') },
  { key: 'snapshot', title: 'snapshot', numeric: false, cell: (r) => r.snapshotPath ?? NONE },
  { key: 'frames', title: 'frames', numeric: true, cell: (r) => String(r.frames) },
  { key: 'checksums', title: 'checksums ok/failed', numeric: true, cell: (r) => (r.checksums ? `${r.checksums.verified}/${r.checksums.failed}` : NONE) },
  { key: 'gaps', title: 'gaps', numeric: true, cell: (r) => String(r.gaps) },
  { key: 'resyncs', title: 'resyncs', numeric: false, cell: resyncs },
  { key: 'to-live', title: 'to live', numeric: true, cell: (r) => (r.secondsToLive === undefined ? NONE : `${r.secondsToLive.toFixed(1)} s`) },
  { key: 'bid-ask', title: 'best bid / ask', numeric: true, cell: (r) => (r.bestBid === undefined && r.bestAsk === undefined ? NONE : `${r.bestBid ?? NONE} / ${r.bestAsk ?? NONE}`) },
  { key: 'result', title: 'result', numeric: false, cell: (r) => r.verdict ?? 'checking' },
  { key: 'state', title: 'state / reason', numeric: false, cell: (r) => (r.reason ? `${r.state}: ${r.reason}` : r.state) },
];

/** The rows as a plain-text table, columns padded to their widest cell (the last one left ragged). */
export function formatConformanceTable(rows: readonly ConformanceRow[], extra: readonly ConformanceColumn[] = []): string {
  const columns = [...CONFORMANCE_COLUMNS.slice(0, -1), ...extra, CONFORMANCE_COLUMNS.at(-1)!];
  const lines = [columns.map((c) => c.title), ...rows.map((r) => columns.map((c) => c.cell(r)))];
  const widths = columns.map((_, i) => Math.max(...lines.map((l) => l[i]!.length)));
  return lines
    .map((cells) =>
      cells
        .map((text, i) => (i === cells.length - 1 ? text : columns[i]!.numeric ? text.padStart(widths[i]!) : text.padEnd(widths[i]!)))
        .join('  '),
    )
    .join('\n');
}

/** One line on how the check went: how many venues got live, and which did not, by result. */
export function conformanceSummary(rows: readonly ConformanceRow[]): string {
  const live = rows.filter((r) => r.verdict === 'live').length;
  const others = (['unreachable', 'region-blocked', 'failed'] as const)
    .map((verdict) => [verdict, rows.filter((r) => r.verdict === verdict).map((r) => r.name)] as const)
    .filter(([, names]) => names.length);
  return [`${live} of ${rows.length} venues live`, ...others.map(([verdict, names]) => `${verdict}: ${names.join(', ')}`)].join('; ');
}
