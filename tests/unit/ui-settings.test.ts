import { describe, expect, it } from 'vitest';
import { SIM_ORIGIN, SIM_PORT } from '../../src/sim/port';
import {
  AUTO_NOTIONAL,
  DEFAULTS,
  autoSize,
  baseName,
  engineSettings,
  normalizeKinds,
  parseQuery,
  parseStored,
  resolveSettings,
  sanitize,
  serializeQuery,
  serializeStored,
  withAlternativeHost,
  withAutoSize,
  withBase,
  withFeed,
  withKinds,
  withImbalanceBps,
  withSize,
  withWallRule,
  type UiSettings,
} from '../../src/ui/settings';
import { DEFAULT_WALL_RULE } from '../../src/liquidity/types';
import { FEED_IDS } from '../../src/venues/types';

describe('URL query', () => {
  it('reads base, markets, kinds, currency, step and feeds (the data source)', () => {
    expect(parseQuery('?base=pepe&markets=okx-swap,binance,nope,okx-swap&kinds=both&currency=usdt&step=0.5&feeds=demo')).toEqual({
      base: 'PEPE',
      feeds: ['binance', 'okx-swap'],
      kinds: ['spot', 'perpetual'],
      currency: 'USDT',
      step: 0.5,
      source: 'demo',
    });
  });

  it('normalises kinds: their order, repeats, short names; none at all is no choice', () => {
    expect(parseQuery('?kinds=perpetual,spot,spot').kinds).toEqual(['spot', 'perpetual']);
    expect(parseQuery('?kinds=PERP').kinds).toEqual(['perpetual']);
    expect(parseQuery('?kinds=spot').kinds).toEqual(['spot']);
    expect(parseQuery('?kinds=futures,')).toEqual({});
    expect(normalizeKinds([])).toBeUndefined();
  });

  it('drops what is not valid: unknown feeds, a base that cannot be a name, other currencies, bad numbers', () => {
    expect(parseQuery('?base=BTC/USD&step=-1&feeds=wss&markets=&currency=EUR')).toEqual({ feeds: [] });
    expect(parseQuery('?markets=binance-coinm,okx-swap').feeds).toEqual(['okx-swap']);
    expect(parseQuery('?base=%3Cscript%3E')).toEqual({});
    expect(parseQuery('?step=abc')).toEqual({});
    expect(parseQuery('')).toEqual({});
  });

  it('reads a link from before perpetuals: `venues` stands for every feed of those venues', () => {
    expect(parseQuery('?base=ETH&venues=okx,binance').feeds).toEqual(['binance', 'binance-usdm', 'okx', 'okx-swap']);
    // The newer list wins where a link carries both.
    expect(parseQuery('?venues=okx&markets=kraken').feeds).toEqual(['kraken']);
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
    const s: UiSettings = {
      ...DEFAULTS,
      base: 'SOL',
      feeds: ['okx-swap', 'binance'],
      kinds: ['perpetual', 'spot'],
      currency: 'USDT',
      step: 0.05,
      source: 'demo',
      theme: 'light',
      sizes: { SOL: 300 },
    };
    expect(serializeQuery(s)).toBe('?base=SOL&markets=binance,okx-swap&kinds=spot,perpetual&currency=USDT&step=0.05&feeds=demo');
  });

  it('keeps unrelated query parameters and rewrites a link from before perpetuals', () => {
    expect(serializeQuery({ ...DEFAULTS, step: 10 }, '?utm=x&base=ETH&step=1&venues=okx')).toBe('?utm=x&base=BTC&step=10');
  });

  it('round-trips', () => {
    const shared: Partial<UiSettings> = {
      base: '1000SATS',
      feeds: ['kraken', 'bybit-linear'],
      kinds: ['perpetual'],
      currency: 'USDT',
      step: 0.001,
      source: 'local',
      localOrigin: SIM_ORIGIN,
    };
    expect(parseQuery(serializeQuery({ ...DEFAULTS, ...shared, theme: 'dark', sizes: { BTC: 1 } }))).toEqual(shared);
  });

  it('live feeds, spot only, every market and USD are the defaults and not written', () => {
    const text = serializeQuery({ ...DEFAULTS, source: 'live', kinds: ['spot'], feeds: [...FEED_IDS], currency: 'USD' });
    expect(text).toBe('?base=BTC');
  });
});

