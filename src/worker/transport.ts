/** What a socket reports to its owner. Binary frames arrive as bytes (BingX gzip); the owner decodes them. */
export interface SocketEvents {
  open(): void;
  message(data: string | Uint8Array): void;
  /** The socket ended: `code` 1006 means it dropped without a close frame. */
  close(code: number, reason: string): void;
}

export interface SocketHandle {
  send(text: string): void;
  close(): void;
}

/** Closes a socket if there is one; closing a socket that already failed may throw, and is of no interest. */
export function closeQuietly(handle: SocketHandle | undefined): void {
  try {
    handle?.close();
  } catch {
    // already gone
  }
}

export interface HttpAnswer {
  readonly status: number;
  readonly body: string;
  /** Response headers, names in lower case (Retry-After, Content-Type). */
  readonly headers: Readonly<Record<string, string>>;
}

/** How a socket is asked for. */
export interface ConnectOptions {
  /** Put it on the one socket every link asking for the same URL this way shares (SharedSockets). */
  readonly shared?: boolean;
}

/**
 * How the worker reaches venues: real browser sockets and fetch, the in-memory simulator (demo mode), or a
 * scripted fake in tests. `fetch` rejects on a network failure (a CORS refusal looks like one to a page).
 */
export interface Transport {
  /** Opens a socket; `options` are a hint only SharedSockets acts on, every other transport opens one per call. */
  connect(url: string, events: SocketEvents, options?: ConnectOptions): SocketHandle;
  fetch(url: string, timeoutMs: number): Promise<HttpAnswer>;
}

/** Time, injectable so lifecycle tests run on a fake clock. */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};
