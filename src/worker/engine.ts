import type { FeedSession } from '../feed/session';
import type { ReceivedTrade, TradeStats } from '../trades/types';
import { SimHost } from '../sim/host';
import { simCatalogEndpoints, simEndpoints } from '../sim/endpoints';
import { SIM_ORIGIN } from '../sim/port';
import { SIM_VENUES } from '../sim/venues';
import { PROTOCOLS } from '../venues';
import { FEEDS, FEED_IDS, type Endpoints, type FeedId, type Market, type VenueProtocol } from '../venues/types';
import type { CatalogEndpoint } from '../catalog/sources';
import { marketIn, marketOf, type Catalog } from '../catalog/types';
import { rateBookOf } from '../feed/rate-book';
import type { RateBook } from '../market/rates';
import type { HeatmapMemory, HeatmapReadout, HeatmapViewport } from '../liquidity/types';
import type { CatalogState, CatalogView, Diagnosis, DiagnosisRequest, DiagnosticsApi, EngineApi, RecordingState, Settings, View } from './api';
import { ConformanceRun, probingTransport } from './conformance';
import { Recorder, recordingTransport } from './recorder';
import { openRecordingStore } from './recording-disk';
import type { RecordingStore } from './recording-store';
import { ReplayRun } from './replay-run';
import { SharedSockets } from './shared-sockets';
import { SimTransport } from './sim-transport';
import { noCounters, type VenueStatus } from './status';
import { statusOfSession } from './session-status';
import type { Clock, Transport } from './transport';
import type { FallbackOptions } from './fallback-link';
import { ALTERNATIVE_HOSTS } from './alternative-hosts';
import type { VenueLinkOptions } from './link-options';
import { LiquiditySampler, SAMPLE_MS } from './liquidity-sampler';
import { buildView, midOf, quoteBooks, type VenueInput } from './view';
import { TradeFlow, sessionTrades, tradeStatsOf, type TradeSource } from './trade-flow';

/** Link timing for tests and the soak (short stale and dead timeouts); the UI never sets it. */
export type LinkTuning = Partial<
  Pick<VenueLinkOptions, 'staleAfterMs' | 'deadAfterMs' | 'connectTimeoutMs' | 'requestTimeoutMs' | 'backoffInitialMs' | 'backoffMaxMs' | 'healthyAfterMs'> &
    FallbackOptions
>;

/** One venue's running connection, as the engine needs it. */
export interface FeedLink {
  /** The book on screen. */
  readonly session: FeedSession;
  /**
   * The market's trades received since the last call, oldest first, each once: from the book's socket, the
   * partial-depth fallback's, or a trade socket of their own, whichever the feed has them on.
   */
  takeTrades(): ReceivedTrade[];
  /** The feed's trade numbering over all of those sockets: trades taken, repeats left out, jumps. */
  tradeStats(): TradeStats;
  status(): VenueStatus;
  start(): void;
  stop(): void;
  /** Resolves once every frame received has been applied (binary ones decode asynchronously). */
  idle(): Promise<void>;
}

export interface LinkOptions {
  readonly protocol: VenueProtocol;
  readonly market: Market;
  readonly endpoints: Endpoints;
  readonly transport: Transport;
  readonly clock: Clock;
  /** Called whenever the book or the status changed. */
  readonly onChange: () => void;
  readonly tuning?: LinkTuning;
  /** `endpoints` are the venue's alternative host's (Binance.US), chosen by the user. */
  readonly useAlternativeHost?: boolean;
}

/**
 * How the engine asks for the instrument catalog: through `transport`, at the venues' own hosts, or at `endpoints`
 * where a simulator stands in for them.
 */
export type CatalogLoader = (transport: Transport, endpoints?: Partial<Record<FeedId, CatalogEndpoint>>) => Promise<Catalog>;

export interface EngineDeps {
  readonly clock: Clock;
  readonly loadCatalog: CatalogLoader;
  /** The browser's sockets and fetch. */
  readonly network: Transport;
  readonly createLink: (options: LinkOptions) => FeedLink;
  /** The simulator behind demo mode; by default one is started inside the worker on first use. */
  readonly demo?: () => SimHost;
  /** Where a new recording goes; by default a file in the origin private file system, or memory without one. */
  readonly recordingStore?: () => Promise<RecordingStore>;
}

