import type { Consolidated } from '../market/consolidate';
import type { DepthSteps } from '../market/depth-chart';
import type { ExecutionEstimate } from '../market/execution';
import type { CatalogSource } from '../catalog/types';
import type { HeatmapMemory, HeatmapReadout, HeatmapViewport, ImbalanceView, SizeToMoveView, Wall, WallRule } from '../liquidity/types';
import type { FeedId, Market, MarketKind, Quote, VenueId } from '../venues/types';
import type { ConformanceRow } from './conformance';
import type { VenueStatus } from './status';
import type { TapeTrade, TradeStats, TradeVolumes } from '../trades/types';

/** Where the worker gets its data: the venues' real hosts, the loopback simulator server, or the in-worker demo. */
export type FeedSource = 'live' | 'local' | 'demo';

/** What the UI asks of the worker; every field can change at any time without a reload. */
/** The one currency every book is shown in, converted by live stablecoin rates. */
export type DisplayCurrency = 'USD' | 'USDT';
export const DISPLAY_CURRENCIES: readonly DisplayCurrency[] = ['USD', 'USDT'];

export interface Settings {
  /** The base asset, as the catalog names it (BTC, PEPE, ...). */
  readonly base: string;
  /** Market kinds shown: spot, perpetual, or both. */
  readonly kinds: readonly MarketKind[];
  /** The feeds (a venue's spot or perpetual market) switched on; those of a kind not shown stay off. */
  readonly feeds: readonly FeedId[];
  readonly currency: DisplayCurrency;
  /** Price grouping of the ladder; 0 shows every venue price level. */
  readonly step: number;
  /** Ladder rows per side. */
  readonly rows: number;
  readonly executionSide: 'buy' | 'sell';
  /** Order size for the execution estimate, in base units. */
  readonly executionSize: number;
  readonly source: FeedSource;
  /** Origin of the loopback simulator server when `source` is 'local', e.g. http://127.0.0.1:8790 */
  readonly localOrigin?: string;
  /** Venues the user switched to their alternative host (Binance.US), which lists their pair; absent: none. */
  readonly alternativeHosts?: readonly VenueId[];
  /** How walls are found; absent: DEFAULT_WALL_RULE. */
  readonly wallRule?: WallRule;
  /** The band either side of mid the imbalance compares, in bps; absent: 10. */
  readonly imbalanceBps?: number;
}

/** One feed's line in the venues table: prices in the display currency, sizes in base units. */
export interface VenueView {
  readonly feed: FeedId;
  readonly venue: VenueId;
  readonly kind: MarketKind;
  readonly name: string;
  readonly market?: Market;
  readonly status: VenueStatus;
  readonly bestBid?: number;
  readonly bestAsk?: number;
  /** The venue's own best prices, in the market's quote, before conversion. */
  readonly rawBestBid?: number;
  readonly rawBestAsk?: number;
  readonly spread?: number;
  readonly spreadBps?: number;
  /** Size (base units) within ±0.1 % and ±1 % of the consolidated mid, bids + asks. */
  readonly depth01?: number;
  readonly depth1?: number;
}

/**
 * The panels a trader reads a few times a second (venue chips and table, depth chart, execution estimate): built
 * and sent only when the UI asks, since they are most of a view's bytes and every view is copied to the main
 * thread, and repainting them every frame costs the main thread more than a reader gains.
 */
export interface ViewSummary {
  readonly venues: readonly VenueView[];
  readonly execution?: ExecutionEstimate;
  /** The depth chart at full resolution: every price's step (bounded: see depthSteps). */
  readonly depth: { readonly bids: DepthSteps; readonly asks: DepthSteps };
  readonly catalog: CatalogState;
  /** Walls standing, and those that ended in the last few minutes (pulled or filled), newest first. */
  readonly walls: readonly Wall[];
  readonly wallRule: WallRule;
  readonly imbalance: ImbalanceView;
  readonly sizeToMove: SizeToMoveView;
  /** Bought and sold over each window, VWAP and volume delta, per feed and for all feeds together. */
  readonly tradeVolumes: TradeVolumes;
  /** Each feed's trade numbering: trades taken, repeats left out, jumps (with the trades they skipped). */
  readonly tradeStats: Partial<Record<FeedId, TradeStats>>;
}

/**
 * The trades that arrived since the previous view, oldest first: the tape is coalesced per frame for the page,
 * never for the volumes, which count every trade. A frame with more than a view carries lists the newest.
 */
