import { describe, expect, it } from 'vitest';
import { SimExchange } from '../../../src/sim/exchange';
import { okxSimulator } from '../../../src/sim/venues/okx';
import { okx } from '../../../src/venues/okx';
import { VenueLink } from '../../../src/worker/venue-link';
import { topOf } from '../../helpers/books';
import { FakeClock, FakeTransport } from './fakes';
import { testMarket } from '../../helpers/markets';

/** OKX as it is after delisting its book channels' initial snapshot: the link takes the book by REST. */
describe('VenueLink on OKX without a socket snapshot', () => {
  it('goes live on a REST snapshot joined to the stream, and says the snapshot came by REST', async () => {
    const clock = new FakeClock();
    const exchange = new SimExchange([okxSimulator('rest-snapshot')], 3);
    const transport = new FakeTransport(clock, exchange, 'okx');
    const link = new VenueLink(okx, testMarket('okx'), transport, clock, { random: () => 0.5 });
    link.start();
    await transport.settle();
    for (let t = 0; t < 2_000; t += 100) {
      clock.advance(100);
      exchange.tick(clock.now(), ['okx']);
      await transport.settle();
    }
    const status = link.status();
    expect(status.state).toBe('live');
    expect(status.snapshotPath).toBe('rest');
    expect(transport.fetches.map((f) => new URL(f.url).pathname)).toEqual(['/api/v5/market/books']);
    expect(topOf(link.session.book, 400)).toEqual(topOf(exchange.market('okx', 'BTC-USDT')!.book, 400));
  });
});
