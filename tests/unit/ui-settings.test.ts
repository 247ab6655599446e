import { describe, expect, it } from 'vitest';
import { SIM_ORIGIN, SIM_PORT } from '../../src/sim/port';
import {
  DEFAULTS,
  DEFAULT_SIZE,
  engineSettings,
  parseQuery,
  parseStored,
  resolveSettings,
  sanitize,
  serializeQuery,
  serializeStored,
  withAlternativeHost,
  withBase,
  withVenue,
  type UiSettings,
} from '../../src/ui/settings';
import { VENUE_IDS } from '../../src/venues/types';

describe('URL query', () => {
  it('reads base, venues, step and feeds', () => {
    expect(parseQuery('?base=eth&venues=okx,binance,nope,okx&step=0.5&feeds=demo')).toEqual({
      base: 'ETH',
      venues: ['binance', 'okx'],
      step: 0.5,
      source: 'demo',
    });
  });

  it('drops invalid values', () => {
    expect(parseQuery('?base=FOO&step=-1&feeds=wss&venues=')).toEqual({ venues: [] });
    expect(parseQuery('?step=abc')).toEqual({});
    expect(parseQuery('')).toEqual({});
  });

  it('reads the local simulator origin the app was built for', () => {
    expect(SIM_ORIGIN).toBe(`http://127.0.0.1:${SIM_PORT}`);
    expect(parseQuery(`?feeds=local&local=${SIM_ORIGIN}/x`)).toEqual({ source: 'local', localOrigin: SIM_ORIGIN });
    expect(parseQuery('?local=javascript:alert(1)')).toEqual({});
  });

  it('refuses, and so never saves, a simulator origin on another port, host or scheme', () => {
    const others = [
      `http://127.0.0.1:${SIM_PORT + 1}`,
      'http://127.0.0.1',
      `http://localhost:${SIM_PORT}`,
      `https://127.0.0.1:${SIM_PORT}`,
      `http://10.0.0.1:${SIM_PORT}`,
      `blob:http://127.0.0.1:${SIM_PORT}/x`,
    ];
    for (const other of others) {
      expect(parseQuery(`?feeds=local&local=${encodeURIComponent(other)}`), other).toEqual({ source: 'local' });
      const settings = resolveSettings(`?feeds=local&local=${encodeURIComponent(other)}`, null);
      expect(settings.localOrigin, other).toBeUndefined();
      expect(serializeStored(settings), other).not.toContain(other);
      expect(parseStored(JSON.stringify({ localOrigin: other })), other).toEqual({});
    }
  });

  it('writes the shareable part only, leaving defaults out', () => {
    expect(serializeQuery(DEFAULTS)).toBe('?base=BTC');
    const s: UiSettings = { ...DEFAULTS, base: 'SOL', venues: ['okx', 'binance'], step: 0.05, source: 'demo', theme: 'light' };
    expect(serializeQuery(s)).toBe('?base=SOL&venues=binance,okx&step=0.05&feeds=demo');
  });

  it('keeps unrelated query parameters', () => {
    expect(serializeQuery({ ...DEFAULTS, step: 10 }, '?utm=x&base=ETH&step=1')).toBe('?utm=x&base=BTC&step=10');
  });

  it('round-trips', () => {
    const s: UiSettings = { ...DEFAULTS, base: 'XRP', venues: ['kraken'], step: 0.001, source: 'local', localOrigin: SIM_ORIGIN };
    const back = parseQuery(serializeQuery(s));
    expect(back).toEqual({ base: 'XRP', venues: ['kraken'], step: 0.001, source: 'local', localOrigin: SIM_ORIGIN });
  });

  it('live feeds are the default and not written', () => {
    expect(serializeQuery({ ...DEFAULTS, source: 'live' })).not.toContain('feeds');
  });
});

describe('stored settings', () => {
  it('round-trips everything', () => {
    const s: UiSettings = { ...DEFAULTS, rows: 30, executionSide: 'sell', executionSize: 2.5, theme: 'dark' };
    expect(parseStored(serializeStored(s))).toEqual(s);
  });

  it('tolerates garbage', () => {
    expect(parseStored('not json')).toEqual({});
    expect(parseStored(null)).toEqual({});
    expect(parseStored('[1,2]')).toEqual({});
    expect(sanitize({ rows: 0, executionSize: -1, theme: 'blue', executionSide: 'hold', rows2: 3 })).toEqual({});
    expect(sanitize({ rows: 5000 })).toEqual({ rows: 200 });
  });
});

