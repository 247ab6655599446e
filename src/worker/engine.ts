import type { FeedSession } from '../feed/session';
import { Replayer } from '../feed/replay';
import { openRecording, type RecordingEvents } from '../feed/recording-reader';
import { SimHost } from '../sim/host';
import { simEndpoints } from '../sim/endpoints';
import { SIM_ORIGIN } from '../sim/port';
import { SIM_VENUES } from '../sim/venues';
import { PROTOCOLS } from '../venues';
import type { Endpoints, Market, VenueId, VenueProtocol } from '../venues/types';
import { VENUE_IDS } from '../venues/types';
import type { Diagnosis, DiagnosisRequest, DiagnosticsApi, EngineApi, RecordingState, ReplayProgress, Settings, View } from './api';
import { ConformanceRun, probingTransport } from './conformance';
import { Recorder, recordingTransport } from './recorder';
import { openRecordingStore } from './recording-disk';
import type { RecordingStore } from './recording-store';
import { SimTransport } from './sim-transport';
import { noCounters, type VenueStatus } from './status';
import { statusOfSession } from './session-status';
import type { Clock, Transport } from './transport';
import type { FallbackOptions } from './fallback-link';
import { ALTERNATIVE_HOSTS } from './alternative-hosts';
import type { VenueLinkOptions } from './link-options';
import { buildView, type VenueInput } from './view';

/** Link timing for tests and the soak (short stale and dead timeouts); the UI never sets it. */
export type LinkTuning = Partial<
  Pick<VenueLinkOptions, 'staleAfterMs' | 'deadAfterMs' | 'connectTimeoutMs' | 'requestTimeoutMs' | 'backoffInitialMs' | 'backoffMaxMs' | 'healthyAfterMs'> &
    FallbackOptions
>;

