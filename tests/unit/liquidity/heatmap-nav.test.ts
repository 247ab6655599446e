import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HeatmapHistory } from '../../../src/liquidity/heatmap-history';
import { HEATMAP_ZOOM, plotArea } from '../../../src/liquidity/heatmap-layout';
import { pointAt, resolveFrame } from '../../../src/liquidity/heatmap-render';
import { DEFAULT_NAV, dragged, follow, following, heatmapKey, panned, sized, viewportOf, zoomedPrice, zoomedTime } from '../../../src/ui/heatmap-nav';
import { readoutText } from '../../../src/ui/heatmap-readout';

describe('heatmap navigation', () => {
  it('sizes the price span by the first mid, keeps it as the mid moves, and sizes it again for another pair', () => {
    expect(sized(DEFAULT_NAV, undefined)).toBe(DEFAULT_NAV);
    const btc = sized(DEFAULT_NAV, 100_000);
    expect(btc).toMatchObject({ spanMs: 300_000, priceSpan: 1000 });
    expect(sized(btc, 101_000)).toBe(btc);
    expect(sized(btc, 3_500)).toMatchObject({ priceSpan: 35 });
    expect(viewportOf(DEFAULT_NAV, { width: 600, height: 300, dpr: 2 }, 'dark', undefined)).toBeUndefined();
    expect(viewportOf(btc, { width: 600, height: 300, dpr: 2 }, 'light', ['okx'])).toEqual({ width: 600, height: 300, dpr: 2, spanMs: 300_000, end: undefined, priceSpan: 1000, centre: undefined, feeds: ['okx'], theme: 'light' });
  });

  it('keeps what was under the pointer under it through a drag, as the worker maps pixels', () => {
    const history = new HeatmapHistory();
    fc.assert(
      fc.property(
        fc.record({ width: fc.integer({ min: 200, max: 1600 }), height: fc.integer({ min: 120, max: 700 }), dpr: fc.constantFrom(1, 2, 3) }),
        fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        fc.integer({ min: 1_700_000_000_000, max: 1_800_000_000_000 }),
        fc.double({ min: 99_000, max: 101_000, noNaN: true }),
        fc.integer({ min: 10_000, max: 3_600_000 }),
        (box, fx, fy, t, price, spanMs) => {
          const plot = plotArea(box.width, box.height);
          const nav = dragged({ ...sized(DEFAULT_NAV, 100_000), spanMs }, { t, price }, fx * plot.w, fy * plot.h, plot);
          expect(following(nav)).toBe(false);
          const frame = resolveFrame(viewportOf(nav, box, 'dark', undefined)!, history)!;
          const at = pointAt(frame, fx * plot.w, fy * plot.h)!;
          // The worker puts the end on a whole device pixel of time.
          expect(Math.abs(at.t - t)).toBeLessThanOrEqual(spanMs / (plot.w * box.dpr));
          expect(at.price).toBeCloseTo(price, 6);
        },
      ),
    );
  });

  it('steps a tenth of the view by arrows from where the view is, pinning only the axis stepped along', () => {
    const nav = sized(DEFAULT_NAV, 100_000);
    const here = { t: 1_700_000_300_000, price: 100_200 };
    expect(panned(nav, here, -0.1, 0)).toMatchObject({ end: 1_700_000_270_000, centre: undefined });
    expect(panned(nav, here, 0, 0.1)).toMatchObject({ end: undefined, centre: 100_300 });
    expect(follow(panned(nav, here, -0.1, 0.1))).toEqual(nav);
    expect(heatmapKey('ArrowLeft')).toEqual({ pan: [-0.1, 0] });
    expect(heatmapKey('ArrowDown')).toEqual({ pan: [0, -0.1] });
    expect(heatmapKey('+')).toEqual({ zoom: 'time', factor: 0.8 });
    expect(heatmapKey('_')).toEqual({ zoom: 'time', factor: 1.25 });
    expect(heatmapKey('PageUp')).toEqual({ zoom: 'price', factor: 0.8 });
    expect(heatmapKey('F')).toEqual({ follow: true });
    expect(heatmapKey('x')).toBeUndefined();
  });

  it('zooms a pinned view about the pointer, as the worker maps pixels; a view that follows keeps following', () => {
    const history = new HeatmapHistory();
    fc.assert(
      fc.property(
        fc.record({ width: fc.integer({ min: 200, max: 1600 }), height: fc.integer({ min: 120, max: 700 }) }),
        fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        fc.double({ min: 0.5, max: 2, noNaN: true }),
        (size, fx, fy, factor) => {
          const box = { ...size, dpr: 1 };
          const plot = plotArea(box.width, box.height);
          const pinned = dragged(sized(DEFAULT_NAV, 100_000), { t: 1_750_000_000_000, price: 100_000 }, plot.w / 2, plot.h / 2, plot);
          const x = fx * plot.w;
          const y = fy * plot.h;
          const under = (nav: typeof pinned) => pointAt(resolveFrame(viewportOf(nav, box, 'dark', undefined)!, history)!, x, y)!;
          const before = under(pinned);
          const time = zoomedTime(pinned, factor, { x, w: plot.w });
          const price = zoomedPrice(pinned, factor, 100_000, { y, h: plot.h });
          // Within a device pixel of time (the worker puts the end on one), and the same price.
          expect(Math.abs(under(time).t - before.t)).toBeLessThanOrEqual(Math.max(pinned.spanMs, time.spanMs) / plot.w);
          expect(under(price).price).toBeCloseTo(before.price, 6);
          const live = sized(DEFAULT_NAV, 100_000);
          expect(following(zoomedTime(live, factor, { x, w: plot.w }))).toBe(true);
          expect(following(zoomedPrice(live, factor, 100_000, { y, h: plot.h }))).toBe(true);
        },
      ),
    );
  });

  it('zooms time between 2 s and 12 h, and price between 5 bps and ±2 % of its centre', () => {
    const nav = sized(DEFAULT_NAV, 100_000);
    expect(zoomedTime(nav, 1e-6).spanMs).toBe(HEATMAP_ZOOM.minSpanMs);
    expect(zoomedTime(nav, 1e6).spanMs).toBe(12 * 3_600_000);
    expect(zoomedPrice(nav, 1e-6, 100_000).priceSpan).toBeCloseTo(50, 9);
    expect(zoomedPrice({ ...nav, centre: 50_000 }, 1e6, 100_000).priceSpan).toBeCloseTo(2000, 9);
    expect(zoomedPrice(nav, 0.5, 100_000).priceSpan).toBe(500);
  });
});