/** Seconds of 'live' source with no venue reachable before the engine falls back to the simulator. */
const FALLBACK_AFTER_MS = 10_000;
/** Statuses show ages and countdowns, so a view is refreshed at least this often. */
const REFRESH_MS = 1_000;
const DEMO_ORIGIN = 'http://demo.invalid';

function disabledStatus(feed: FeedId, state: 'disabled' | 'unlisted', reason?: string): VenueStatus {
  return {
    feed,
    venue: FEEDS[feed].venue,
    state,
    reason,
    messageRate: 0,
    counters: noCounters(),
  };
}

/** A conformance check in the worker (`?diagnose`): its run, what was asked, and the rows frozen when time was up. */
interface DiagnosisRun {
  readonly run: ConformanceRun;
  readonly request: DiagnosisRequest;
  final?: Diagnosis;
}

function recordingStateOf(recorder: Recorder | undefined): RecordingState {
  if (!recorder) return { active: false, events: 0, bytes: 0 };
  const { events, bytes, capBytes, halted } = recorder;
  return { active: true, events, bytes, capBytes: Number.isFinite(capBytes) ? capBytes : undefined, halted };
}

/**
 * The stablecoin books rates are read from (one `base` is worth `mid` of `quote`): each venue's own, where it lists
 * it. They are opened whatever feeds the user switched on, since a rate is not a venue's book on the ladder, and ride
 * on the venue's socket where the protocol multiplexes.
 */
const RATE_MARKETS: readonly { readonly feed: FeedId; readonly base: 'USDT' | 'USDC'; readonly quote: 'USD' | 'USDT' }[] = [
  { feed: 'kraken', base: 'USDT', quote: 'USD' },
  { feed: 'coinbase', base: 'USDT', quote: 'USD' },
  { feed: 'kraken', base: 'USDC', quote: 'USD' },
  { feed: 'binance', base: 'USDC', quote: 'USDT' },
  { feed: 'okx', base: 'USDC', quote: 'USDT' },
];

/** A book as the test hook `books` gives it: its status, market and best levels in the venue's own numbers. */
export interface BookTop {
  readonly status: VenueStatus;
  readonly market?: Market;
  readonly bids: [number, number][];
  readonly asks: [number, number][];
}

/** One market's running link: a book on the ladder, a rate book, or both (a stablecoin chosen as the pair). */
interface LinkEntry {
  readonly market: Market;
  readonly link: FeedLink;
  /** Whether the link is on its venue's alternative host. */
  readonly alternative: boolean;
  shown: boolean;
  rate: boolean;
}

/** What the links should be: each market by `<feed>|<symbol>`, with its roles. */
type WantedLinks = Map<string, { market: Market; shown: boolean; rate: boolean }>;

const keyOf = (market: Market): string => `${market.feed}|${market.symbol}`;

/**
 * The worker's core: one link per market shown (each switched-on feed's market for the chosen base) and per rate
 * book, the instrument catalog, the recorder, replays and the demo simulator; builds a view when the UI asks and
 * something changed.
 */
export class Engine implements EngineApi, DiagnosticsApi {
  private readonly deps: EngineDeps;
  private settings: Settings | undefined;
  private readonly links = new Map<string, LinkEntry>();
  private effectiveSource: Settings['source'] = 'live';
  private demo: SimHost | undefined;
  private recorder: Recorder | undefined;
  private replaying: ReplayRun | undefined;
  private seq = 0;
  private dirty = false;
  private lastView: View | undefined;
  private newestFrameAt: number | undefined;
  private waiters: { resolve: (view: View) => void; summary: boolean }[] = [];
  /**
   * The settings and the venues' states the last summary was built for: the first view after either changes
   * carries one unasked, so a venue going down or coming back shows at once, however briefly it lasts.
   */
  private summarized: { settings: Settings | undefined; states: string } = { settings: undefined, states: '' };
  private fallbackTimer: unknown;
  private refreshTimer: unknown;
  private everLive = false;
  private tuning: LinkTuning = {};
  private diagnosing: DiagnosisRun | undefined;
  /** The catalog of each source (live venues, a simulator origin, the demo), loaded once. */
  private readonly catalogs = new Map<string, Promise<Catalog>>();
  /** The catalog the links were made from. */
  private catalogNow: Catalog = {};
  /** Bumped by every reconcile: a catalog that arrives after a newer one was asked for is not used. */
  private reconciling = 0;
  /** The network's sockets, shared by the markets of a venue whose protocol multiplexes; the demo's, likewise. */
  private readonly shared: SharedSockets;
  private demoShared: SharedSockets | undefined;
  /** The book over time: walls, imbalance, the heatmap's columns. */
  private readonly liquidity = new LiquiditySampler();
  private samplingTimer: unknown;
  /** The trades from every shown market: the tape, the volumes, and the heatmap's bubbles. */
  private readonly trades = new TradeFlow((trades) => this.liquidity.heatmap.trades(trades));

