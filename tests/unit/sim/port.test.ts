import { describe, expect, it } from 'vitest';
import { SIM_ORIGIN, SIM_PORT } from '../../../src/sim/port';
import { DEFAULT_SIM_PORT, simPortFromEnv } from '../../../tools/sim-port';

describe('the simulator port', () => {
  it('is 8790 unless SIM_PORT names another', () => {
    expect(simPortFromEnv({})).toBe(8790);
    expect(DEFAULT_SIM_PORT).toBe(8790);
    expect(simPortFromEnv({ SIM_PORT: ' 9123 ' })).toBe(9123);
    expect(simPortFromEnv({ SIM_PORT: '' })).toBe(8790);
  });

  it('refuses a SIM_PORT that is not a port', () => {
    for (const bad of ['0', '65536', '87.5', 'abc', '-1']) expect(() => simPortFromEnv({ SIM_PORT: bad }), bad).toThrow(/SIM_PORT must be a port number/);
  });

  it('is built into the app from the same environment', () => {
    expect(SIM_PORT).toBe(simPortFromEnv());
    expect(SIM_ORIGIN).toBe(`http://127.0.0.1:${SIM_PORT}`);
  });
});
