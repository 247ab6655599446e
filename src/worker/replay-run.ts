import { Replayer } from '../feed/replay';
import { openRecording, type RecordingEvents } from '../feed/recording-reader';
import type { ReplayProgress } from './api';
import type { Clock } from './transport';

/** Events applied between two yields when a replay runs as fast as possible (or catches up), so views keep flowing. */
const REPLAY_BATCH = 500;

/** What a run tells its owner: an event was applied, or the replay went back to the file's start. */
export interface ReplayListener {
  applied(t: number): void;
  restarted(): void;
}

/**
 * One recording being replayed in place of the feeds: read as a stream, each event applied at its recorded pace
 * times `speed`, with seeking. A seek forward applies the events up to the target at once; a seek back reads the
 * file again from its start (a book cannot be run backwards), as fast as possible up to the target.
 */
export class ReplayRun {
  replayer: Replayer;
  events: RecordingEvents;
  readonly name: string;
  readonly speed: number;
  readonly totalBytes: number;
  done = false;
  failed?: string;
  /** Recorded time of the first event, and of the last once the whole file has been read. */
  startT?: number;
  endT?: number;
  private seekTo: number | undefined;
  private restart = false;
  private cancelled = false;
  /** Ends the wait for the next event's time early: a seek or a cancel does not wait for a slow replay's next event. */
  private wake: (() => void) | undefined;

  private constructor(
    private readonly recording: Blob,
    replayer: Replayer,
    events: RecordingEvents,
    speed: number,
  ) {
    this.replayer = replayer;
    this.events = events;
    this.name = recording instanceof File ? recording.name : 'recording';
    this.speed = speed;
    this.totalBytes = recording.size;
  }

  /** Opens a recording; rejects, before anything else changes, a file that is not one. */
  static async open(recording: Blob, speed: number): Promise<ReplayRun> {
    const replayer = new Replayer();
    const events = await openRecording(recording, replayer);
    return new ReplayRun(recording, replayer, events, speed);
  }

  progress(): ReplayProgress {
    const { replayer, events } = this;
    return {
      name: this.name,
      speed: this.speed,
      bytesRead: events.bytesRead,
      totalBytes: this.totalBytes,
      lines: replayer.lines,
      unreadable: replayer.lineErrors,
      done: this.done,
      failed: this.failed,
      startT: this.startT,
      atT: replayer.now || undefined,
      endT: this.endT,
    };
  }

  /** Asks for recorded time `t`; a finished run must be played again by its owner (`play`) to get there. */
  seek(t: number): void {
    this.seekTo = t;
    if (t < this.replayer.now) this.restart = true;
    this.wake?.();
  }

  /** Stops the run at once: no further event is applied. */
  cancel(): void {
    this.cancelled = true;
    this.wake?.();
  }

  /** Plays to the end of the file (or until cancelled), going back to the start whenever a seek asks for it. */
  async play(clock: Clock, listener: ReplayListener): Promise<void> {
    this.done = false;
    try {
      while (await this.pass(clock, listener)) {
        this.replayer = new Replayer();
        this.events = await openRecording(this.recording, this.replayer);
        listener.restarted();
      }
    } catch (error) {
      this.failed = error instanceof Error ? error.message : String(error);
      throw error;
    } finally {
      this.done = true;
    }
  }

  /** Waits `ms` (at least a turn of the event loop), or less when a seek or a cancel wakes the run. */
  private sleep(clock: Clock, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = clock.setTimeout(() => done(), Math.max(0, ms));
      const done = (): void => {
        clock.clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      this.wake = done;
    });
  }

  /** One pass over the file from where its reader is: true when a seek back asks for the file again. */
  private async pass(clock: Clock, listener: ReplayListener): Promise<boolean> {
    let start = clock.now();
    let t0: number | undefined;
    let applied = 0;
    for await (const e of this.events) {
      this.startT ??= e.t;
      const catchingUp = this.seekTo !== undefined && e.t < this.seekTo;
      if (this.seekTo !== undefined && !catchingUp) {
        // Past the target: recorded time runs on from the target at the replay's speed, this event in its turn.
        start = clock.now();
        t0 = this.seekTo;
        this.seekTo = undefined;
      }
      t0 ??= e.t;
      const due = catchingUp || !Number.isFinite(this.speed) ? 0 : start + (e.t - t0) / this.speed;
      const wait = due - clock.now();
      if (wait > 0 || ++applied % REPLAY_BATCH === 0) await this.sleep(clock, wait);
      if (this.cancelled) return false;
      if (this.restart) {
        this.restart = false;
        return true;
      }
      await this.replayer.event(e);
      listener.applied(e.t);
    }
    this.endT = this.replayer.now;
    if (this.restart) {
      this.restart = false;
      return true;
    }
    return false;
  }
}
