import type { FeedSession } from '../feed/session';
import { TradeSequence } from '../trades/sequence';
import type { ReceivedTrade, TradeStats } from '../trades/types';
import type { PartialDepthProtocol } from '../venues/types';
import type { VenueStatus } from './status';
import type { Clock } from './transport';
import type { VenueLink } from './venue-link';

/** First wait before exact sync is tried again, doubling after each failed try up to the cap. */
export const EXACT_PROBE_MS = 60_000;
const EXACT_PROBE_MAX_MS = 15 * 60_000;
/** A try at exact sync that has neither gone live nor been found impossible within this is given up. */
const PROBE_WINDOW_MS = 120_000;

export interface FallbackOptions {
  /** First wait before exact sync is tried again; default EXACT_PROBE_MS. */
  readonly exactProbeMs?: number;
  /** Longest wait between tries, however many failed; default EXACT_PROBE_MAX_MS. */
  readonly exactProbeMaxMs?: number;
}

/**
 * A venue's book kept exact where it can be, and from the venue's partial-depth channel where it cannot: when the
 * exact link finds exact sync impossible (VenueLink.exactImpossible), it is stopped and a link on the partial
 * channel shows the venue's top N instead, marked as such in the status. Exact sync is tried again in the
 * background, after EXACT_PROBE_MS and then less often, while the partial book stays on screen; the first exact
 * book that goes live takes over and the partial link is closed.
 *
 * The market's trades come from whichever of the two links is running, both while exact sync is tried beside the
 * partial book. Each link's session numbers its own trades, and the partial link is a new one every fallback, so
 * the feed's own numbering here takes each trade once across both and across every switch: a trade both sockets
 * carried is a repeat, and trades printed between one socket closing and the other opening are a jump.
 */
export class FallbackLink {
  private readonly exact: VenueLink;
  private readonly partialProtocol: PartialDepthProtocol;
  private readonly makePartial: (onChange: () => void) => VenueLink;
  private readonly clock: Clock;
  private readonly onChange: () => void;
  private readonly probeMs: number;
  private readonly probeMaxMs: number;

  private partial: VenueLink | undefined;
  /** Why the book is partial, while it is. */
  private why: string | undefined;
  private probing = false;
  /** Tries at exact sync that failed since the fallback began. */
  private failedProbes = 0;
  private probeAt: number | undefined;
  private probeTimer: unknown;
  private switchTimer: unknown;
  /** The feed's trade numbering across both links; repeats within one link's socket are counted by its session. */
  private readonly tradeSequence = new TradeSequence();
  /** Repeats and unread trades counted by the partial links' sessions already closed. */
  private retired = { duplicates: 0, unread: 0 };
  /** Trades a closed partial link had received and nobody had taken yet. */
  private leftOver: ReceivedTrade[] = [];

  /**
   * `makeExact` and `makePartial` build the two links with the given change listener; the exact one is built at
   * once, the partial one when it is needed.
   */
  constructor(
    makeExact: (onChange: () => void) => VenueLink,
    partialProtocol: PartialDepthProtocol,
    makePartial: (onChange: () => void) => VenueLink,
    clock: Clock,
    options: FallbackOptions,
    onChange: () => void,
  ) {
    this.exact = makeExact(() => this.exactChanged());
    this.partialProtocol = partialProtocol;
    this.makePartial = makePartial;
    this.clock = clock;
    this.probeMs = options.exactProbeMs ?? EXACT_PROBE_MS;
    this.probeMaxMs = options.exactProbeMaxMs ?? EXACT_PROBE_MAX_MS;
    this.onChange = onChange;
  }

  /** The book on screen: the partial one while the fallback stands. */
  get session(): FeedSession {
    return this.partial?.session ?? this.exact.session;
  }

  start(): void {
    this.exact.start();
  }

  /** Resolves once every frame either link received has been applied (VenueLink.idle). */
  async idle(): Promise<void> {
    await Promise.all([this.exact.idle(), this.partial?.idle()]);
  }

  /** Both links' trades since the last call, in the venue's order, less those the other link brought already. */
  takeTrades(): ReceivedTrade[] {
    const exact = this.exact.takeTrades();
    const partial = this.leftOver.concat(this.partial?.takeTrades() ?? []);
    this.leftOver = [];
    const received = exact.length && partial.length ? [...exact, ...partial].sort(venueOrder) : exact.length ? exact : partial;
    return received.filter((trade) => this.tradeSequence.admit(trade));
  }