describe('resolving on load', () => {
  it('uses defaults with nothing saved', () => {
    expect(resolveSettings('', null)).toEqual(DEFAULTS);
  });

  it('lets the URL win over localStorage', () => {
    const stored = serializeStored({ ...DEFAULTS, base: 'ETH', step: 1, theme: 'light', rows: 20, executionSize: 5 });
    const s = resolveSettings('?base=ETH&step=0.1&feeds=demo', stored);
    expect(s).toMatchObject({ base: 'ETH', step: 0.1, source: 'demo', theme: 'light', rows: 20, executionSize: 5 });
  });

  it('does not carry a stored order size to another base from a link', () => {
    const stored = serializeStored({ ...DEFAULTS, base: 'BTC', executionSize: 3 });
    expect(resolveSettings('?base=DOGE', stored).executionSize).toBe(DEFAULT_SIZE.DOGE);
    expect(resolveSettings('?base=BTC', stored).executionSize).toBe(3);
  });

  it('takes a link as the whole shared view: what it leaves out is the default', () => {
    const stored = serializeStored({ ...DEFAULTS, base: 'ETH', venues: ['okx'], step: 1, source: 'demo', rows: 30 });
    const s = resolveSettings('?base=ETH', stored);
    expect(s).toMatchObject({ base: 'ETH', venues: [...VENUE_IDS], step: 0, source: 'live', rows: 30 });
    // No shared key in the query: everything stored stays.
    expect(resolveSettings('?utm=x', stored)).toMatchObject({ venues: ['okx'], step: 1, source: 'demo' });
  });

  it('gives a linked base its default size when nothing was stored', () => {
    expect(resolveSettings('?base=SOL', null).executionSize).toBe(DEFAULT_SIZE.SOL);
  });
});

describe('changes', () => {
  it('a new base resets step and size', () => {
    const s = withBase({ ...DEFAULTS, step: 10, executionSize: 2 }, 'ETH');
    expect(s).toMatchObject({ base: 'ETH', step: 0, executionSize: DEFAULT_SIZE.ETH });
    const same = { ...DEFAULTS, step: 10 };
    expect(withBase(same, 'BTC')).toBe(same);
  });

  it('toggles venues keeping canonical order', () => {
    const off = withVenue(DEFAULTS, 'kraken', false);
    expect(off.venues).toEqual(VENUE_IDS.filter((v) => v !== 'kraken'));
    expect(withVenue(off, 'kraken', true).venues).toEqual([...VENUE_IDS]);
    expect(withVenue(off, 'okx', true).venues).toEqual(off.venues);
  });

  it('switches a venue to its alternative host and back; the choice is stored and sent to the worker, never shared', () => {
    const on = withAlternativeHost(DEFAULTS, 'binance', true);
    expect(on.alternativeHosts).toEqual(['binance']);
    expect(withAlternativeHost(on, 'binance', true)).toEqual(on);
    expect(engineSettings(on).alternativeHosts).toEqual(['binance']);
    // Round trip through localStorage, also under a shared link, which neither names nor clears it.
    const stored = serializeStored(on);
    expect(resolveSettings('', stored).alternativeHosts).toEqual(['binance']);
    expect(resolveSettings('?base=ETH&venues=binance,okx', stored).alternativeHosts).toEqual(['binance']);
    expect(serializeQuery(on)).toBe('?base=BTC');
    expect(parseStored(JSON.stringify({ alternativeHosts: ['binance', 'nowhere', 7, 'binance'] })).alternativeHosts).toEqual(['binance']);
    expect(withAlternativeHost(on, 'binance', false).alternativeHosts).toEqual([]);
  });

  it('sends the worker its settings without the theme', () => {
    const e = engineSettings({ ...DEFAULTS, theme: 'dark' });
    expect(e).not.toHaveProperty('theme');
    expect(e).toEqual({
      base: 'BTC',
      venues: [...VENUE_IDS],
      step: 0,
      rows: DEFAULTS.rows,
      executionSide: 'buy',
      executionSize: 1,
      source: 'live',
      alternativeHosts: [],
    });
    expect(engineSettings({ ...DEFAULTS, source: 'local' }).localOrigin).toBe(SIM_ORIGIN);
    expect(engineSettings({ ...DEFAULTS, source: 'live', localOrigin: SIM_ORIGIN }).localOrigin).toBeUndefined();
  });
});