  constructor(deps: EngineDeps) {
    this.deps = deps;
    this.shared = new SharedSockets(deps.network, deps.clock);
  }

  async configure(settings: Settings): Promise<void> {
    const before = this.settings;
    this.settings = settings;
    const sourceChanged = !before || before.source !== settings.source || before.localOrigin !== settings.localOrigin;
    // History of another pair, currency or source says nothing about this one.
    if (sourceChanged || before.base !== settings.base || before.currency !== settings.currency) this.forgetHistory();
    this.trades.keepOnly(new Set(settings.feeds.filter((f) => settings.kinds.includes(FEEDS[f].kind))));
    if (sourceChanged && !this.replaying) {
      this.effectiveSource = settings.source;
      this.everLive = false;
      this.stopLinks();
      this.armFallback();
    }
    if (!this.replaying) {
      // A venue switched to or from its alternative host reconnects alone; the others' books stay as they are.
      const switched = FEED_IDS.filter((f) => (before?.alternativeHosts ?? []).includes(FEEDS[f].venue) !== (settings.alternativeHosts ?? []).includes(FEEDS[f].venue));
      if (switched.length) this.stopLinks((entry) => switched.includes(entry.market.feed));
      await this.reconcile();
    }
    this.scheduleRefresh();
    this.scheduleSampling();
    this.changed();
  }

  async heatmap(canvas: OffscreenCanvas, viewport: HeatmapViewport): Promise<void> {
    this.liquidity.heatmap.attach(canvas, viewport);
  }

  async heatmapViewport(viewport: HeatmapViewport): Promise<void> {
    this.liquidity.heatmap.setViewport(viewport);
  }

  async heatmapProbe(x: number, y: number): Promise<HeatmapReadout | undefined> {
    return this.liquidity.heatmap.probe(x, y);
  }

  async heatmapMemory(): Promise<HeatmapMemory> {
    return this.liquidity.heatmap.memory();
  }

  async catalog(): Promise<CatalogView> {
    const catalog = await this.catalogFor(this.effectiveSource);
    const feedsOf = new Map<string, Set<FeedId>>();
    for (const feed of FEED_IDS) {
      for (const m of catalog[feed]?.markets ?? []) {
        let feeds = feedsOf.get(m.base);
        if (!feeds) feedsOf.set(m.base, (feeds = new Set()));
        feeds.add(feed);
      }
    }
    const bases = [...feedsOf].map(([base, feeds]) => ({ base, feeds: FEED_IDS.filter((f) => feeds.has(f)) }));
    bases.sort((a, b) => b.feeds.length - a.feeds.length || a.base.localeCompare(b.base));
    return { bases, ...catalogState(catalog) };
  }

  nextView(afterSeq: number, summary = false): Promise<View> {
    const last = this.lastView;
    // A summary asked for after a view without one is built at once, changed or not: the summary panels never
    // lag the ladder by more than the UI's summary period, even when the market goes quiet.
    if (this.settings && (this.dirty || (summary && last !== undefined && !last.summary))) return Promise.resolve(this.build(summary));
    if (last && last.seq > afterSeq) return Promise.resolve(last);
    return new Promise((resolve) => this.waiters.push({ resolve, summary }));
  }

  async startRecording(): Promise<void> {
    await this.newRecorder();
    // A recording must start from a book the replay can rebuild: reconnect so it holds the snapshots.
    this.stopLinks();
    await this.reconcile();
    this.changed();
  }

  async stopRecording(): Promise<Blob> {
    const recorder = this.recorder;
    this.recorder = undefined;
    this.changed();
    return recorder ? recorder.finish() : new Blob([], { type: 'application/jsonl' });
  }

  async replay(recording: Blob, speed: number): Promise<void> {
    // Refused before the feeds stop when it is not a recording.
    const run = await ReplayRun.open(recording, speed);
    this.stopLinks();
    this.replaying?.cancel();
    this.replaying = run;
    this.forgetHistory();
    this.changed();
    await this.playReplay(run);
  }

