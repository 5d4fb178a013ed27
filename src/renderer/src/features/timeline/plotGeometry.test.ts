import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { binIndexAt, dragRange, timeAtX, wheelPanMs, wheelZoomFactor } from './plotGeometry.ts';

describe('binIndexAt', () => {
  const hist = { from: 60_000, binMs: 1000, bins: 5 };
  it('puts a bin’s start in it and its end in the next', () => {
    expect(binIndexAt(60_000, hist)).toBe(0);
    expect(binIndexAt(60_999.999, hist)).toBe(0);
    expect(binIndexAt(61_000, hist)).toBe(1);
    expect(binIndexAt(64_999, hist)).toBe(4);
  });

  it('has no bin before the first or from the end of the last', () => {
    expect(binIndexAt(59_999.999, hist)).toBeNull();
    expect(binIndexAt(65_000, hist)).toBeNull();
  });

  it('finds the bin whose range holds the time (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e12 }),
        fc.constantFrom(1, 10, 250, 60_000, 900_000),
        fc.integer({ min: 1, max: 2000 }),
        fc.double({ min: -0.5, max: 1.5, noNaN: true }),
        (from, binMs, bins, share) => {
          const t = from + share * bins * binMs;
          const i = binIndexAt(t, { from, binMs, bins });
          return i === null
            ? t < from || t >= from + bins * binMs
            : from + i * binMs <= t && t < from + (i + 1) * binMs;
        },
      ),
    );
  });
});

describe('dragRange', () => {
  const view = { from: 1000, to: 2000 };
  it('selects whole milliseconds covering the drag, either way', () => {
    expect(dragRange(view, 100, 10, 20)).toEqual({ from: 1100, to: 1200 });
    expect(dragRange(view, 100, 20, 10)).toEqual({ from: 1100, to: 1200 });
    expect(dragRange(view, 300, 1, 2)).toEqual({ from: 1003, to: 1007 });
  });

  it('selects at least a millisecond', () => {
    expect(dragRange({ from: 0, to: 5 }, 1000, 100, 100)).toEqual({ from: 0, to: 1 });
    // A window of no width still maps to a time, not NaN.
    expect(timeAtX({ from: 0, to: 0 }, 100, 50)).toBeCloseTo(0);
  });
});

describe('wheel', () => {
  it('zooms out for a positive delta and in for a negative one, at most e times a step', () => {
    expect(wheelZoomFactor(100, 0)).toBeCloseTo(Math.exp(0.4));
    expect(wheelZoomFactor(-100, 0)).toBeCloseTo(Math.exp(-0.4));
    expect(wheelZoomFactor(3, 1)).toBeCloseTo(Math.exp(0.192));
    expect(wheelZoomFactor(10_000, 0)).toBeCloseTo(Math.E);
    expect(wheelZoomFactor(-1, 2)).toBeCloseTo(1 / Math.E);
  });

  it('pans the pixels scrolled at the window’s scale', () => {
    expect(wheelPanMs(50, 0, 60_000, 600)).toBe(5000);
    expect(wheelPanMs(-1, 1, 60_000, 600)).toBe(-1600);
    expect(wheelPanMs(10, 0, 60_000, 0)).toBe(600_000);
  });
});
