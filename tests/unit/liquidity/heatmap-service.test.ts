import { describe, expect, it, vi } from 'vitest';
import { HeatmapHistory } from '../../../src/liquidity/heatmap-history';
import { HEATMAP_THEMES } from '../../../src/liquidity/heatmap-palette';
import type { HeatmapViewport } from '../../../src/liquidity/types';
import { HeatmapService, workerFrames } from '../../../src/worker/heatmap-service';
import { RecordingContext } from './heatmap-canvas';
import { SMALL, quoted, type FeedBook } from './heatmap-books';

/** A transferred canvas: its size as the worker set it, and what was drawn on it. */
class FakeCanvas {
  width = 300;
  height = 150;
  readonly ctx = new RecordingContext();
  getContext(): RecordingContext {
    return this.ctx;
  }
  /** Frames drawn: each starts by filling the canvas from its corner. */
  get draws(): number {
    return this.ctx.fills.filter((f) => f.x === 0 && f.y === 0).length;
  }
}

function setup() {
  const frames: (() => void)[] = [];
  const service = new HeatmapService(new HeatmapHistory(SMALL), (draw) => frames.push(draw));
  const canvas = new FakeCanvas();
  const runFrame = () => frames.splice(0).forEach((f) => f());
  return { service, canvas, frames, runFrame };
}

const view: HeatmapViewport = { width: 400, height: 200, dpr: 2, spanMs: 4000, priceSpan: 1, theme: 'dark' };
const okx: FeedBook = { feed: 'okx', bids: [[99.95, 2]], asks: [[100.05, 3]] };
const bybit: FeedBook = { feed: 'bybit', bids: [[99.95, 5]], asks: [[100.15, 1]] };

