/** Handshakes refused in a row (1006 before the socket opened) after which a region block is suspected. */
export const REGION_HINT_AFTER_REFUSALS = 3;

/**
 * What a link has learned of its venue beyond the phase it is in: connections failed in a row (the backoff and
 * 'down' go by them), reconnects, why it is not live, region hints and notes, and whether an exact book can be had
 * at all for now.
 */
export class LinkHealth {
  failures = 0;
  reconnects = 0;
  reason: string | undefined;
  nextAttemptAt: number | undefined;
  /** The session's resyncs when the socket opened: those since are this connection's. */
  resyncsAtOpen = 0;
  /** Why the venue may be refusing this region (handshakes refused, HTTP 403 or 451); cleared once live. */
  regionHint: string | undefined;
  note: string | undefined;
  /** Why an exact book cannot be had now, once that is clear; cleared when the link starts again. */
  impossible: string | undefined;

  private everConnected = false;
  private liveSince: number | undefined;
  /** Consecutive connection attempts refused before the socket opened, with no close frame (1006). */
  private handshakeRefusals = 0;
  /** Stream frames that could not be read since the last one that carried a book message it could apply. */
  private unreadableInRow = 0;

  /** The link starts (again) with a clean record. */
  started(): void {
    this.failures = 0;
    this.reason = undefined;
    this.impossible = undefined;
    this.unreadableInRow = 0;
  }

  connecting(): void {
    if (this.everConnected) this.reconnects++;
    this.everConnected = true;
    this.nextAttemptAt = undefined;
  }

  opened(resyncs: number): void {
    this.handshakeRefusals = 0;
    this.resyncsAtOpen = resyncs;
    this.liveSince = undefined;
  }

  live(now: number): void {
    this.liveSince ??= now;
    this.regionHint = undefined;
  }

  /** A connection attempt ended; `refused` when its handshake was, with no close frame. */
  handshake(refused: boolean): void {
    this.handshakeRefusals = refused ? this.handshakeRefusals + 1 : 0;
    if (this.handshakeRefusals >= REGION_HINT_AFTER_REFUSALS) {
      this.regionHint = `possibly blocked in your region: ${this.handshakeRefusals} handshakes refused without a close frame`;
    }
  }

  /** The connection failed: the failures in a row, this one counted, after a live spell of `healthyAfterMs` forgave the earlier ones. */
  failed(now: number, healthyAfterMs: number): number {
    if (this.liveSince !== undefined && now - this.liveSince >= healthyAfterMs) this.failures = 0;
    this.liveSince = undefined;
    return ++this.failures;
  }

  /** A stream frame could not be read: `limit` of them in a row, and exact sync is impossible for now. */
  unreadable(limit: number, lastError: string | undefined): void {
    if (++this.unreadableInRow >= limit) this.impossible ??= `${this.unreadableInRow} frames in a row could not be read: ${lastError ?? 'malformed'}`;
  }

  /** A stream frame carried a book message that could be applied: the stream can be read. */
  readable(): void {
    this.unreadableInRow = 0;
  }
}
