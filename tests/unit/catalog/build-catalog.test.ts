import { describe, expect, it } from 'vitest';
import { buildTimeFeed, readBuildTimeCatalog, writeBuildTimeCatalog } from '../../../src/catalog/build-time';
import { FEED_IDS } from '../../../src/venues/types';
import { buildCatalog } from '../../../tools/build-catalog';
import { documented } from '../../helpers/documented';
import { FakeClock } from '../worker/fakes';
import { ok, ScriptedNetwork } from './scripted-network';

describe('tools/build-catalog.ts', () => {
  it('asks REST only, keeps the feeds that answered and says why each other one did not', async () => {
    const network = new ScriptedNetwork((url) => {
      if (url === 'https://api.kraken.com/0/public/AssetPairs') return ok(documented('kraken', 'instruments-asset-pairs-xbtusd.json'));
      if (url === 'https://openapi.okx.com/api/v5/public/instruments?instType=SWAP') return ok(documented('okx', 'instruments-swap-shape.json'));
      if (url.startsWith('https://api.binance.com/')) return { status: 451, body: '{"code":0,"msg":"Service unavailable from a restricted location"}' };
      return undefined;
    });
    const clock = new FakeClock();
    const { catalog, failures } = await buildCatalog(network, clock);
    expect(network.sent).toEqual([]);
    expect(network.fetched).toContain('https://api.binance.com/api/v3/exchangeInfo?permissions=SPOT&showPermissionSets=false');
    expect(Object.keys(catalog.feeds)).toEqual(['kraken', 'okx-swap']);
    expect(failures.binance).toBe('api.binance.com: HTTP 451 (region-blocked)');
    expect(Object.keys(failures)).toHaveLength(FEED_IDS.length - 2);

    const file = readBuildTimeCatalog(writeBuildTimeCatalog(catalog));
    expect(file.builtAt).toBe(clock.now());
    expect(buildTimeFeed(file.feeds, 'okx-swap')).toEqual({ fetchedAt: clock.now(), markets: [expect.objectContaining({ symbol: 'BTC-USDT-SWAP', contractSize: 0.01 })] });
  });
});