  async seekReplay(t: number): Promise<void> {
    const run = this.replaying;
    if (!run) return;
    run.seek(t);
    // A run that reached the end of its file plays again to get there.
    if (run.done) void this.playReplay(run).catch(() => undefined);
  }

  private async playReplay(run: ReplayRun): Promise<void> {
    try {
      await run.play(this.deps.clock, {
        applied: (t) => {
          this.newestFrameAt = this.deps.clock.now();
          // A replay is sampled on its own clock: the heatmap and walls show recorded time.
          this.sampleLiquidity(t);
          this.changed();
        },
        restarted: () => {
          this.forgetHistory();
          this.changed();
        },
      });
    } finally {
      this.changed();
    }
  }

  /** Leaves a finished or unwanted replay and goes back to the configured feeds. */
  async stopReplay(): Promise<void> {
    if (!this.replaying) return;
    this.replaying.cancel();
    this.replaying = undefined;
    // The recording's time is not the feeds': its heatmap, walls and volumes do not run on into theirs.
    this.forgetHistory();
    await this.reconcile();
    this.changed();
  }

  /** The liquidity over time and the trades' volumes start again: another pair, currency, source or clock. */
  private forgetHistory(): void {
    this.liquidity.reset();
    this.trades.reset();
  }

  async diagnose(request: DiagnosisRequest): Promise<Diagnosis> {
    await this.newRecorder();
    const clock = this.deps.clock;
    const diagnosis: DiagnosisRun = { run: new ConformanceRun(clock.now(), request.seconds * 1000), request };
    this.diagnosing = diagnosis;
    this.replaying?.cancel();
    this.replaying = undefined;
    // Only the book matters to the check; the ladder's settings are the smallest that build.
    this.settings = {
      base: 'BTC',
      kinds: ['spot', 'perpetual'],
      feeds: request.venues,
      currency: 'USD',
      step: 0,
      rows: 1,
      executionSide: 'buy',
      executionSize: 0,
      source: request.source,
      localOrigin: request.localOrigin,
    };
    this.effectiveSource = request.source;
    this.stopLinks();
    this.armFallback();
    // The check's time runs from its start, the catalog's loading included.
    const timeUp = new Promise((resolve) => clock.setTimeout(() => resolve(undefined), diagnosis.run.durationMs));
    await this.reconcile();
    this.scheduleRefresh();
    this.changed();
    await timeUp;
    if (this.diagnosing !== diagnosis) return this.diagnosisOf(diagnosis, true);
    diagnosis.final = this.diagnosisOf(diagnosis, true);
    this.stopLinks();
    this.changed();
    return diagnosis.final;
  }

  async diagnosis(): Promise<Diagnosis | undefined> {
    const diagnosis = this.diagnosing;
    return diagnosis && (diagnosis.final ?? this.diagnosisOf(diagnosis, false));
  }

  private diagnosisOf({ run, request }: DiagnosisRun, done: boolean): Diagnosis {
    const rows = request.venues.flatMap((venue) => {
      const protocol = PROTOCOLS[venue];
      const entry = [...this.links.values()].find((e) => e.shown && e.market.feed === venue);
      return protocol && entry ? [run.row(venue, protocol.name, entry.link, !!protocol.checksum, done)] : [];
    });
    return { startedAt: run.startedAt, seconds: request.seconds, done, rows, recording: recordingStateOf(this.recorder) };
  }

  /** Starts a new recording, the previous one (if any) closed first: opening a new one deletes those before it. */
  private async newRecorder(): Promise<void> {
    const previous = this.recorder;
    this.recorder = undefined;
    await previous?.finish();
    this.recorder = new Recorder(await (this.deps.recordingStore ?? openRecordingStore)());
  }

  /**
   * Test hook (reached in the worker as `self.engine`, not through the UI's API): sets the links' timing and
   * reconnects them with it.
   */
  tune(tuning: LinkTuning): void {
    this.tuning = { ...tuning };
    if (!this.replaying) {
      this.stopLinks();
      void this.reconcile();
    }
    this.changed();
  }

