import type { FeedSession } from '../feed/session';
import { backoffDelay } from './backoff';
import type { LinkSettings } from './link-options';
import { describe } from './status-text';
import type { Clock } from './transport';

type TimerName = 'connect' | 'watchdog' | 'keepalive' | 'retry' | 'snapshot' | 'request' | 'age';

/**
 * What every part of one venue link shares: its session, clock and settings, the generation of its connection,
 * its timers (one of each name), and the guard and change notice every callback goes through.
 */
export class LinkContext {
  /** Bumped whenever a connection is torn down: events of older sockets and answers to their requests are ignored. */
  gen = 0;
  private readonly timers = new Map<TimerName, unknown>();

  constructor(
    readonly session: FeedSession,
    readonly clock: Clock,
    readonly settings: LinkSettings,
    private readonly onChange: () => void,
  ) {}

  notify(): void {
    try {
      this.onChange();
    } catch {
      // The listener's failure is not the venue's.
    }
  }

  /** Wraps a callback so that nothing escapes into the worker: errors are counted and shown. */
  guard<A extends unknown[]>(fn: (...args: A) => void): (...args: A) => void {
    return (...args: A) => {
      try {
        fn(...args);
      } catch (err) {
        try {
          this.session.error(`internal error: ${describe(err)}`);
          this.notify();
        } catch {
          // nothing more can be done
        }
      }
    };
  }

  /** Delay before attempt `n` (1-based), by the link's backoff settings. */
  backoff(n: number): number {
    return backoffDelay(n, this.settings);
  }

  setTimer(name: TimerName, ms: number, fn: () => void): void {
    this.clearTimer(name);
    const handle = this.clock.setTimeout(
      this.guard(() => {
        this.timers.delete(name);
        fn();
      }),
      Math.max(0, ms),
    );
    this.timers.set(name, handle);
  }

  clearTimer(name: TimerName): void {
    const handle = this.timers.get(name);
    if (handle !== undefined) this.clock.clearTimeout(handle);
    this.timers.delete(name);
  }

  clearTimers(): void {
    for (const handle of this.timers.values()) this.clock.clearTimeout(handle);
    this.timers.clear();
  }
}
