import { afterEach, describe, expect, it } from 'vitest';
import { freeLoopbackPort } from '../../../tools/sim-port';
import { startSimServer, type SimServer } from '../../../tools/sim-server';

describe("the loopback simulator's control endpoint, for every feed", () => {
  let sim: SimServer | undefined;
  afterEach(async () => {
    await sim?.close();
    sim = undefined;
  });

  const json = async (url: string): Promise<{ status: number; body: Record<string, unknown> }> => {
    const res = await fetch(url);
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  it('tells the true rates, a perpetual feed\'s truth, pauses it and plays faults on its host', async () => {
    sim = await startSimServer({ port: await freeLoopbackPort(), seed: 4 });
    const rates = (await json(`${sim.origin}/control/rates`)).body;
    expect(rates.USD).toBe(1);
    for (const coin of ['USDT', 'USDC']) expect(Math.abs((rates[coin] as number) - 1)).toBeLessThan(0.002);

    const truth = await json(`${sim.origin}/control/truth?venue=okx-swap&symbol=BTC-USDT-SWAP&depth=5`);
    expect(truth.status).toBe(200);
    expect(truth.body.bids).toHaveLength(5);

    expect((await json(`${sim.origin}/control/ticks?venue=bybit-linear&run=0`)).body).toEqual({ ticking: false });
    expect((await json(`${sim.origin}/control/ticks?venue=bybit`)).body).toEqual({ ticking: true });
    expect((await json(`${sim.origin}/control/fault?venue=okx-swap&fault=rest-429`)).body.result).toMatch(/429/);
    // OKX SWAP's host is OKX's: the armed answer comes on OKX's next REST request.
    expect((await fetch(`${sim.origin}/okx/api/v5/public/instruments?instType=SPOT`)).status).toBe(429);
    expect((await fetch(`${sim.origin}/okx/api/v5/public/instruments?instType=SWAP`)).status).toBe(200);
    expect((await json(`${sim.origin}/control/fault?venue=nope&fault=drop`)).status).toBe(400);
  });
});