  /**
   * Test hook: each shown feed's status, market and its book's best `depth` levels per side, as [price, size] in
   * the venue's own numbers (its quote, its size unit); and the rate books, by `<feed>|<symbol>`.
   */
  books(depth: number): Partial<Record<FeedId | `rate:${string}`, BookTop>> {
    const out: Partial<Record<FeedId | `rate:${string}`, BookTop>> = {};
    for (const input of this.venueInputs()) {
      if (input.book) out[input.feed] = { status: input.status, market: input.market, bids: input.book.bids.top(depth), asks: input.book.asks.top(depth) };
    }
    for (const [key, entry] of this.links) {
      if (entry.rate) out[`rate:${key}`] = { status: entry.link.status(), market: entry.market, bids: entry.link.session.book.bids.top(depth), asks: entry.link.session.book.asks.top(depth) };
    }
    return out;
  }

  /** The catalog of a source, loaded once: the venues', a simulator origin's, or the demo's. */
  private catalogFor(source: Settings['source']): Promise<Catalog> {
    const origin = this.simOrigin(source);
    const key = `${source} ${origin ?? ''}`;
    let catalog = this.catalogs.get(key);
    if (!catalog) {
      catalog = this.deps.loadCatalog(this.network(source).transport, origin === undefined ? undefined : simCatalogEndpoints(origin));
      this.catalogs.set(key, catalog);
    }
    return catalog;
  }

  /** The simulator origin a source reaches the venues at: the demo's, or the loopback one; none for the venues' own hosts. */
  private simOrigin(source: Settings['source']): string | undefined {
    if (source === 'demo') return DEMO_ORIGIN;
    if (source === 'local') return this.settings?.localOrigin ?? SIM_ORIGIN;
    return undefined;
  }

  /**
   * The transport of a source (its sockets shared where a protocol multiplexes), and where each feed (or, given its
   * endpoints, its venue's alternative host) is reached.
   */
  private network(source: Settings['source']): { transport: Transport; endpoints: (p: VenueProtocol, alternative?: Endpoints) => Endpoints } {
    const origin = this.simOrigin(source);
    const endpoints = (p: VenueProtocol, alternative?: Endpoints): Endpoints => (origin === undefined ? (alternative ?? p.endpoints) : simEndpoints(p, origin, alternative));
    if (source !== 'demo') return { transport: this.shared, endpoints };
    if (!this.demo) {
      this.demo = this.deps.demo ? this.deps.demo() : this.startDemo();
      this.demoShared = new SharedSockets(new SimTransport(this.demo), this.deps.clock);
    }
    return { transport: this.demoShared!, endpoints };
  }

  /** The transport for one market's link: the source's, recorded while recording, probed while a check runs. */
  private transportFor(market: Market, rate: boolean): { transport: Transport; endpoints: (p: VenueProtocol, alternative?: Endpoints) => Endpoints } {
    const { transport, endpoints } = this.network(this.effectiveSource);
    const recorded = recordingTransport(transport, market, this.deps.clock, () => this.recorder, rate);
    const probe = this.diagnosing?.run.probe(market.venue);
    return { transport: probe ? probingTransport(recorded, probe) : recorded, endpoints };
  }

  private startDemo(): SimHost {
    const host = new SimHost(SIM_VENUES, 1);
    host.start(1);
    return host;
  }

  /** The markets the settings ask for in `catalog`: each switched-on feed's for the base, and the rate books. */
  private wanted(catalog: Catalog): WantedLinks {
    const s = this.settings!;
    const wanted: WantedLinks = new Map();
    for (const feed of s.feeds) {
      if (!s.kinds.includes(FEEDS[feed].kind)) continue;
      const market = marketOf(catalog, feed, s.base);
      if (market) wanted.set(keyOf(market), { market, shown: true, rate: false });
    }
    const quotes = new Set([s.currency, ...[...wanted.values()].map((w) => w.market.quote)]);
    if (quotes.size > 1) {
      for (const r of RATE_MARKETS) {
        const market = marketIn(catalog, r.feed, r.base, r.quote);
        if (!market) continue;
        const existing = wanted.get(keyOf(market));
        if (existing) existing.rate = true;
        else wanted.set(keyOf(market), { market, shown: false, rate: true });
      }
    }
    return wanted;
  }