describe('heatmap service', () => {
  it('sizes the canvas to the viewport at its pixel ratio, and draws at most once a frame, only after a change', () => {
    const { service, canvas, frames, runFrame } = setup();
    service.sample(1000, [quoted(okx)]);
    expect(frames).toHaveLength(0);
    service.attach(canvas, view);
    expect([canvas.width, canvas.height]).toEqual([800, 400]);
    for (let t = 1100; t <= 2000; t += 100) service.sample(t, [quoted(okx)]);
    service.setViewport({ ...view, spanMs: 3000 });
    expect(frames).toHaveLength(1);
    runFrame();
    expect(canvas.draws).toBe(1);
    expect(canvas.ctx.image).toBeDefined();
    runFrame();
    expect(frames).toHaveLength(0);
    // A sample in the open column changes nothing drawn; the next column does.
    service.sample(2050, [quoted(okx)]);
    expect(frames).toHaveLength(0);
    service.sample(2100, [quoted(okx)]);
    runFrame();
    expect(canvas.draws).toBe(2);
    service.setViewport({ ...view, width: 300, dpr: 1 });
    expect([canvas.width, canvas.height]).toEqual([300, 200]);
    runFrame();
    expect(canvas.draws).toBe(3);
  });

  it('reads out the drawn feeds’ sizes under a point of the heat, the time and price alone where it holds nothing', () => {
    const { service, canvas, runFrame } = setup();
    expect(service.probe(10, 10)).toBeUndefined();
    service.attach(canvas, view);
    for (let t = 1000; t <= 5000; t += 100) service.sample(t, [quoted(okx), quoted(bybit)]);
    runFrame();
    const history = service.history;
    // The newest column (4.9 s) ends the view, to a device pixel; the mid (100) centres it. 99.93 shares a 10 bp
    // row with the bids at 99.95 (99.853 to 99.953).
    const y = ((100.5 - 99.93) / 1) * 180;
    const x = 300;
    const at = service.probe(x, y)!;
    expect(Math.abs(at.t - (1000 + (x / 328) * 4000))).toBeLessThan(4000 / 656);
    expect(at.price).toBeCloseTo(99.93, 6);
    expect(at.sizes).toEqual(history.readout(at.t, at.price)!.sizes);
    expect(at.sizes.okx).toBeCloseTo(2, 2);
    expect(at.sizes.bybit).toBeCloseTo(5, 2);
    service.setViewport({ ...view, feeds: ['bybit'] });
    expect(Object.keys(service.probe(x, y)!.sizes)).toEqual(['bybit']);
    // Left of the history's first column: the point, no sizes.
    service.setViewport({ ...view, end: 3000 });
    runFrame();
    expect(service.probe(2, y)).toMatchObject({ sizes: {} });
    expect(service.probe(2, y)!.t).toBeLessThan(1000);
    // Off the heat, on the axes.
    expect(service.probe(390, y)).toBeUndefined();
    expect(service.probe(x, 195)).toBeUndefined();
  });

  it('forgets the history on reset and draws that it waits for books', () => {
    const { service, canvas, runFrame } = setup();
    service.attach(canvas, view);
    for (let t = 1000; t <= 2000; t += 100) service.sample(t, [quoted(okx)]);
    runFrame();
    expect(service.memory().columns).toBeGreaterThan(0);
    service.reset();
    runFrame();
    expect(service.memory()).toMatchObject({ columns: 0, since: undefined });
    expect(canvas.ctx.texts.at(-1)?.text).toBe('Waiting for books…');
    expect(service.probe(100, 100)).toBeUndefined();
  });

  it('draws trades with the next sample, reads their volume out under their bubble, and forgets them on reset', () => {
    const { service, canvas, frames, runFrame } = setup();
    service.attach(canvas, view);
    for (let t = 1000; t <= 5000; t += 100) service.sample(t, [quoted(okx)]);
    runFrame();
    service.trades([]);
    expect(frames).toHaveLength(0);
    service.trades([
      { feed: 'okx', t: 4420, price: 100.2, size: 0.5, side: 'buy' },
      { feed: 'okx', t: 4450, price: 100.2, size: 1.5, side: 'sell' },
    ]);
    // No redraw of their own: the next sample's brings them.
    expect(frames).toHaveLength(0);
    service.sample(5100, [quoted(okx)]);
    expect(frames).toHaveLength(1);
    runFrame();
    const circles = canvas.ctx.circles;
    expect(circles.map((c) => c.fill).sort()).toEqual([HEATMAP_THEMES.dark.buy, HEATMAP_THEMES.dark.sell].sort());
    const at = service.probe(circles[0]!.x / view.dpr, circles[0]!.y / view.dpr)!;
    expect(at.trades).toEqual({ buy: 0.5, sell: 1.5 });
    expect(at.sizes.okx).toBe(0);
    expect(service.probe(10, 10)!.trades).toBeUndefined();
    expect(service.memory()).toMatchObject({ tradeCells: 6 });
    service.reset();
    runFrame();
    expect(service.memory()).toMatchObject({ tradeCells: 0, tradeBytes: 0 });
    for (let t = 1000; t <= 5000; t += 100) service.sample(t, [quoted(okx)]);
    canvas.ctx.circles.length = 0;
    runFrame();
    expect(canvas.ctx.circles).toHaveLength(0);
  });

  it('draws and reads out the trades of the markets the heat shows: the filter narrows the bubbles as it does the heat', () => {
    const { service, canvas, runFrame } = setup();
    service.attach(canvas, view);
    for (let t = 1000; t <= 5000; t += 100) service.sample(t, [quoted(okx), quoted(bybit)]);
    // In one cell: OKX buys 0.5 and sells 1.5, Bybit buys 2; Kraken, whose book is not sampled, sells 4.
    service.trades([
      { feed: 'okx', t: 4420, price: 100.2, size: 0.5, side: 'buy' },
      { feed: 'okx', t: 4450, price: 100.2, size: 1.5, side: 'sell' },
      { feed: 'bybit', t: 4430, price: 100.2, size: 2, side: 'buy' },
      { feed: 'kraken', t: 4440, price: 100.2, size: 4, side: 'sell' },
    ]);
    const shown = (feeds: HeatmapViewport['feeds']) => {
      canvas.ctx.circles.length = 0;
      service.setViewport({ ...view, feeds });
      runFrame();
      const c = canvas.ctx.circles[0];
      return { bubbles: canvas.ctx.circles.length, trades: c && service.probe(c.x / view.dpr, c.y / view.dpr)?.trades };
    };
    expect(shown(undefined)).toEqual({ bubbles: 2, trades: { buy: 2.5, sell: 5.5 } });
    expect(shown(['okx'])).toEqual({ bubbles: 2, trades: { buy: 0.5, sell: 1.5 } });
    expect(shown(['bybit'])).toEqual({ bubbles: 1, trades: { buy: 2, sell: 0 } });
    expect(shown(['bybit', 'kraken'])).toEqual({ bubbles: 2, trades: { buy: 2, sell: 4 } });
    expect(shown(['coinbase'])).toEqual({ bubbles: 0, trades: undefined });
    expect(shown([])).toEqual({ bubbles: 0, trades: undefined });
  });

  it('draws at the worker’s animation frames, or every 100 ms where a worker has none', () => {
    const raf = vi.fn((cb: FrameRequestCallback) => (cb(0), 1));
    const drawn = vi.fn();
    workerFrames({ requestAnimationFrame: raf })(drawn);
    expect(raf).toHaveBeenCalledTimes(1);
    expect(drawn).toHaveBeenCalledTimes(1);
    vi.useFakeTimers();
    try {
      const later = vi.fn();
      workerFrames({})(later);
      vi.advanceTimersByTime(99);
      expect(later).not.toHaveBeenCalled();
      vi.advanceTimersByTime(1);
      expect(later).toHaveBeenCalledTimes(1);
    } finally {
      vi.useRealTimers();
    }
  });
});
