import { describe, expect, it } from 'vitest';
import { marketOf } from '../../../src/catalog/types';
import { simEndpoints, simRoute, simUrl } from '../../../src/sim/endpoints';
import { SimHost } from '../../../src/sim/host';
import { SIM_HOSTS } from '../../../src/sim/hosts';
import { simCatalog } from '../../../src/sim/listings';
import { SIM_VENUES } from '../../../src/sim/venues';
import { PROTOCOLS } from '../../../src/venues';
import { FEED_IDS } from '../../../src/venues/types';

const ORIGIN = 'http://127.0.0.1:8790';
const sink = { text: () => {}, binary: () => {}, close: () => {} };
const realHost = (url: string): string => new URL(url).host;

describe("the simulator's endpoints", () => {
  it('gives feeds on one real host the same simulator URL, and feeds on hosts of their own prefixes of their own', () => {
    const streams = new Map(FEED_IDS.map((feed) => [feed, simEndpoints(PROTOCOLS[feed], ORIGIN).stream]));
    for (const a of FEED_IDS) {
      for (const b of FEED_IDS) {
        const sameReal = realHost(PROTOCOLS[a].endpoints.stream) === realHost(PROTOCOLS[b].endpoints.stream);
        const prefix = (url: string): string => new URL(url).pathname.split('/')[1]!;
        expect(prefix(streams.get(a)!) === prefix(streams.get(b)!), `${a} and ${b}`).toBe(sameReal);
      }
    }
    expect(simEndpoints(PROTOCOLS.okx, ORIGIN)).toEqual(simEndpoints(PROTOCOLS['okx-swap'], ORIGIN));
    expect(new URL(streams.get('bybit-linear')!).pathname.split('/')[1]).toBe('bybit');
    expect(new URL(streams.get('binance-usdm')!).pathname.split('/')[1]).toBe('binance-usdm');
    expect(new URL(streams.get('bingx-swap')!).pathname.split('/')[1]).toBe('bingx-swap');
  });

  it("moves any URL of a feed's host, such as its instrument list's, under the feed's prefix", () => {
    expect(simUrl('kraken', 'https://api.kraken.com', ORIGIN)).toBe('http://127.0.0.1:8790/kraken');
    expect(simUrl('okx-swap', 'https://www.okx.com/api/v5/public/instruments', ORIGIN)).toBe('http://127.0.0.1:8790/okx/api/v5/public/instruments');
    expect(simUrl('binance', 'wss://ws-api.binance.com:443/ws-api/v3', ORIGIN)).toBe('ws://127.0.0.1:8790/binance/ws-api/v3');
    const host = new SimHost(SIM_VENUES, 1);
    expect(host.rest(`${simUrl('bingx-swap', 'https://open-api.bingx.com', ORIGIN)}/openApi/swap/v2/quote/contracts`).status).toBe(200);
    expect(host.rest(`${simUrl('bybit-linear', 'https://api.bybit.com', ORIGIN)}/v5/market/instruments-info?category=linear&limit=1000`).status).toBe(200);
  });

  it('routes a URL to its host, prefixes with a dash included, and no further', () => {
    expect(simRoute('ws://127.0.0.1:8790/binance-usdm/public/ws')).toMatchObject({ host: 'binance-usdm', alternative: false, path: '/public/ws' });
    expect(simRoute('http://127.0.0.1:8790/bingx-swap/openApi/swap/v2/quote/contracts?symbol=BTC-USDT')).toMatchObject({ host: 'bingx-swap', path: '/openApi/swap/v2/quote/contracts' });
    expect(simRoute('ws://127.0.0.1:8790/okx/ws/v5/public')).toMatchObject({ host: 'okx', path: '/ws/v5/public' });
    expect(simRoute('ws://127.0.0.1:8790/okx-swap/ws/v5/public')).toBeUndefined();
    expect(simRoute('ws://127.0.0.1:8790/nowhere/ws')).toBeUndefined();
    for (const host of SIM_HOSTS) expect(simRoute(`http://127.0.0.1:8790/${host}/x`)?.host).toBe(host);
  });

  for (const feed of FEED_IDS) {
    it(`${feed}: the app's stream URL and snapshot request for BTC reach the simulated host and are served`, () => {
      const host = new SimHost(SIM_VENUES, 1);
      const protocol = PROTOCOLS[feed];
      const endpoints = simEndpoints(protocol, ORIGIN);
      const market = marketOf(simCatalog(), feed, 'BTC')!;
      expect(host.open(protocol.streamUrl(market, endpoints), sink), feed).toBeDefined();
      const request = protocol.snapshotRequest?.(market, endpoints, 'rest');
      if (request?.type === 'fetch') expect(host.rest(request.url).status).toBe(200);
      if (endpoints.api) expect(host.open(endpoints.api, sink)).toBeDefined();
    });
  }
});
