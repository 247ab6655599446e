import { describe, expect, it } from 'vitest';
import { SharedHandle, SharedSockets } from '../../../src/worker/shared-sockets';
import type { SocketEvents } from '../../../src/worker/transport';
import { FakeClock, FakeTransport } from './fakes';

const URL_A = 'wss://stream.example/ws';
const URL_B = 'wss://other.example/ws';

/** What one handle was told, in order. */
function listener(): SocketEvents & { readonly heard: string[] } {
  const heard: string[] = [];
  return {
    heard,
    open: () => heard.push('open'),
    message: (data) => heard.push(`message ${String(data)}`),
    close: (code, reason) => heard.push(`close ${code} ${reason}`),
  };
}

function world() {
  const clock = new FakeClock();
  const transport = new FakeTransport(clock);
  const sockets = new SharedSockets(transport, clock);
  const shared = (url = URL_A) => {
    const events = listener();
    const handle = sockets.connect(url, events, { shared: true });
    if (!(handle instanceof SharedHandle)) throw new Error('a shared socket gives a SharedHandle');
    return { events, handle };
  };
  /** Two links on one socket, which has opened. */
  const twoOnOpenSocket = async () => {
    const a = shared();
    const b = shared();
    const real = transport.sockets[0]!;
    real.open();
    await transport.settle();
    return { a, b, real };
  };
  return { clock, transport, sockets, shared, twoOnOpenSocket };
}

describe('SharedSockets', () => {
  it('opens one real socket for a URL; the next link attaches to it, and both hear it open', async () => {
    const w = world();
    const a = w.shared();
    const b = w.shared();
    expect(w.transport.sockets).toHaveLength(1);
    expect(a.events.heard).toEqual([]);
    w.transport.sockets[0]!.open();
    await w.transport.settle();
    expect(a.events.heard).toEqual(['open']);
    expect(b.events.heard).toEqual(['open']);
  });

  it('tells a link that attaches to an open socket at once that it is open', async () => {
    const w = world();
    w.shared();
    w.transport.sockets[0]!.open();
    await w.transport.settle();
    const late = w.shared();
    expect(late.events.heard).toEqual(['open']);
    expect(w.transport.sockets).toHaveLength(1);
  });

  it('sends every frame to every attached handle, and every handle sends on the real socket', async () => {
    const w = world();
    const { a, b, real } = await w.twoOnOpenSocket();
    real.emit('one');
    real.emit('two');
    await w.transport.settle();
    a.handle.send('from a');
    b.handle.send('from b');
    expect(a.events.heard).toEqual(['open', 'message one', 'message two']);
    expect(b.events.heard).toEqual(['open', 'message one', 'message two']);
    expect(real.sent).toEqual(['from a', 'from b']);
  });

  it('keeps the socket open while a handle is attached; the last to detach closes it, and the next link opens a new one', async () => {
    const w = world();
    const { a, b, real } = await w.twoOnOpenSocket();
    a.handle.close();
    real.emit('after a left');
    await w.transport.settle();
    expect(real.closedByClient).toBe(false);
    expect(a.events.heard).toEqual(['open']);
    expect(b.events.heard).toEqual(['open', 'message after a left']);
    a.handle.send('too late');
    expect(real.sent).toEqual([]);
    b.handle.close();
    expect(real.closedByClient).toBe(true);
    await w.transport.settle();
    // The browser's close event for a socket the client closed reaches nobody.
    expect(b.events.heard).toEqual(['open', 'message after a left']);
    w.shared();
    expect(w.transport.sockets).toHaveLength(2);
  });

  it('closes every handle with the code and reason when the real socket closes; the next link opens a new one', async () => {
    const w = world();
    const { a, b, real } = await w.twoOnOpenSocket();
    w.transport.drop(real, 1001);
    await w.transport.settle();
    expect(a.events.heard).toEqual(['open', 'close 1001 ']);
    expect(b.events.heard).toEqual(['open', 'close 1001 ']);
    a.handle.close();
    b.handle.close();
    const again = w.shared();
    expect(w.transport.sockets).toHaveLength(2);
    expect(again.events.heard).toEqual([]);
  });

  it('closes the real socket when its only handle detaches before it opened', async () => {
    const w = world();
    const a = w.shared();
    a.handle.close();
    const real = w.transport.sockets[0]!;
    expect(real.closedByClient).toBe(true);
    real.open();
    await w.transport.settle();
    expect(a.events.heard).toEqual([]);
  });

  it('shares by URL alone: another URL gets a socket of its own', () => {
    const w = world();
    w.shared(URL_A);
    w.shared(URL_B);
    w.shared(URL_A);
    expect(w.transport.sockets.map((s) => s.url)).toEqual([URL_A, URL_B]);
  });

  it('passes sockets asked for without sharing, and fetches, straight through', async () => {
    const w = world();
    const own = listener();
    const first = w.sockets.connect(URL_A, own);
    const second = w.sockets.connect(URL_A, listener(), { shared: false });
    expect(w.transport.sockets).toHaveLength(2);
    expect(first).toBe(w.transport.sockets[0]);
    expect(second).toBe(w.transport.sockets[1]);
    w.shared(URL_A);
    expect(w.transport.sockets).toHaveLength(3);
    w.transport.fetchHandler = (url) => Promise.resolve({ status: 200, body: `answer of ${url}`, headers: {} });
    await expect(w.sockets.fetch('https://api.example/depth', 1_000)).resolves.toMatchObject({ status: 200, body: 'answer of https://api.example/depth' });
  });

  it('lets a retired socket serve the handles on it while the next link opens a new one; the old closes when its last handle goes', async () => {
    const w = world();
    const a = w.shared();
    const old = w.transport.sockets[0]!;
    old.open();
    await w.transport.settle();
    w.clock.advance(5_000);
    const b = w.shared();
    expect(b.handle.openedAt).toBe(w.clock.now() - 5_000);
    a.handle.retire();
    const c = w.shared();
    expect(w.transport.sockets).toHaveLength(2);
    old.emit('on the old one');
    await w.transport.settle();
    expect(b.events.heard).toEqual(['open', 'message on the old one']);
    expect(c.events.heard).toEqual([]);
    a.handle.close();
    expect(old.closedByClient).toBe(false);
    b.handle.close();
    expect(old.closedByClient).toBe(true);
    expect(w.transport.sockets[1]!.closedByClient).toBe(false);
  });

  it('gives a frame to every other handle when one listener throws, and rethrows that error after', async () => {
    const w = world();
    const first = listener();
    const failing = () => {
      throw new Error('listener failed');
    };
    w.sockets.connect(URL_A, { ...first, message: failing }, { shared: true });
    const b = w.shared();
    const real = w.transport.sockets[0]!;
    real.open();
    await w.transport.settle();
    real.emit('frame');
    expect(() => w.transport.loop.flush()).toThrow('listener failed');
    expect(b.events.heard).toEqual(['open', 'message frame']);
  });
});
