import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MIN_SPAN_MS } from './timeScale.ts';
import {
  atWhole,
  canZoomIn,
  FOCUS_SPAN_MS,
  fitRange,
  focusOn,
  initialZoom,
  zoomBack,
  zoomInCentre,
  zoomTo,
  type ZoomState,
} from './zoomState.ts';

const extent = { from: 0, to: 1000_000 };
const whole: ZoomState = { view: extent, history: [], lastGesture: 0 };
const span = (from: number, to: number) => ({ from, to });

describe('zoomTo', () => {
  it('shows the first window without history', () => {
    expect(zoomTo(initialZoom, extent, 'push', 5)).toEqual(whole);
  });

  it('records the wider window on a push, and Zoom out goes back to it', () => {
    const a = zoomTo(whole, span(0, 500_000), 'push', 1);
    const b = zoomTo(a, span(100_000, 200_000), 'push', 2);
    expect(b.history).toEqual([extent, span(0, 500_000)]);
    const back = zoomBack(b, extent);
    expect(back.view).toEqual(span(0, 500_000));
    expect(zoomBack(back, extent)).toEqual({ view: extent, history: [], lastGesture: 0 });
  });

  it('counts the wheel events of one gesture as one step', () => {
    let z = zoomTo(whole, span(0, 900_000), 'gesture', 10_000);
    z = zoomTo(z, span(0, 800_000), 'gesture', 10_100);
    z = zoomTo(z, span(0, 700_000), 'gesture', 10_700);
    expect(z.history).toEqual([extent]);
    // More than 600 ms after the last step: a new gesture.
    z = zoomTo(z, span(0, 600_000), 'gesture', 11_301);
    expect(z.history).toEqual([extent, span(0, 700_000)]);
    expect(z.lastGesture).toBe(11_301);
  });

  it('drops the narrower steps when zooming out, and keeps them on a pan', () => {
    const z = zoomTo(zoomTo(whole, span(0, 400_000), 'push', 1), span(0, 100_000), 'push', 2);
    expect(zoomTo(z, span(50_000, 150_000), 'none', 3).history).toEqual(z.history);
    expect(zoomTo(z, span(0, 500_000), 'push', 3).history).toEqual([extent]);
  });

  it('never records the window being left on a key zoom out ("none")', () => {
    const z = zoomTo(whole, span(0, 100_000), 'none', 1);
    expect(z.history).toEqual([]);
  });
});

describe('zoomBack', () => {
  it('without history, doubles the window around its middle, within the case', () => {
    const z: ZoomState = { view: span(100_000, 200_000), history: [], lastGesture: 0 };
    expect(zoomBack(z, extent).view).toEqual(span(50_000, 250_000));
    const edge: ZoomState = { view: span(0, 100_000), history: [], lastGesture: 0 };
    expect(zoomBack(edge, extent).view).toEqual(span(0, 200_000));
    expect(zoomBack(whole, extent).view).toEqual(extent);
    expect(zoomBack(initialZoom, extent)).toBe(initialZoom);
  });

  it('reaches the whole case in finitely many steps (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_990 }), fc.integer({ min: MIN_SPAN_MS, max: 1000 }), (from, width) => {
        let z: ZoomState = { view: span(from, Math.min(extent.to, from + width)), history: [], lastGesture: 0 };
        for (let i = 0; i < 40 && !atWhole(z.view, extent); i++) z = zoomBack(z, extent);
        return atWhole(z.view, extent);
      }),
    );
  });
});

describe('fitRange', () => {
  it('widens a selection narrower than the minimum and keeps it in the case', () => {
    expect(fitRange(span(500, 502), extent)).toEqual(span(496, 506));
    expect(fitRange(span(0, 2), extent)).toEqual(span(0, MIN_SPAN_MS));
    expect(fitRange(span(-50, 2_000_000), extent)).toEqual(extent);
    expect(fitRange(span(1000, 5000), extent)).toEqual(span(1000, 5000));
  });
});

describe('zoomInCentre, canZoomIn, atWhole', () => {
  it('centres on the selection only when all of it is in the window', () => {
    expect(zoomInCentre(span(0, 100), span(10, 30))).toBe(20);
    expect(zoomInCentre(span(0, 100), span(90, 130))).toBe(50);
    expect(zoomInCentre(span(0, 100), null)).toBe(50);
  });

  it('stops zooming in at the minimum width (or the whole of a shorter case)', () => {
    expect(canZoomIn(span(0, MIN_SPAN_MS + 1), extent)).toBe(true);
    expect(canZoomIn(span(0, MIN_SPAN_MS), extent)).toBe(false);
    expect(canZoomIn(span(0, 4), span(0, 4))).toBe(false);
    expect(canZoomIn(null, extent)).toBe(false);
    expect(canZoomIn(extent, null)).toBe(false);
  });

  it('counts an unknown window as whole', () => {
    expect(atWhole(null, extent)).toBe(true);
    expect(atWhole(span(1, 1000_000), extent)).toBe(false);
    expect(atWhole(extent, extent)).toBe(true);
  });
});

describe('focusOn', () => {
  const day = { from: 0, to: 86_400_000 };
  it('centres a window of at most FOCUS_SPAN_MS on the time, with the whole case to go back to', () => {
    const z = focusOn(43_200_000, day);
    expect(z.view).toEqual({ from: 43_200_000 - FOCUS_SPAN_MS / 2, to: 43_200_000 + FOCUS_SPAN_MS / 2 });
    expect(z.history).toEqual([day]);
    expect(zoomBack(z, day).view).toEqual(day);
  });
  it('zooms in on a short case too (a quarter of it) and stays inside it at its edges', () => {
    const z = focusOn(0, extent);
    expect(z.view).toEqual({ from: 0, to: 250_000 });
    expect(focusOn(1000_000, extent).view).toEqual({ from: 750_000, to: 1000_000 });
  });
  it('keeps the minimum width on a tiny case', () => {
    expect(focusOn(3, span(0, 8)).view).toEqual(span(0, 8));
    expect(focusOn(3, span(0, 8)).history).toEqual([]);
    expect(focusOn(10, span(0, 20)).view).toEqual(span(5, 15));
  });
});