export interface TradesDelta {
  readonly newest: readonly TapeTrade[];
  /** Trades left out of `newest` (older ones past its cap): counted in the volumes, not listed on the tape. */
  readonly skipped: number;
}

/** The in-app recorder, as the screen shows it. */
export interface RecordingState {
  readonly active: boolean;
  readonly events: number;
  /** Bytes recorded so far. */
  readonly bytes: number;
  /** Set when the recording is kept in memory (the browser gives the app no file storage): the most it holds. */
  readonly capBytes?: number;
  /** Set when recording stopped by itself (its cap reached, the disk full): why. What was recorded is kept. */
  readonly halted?: string;
}

/** How far a replay has read its file. */
export interface ReplayProgress {
  /** The file's name. */
  readonly name: string;
  /** Times real time (Infinity: as fast as possible). */
  readonly speed: number;
  readonly bytesRead: number;
  readonly totalBytes: number;
  /** Lines read (blank ones aside), and those that were not a recorded event or were too long to read. */
  readonly lines: number;
  readonly unreadable: number;
  /** The whole file has been replayed (or the replay stopped early on an error: `failed` says why). */
  readonly done: boolean;
  readonly failed?: string;
  /** Recorded time of the first event and of the event replayed last, epoch ms: the scrubber's span and position. */
  readonly startT?: number;
  readonly atT?: number;
  /** Recorded time of the last event, once the whole file has been read once (a seek reads it again). */
  readonly endT?: number;
}

/** A stablecoin rate the books were converted with: `rate` display units per one `from`. */
export interface RateView {
  readonly from: Quote;
  readonly to: DisplayCurrency;
  /** Undefined while no source has a live book: books quoted in `from` are then left out. */
  readonly rate?: number;
  /**
   * The books it came from (their mids), e.g. Kraken USDT/USD: the books of one `hop` averaged, two hops chained
   * when no book quotes the pair directly (USDC/USDT, then USDT/USD).
   */
  readonly sources: readonly { readonly feed: FeedId; readonly symbol: string; readonly mid: number; readonly hop: number }[];
  /** Time since the source book last changed, ms (the oldest, for a chain). */
  readonly ageMs?: number;
  /** The source book has not changed for longer than a rate can be trusted, or none is live. */
  readonly stale: boolean;
}

/** A perpetual's premium over spot, in basis points of spot, from the mids after conversion. */
export interface BasisView {
  /** The venue whose perpetual and spot are compared; undefined for all perpetuals against all spot books. */
  readonly venue?: VenueId;
  readonly perpetualMid: number;
  readonly spotMid: number;
  readonly bps: number;
}

/** Where each feed's list of markets came from and how old it is, as the screen says it. */
export interface CatalogState {
  readonly feeds: readonly { readonly feed: FeedId; readonly source: CatalogSource; readonly fetchedAt?: number; readonly note?: string }[];
}

/** Everything the screen shows, computed in the worker; the main thread only renders it. */
export interface View {
  /** Grows by one per view: the UI can tell a new view from the last. */
  readonly seq: number;
  /** Worker time the view was built, epoch ms. */
  readonly builtAt: number;
  /** Receive time of the newest frame reflected in this view, epoch ms, for arrival-to-paint latency. */
  readonly newestFrameAt?: number;
  readonly settings: Settings;
  readonly consolidated: Consolidated;
  /** Present when the UI asked for it, and in the first view after the settings or a venue's state changed. */
  readonly summary?: ViewSummary;
  /** Feeds whose books are in the consolidated view (live ones, with a rate to the display currency). */
  readonly included: readonly FeedId[];
  /** Live feeds left out of the consolidated view, and why (no live rate for their quote). */
  readonly excluded: readonly { readonly feed: FeedId; readonly reason: string }[];
  /** The rates every quote other than the display currency was converted with. */
  readonly rates: readonly RateView[];
  /** Present when spot and perpetual books are both included. */
  readonly basis?: readonly BasisView[];
  /**
   * The included venues whose book is partial (their partial-depth channel's best `depth` levels a side, not
   * sequence-verified): their levels are in the ladder, depth chart and execution estimate, and nothing beyond
   * their `depth`-th level is known.
   */
  readonly partial: readonly { readonly feed: FeedId; readonly depth: number }[];
  /** Set while data is simulated, recorded, or replayed, so the UI can say so plainly. */
  readonly dataNote?: string;
  /** True while a recording is shown instead of the feeds. */
  readonly replaying: boolean;
  /** Present while a recording is shown. */
  readonly replay?: ReplayProgress;
  readonly recording: RecordingState;
  /** The included feeds' trades since the previous view, in the display currency. */
  readonly trades: TradesDelta;
}