/** One venue's running connection, as the engine needs it. */
export interface FeedLink {
  readonly session: FeedSession;
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

export interface EngineDeps {
  readonly clock: Clock;
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

function disabledStatus(venue: VenueId, state: 'disabled' | 'unlisted', reason?: string): VenueStatus {
  return {
    venue,
    state,
    reason,
    messageRate: 0,
    counters: noCounters(),
  };
}

/** Events applied between two yields when a replay runs as fast as possible, so views keep flowing. */
const REPLAY_BATCH = 500;

interface Replay {
  readonly replayer: Replayer;
  readonly events: RecordingEvents;
  readonly name: string;
  readonly speed: number;
  readonly totalBytes: number;
  cancelled: boolean;
  done: boolean;
  failed?: string;
}

function progressOf(replay: Replay): ReplayProgress {
  const { replayer, events } = replay;
  return {
    name: replay.name,
    speed: replay.speed,
    bytesRead: events.bytesRead,
    totalBytes: replay.totalBytes,
    lines: replayer.lines,
    unreadable: replayer.lineErrors,
    done: replay.done,
    failed: replay.failed,
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
 * The worker's core: one link per enabled venue for the chosen pair, the recorder, replays and the demo
 * simulator; builds a view when the UI asks and something changed.
 */
export class Engine implements EngineApi, DiagnosticsApi {
  private readonly deps: EngineDeps;
  private settings: Settings | undefined;
  private readonly links = new Map<VenueId, FeedLink>();
  private effectiveSource: Settings['source'] = 'live';
  private demo: SimHost | undefined;
  private recorder: Recorder | undefined;
  private replaying: Replay | undefined;
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

  constructor(deps: EngineDeps) {
    this.deps = deps;
  }

  async configure(settings: Settings): Promise<void> {
    const before = this.settings;
    this.settings = settings;
    const feedsChanged =
      !before ||
      before.base !== settings.base ||
      before.source !== settings.source ||
      before.localOrigin !== settings.localOrigin ||
      before.venues.join() !== settings.venues.join();
    if (feedsChanged && !this.replaying) {
      this.effectiveSource = settings.source;
      this.everLive = false;
      this.restartLinks();
      this.armFallback();
    } else if (!this.replaying) {
      // A venue switched to or from its alternative host reconnects alone; the others' books stay as they are.
      const switched = settings.venues.filter((v) => (before?.alternativeHosts ?? []).includes(v) !== (settings.alternativeHosts ?? []).includes(v));
      if (switched.length) this.restartLinks(switched);
    }
    this.scheduleRefresh();
    this.changed();
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
    this.restartLinks();
    this.changed();
  }

  async stopRecording(): Promise<Blob> {
    const recorder = this.recorder;
    this.recorder = undefined;
    this.changed();
    return recorder ? recorder.finish() : new Blob([], { type: 'application/jsonl' });
  }

  async replay(recording: Blob, speed: number): Promise<void> {
    const replayer = new Replayer();
    // Refused before the feeds stop when it is not a recording.
    const events = await openRecording(recording, replayer);
    this.stopLinks();
    if (this.replaying) this.replaying.cancelled = true;
    const name = recording instanceof File ? recording.name : 'recording';
    const replay: Replay = { replayer, events, name, speed, totalBytes: recording.size, cancelled: false, done: false };
    this.replaying = replay;
    this.changed();
    const start = this.deps.clock.now();
    let t0: number | undefined;
    let applied = 0;
    try {
      for await (const e of events) {
        t0 ??= e.t;
        const due = Number.isFinite(speed) ? start + (e.t - t0) / speed : 0;
        const wait = due - this.deps.clock.now();
        if (wait > 0 || ++applied % REPLAY_BATCH === 0) await new Promise((resolve) => this.deps.clock.setTimeout(() => resolve(undefined), Math.max(0, wait)));
        if (replay.cancelled) break;
        await replayer.event(e);
        this.newestFrameAt = this.deps.clock.now();
        this.changed();
      }
    } catch (error) {
      replay.failed = error instanceof Error ? error.message : String(error);
      throw error;
    } finally {
      replay.done = true;
      this.changed();
    }
  }

  /** Leaves a finished or unwanted replay and goes back to the configured feeds. */
  async stopReplay(): Promise<void> {
    if (!this.replaying) return;
    this.replaying.cancelled = true;
    this.replaying = undefined;
    this.restartLinks();
    this.changed();
  }

  async diagnose(request: DiagnosisRequest): Promise<Diagnosis> {
    await this.newRecorder();
    const clock = this.deps.clock;
    const diagnosis: DiagnosisRun = { run: new ConformanceRun(clock.now(), request.seconds * 1000), request };
    this.diagnosing = diagnosis;
    if (this.replaying) this.replaying.cancelled = true;
    this.replaying = undefined;
    // Only the book matters to the check; the ladder's settings are the smallest that build.
    this.settings = { base: 'BTC', venues: request.venues, step: 0, rows: 1, executionSide: 'buy', executionSize: 0, source: request.source, localOrigin: request.localOrigin };
    this.effectiveSource = request.source;
    this.armFallback();
    this.restartLinks();
    this.scheduleRefresh();
    this.changed();
    await new Promise((resolve) => clock.setTimeout(() => resolve(undefined), diagnosis.run.durationMs));
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
      const link = this.links.get(venue);
      return protocol && link ? [run.row(venue, protocol.name, link, !!protocol.checksum, done)] : [];
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
    if (!this.replaying) this.restartLinks();
    this.changed();
  }

  /** Test hook: each venue's status and its book's best `depth` levels per side, as [price, size]. */
  books(depth: number): Partial<Record<VenueId, { status: VenueStatus; bids: [number, number][]; asks: [number, number][] }>> {
    const out: Partial<Record<VenueId, { status: VenueStatus; bids: [number, number][]; asks: [number, number][] }>> = {};
    for (const input of this.venueInputs()) {
      if (input.book) out[input.venue] = { status: input.status, bids: input.book.bids.top(depth), asks: input.book.asks.top(depth) };
    }
    return out;
  }

  /** The transport for a market, and where each venue (or, given its endpoints, its alternative host) is reached. */
  private transportFor(market: Market): { transport: Transport; endpoints: (p: VenueProtocol, alternative?: Endpoints) => Endpoints } {
    const s = this.settings!;
    let base: Transport = this.deps.network;
    let endpoints = (p: VenueProtocol, alternative?: Endpoints): Endpoints => alternative ?? p.endpoints;
    if (this.effectiveSource === 'demo') {
      this.demo ??= this.deps.demo ? this.deps.demo() : this.startDemo();
      base = new SimTransport(this.demo);
      endpoints = (p, alternative) => simEndpoints(p, DEMO_ORIGIN, alternative);
    } else if (this.effectiveSource === 'local') {
      const origin = s.localOrigin ?? SIM_ORIGIN;
      endpoints = (p, alternative) => simEndpoints(p, origin, alternative);
    }
    const recorded = recordingTransport(base, market.venue, market.symbol, this.deps.clock, () => this.recorder);
    const probe = this.diagnosing?.run.probe(market.venue);
    return { transport: probe ? probingTransport(recorded, probe) : recorded, endpoints };
  }

  private startDemo(): SimHost {
    const host = new SimHost(SIM_VENUES, 1);
    host.start(1);
    return host;
  }

  /** Reconnects every venue's link, or only those of `only`. */
  private restartLinks(only?: readonly VenueId[]): void {
    this.stopLinks(only);
    const s = this.settings;
    if (!s) return;
    if (this.effectiveSource !== 'demo' && this.demo) {
      this.demo.stop();
      this.demo = undefined;
    }
    for (const venue of s.venues) {
      if (only && !only.includes(venue)) continue;
      const protocol = PROTOCOLS[venue];
      const market = protocol?.market(s.base);
      if (!protocol || !market) continue;
      const alternative = s.alternativeHosts?.includes(venue) ? ALTERNATIVE_HOSTS[venue] : undefined;
      const { transport, endpoints } = this.transportFor(market);
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
          this.diagnosing?.run.observe(venue, link.session, this.newestFrameAt);
          this.changed();
        },
      });
      this.links.set(venue, link);
      link.start();
    }
  }

