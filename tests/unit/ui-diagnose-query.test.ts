import { describe, expect, it } from 'vitest';
import { SIM_ORIGIN } from '../../src/sim/port';
import { VENUE_IDS } from '../../src/venues/types';
import { DEFAULT_DIAGNOSE_SECONDS, diagnosisRequest, wantsDiagnostics } from '../../src/ui/diagnose-query';

describe('the ?diagnose query', () => {
  it('opens the diagnostics view with or without a duration', () => {
    expect(wantsDiagnostics('?diagnose')).toBe(true);
    expect(wantsDiagnostics('?feeds=local&diagnose=30')).toBe(true);
    expect(wantsDiagnostics('?feeds=local')).toBe(false);
  });

  it('checks every venue on their own hosts for a minute by default', () => {
    expect(diagnosisRequest('?diagnose')).toEqual({ source: 'live', localOrigin: undefined, venues: [...VENUE_IDS], seconds: DEFAULT_DIAGNOSE_SECONDS });
  });

  it('reads the duration, the source and the venues as the app reads them, and refuses what is not valid', () => {
    expect(diagnosisRequest(`?diagnose=15&feeds=local&local=${encodeURIComponent(SIM_ORIGIN)}&venues=okx,kraken`)).toEqual({
      source: 'local',
      localOrigin: SIM_ORIGIN,
      venues: ['kraken', 'okx'],
      seconds: 15,
    });
    expect(diagnosisRequest('?diagnose=-5&feeds=nasdaq&venues=nasdaq').seconds).toBe(DEFAULT_DIAGNOSE_SECONDS);
    expect(diagnosisRequest('?diagnose=99999').seconds).toBe(DEFAULT_DIAGNOSE_SECONDS);
    expect(diagnosisRequest('?diagnose&feeds=nasdaq&venues=nasdaq')).toMatchObject({ source: 'live', venues: [...VENUE_IDS] });
  });
});
