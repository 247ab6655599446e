/**
 * The `?diagnose` view's query: `?diagnose` or `?diagnose=<seconds>`, with the app's own `feeds` and `local` (read
 * as the trading screen reads them, so a link works the same in both) and `venues`, the venues to check.
 */
import { VENUE_IDS } from '../venues/types';
import type { DiagnosisRequest } from '../worker/api';
import { normalizeVenues, parseQuery, queryList } from './settings';

/** As long as `npm run live-check` runs by default. */
export const DEFAULT_DIAGNOSE_SECONDS = 60;
/** Longer is a soak, not a check; the recording grows all the while. */
const MAX_DIAGNOSE_SECONDS = 3600;

/** Whether the page is the diagnostics view. */
export function wantsDiagnostics(search: string): boolean {
  return new URLSearchParams(search).has('diagnose');
}

export function diagnosisRequest(search: string): DiagnosisRequest {
  const query = new URLSearchParams(search);
  const asked = Number(query.get('diagnose') || NaN);
  const seconds = asked > 0 && asked <= MAX_DIAGNOSE_SECONDS ? asked : DEFAULT_DIAGNOSE_SECONDS;
  const { source = 'live', localOrigin } = parseQuery(search);
  // The check is of venues' connections: it reads the venue list, not the markets the trading screen shows.
  const venues = normalizeVenues(queryList(query.get('venues') ?? ''));
  return { source, localOrigin, venues: venues.length ? venues : [...VENUE_IDS], seconds };
}