describe('base names', () => {
  it('takes any name the catalog could list, in upper case, and nothing that cannot be one', () => {
    expect(baseName(' pepe ')).toBe('PEPE');
    expect(baseName('1000SATS')).toBe('1000SATS');
    for (const bad of ['', 'BTC-USD', 'BTC/USD', 'A'.repeat(21), 'bît', 7, undefined]) expect(baseName(bad), String(bad)).toBeUndefined();
  });
});

describe('stored settings', () => {
  it('round-trips everything', () => {
    const s: UiSettings = {
      ...DEFAULTS,
      rows: 30,
      executionSide: 'sell',
      executionSize: 2.5,
      theme: 'dark',
      kinds: ['spot', 'perpetual'],
      feeds: ['okx', 'okx-swap'],
      currency: 'USDT',
      sizes: { BTC: 2.5, PEPE: 1e9 },
      wallRule: { factor: 12.5, neighbours: 20, bandBps: 500 },
      imbalanceBps: 25,
      section: 'heatmap',
    };
    expect(resolveSettings('', serializeStored(s))).toEqual(s);
    expect(serializeStored(s)).not.toContain('executionSize');
  });

  it('tolerates garbage', () => {
    expect(parseStored('not json')).toEqual({});
    expect(parseStored(null)).toEqual({});
    expect(parseStored('[1,2]')).toEqual({});
    expect(sanitize({ rows: 0, executionSize: -1, theme: 'blue', executionSide: 'hold', rows2: 3, kinds: ['x'], currency: 'usdc' })).toEqual({});
    expect(sanitize({ rows: 5000 })).toEqual({ rows: 200 });
    expect(sanitize({ sizes: { btc: 2, 'BTC/USD': 1, ETH: -1, SOL: 'x', XRP: '300' } })).toEqual({ sizes: { BTC: 2, XRP: 300 } });
    expect(sanitize({ sizes: [1, 2] })).toEqual({});
  });

  it('reads the venue list stored before perpetuals as those venues’ feeds', () => {
    expect(parseStored(JSON.stringify({ venues: ['kraken', 'asterdex', 'nowhere'] })).feeds).toEqual(['kraken', 'asterdex']);
  });
});

describe('resolving on load', () => {
  it('uses defaults with nothing saved', () => {
    expect(resolveSettings('', null)).toEqual(DEFAULTS);
  });

  it('lets the URL win over localStorage', () => {
    const stored = serializeStored({ ...DEFAULTS, base: 'ETH', step: 1, theme: 'light', rows: 20, currency: 'USDT', sizes: { ETH: 5 } });
    const s = resolveSettings('?base=ETH&step=0.1&feeds=demo&kinds=both', stored);
    expect(s).toMatchObject({ base: 'ETH', step: 0.1, source: 'demo', kinds: ['spot', 'perpetual'], theme: 'light', rows: 20, executionSize: 5 });
    // The link left the currency out: it is the default, not the stored one.
    expect(s.currency).toBe('USD');
  });

  it('takes the order size typed for the base, and none for a base without one (the automatic size comes with a price)', () => {
    const stored = serializeStored({ ...DEFAULTS, base: 'BTC', executionSize: 3, sizes: { BTC: 3 } });
    expect(resolveSettings('?base=BTC', stored).executionSize).toBe(3);
    expect(resolveSettings('?base=DOGE', stored).executionSize).toBe(0);
    expect(resolveSettings('', serializeStored({ ...DEFAULTS, executionSize: 0.5 })).executionSize).toBe(0);
  });

  it('takes a link as the whole shared view: what it leaves out is the default', () => {
    const stored = serializeStored({
      ...DEFAULTS,
      base: 'ETH',
      feeds: ['okx'],
      kinds: ['perpetual'],
      currency: 'USDT',
      step: 1,
      source: 'demo',
      rows: 30,
    });
    const s = resolveSettings('?base=ETH', stored);
    expect(s).toMatchObject({ base: 'ETH', feeds: [...FEED_IDS], kinds: ['spot'], currency: 'USD', step: 0, source: 'live', rows: 30 });
    // No shared key in the query: everything stored stays.
    expect(resolveSettings('?utm=x', stored)).toMatchObject({ feeds: ['okx'], kinds: ['perpetual'], currency: 'USDT', step: 1, source: 'demo' });
  });
});

