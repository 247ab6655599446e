import type { HttpAnswer, SocketEvents, SocketHandle, Transport } from '../../../src/worker/transport';

/** What a scripted URL does when fetched: answers, is refused as a browser refuses (CORS, no network), or never answers. */
export type ScriptedAnswer = { readonly status: number; readonly body: string } | 'refused' | 'hangs';

/** What a scripted socket does with the text sent on it: answers with frames, or drops (1006). */
export type ScriptedSocket = { readonly frames: readonly string[] } | 'drops';

/**
 * A network for catalog tests: every fetch and socket is scripted by URL, and remembered. Events come
 * asynchronously, as a browser's do; a URL the script does not know is refused.
 */
export class ScriptedNetwork implements Transport {
  readonly fetched: string[] = [];
  readonly sent: { url: string; text: string }[] = [];

  constructor(
    private readonly answer: (url: string) => ScriptedAnswer | undefined,
    private readonly socket: (url: string, text: string) => ScriptedSocket | undefined = () => undefined,
  ) {}

  fetch(url: string): Promise<HttpAnswer> {
    this.fetched.push(url);
    const scripted = this.answer(url) ?? 'refused';
    if (scripted === 'hangs') return new Promise(() => {});
    if (scripted === 'refused') return Promise.reject(new TypeError('Failed to fetch'));
    return Promise.resolve({ status: scripted.status, body: scripted.body, headers: {} });
  }

  connect(url: string, events: SocketEvents): SocketHandle {
    let open = true;
    const end = (code: number): void => {
      if (!open) return;
      open = false;
      queueMicrotask(() => events.close(code, ''));
    };
    queueMicrotask(() => open && events.open());
    return {
      send: (text) => {
        this.sent.push({ url, text });
        const scripted = this.socket(url, text);
        if (!scripted || scripted === 'drops') return end(1006);
        for (const frame of scripted.frames) queueMicrotask(() => open && events.message(frame));
      },
      close: () => end(1000),
    };
  }
}

/** A 200 answer. */
export const ok = (body: string): ScriptedAnswer => ({ status: 200, body });
