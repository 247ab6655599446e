import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { SIM_ALTERNATIVE_PREFIXES, simEndpoints, simRoute } from '../../../src/sim/endpoints';
import { SimHost } from '../../../src/sim/host';
import { SIM_VENUES } from '../../../src/sim/venues';
import { binance } from '../../../src/venues/binance';
import { bybit } from '../../../src/venues/bybit';
import { ALTERNATIVE_HOSTS } from '../../../src/worker/alternative-hosts';
import { freeLoopbackPort } from '../../../tools/sim-port';
import { startSimServer, type SimServer } from '../../../tools/sim-server';

const ORIGIN = 'http://127.0.0.1:8790';
const binanceUs = ALTERNATIVE_HOSTS.binance!.endpoints;
const sink = { text: () => {}, binary: () => {}, close: () => {} };

describe("the simulator's alternative hosts", () => {
  it('serves every alternative host under a prefix of its own, routed to the same simulated venue', () => {
    for (const venue of Object.keys(ALTERNATIVE_HOSTS)) expect(SIM_ALTERNATIVE_PREFIXES).toHaveProperty(venue);
    const e = simEndpoints(binance, ORIGIN, binanceUs);
    expect(e).toEqual({ stream: 'ws://127.0.0.1:8790/binanceus', rest: 'http://127.0.0.1:8790/binanceus', api: 'ws://127.0.0.1:8790/binanceus/ws-api/v3' });
    expect(simRoute(`${e.rest}/api/v3/depth?symbol=BTCUSDT`)).toMatchObject({ host: 'binance', alternative: true, path: '/api/v3/depth' });
    expect(simRoute(`${simEndpoints(binance, ORIGIN).rest}/api/v3/depth`)).toMatchObject({ host: 'binance', alternative: false, path: '/api/v3/depth' });
    expect(() => simEndpoints(bybit, ORIGIN, binanceUs)).toThrow(/no alternative host for bybit/);
  });
});

describe('a region block on the simulator', () => {
  it("refuses the main host's REST and sockets (451; 403 from Bybit) and lets the alternative host through, until lifted", () => {
    const host = new SimHost(SIM_VENUES, 3);
    const main = simEndpoints(binance, ORIGIN);
    const alt = simEndpoints(binance, ORIGIN, binanceUs);
    const depth = '/api/v3/depth?symbol=BTCUSDT&limit=1000';
    const stream = '/ws/btcusdt@depth@100ms';

    expect(host.inject('binance', 'region-block')).toMatch(/refuses this region \(HTTP 451\)/);
    expect(host.rest(`${main.rest}${depth}`)).toMatchObject({ status: 451, body: expect.stringMatching(/restricted location/) });
    expect(host.regionRefusal(`${main.stream}${stream}`)?.status).toBe(451);
    expect(host.open(`${main.stream}${stream}`, sink)).toBeUndefined();
    expect(host.rest(`${alt.rest}${depth}`).status).toBe(200);
    expect(host.regionRefusal(`${alt.stream}${stream}`)).toBeUndefined();
    expect(host.open(`${alt.stream}${stream}`, sink)).toBeDefined();

    host.inject('bybit', 'region-block');
    expect(host.regionRefusal(`${simEndpoints(bybit, ORIGIN).stream}/v5/public/spot`)?.status).toBe(403);
    // Other venues are not touched.
    expect(host.regionRefusal(`${ORIGIN.replace('http', 'ws')}/okx/ws/v5/public`)).toBeUndefined();

    expect(host.inject('binance', 'region-open')).toMatch(/serves this region again/);
    expect(host.rest(`${main.rest}${depth}`).status).toBe(200);
    expect(host.open(`${main.stream}${stream}`, sink)).toBeDefined();
  });

  describe('on the loopback server', () => {
    let sim: SimServer | undefined;
    afterEach(async () => {
      await sim?.close();
      sim = undefined;
    });

    /** How a WebSocket client fares at `url`: opened, or the HTTP status its handshake was answered with. */
    const handshake = (url: string): Promise<'open' | number> =>
      new Promise((resolve, reject) => {
        const ws = new WebSocket(url);
        ws.on('open', () => {
          ws.terminate();
          resolve('open');
        });
        ws.on('unexpected-response', (_req, res) => {
          resolve(res.statusCode ?? 0);
          ws.terminate();
        });
        ws.on('error', reject);
      });

    it('answers the upgrade with the refusal and no WebSocket at all, on the main host only', async () => {
      sim = await startSimServer({ port: await freeLoopbackPort(), seed: 3 });
      const main = simEndpoints(binance, sim.origin);
      const alt = simEndpoints(binance, sim.origin, binanceUs);
      sim.host.inject('binance', 'region-block');
      expect(await handshake(`${main.stream}/ws/btcusdt@depth@100ms`)).toBe(451);
      expect(await handshake(`${alt.stream}/ws/btcusdt@depth@100ms`)).toBe('open');
      expect(await handshake(alt.api!)).toBe('open');
      expect((await fetch(`${main.rest}/api/v3/depth?symbol=BTCUSDT`)).status).toBe(451);
      sim.host.inject('binance', 'region-open');
      expect(await handshake(`${main.stream}/ws/btcusdt@depth@100ms`)).toBe('open');
    });
  });
});