describe('changes', () => {
  it('a new base resets the step and takes the size typed for it, or none', () => {
    const s = withBase({ ...DEFAULTS, step: 10, executionSize: 2, sizes: { ETH: 7 } }, 'eth');
    expect(s).toMatchObject({ base: 'ETH', step: 0, executionSize: 7 });
    expect(withBase(s, 'PEPE')).toMatchObject({ base: 'PEPE', executionSize: 0 });
    const same = { ...DEFAULTS, step: 10 };
    expect(withBase(same, 'BTC')).toBe(same);
    expect(withBase(same, 'not a base')).toBe(same);
  });

  it('toggles feeds keeping canonical order', () => {
    const off = withFeed(DEFAULTS, 'okx-swap', false);
    expect(off.feeds).toEqual(FEED_IDS.filter((f) => f !== 'okx-swap'));
    expect(withFeed(off, 'okx-swap', true).feeds).toEqual([...FEED_IDS]);
    expect(withFeed(off, 'okx', true).feeds).toEqual(off.feeds);
  });

  it('sets the kinds shown, never none', () => {
    expect(withKinds(DEFAULTS, ['perpetual', 'spot']).kinds).toEqual(['spot', 'perpetual']);
    expect(withKinds(DEFAULTS, [])).toBe(DEFAULTS);
  });

  it('keeps a typed size per base, and uses it from then on', () => {
    const typed = withSize({ ...DEFAULTS, base: 'PEPE' }, 2e9);
    expect(typed).toMatchObject({ executionSize: 2e9, sizes: { PEPE: 2e9 } });
    const back = withBase(withBase(typed, 'BTC'), 'PEPE');
    expect(back.executionSize).toBe(2e9);
    expect(withSize(typed, -1)).toBe(typed);
    expect(withSize(typed, NaN)).toBe(typed);
  });

  it('keeps at most 100 typed sizes, dropping the oldest', () => {
    let s: UiSettings = DEFAULTS;
    for (let i = 0; i < 105; i++) s = withSize({ ...s, base: `COIN${i}` }, i + 1);
    expect(Object.keys(s.sizes)).toHaveLength(100);
    expect(s.sizes.COIN4).toBeUndefined();
    expect(s.sizes.COIN5).toBe(6);
    expect(s.sizes.COIN104).toBe(105);
  });

  it('switches a venue to its alternative host and back; the choice is stored and sent to the worker, never shared', () => {
    const on = withAlternativeHost(DEFAULTS, 'binance', true);
    expect(on.alternativeHosts).toEqual(['binance']);
    expect(withAlternativeHost(on, 'binance', true)).toEqual(on);
    expect(engineSettings(on).alternativeHosts).toEqual(['binance']);
    // Round trip through localStorage, also under a shared link, which neither names nor clears it.
    const stored = serializeStored(on);
    expect(resolveSettings('', stored).alternativeHosts).toEqual(['binance']);
    expect(resolveSettings('?base=ETH&markets=binance,okx', stored).alternativeHosts).toEqual(['binance']);
    expect(serializeQuery(on)).toBe('?base=BTC');
    expect(parseStored(JSON.stringify({ alternativeHosts: ['binance', 'nowhere', 7, 'binance'] })).alternativeHosts).toEqual(['binance']);
    expect(withAlternativeHost(on, 'binance', false).alternativeHosts).toEqual([]);
  });

  it('sends the worker its settings without what only the screen needs', () => {
    const e = engineSettings({ ...DEFAULTS, theme: 'dark', sizes: { BTC: 1 }, executionSize: 1 });
    expect(e).not.toHaveProperty('theme');
    expect(e).not.toHaveProperty('sizes');
    expect(e).toEqual({
      base: 'BTC',
      kinds: ['spot'],
      feeds: [...FEED_IDS],
      currency: 'USD',
      step: 0,
      rows: DEFAULTS.rows,
      executionSide: 'buy',
      executionSize: 1,
      source: 'live',
      alternativeHosts: [],
      wallRule: DEFAULT_WALL_RULE,
      imbalanceBps: 10,
    });
    expect(e).not.toHaveProperty('section');
    expect(engineSettings({ ...DEFAULTS, source: 'local' }).localOrigin).toBe(SIM_ORIGIN);
    expect(engineSettings({ ...DEFAULTS, source: 'live', localOrigin: SIM_ORIGIN }).localOrigin).toBeUndefined();
  });
});