  /**
   * Brings the links in line with the settings: markets no longer wanted are stopped, new ones started, and the
   * others left running with their books, so switching a feed, the currency or the kinds disturbs no other book.
   */
  private async reconcile(): Promise<void> {
    const s = this.settings;
    if (!s || this.replaying) return;
    const turn = ++this.reconciling;
    const catalog = await this.catalogFor(this.effectiveSource);
    if (turn !== this.reconciling || this.replaying || this.settings !== s) return;
    this.catalogNow = catalog;
    if (this.effectiveSource !== 'demo' && this.demo) {
      this.stopLinks();
      this.demo.stop();
      this.demo = undefined;
      this.demoShared = undefined;
    }
    const wanted = this.wanted(catalog);
    this.stopLinks((entry) => !wanted.has(keyOf(entry.market)));
    for (const [key, w] of wanted) {
      const running = this.links.get(key);
      if (running) {
        running.shown = w.shown;
        running.rate = w.rate;
        continue;
      }
      this.links.set(key, { ...w, alternative: false, link: this.startLink(w.market, w.rate) });
    }
    this.changed();
  }

  private startLink(market: Market, rate: boolean): FeedLink {
    const s = this.settings!;
    const protocol = PROTOCOLS[market.feed];
    const alternative = s.alternativeHosts?.includes(market.venue) ? ALTERNATIVE_HOSTS[market.feed] : undefined;
    const { transport, endpoints } = this.transportFor(market, rate);
    const link = this.deps.createLink({
      protocol,
      market,
      endpoints: endpoints(protocol, alternative?.endpoints),
      useAlternativeHost: alternative !== undefined,
      transport,
      clock: this.deps.clock,
      tuning: this.tuning,
      onChange: () => {
        this.newestFrameAt = this.deps.clock.now();
        if (!rate) this.diagnosing?.run.observe(market.venue, link.session, this.newestFrameAt);
        this.changed();
      },
    });
    link.start();
    return link;
  }

  /** Stops every link, or those `which` picks. */
  private stopLinks(which: (entry: LinkEntry) => boolean = () => true): void {
    for (const [key, entry] of this.links) {
      if (!which(entry)) continue;
      entry.link.stop();
      this.links.delete(key);
    }
  }

  private armFallback(): void {
    if (this.fallbackTimer !== undefined) this.deps.clock.clearTimeout(this.fallbackTimer);
    this.fallbackTimer = undefined;
    // A check reports the venues as they are: it never swaps in the demo.
    if (this.effectiveSource !== 'live' || this.diagnosing) return;
    this.fallbackTimer = this.deps.clock.setTimeout(() => {
      this.fallbackTimer = undefined;
      if (this.everLive || this.replaying || this.effectiveSource !== 'live') return;
      this.effectiveSource = 'demo';
      this.stopLinks();
      void this.reconcile();
      this.changed();
    }, FALLBACK_AFTER_MS);
  }

  /** Samples the live books every SAMPLE_MS; a replay samples itself as it applies events. */
  private scheduleSampling(): void {
    if (this.samplingTimer !== undefined) return;
    const tick = (): void => {
      this.samplingTimer = this.deps.clock.setTimeout(tick, SAMPLE_MS);
      if (!this.replaying && this.settings) this.sampleLiquidity(this.deps.clock.now());
    };
    this.samplingTimer = this.deps.clock.setTimeout(tick, SAMPLE_MS);
  }

  /** One sample of the books as the view shows them, at feed time `t`. */
  private sampleLiquidity(t: number): void {
    const s = this.settings;
    if (!s || !this.liquidity.due(t)) return;
    const { quoted } = quoteBooks(this.venueInputs(), this.rateBooks(), s.currency);
    const books = [...quoted.values()];
    this.liquidity.sample(t, books, midOf(books), s);
  }

  private scheduleRefresh(): void {
    if (this.refreshTimer !== undefined) return;
    const tick = (): void => {
      this.refreshTimer = this.deps.clock.setTimeout(tick, REFRESH_MS);
      this.changed();
    };
    this.refreshTimer = this.deps.clock.setTimeout(tick, REFRESH_MS);
  }

  private changed(): void {
    this.dirty = true;
    if (this.settings) this.trades.take(this.tradeSources(), () => this.rateBooks(), this.settings.currency);
    if (this.waiters.length && this.settings) {
      const view = this.build(this.waiters.some((w) => w.summary));
      const waiting = this.waiters;
      this.waiters = [];
      for (const w of waiting) w.resolve(view);
    }
  }

