import { decodeBinaryFrame } from '../feed/decode';
import type { LinkContext } from './link-context';
import { describe } from './status-text';

/**
 * Most frames, and most text (bytes received, or chars once inflated), waiting in the inbound queue. Frames queue
 * only behind a binary frame still being gunzipped, normally for well under a millisecond; a backlog this deep
 * means decoding has stalled or the socket is flooded, and holding on would grow the worker's memory without end.
 * 4096 frames is minutes of BingX, the one venue that compresses; 32 MiB is eight frames at the decode cap.
 */
export const MAX_QUEUED_FRAMES = 4096;
export const MAX_QUEUED_BYTES = 32 * 1024 * 1024;

export interface Inbound {
  readonly gen: number;
  readonly source: 'stream' | 'api';
  readonly at: number;
  /** What it holds in the queue: bytes as received, chars once decoded. */
  size: number;
  ready: boolean;
  text?: string;
  error?: string;
}

export interface InboundHandler {
  /** A frame's turn has come: apply it. */
  apply(item: Inbound): void;
  /** The queue outgrew its cap: frames are lost, so the book cannot be trusted; start again on a new connection. */
  overflow(what: string): void;
}

/**
 * Received frames on their way to the session, applied strictly in arrival order: a binary frame is decoded
 * asynchronously, and the frames behind it wait for it, up to the queue's cap.
 */
export class InboundQueue {
  private readonly items: Inbound[] = [];
  private bytes = 0;
  private pumping = false;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly ctx: LinkContext,
    private readonly handler: InboundHandler,
  ) {}

  push(gen: number, source: 'stream' | 'api', at: number, data: string | Uint8Array): void {
    const item: Inbound = { gen, source, at, size: data.length, ready: typeof data === 'string' };
    if (typeof data === 'string') item.text = data;
    else {
      decodeBinaryFrame(data).then(
        (text) => {
          item.text = text;
          this.decoded(item, text.length);
        },
        (err: unknown) => {
          item.error = `undecodable binary frame: ${describe(err)}`;
          this.decoded(item, 0);
        },
      );
    }
    this.items.push(item);
    this.bytes += item.size;
    this.pumpWithinCap();
  }

  /** Resolves once every received frame (binary ones decode asynchronously) has been applied. */
  idle(): Promise<void> {
    if (!this.items.length) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Forgets every frame waiting (their connection is gone). */
  clear(): void {
    this.items.length = 0;
    this.bytes = 0;
    this.releaseIdle();
  }

  /** A binary frame is decoded: it now holds its text instead of its bytes, and may be applied. */
  private decoded(item: Inbound, size: number): void {
    item.ready = true;
    this.ctx.guard(() => {
      if (item.gen !== this.ctx.gen) return;
      this.bytes += size - item.size;
      item.size = size;
      this.pumpWithinCap();
    })();
  }

  /** Applies what can be applied, unless the queue has outgrown its cap. */
  private pumpWithinCap(): void {
    if (this.items.length > MAX_QUEUED_FRAMES || this.bytes > MAX_QUEUED_BYTES) this.overflow();
    else this.pump();
  }

  private overflow(): void {
    const mib = (this.bytes / 1024 / 1024).toFixed(1);
    this.handler.overflow(
      `fell behind: dropped ${this.items.length.toLocaleString('en-US')} frames (${mib} MiB) waiting to be decoded; a book that missed frames cannot be trusted, so reconnecting`,
    );
  }

  /** Applies received frames strictly in arrival order, waiting for a binary frame still being decoded. */
  private pump(): void {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.items.length && this.items[0]!.ready) {
        const item = this.items.shift()!;
        this.bytes -= item.size;
        if (item.gen === this.ctx.gen) this.handler.apply(item);
      }
    } finally {
      this.pumping = false;
    }
    if (!this.items.length) this.releaseIdle();
  }

  private releaseIdle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