describe('walls, imbalance and the phone’s section', () => {
  it('changes one field of the wall rule at a time, within its limits, and sends it to the worker', () => {
    const s = withWallRule(DEFAULTS, 'factor', 5);
    expect(s.wallRule).toEqual({ ...DEFAULT_WALL_RULE, factor: 5 });
    expect(engineSettings(withWallRule(s, 'bandBps', 50)).wallRule).toEqual({ factor: 5, neighbours: DEFAULT_WALL_RULE.neighbours, bandBps: 50 });
    for (const [key, bad] of [['factor', 1], ['factor', 101], ['neighbours', 2.5], ['neighbours', 0], ['bandBps', 5000], ['factor', NaN]] as const) {
      expect(withWallRule(s, key, bad), `${key} ${bad}`).toBe(s);
    }
    expect(withWallRule(s, 'factor', 5)).toBe(s);
  });

  it('sets the imbalance band, refusing none or a band wider than ±10 %', () => {
    expect(withImbalanceBps(DEFAULTS, 50).imbalanceBps).toBe(50);
    expect(withImbalanceBps(DEFAULTS, 0)).toBe(DEFAULTS);
    expect(withImbalanceBps(DEFAULTS, 1001)).toBe(DEFAULTS);
  });

  it('stores the rule, the band and the section but never puts them in a link', () => {
    const s: UiSettings = { ...DEFAULTS, wallRule: { factor: 4, neighbours: 5, bandBps: 100 }, imbalanceBps: 50, section: 'depth' };
    expect(serializeQuery(s)).toBe('?base=BTC');
    expect(parseQuery('?wallRule=1&imbalanceBps=5&section=depth')).toEqual({});
    expect(resolveSettings('?base=ETH', serializeStored(s))).toMatchObject({ wallRule: s.wallRule, imbalanceBps: 50, section: 'depth' });
  });

  it('reads a stored rule field by field, the default for what is missing or out of bounds; an unknown section is dropped', () => {
    expect(parseStored(JSON.stringify({ wallRule: { factor: 3, neighbours: 7.5, bandBps: '100' } })).wallRule).toEqual({
      factor: 3,
      neighbours: DEFAULT_WALL_RULE.neighbours,
      bandBps: DEFAULT_WALL_RULE.bandBps,
    });
    expect(sanitize({ wallRule: 'big', imbalanceBps: -5, section: 'charts' })).toEqual({});
    expect(sanitize({ imbalanceBps: '25', section: 'venues' })).toEqual({ imbalanceBps: 25, section: 'venues' });
  });
});

describe('the automatic order size', () => {
  it('is about 50 000 of the display currency, as a size a trader would type', () => {
    expect(AUTO_NOTIONAL).toBe(50_000);
    expect(autoSize(91_000)).toBe(0.5);
    expect(autoSize(3_000)).toBe(20);
    expect(autoSize(150)).toBe(500);
    expect(autoSize(2.2)).toBe(20_000);
    expect(autoSize(0.3)).toBe(200_000);
    expect(autoSize(0.00001)).toBe(5_000_000_000);
    expect(autoSize(0.000012)).toBe(5_000_000_000);
    for (const mid of [91_000, 3_000, 150, 2.2, 0.3, 0.00001, 47_123.45]) {
      const notional = autoSize(mid)! * mid;
      expect(notional, String(mid)).toBeGreaterThan(AUTO_NOTIONAL / 2.3);
      expect(notional, String(mid)).toBeLessThan(AUTO_NOTIONAL * 2.3);
    }
  });

  it('is undefined without a price', () => {
    for (const mid of [undefined, 0, -1, NaN, Infinity]) expect(autoSize(mid), String(mid)).toBeUndefined();
  });

  it('is set once the mid is known, and never over a typed size or one already in force', () => {
    const fresh = { ...DEFAULTS, base: 'ETH' };
    expect(withAutoSize(fresh, undefined)).toBe(fresh);
    const auto = withAutoSize(fresh, 3_100);
    expect(auto.executionSize).toBe(20);
    expect(auto.sizes).toEqual({});
    // Fixed for the visit: a later price does not move it.
    expect(withAutoSize(auto, 9_000)).toBe(auto);
    const typed = withSize(fresh, 0);
    expect(withAutoSize(typed, 3_100)).toBe(typed);
  });
});
