import type { VenueProtocol } from './types';
import { bingx } from './bingx';

/**
 * BingX's USDT-M perpetual swaps on their market socket, as the docs' "Perpetual Swap → Websocket Market Data" pages
 * describe it (https://bingx-api.github.io/docs-v3/, bundle of BingX-API/docs-v3): "The base URL of Live Websocket
 * Market Data: wss://open-api-swap.bingx.com/swap-market", every frame gzip-compressed, the server's "heartbeat-Ping
 * message every 5 seconds" answered with "Pong", up to 200 topics a socket. Its "Incremental Depth Information"
 * channel is spot's: `<symbol>@incrDepth`, a full book (`action` "all") after subscribing, then updates whose
 * lastUpdateId is the previous one's plus one; the push's sides are `[price, qty]` pairs with `time`, which the spot
 * parser reads too. Sizes are kept as BingX sends them: its swap REST book prints each side twice, as quantity and
 * as "quantity(coin)" (`bidsCoin`; SHIB-USDT's differ 1000 times), so what one unit stands for is the market's
 * `contractSize`, not assumed here.
 *
 * The swap page gives no depth for the channel (spot's says 1000 levels), so the book is not cut to one: a level it
 * stops covering stays until an update or the next full book.
 *
 * Its "Subscribe to Tick-by-Tick Trades" channel is spot's name with another push: `<symbol>@trade`, `data` a list of
 * trades (`q`, `p`, `T`, `m`, `s`) with no trade id, `q` in coins like the book's sizes (src/venues/bingx-trades.ts).
 */
export const bingxSwap: VenueProtocol = {
  ...bingx,
  id: 'bingx-swap',
  kind: 'perpetual',
  name: 'BingX swap',
  endpoints: { stream: 'wss://open-api-swap.bingx.com/swap-market' },
  depth: undefined,
};
