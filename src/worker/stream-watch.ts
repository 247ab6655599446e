import type { VenueProtocol } from '../venues/types';
import type { LinkContext } from './link-context';
import { seconds } from './status-text';

export interface WatchedStream {
  isOpen(): boolean;
  /** The socket has been silent so long that it is taken for dead: close it and connect again. */
  dead(reason: string): void;
  send(text: string): void;
}

/**
 * Watches the stream socket for silence: 'stale' after `staleAfterMs` without a frame, dead after `deadAfterMs`;
 * sends the venue's keepalive meanwhile, and keeps the frame times the message rate is counted from.
 */
export class StreamWatch {
  lastFrameAt = 0;
  stale = false;
  private frameTimes: number[] = [];

  constructor(
    private readonly ctx: LinkContext,
    private readonly stream: WatchedStream,
  ) {}

  /** A stream frame about this market, or about none, arrived (another market's on a shared socket does not count). */
  frame(at: number): void {
    this.lastFrameAt = at;
    this.frameTimes.push(at);
    if (this.frameTimes.length > 4096) this.frameTimes.splice(0, 2048);
    if (this.stale) {
      // Alive again: watch for the next silence from this frame on.
      this.stale = false;
      if (this.stream.isOpen()) this.armWatchdog();
    }
  }

  /** The socket is open: watch it for silence (since `lastFrameAt`), and send the venue's keepalive if it has one. */
  start(keepalive: VenueProtocol['keepalive']): void {
    this.armWatchdog();
    if (keepalive) this.armKeepalive(keepalive.everyMs, keepalive.text);
  }

  /** Frames a second over the rate window. */
  rate(now: number): number {
    const windowMs = this.ctx.settings.rateWindowMs;
    const from = now - windowMs;
    let i = 0;
    while (i < this.frameTimes.length && this.frameTimes[i]! <= from) i++;
    if (i) this.frameTimes.splice(0, i);
    return this.frameTimes.length / (windowMs / 1000);
  }

  /** Checks for silence when it could first matter, not on every frame. */
  private armWatchdog(): void {
    const { staleAfterMs, deadAfterMs } = this.ctx.settings;
    const gen = this.ctx.gen;
    const now = this.ctx.clock.now();
    const silent = now - this.lastFrameAt;
    const due = silent >= staleAfterMs ? deadAfterMs : staleAfterMs;
    this.ctx.setTimer('watchdog', this.lastFrameAt + due - now, () => {
      if (gen !== this.ctx.gen || !this.stream.isOpen()) return;
      const quiet = this.ctx.clock.now() - this.lastFrameAt;
      if (quiet >= deadAfterMs) {
        this.stream.dead(`no data for ${seconds(quiet)}: closed the silent socket as dead (zombie connection)`);
        return;
      }
      if (quiet >= staleAfterMs && !this.stale) {
        this.stale = true;
        this.ctx.notify();
      }
      this.armWatchdog();
    });
  }

  private armKeepalive(everyMs: number, text: string): void {
    const gen = this.ctx.gen;
    this.ctx.setTimer('keepalive', everyMs, () => {
      if (gen !== this.ctx.gen) return;
      this.stream.send(text);
      this.armKeepalive(everyMs, text);
    });
  }
}
