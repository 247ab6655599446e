import { describe, expect, it } from 'vitest';
import { SimHost } from '../../../src/sim/host';
import { SIM_VENUES } from '../../../src/sim/venues';
import { PROTOCOLS } from '../../../src/venues';

const lastId = (host: SimHost, venue: 'binance' | 'okx'): number => host.exchange.market(venue, PROTOCOLS[venue]!.market('BTC')!.symbol)!.lastUpdateId;

describe('pausing one venue of the simulator', () => {
  it('stops that venue\'s market only, and it moves again when resumed', async () => {
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