  private stopLinks(only?: readonly VenueId[]): void {
    for (const [venue, link] of this.links) {
      if (only && !only.includes(venue)) continue;
      link.stop();
      this.links.delete(venue);
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
      this.restartLinks();
      this.changed();
    }, FALLBACK_AFTER_MS);
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
    if (this.waiters.length && this.settings) {
      const view = this.build(this.waiters.some((w) => w.summary));
      const waiting = this.waiters;
      this.waiters = [];
      for (const w of waiting) w.resolve(view);
    }
  }

  private venueInputs(): VenueInput[] {
    const s = this.settings!;
    return VENUE_IDS.map((venue): VenueInput => {
      const protocol = PROTOCOLS[venue];
      const name = protocol?.name ?? venue;
      if (this.replaying) {
        const session = this.replaying.replayer.sessions.get(venue);
        if (!session) return { venue, name, status: disabledStatus(venue, 'disabled', 'not in this recording') };
        return { venue, name, status: statusOfSession(venue, session, this.deps.clock.now()), book: session.book };
      }
      const market = protocol?.market(s.base);
      if (!market) return { venue, name, status: disabledStatus(venue, 'unlisted', `${name} does not list ${s.base}`) };
      const link = this.links.get(venue);
      if (!link) return { venue, name, market, status: disabledStatus(venue, 'disabled') };
      const status = link.status();
      if (status.state === 'live') this.everLive = true;
      return { venue, name, market, status, book: link.session.book };
    });
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
      newestFrameAt: this.newestFrameAt,
      dataNote: this.dataNote(),
      replaying: this.replaying !== undefined,
      recording: recordingStateOf(this.recorder),
      summary: withSummary,
    });
    // The replay's progress rides beside what the view builder makes of the books.
    const view: View = this.replaying ? { ...built, replay: progressOf(this.replaying) } : built;
    this.dirty = false;
    this.lastView = view;
    return view;
  }
}
