import { clipText } from '../feed/text';
import type { Effect, Endpoints, VenueProtocol } from '../venues/types';
import type { LinkContext } from './link-context';
import type { LinkHealth } from './link-health';
import { weightWait } from './request-weight';
import type { SnapshotRequest, SnapshotRequests } from './snapshot-requests';
import { describe, hostOf, seconds } from './status-text';
import type { HttpAnswer, Transport } from './transport';

/** Waits after a 429 or 418 whose Retry-After the page cannot read: Binance bans start at two minutes. */
const RATE_LIMITED_WAIT_MS = 10_000;
const BANNED_WAIT_MS = 120_000;

/** Retry-After in ms: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const at = Date.parse(text);
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}

function isHtml(answer: HttpAnswer): boolean {
  return /^\s*</.test(answer.body) || /text\/html/i.test(answer.headers['content-type'] ?? '');
}

/** What a refusing host said, clipped: a Binance-style JSON `msg`, or the body itself unless it is a web page. */
function refusalText(answer: HttpAnswer): string {
  if (isHtml(answer)) return '';
  let text = answer.body.trim();
  try {
    const msg: unknown = (JSON.parse(text) as { msg?: unknown } | null)?.msg;
    if (typeof msg === 'string') text = msg;
  } catch {
    // Not JSON: the text as it came.
  }
  return text ? `: ${clipText(text)}` : '';
}

/** What of the link REST snapshots need. */
export interface RestLink {
  readonly protocol: VenueProtocol;
  readonly endpoints: Endpoints;
  readonly health: LinkHealth;
  isOpen(): boolean;
  execute(effects: readonly Effect[]): void;
  /** Bookkeeping once an answer was applied to the session. */
  applied(snapshotsBefore: number): void;
}

/**
 * Snapshots by REST, and what an answer that is no snapshot means: a rate limit or a ban (waited out, by
 * Retry-After where the page can read it), a region refusal, an HTML page where JSON was due, the venue's
 * request weight nearly used up, or a refusal by the browser (CORS), which moves snapshots to the WebSocket API.
 */
export class RestSnapshots {
  constructor(
    private readonly ctx: LinkContext,
    private readonly transport: Transport,
    private readonly requests: SnapshotRequests,
    private readonly link: RestLink,
  ) {}

  fetch(url: string, request: SnapshotRequest): void {
    const { ctx } = this;
    let answer: Promise<HttpAnswer>;
    try {
      answer = this.transport.fetch(url, ctx.settings.requestTimeoutMs);
    } catch (err) {
      answer = Promise.reject(err);
    }
    answer.then(
      ctx.guard((a: HttpAnswer) => {
        if (!this.requests.settle(request)) return;
        this.answered(url, a);
      }),
      ctx.guard((err: unknown) => {
        if (!this.requests.settle(request)) return;
        this.rejected(url, err);
      }),
    );
  }

  private answered(url: string, answer: HttpAnswer): void {
    const { ctx, link, requests } = this;
    const { session } = ctx;
    const now = ctx.clock.now();
    const stats = session.stats;
    const host = hostOf(url);
    const status = answer.status;
    if (status === 418 || status === 429) {
      const retryAfter = parseRetryAfter(answer.headers['retry-after'], now);
      session.rest(url, status, answer.body, now);
      const what =
        status === 418
          ? `${host} has banned this IP for ignoring rate limits (HTTP 418)`
          : `${host} rate limit reached (HTTP 429)`;
      // A page sees Retry-After only where the venue exposes it (CORS); unseen, wait as a ban at least lasts.
      const delay = retryAfter ?? (status === 418 ? BANNED_WAIT_MS : RATE_LIMITED_WAIT_MS);
      const wait = retryAfter !== undefined ? `; Retry-After ${seconds(retryAfter)}` : `; waiting ${seconds(delay)}`;
      stats.lastError = what + wait;
      requests.failed(what + wait, delay);
      ctx.notify();
      return;
    }
    if (status === 451 || status === 403) {
      // 451 is a region refusal by name; a 403 is how Bybit's CDN (and a firewall) turns a region away.
      session.rest(url, status, answer.body, now);
      const what =
        (status === 451 ? `${link.protocol.name} refuses this region (HTTP 451 from ${host})` : `${host} forbids access (HTTP 403)`) + refusalText(answer);
      stats.lastError = what;
      link.health.regionHint = `possibly blocked in your region: HTTP ${status} from ${host}`;
      requests.failed(what);
      ctx.notify();
      return;
    }
    const errorsBefore = stats.errors;
    const snapshotsBefore = stats.snapshots;
    const gen = ctx.gen;
    const effects = session.rest(url, status, answer.body, now);
    link.applied(snapshotsBefore);
    this.respectWeight(answer, now);
    link.execute(effects);
    if (gen !== ctx.gen) return;
    if (stats.snapshots === snapshotsBefore && !session.awaitingSnapshot && session.state === 'syncing') {
      let what = stats.errors > errorsBefore && stats.lastError ? stats.lastError : `no snapshot in the answer from ${host}`;
      if (isHtml(answer) && !/HTML/.test(what)) what = `${what}: an HTML page where JSON was due`;
      what = clipText(what);
      stats.lastError = what;
      requests.failed(what);
    }
    ctx.notify();
  }

  /** Holds further snapshot requests until the next minute when the venue says its weight is nearly used up. */
  private respectWeight(answer: HttpAnswer, now: number): void {
    const wait = weightWait(this.link.protocol.id, answer, now);
    if (!wait) return;
    this.requests.holdUntil(wait.until);
    this.link.health.note = wait.note;
  }

  private rejected(url: string, err: unknown): void {
    const { ctx, link, requests } = this;
    const { session } = ctx;
    const host = hostOf(url);
    const timeout = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
    if (timeout) {
      const what = `REST snapshot from ${host} timed out after ${seconds(ctx.settings.requestTimeoutMs)}`;
      requests.abandon(url, what);
      requests.failed(what);
    } else if (err instanceof TypeError && link.endpoints.api && session.snapshotVia === 'rest') {
      // A page cannot tell a CORS refusal from a network failure; both are worked around the same way.
      const what = `REST ${host} refused by the browser (CORS or network): snapshots now over the WebSocket API`;
      requests.abandon(url, what);
      session.snapshotVia = 'api';
      link.health.note = what;
      link.execute(session.requestSnapshot());
    } else if (err instanceof TypeError) {
      const what = `REST snapshot from ${host} blocked by CORS (or the network failed): ${describe(err)}`;
      requests.abandon(url, what);
      // The stream is open, so the network is not what failed: the browser refused the answer, and this venue
      // has no WebSocket API to ask instead.
      if (link.isOpen()) link.health.impossible ??= `${link.protocol.name}'s REST snapshot refused by the browser (CORS), and it has no other way to send one`;
      requests.failed(what);
    } else {
      const what = `REST snapshot from ${host} failed: ${describe(err)}`;
      requests.abandon(url, what);
      requests.failed(what);
    }
    ctx.notify();
  }
}
