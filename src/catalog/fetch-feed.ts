import { clipText } from '../feed/text';
import type { Market } from '../venues/types';
import { describe } from '../worker/status-text';
import { closeQuietly, type Clock, type SocketHandle, type Transport } from '../worker/transport';
import type { CatalogEndpoint, CatalogPage, CatalogRequest, FeedCatalogSource } from './sources';

/** How a feed's instrument list is fetched. */
export interface FetchOptions {
  readonly transport: Transport;
  readonly clock: Clock;
  /** Whether a WebSocket API may be asked (a page: yes, it is not subject to CORS; the build tool: REST only). */
  readonly sockets: boolean;
  /** Time each request may take. */
  readonly timeoutMs: number;
}

/** More pages than any venue's list needs (Bybit linear: about 600 symbols, 1000 a page); past it, a loop. */
const MAX_PAGES = 20;

/** What an HTTP status says, in words, where it says something a reader can act on. */
const STATUS_WORDS: Readonly<Record<number, string>> = { 403: 'forbidden', 404: 'not found', 418: 'rate-limited, IP banned', 429: 'rate-limited', 451: 'region-blocked' };

/**
 * The body of a 2xx answer to a GET through `fetch` (a transport's); a rejection or any other status says why in
 * words a reader can act on.
 */
export async function getText(fetch: Transport['fetch'], url: string, timeoutMs: number): Promise<string> {
  let answer;
  try {
    answer = await fetch(url, timeoutMs);
  } catch (error) {
    // A page cannot tell a CORS refusal from a host it cannot reach: both reject the same way.
    throw new Error(`unreachable or refused (CORS): ${describe(error)}`);
  }
  if (answer.status < 200 || answer.status > 299) {
    const words = STATUS_WORDS[answer.status] ?? (answer.status >= 500 ? 'server error' : undefined);
    throw new Error(`HTTP ${answer.status}${words ? ` (${words})` : ''}`);
  }
  return answer.body;
}

const utf8 = new TextDecoder();

/** Sends the request on a socket of its own and resolves with the first frame `read` takes as the answer. */
function askSocket(request: Extract<CatalogRequest, { via: 'socket' }>, read: (text: string) => CatalogPage | undefined, options: FetchOptions): Promise<CatalogPage> {
  return new Promise((resolve, reject) => {
    let handle: SocketHandle | undefined;
    let settled = false;
    const settle = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      options.clock.clearTimeout(timer);
      closeQuietly(handle);
      outcome();
    };
    const timer = options.clock.setTimeout(() => settle(() => reject(new Error(`no answer in ${options.timeoutMs / 1000} s`))), options.timeoutMs);
    try {
      handle = options.transport.connect(request.url, {
        open: () => handle?.send(request.text),
        message: (data) => {
          try {
            const page = read(typeof data === 'string' ? data : utf8.decode(data));
            if (page) settle(() => resolve(page));
          } catch (error) {
            settle(() => reject(error));
          }
        },
        close: (code, reason) => settle(() => reject(new Error(`socket closed before the answer (${code}${reason ? ` ${clipText(reason)}` : ''})`))),
      });
    } catch (error) {
      settle(() => reject(error));
    }
  });
}

/** Every page of one way of asking, read. */
async function pages(source: FeedCatalogSource, first: CatalogRequest, options: FetchOptions): Promise<Market[]> {
  const markets: Market[] = [];
  let request: CatalogRequest | undefined = first;
  for (let n = 0; request; n++) {
    if (n === MAX_PAGES) throw new Error(`more than ${MAX_PAGES} pages`);
    const asked: CatalogRequest = request;
    let page: CatalogPage | undefined;
    if (asked.via === 'socket') page = await askSocket(asked, (text) => source.read(text, asked), options);
    else page = source.read(await getText((url, ms) => options.transport.fetch(url, ms), asked.url, options.timeoutMs), asked);
    if (!page) throw new Error('the answer is not the list asked for');
    markets.push(...page.markets);
    request = page.next;
  }
  return markets;
}

/**
 * A feed's markets as its venue lists them now, asked each way the source offers in turn (Binance spot: its
 * WebSocket API, then REST) until one answers in full. Rejects, saying why for each way, when none does, or when
 * the answer lists no market in USD, USDT or USDC: a list cut short is never passed on as the feed's catalog.
 */
export async function fetchFeedMarkets(source: FeedCatalogSource, endpoint: CatalogEndpoint, options: FetchOptions): Promise<Market[]> {
  const requests = source.requests(endpoint).filter((r) => options.sockets || r.via === 'fetch');
  const failures: string[] = [];
  for (const request of requests) {
    try {
      const markets = await pages(source, request, options);
      if (markets.length === 0) throw new Error('the list holds no market in USD, USDT or USDC');
      return markets;
    } catch (error) {
      failures.push(`${new URL(request.url).host}: ${describe(error)}`);
    }
  }
  throw new Error(failures.join('; '));
}