describe('heatmap read-out', () => {
  it('lists the feeds with size there, largest first, and their total; says when the history holds nothing', () => {
    const text = readoutText({ t: Date.UTC(2026, 11, 1, 12, 30, 15, 400), price: 100_012.5, sizes: { okx: 1.5, binance: 12.25, kraken: 0 } }, 1, 2);
    expect(text.feeds.map((f) => [f.name, f.size])).toEqual([
      ['Binance', '12.25'],
      ['OKX', '1.50'],
    ]);
    expect(text.total).toBe('13.75');
    expect(text.price).toBe(new Intl.NumberFormat(undefined, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(100_012.5));
    expect(text.time).toMatch(/\d\d:30:15\.4$/);
    expect(readoutText({ t: 0, price: 1, sizes: {} }, 1, 2).total).toBeUndefined();
  });

  it('says what traded under the pointer, bought and sold, only where anything did', () => {
    expect(readoutText({ t: 0, price: 1, sizes: {}, trades: { buy: 0.5, sell: 2 } }, 1, 2).traded).toEqual({ buy: '0.50', sell: '2.00' });
    expect(readoutText({ t: 0, price: 1, sizes: {}, trades: { buy: 0, sell: 0 } }, 1, 2).traded).toBeUndefined();
    expect(readoutText({ t: 0, price: 1, sizes: {} }, 1, 2).traded).toBeUndefined();
  });
});