/** What the `?diagnose` view asks for: the conformance check (src/worker/conformance.ts) on these venues' BTC books. */
export interface DiagnosisRequest {
  readonly source: FeedSource;
  /** The loopback simulator's origin when `source` is 'local'. */
  readonly localOrigin?: string;
  readonly venues: readonly VenueId[];
  readonly seconds: number;
}

/** The conformance check as it stands. */
export interface Diagnosis {
  /** Worker time the check started, epoch ms. */
  readonly startedAt: number;
  readonly seconds: number;
  /** The time is up: every row carries its verdict, the links are stopped and the recording waits for stopRecording. */
  readonly done: boolean;
  readonly rows: readonly ConformanceRow[];
  readonly recording: RecordingState;
}

/** One base asset the catalog lists, and the feeds that list it. */
export interface CatalogEntry {
  readonly base: string;
  readonly feeds: readonly FeedId[];
}

/** The catalog as the pair picker needs it. */
export interface CatalogView extends CatalogState {
  /** Every base listed on at least one feed, most-listed first. */
  readonly bases: readonly CatalogEntry[];
}

/** The worker's API, exposed with Comlink. */
export interface EngineApi {
  /** The instrument catalog as it stands (live, build-time or built-in per feed); resolves once it is loaded. */
  catalog(): Promise<CatalogView>;
  /** Applies settings (the first call starts the feeds); changes take effect without a reload. */
  configure(settings: Settings): Promise<void>;
  /**
   * The next view after `afterSeq`: answers at once when something changed since, otherwise when something
   * does. The UI asks again once it has painted, so no view ever queues up unseen. With `summary` the view
   * carries the summary panels too.
   */
  nextView(afterSeq: number, summary?: boolean): Promise<View>;
  /** Starts capturing raw traffic in the recording format, to the device's storage as it goes where it can. */
  startRecording(): Promise<void>;
  /** Stops capturing and returns the recording, JSON Lines, as a file (on disk where it was written there). */
  stopRecording(): Promise<Blob>;
  /**
   * Replays a recording file in place of live feeds as it reads it, at `speed` times real time (Infinity: as
   * fast as possible); the view carries the progress. Rejects, with the feeds left as they were, a file that
   * is not a recording. Resolves when the replay ends.
   */
  replay(recording: Blob, speed: number): Promise<void>;
  /** Leaves a replay and goes back to the configured feeds. */
  stopReplay(): Promise<void>;
  /**
   * Moves the replay to recorded time `t` (epoch ms): forward by applying the events up to it at once, backward by
   * replaying the file from its start to it. The replay then goes on at its speed from there.
   */
  seekReplay(t: number): Promise<void>;
  /**
   * Hands the heatmap's canvas to the worker (transferred: Comlink.transfer), which draws the liquidity history on it
   * from then on, at most once per animation frame of its own, with no work on the main thread.
   */
  heatmap(canvas: OffscreenCanvas, viewport: HeatmapViewport): Promise<void>;
  /** Pans, zooms, resizes, filters or re-themes the heatmap; cheap, called as the user drags. */
  heatmapViewport(viewport: HeatmapViewport): Promise<void>;
  /** The read-out under the crosshair at CSS pixel (x, y) of the canvas; undefined outside the history. */
  heatmapProbe(x: number, y: number): Promise<HeatmapReadout | undefined>;
  /** How much history the heatmap holds and its memory. */
  heatmapMemory(): Promise<HeatmapMemory>;
}

/** The worker's API for the `?diagnose` view (the same engine, which implements both). */
export interface DiagnosticsApi {
  /**
   * Runs the conformance check: a link per venue from `source` (never falling back to the demo: a check reports
   * the venues as they are), the recorder on from the first byte, for `seconds`. Resolves with the final rows
   * when the time is up; the recording is then fetched with stopRecording.
   */
  diagnose(request: DiagnosisRequest): Promise<Diagnosis>;
  /** The running (or the last) check, as it stands. */
  diagnosis(): Promise<Diagnosis | undefined>;
}