  tradeStats(): TradeStats {
    const own = this.tradeSequence.stats;
    const sessions = [this.exact.tradeStats(), ...(this.partial ? [this.partial.tradeStats()] : [])];
    const sum = (field: 'duplicates' | 'unread'): number => sessions.reduce((n, s) => n + s[field], this.retired[field]);
    return { ...own, duplicates: own.duplicates + sum('duplicates'), unread: sum('unread') };
  }

  stop(): void {
    // The exact link first: what it reports as it stops must find nothing left to switch.
    this.exact.stop();
    this.clear();
    this.backToExact();
  }

  status(): VenueStatus {
    if (!this.partial) return this.exact.status();
    const status = this.partial.status();
    return { ...status, snapshotPath: 'stream', partial: { depth: this.partialProtocol.depth, why: this.why ?? '', exactRetryAt: this.probing ? undefined : this.probeAt } };
  }

  // The exact link reports from deep inside its own handlers: switching is done after it returns, never inside.
  private exactChanged(): void {
    if (this.switchTimer === undefined && this.switchDue()) {
      this.switchTimer = this.clock.setTimeout(() => {
        this.switchTimer = undefined;
        this.switchNow();
      }, 0);
    }
    this.onChange();
  }

  private switchDue(): boolean {
    if (!this.partial) return this.exact.exactImpossible !== undefined;
    return this.probing && (this.exact.session.state === 'live' || this.exact.exactImpossible !== undefined);
  }

  private switchNow(): void {
    if (!this.switchDue()) return;
    if (this.partial && this.exact.session.state === 'live') this.backToExact();
    else this.fallBack(this.exact.exactImpossible!);
    this.onChange();
  }

  /** Exact sync is impossible (again): the partial channel shows the book, and exact sync is tried later. */
  private fallBack(why: string): void {
    this.exact.stop();
    if (this.probing) this.failedProbes++;
    this.probing = false;
    this.why = why;
    if (!this.partial) {
      this.partial = this.makePartial(() => this.onChange());
      this.partial.start();
    }
    const delay = Math.min(this.probeMaxMs, this.probeMs * 2 ** Math.min(20, this.failedProbes));
    this.probeAt = this.clock.now() + delay;
    this.clearProbe();
    this.probeTimer = this.clock.setTimeout(() => this.probe(), delay);
  }

  /** Tries exact sync beside the partial book, which stays on screen until the exact one is live. */
  private probe(): void {
    this.probeTimer = undefined;
    this.probing = true;
    this.exact.start();
    this.probeTimer = this.clock.setTimeout(() => {
      this.probeTimer = undefined;
      if (this.probing && this.exact.session.state !== 'live') this.fallBack(`exact sync not live within ${PROBE_WINDOW_MS / 1000} s of trying again`);
      this.onChange();
    }, PROBE_WINDOW_MS);
    this.onChange();
  }

  private backToExact(): void {
    this.clearProbe();
    this.partial?.stop();
    if (this.partial) this.retire(this.partial);
    this.partial = undefined;
    this.why = undefined;
    this.probing = false;
    this.failedProbes = 0;
    this.probeAt = undefined;
  }

  /** A partial link goes: its trades not yet taken are taken now, and what its session counted is kept. */
  private retire(partial: VenueLink): void {
    this.leftOver = this.leftOver.concat(partial.takeTrades());
    const { duplicates, unread } = partial.tradeStats();
    this.retired = { duplicates: this.retired.duplicates + duplicates, unread: this.retired.unread + unread };
  }

  private clearProbe(): void {
    if (this.probeTimer !== undefined) this.clock.clearTimeout(this.probeTimer);
    this.probeTimer = undefined;
  }

  private clear(): void {
    this.clearProbe();
    if (this.switchTimer !== undefined) this.clock.clearTimeout(this.switchTimer);
    this.switchTimer = undefined;
  }
}

/** Trades of one market from two sockets in the venue's order: by its consecutive numbering, else by trade time. */
function venueOrder(a: ReceivedTrade, b: ReceivedTrade): number {
  return a.seq !== undefined && b.seq !== undefined ? a.seq - b.seq : a.time - b.time;
}
