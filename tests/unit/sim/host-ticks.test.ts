import { describe, expect, it } from 'vitest';
import { SimHost } from '../../../src/sim/host';
import { SIM_VENUES } from '../../../src/sim/venues';

const SYMBOLS = { binance: 'BTCUSDT', okx: 'BTC-USDT' } as const;
const lastId = (host: SimHost, feed: 'binance' | 'okx'): number => host.exchange.market(feed, SYMBOLS[feed])!.lastUpdateId;

describe('pausing one feed of the simulator', () => {
  it('stops that feed\'s markets only, and they move again when resumed', async () => {
    const host = new SimHost(SIM_VENUES, 5);
    host.setTicking('binance', false);
    host.start(20);
    try {
      const b0 = lastId(host, 'binance');
      const o0 = lastId(host, 'okx');
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(host.isTicking('binance')).toBe(false);
      expect(lastId(host, 'binance')).toBe(b0);
      expect(lastId(host, 'okx')).toBeGreaterThan(o0);
      host.setTicking('binance', true);
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(lastId(host, 'binance')).toBeGreaterThan(b0);
    } finally {
      host.stop();
    }
  });
});
