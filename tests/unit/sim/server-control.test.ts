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

  it('plants a wall on a feed\'s market, answering its price and size, and pulls it', async () => {
    const server = await startSimServer({ port: await freeLoopbackPort(), seed: 4 });
    sim = server;
    const at = `${server.origin}/control/wall?venue=okx-swap&symbol=BTC-USDT-SWAP`;
    await json(`${server.origin}/control/ticks?venue=okx-swap&run=0`);
    const truth = async (): Promise<[number, number][]> => (await json(`${server.origin}/control/truth?venue=okx-swap&symbol=BTC-USDT-SWAP&depth=1000`)).body.bids as [number, number][];
    // Half way down the bids, with levels either side: the market stands still meanwhile.
    const mid = server.host.exchange.market('okx-swap', 'BTC-USDT-SWAP')!.book.mid()!;
    const bps = (((mid - (await truth()).at(-1)![0]) / mid) * 10_000) / 2;

    const planted = await json(`${at}&side=bid&bps=${bps}&size=30`);
    expect(planted.status).toBe(200);
    // 30 BTC in contracts of 0.01 BTC.
    expect(planted.body).toMatchObject({ size: '3000.00', base: 30 });
    expect(planted.body.bps as number).toBeCloseTo(bps, 1);
    const price = Number(planted.body.price);
    expect(await truth()).toContainEqual([price, 3000]);

    expect((await json(`${at}&side=bid&pull=1`)).body).toEqual({ price: planted.body.price, bps: planted.body.bps });
    expect((await truth()).find(([p]) => p === price)).toBeUndefined();

    const again = await json(`${at}&side=bid&pull=1`);
    expect(again.status).toBe(400);
    expect(again.body.error).toMatch(/no wall stands/);
    expect((await json(`${at}&side=middle&bps=5&size=1`)).status).toBe(400);
    expect((await json(`${at}&side=bid&bps=10000&size=1`)).body.error).toMatch(/no price/);
  });

  it("prints a burst of trades on a feed's market, answering each trade, taking its book; refuses bad input", async () => {
    const server = await startSimServer({ port: await freeLoopbackPort(), seed: 4, tradeSpeed: 10 });
    sim = server;
    expect(server.host.exchange.tradeSpeed).toBe(10);
    await json(`${server.origin}/control/ticks?venue=okx-swap&run=0`);
    const truth = async (): Promise<[number, number][]> => (await json(`${server.origin}/control/truth?venue=okx-swap&symbol=BTC-USDT-SWAP&depth=1000`)).body.bids as [number, number][];
    const bids = await truth();
    const at = `${server.origin}/control/trades?venue=okx-swap&symbol=BTC-USDT-SWAP`;

    // Two sells of 0.05 BTC: 5 contracts of 0.01 BTC each, from the best bid down.
    const burst = await json(`${at}&side=sell&count=2&size=0.05`);
    expect(burst.status).toBe(200);
    expect(burst.body.side).toBe('sell');
    const trades = burst.body.trades as { id: number; price: string; size: string; base: number }[];
    expect(trades.reduce((sum, t) => sum + Number(t.size), 0)).toBe(10);
    expect(trades.reduce((sum, t) => sum + t.base, 0)).toBeCloseTo(0.1, 9);
    for (const [i, t] of trades.entries()) {
      expect(t.id).toBe(trades[0]!.id + i);
      expect(Number(t.price)).toBeLessThanOrEqual(bids[0]![0]);
    }
    // What the bids lost at each price is what printed there.
    const lost = new Map<number, number>();
    for (const t of trades) lost.set(Number(t.price), (lost.get(Number(t.price)) ?? 0) + Number(t.size));
    const after = new Map(await truth());
    for (const [price, size] of lost) expect(after.get(price) ?? 0).toBeCloseTo(new Map(bids).get(price)! - size, 9);

    const error = async (query: string): Promise<string> => {
      const answer = await json(`${server.origin}/control/trades?${query}`);
      expect(answer.status, query).toBe(400);
      return answer.body.error as string;
    };
    expect(await error('venue=nope&symbol=BTCUSDT&side=buy&count=1&size=1')).toMatch(/unknown venue/);
    expect(await error('venue=okx-swap&symbol=BTC-USDT-SWAP&side=bid&count=1&size=1')).toMatch(/side must be buy or sell/);
    expect(await error('venue=okx-swap&symbol=NOPE&side=buy&count=1&size=1')).toMatch(/no simulated market/);
    expect(await error('venue=okx-swap&symbol=BTC-USDT-SWAP&side=buy&size=1')).toMatch(/count must be/);
    expect(await error('venue=okx-swap&symbol=BTC-USDT-SWAP&side=buy&count=2&size=-1')).toMatch(/size must be/);
    expect(await truth()).toEqual([...after]);
  });
});