  /** One input per feed, in the feeds' order: its market, status and book, or why it has none. */
  private venueInputs(): VenueInput[] {
    const s = this.settings!;
    const now = this.deps.clock.now();
    return FEED_IDS.map((feed): VenueInput => {
      const name = FEEDS[feed].label;
      if (this.replaying) {
        // The feed's market most recently opened in the recording (a recording can span a change of pair).
        const replayed = [...this.replaying.replayer.markets.values()].filter((m) => m.feed === feed && !m.rate).pop();
        if (!replayed) return { feed, name, status: disabledStatus(feed, 'disabled', 'not in this recording') };
        return { feed, name, market: replayed.market, status: statusOfSession(feed, replayed.session, now), book: replayed.session.book };
      }
      if (!s.kinds.includes(FEEDS[feed].kind)) return { feed, name, status: disabledStatus(feed, 'disabled', `${FEEDS[feed].kind === 'spot' ? 'spot markets' : 'perpetuals'} not shown`) };
      const market = marketOf(this.catalogNow, feed, s.base);
      if (!market) return { feed, name, status: disabledStatus(feed, 'unlisted', `${name} does not list ${s.base}`) };
      const entry = this.links.get(keyOf(market));
      if (!entry?.shown) return { feed, name, market, status: disabledStatus(feed, 'disabled') };
      const status = entry.link.status();
      if (status.state === 'live') this.everLive = true;
      return { feed, name, market, status, book: entry.link.session.book };
    });
  }

  /** Every market whose trades come in: its link, or its replayed session; a rate book's are not shown. */
  private tradeSources(): TradeSource[] {
    if (this.replaying) {
      return [...this.replaying.replayer.markets.values()].map((m) => ({ feed: m.feed, market: m.market, trades: sessionTrades(m.session), shown: !m.rate }));
    }
    return [...this.links.values()].map((e) => ({ feed: e.market.feed, market: e.market, trades: e.link, shown: e.shown }));
  }

  /** The stablecoin books the rates come from, live or replayed. */
  private rateBooks(): RateBook[] {
    const now = this.deps.clock.now();
    if (this.replaying) {
      // Aged by the recording's own clock: a rate is as fresh as it was at that point of the recording.
      const { replayer } = this.replaying;
      return [...replayer.markets.values()].filter((m) => m.rate && m.market).map((m) => rateBookOf(m.market!, m.session, replayer.now));
    }
    return [...this.links.values()].filter((e) => e.rate).map((e) => rateBookOf(e.market, e.link.session, now, e.link.status().state === 'live'));
  }

  /** What the volumes' windows end at: now, or the recording's own time while one plays (trades carry its clock). */
  private tradeClock(): number {
    return this.replaying ? this.replaying.replayer.now : this.deps.clock.now();
  }

  private dataNote(): string | undefined {
    if (this.replaying) return 'Replaying a recording: not live data';
    if (this.effectiveSource === 'demo') {
      return this.settings?.source === 'demo' ? 'Demo mode: simulated data, not a real market' : 'No venue reachable: showing simulated data (demo), not a real market';
    }
    if (this.effectiveSource === 'local') return 'Local simulator: simulated data, not a real market';
    return undefined;
  }

  private build(summary: boolean): View {
    const venues = this.venueInputs();
    const states = venues.map((v) => v.status.state).join();
    const withSummary = summary || this.summarized.settings !== this.settings || this.summarized.states !== states;
    if (withSummary) this.summarized = { settings: this.settings, states };
    const built = buildView({
      seq: ++this.seq,
      now: this.deps.clock.now(),
      settings: this.settings!,
      venues,
      rateBooks: this.rateBooks(),
      catalog: catalogState(this.catalogNow),
      liquidity: this.liquidity.state,
      newestFrameAt: this.newestFrameAt,
      dataNote: this.dataNote(),
      replaying: this.replaying !== undefined,
      recording: recordingStateOf(this.recorder),
      summary: withSummary,
      trades: this.trades.delta(),
      tradeSummary: withSummary ? { volumes: this.trades.figures(this.tradeClock()), stats: tradeStatsOf(this.tradeSources()) } : undefined,
    });
    // The replay's progress rides beside what the view builder makes of the books.
    const view: View = this.replaying ? { ...built, replay: this.replaying.progress() } : built;
    this.dirty = false;
    this.lastView = view;
    return view;
  }
}

/** Where each feed's list of markets came from, as the screen says it. */
function catalogState(catalog: Catalog): CatalogState {
  return {
    feeds: FEED_IDS.flatMap((feed) => {
      const c = catalog[feed];
      return c ? [{ feed, source: c.source, fetchedAt: c.fetchedAt, note: c.note }] : [];
    }),
  };
}
