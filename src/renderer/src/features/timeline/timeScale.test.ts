import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  BIN_PX,
  DAY,
  MIN_SPAN_MS,
  alignDown,
  binRequest,
  clampTo,
  durationUnit,
  formatRange,
  isWhole,
  niceStep,
  pan,
  zoomAround,
} from './timeScale.ts';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const T0 = Date.UTC(2025, 8, 18, 16, 24, 31, 217);

/** Sets this computer's zone for one test (Node reads TZ again when it changes). */
const inZone = (zone: string): void => void vi.stubEnv('TZ', zone);
afterEach(() => {
  vi.unstubAllEnvs();
});

describe('niceStep', () => {
  it('keeps a step that is already nice and rounds up to the next one', () => {
    expect(niceStep(1)).toBe(1);
    expect(niceStep(5)).toBe(5);
    expect(niceStep(5.0001)).toBe(10);
    expect(niceStep(SECOND)).toBe(SECOND);
    expect(niceStep(SECOND + 1)).toBe(2 * SECOND);
    expect(niceStep(11 * SECOND)).toBe(15 * SECOND);
    expect(niceStep(2.5 * HOUR)).toBe(3 * HOUR);
    expect(niceStep(DAY + 1)).toBe(2 * DAY);
  });

  it('goes to whole years past the list', () => {
    expect(niceStep(365 * DAY)).toBe(365 * DAY);
    expect(niceStep(365 * DAY + 1)).toBe(2 * 365 * DAY);
    expect(niceStep(3.2 * 365 * DAY)).toBe(4 * 365 * DAY);
  });

  it('is never smaller than asked and grows with what is asked', () => {
    fc.assert(fc.property(fc.double({ min: 0.001, max: 20 * 365 * DAY, noNaN: true }), (ms) => niceStep(ms) >= ms));
    fc.assert(
      fc.property(
        fc.double({ min: 0.001, max: 1e11, noNaN: true }),
        fc.double({ min: 0.001, max: 1e11, noNaN: true }),
        (a, b) => (a <= b ? niceStep(a) <= niceStep(b) : niceStep(a) >= niceStep(b)),
      ),
    );
  });
});

describe('alignDown', () => {
  it('rounds sub-minute steps on the epoch, whatever the zone', () => {
    inZone('Asia/Kolkata');
    expect(alignDown(T0, SECOND)).toBe(Date.UTC(2025, 8, 18, 16, 24, 31));
    expect(alignDown(T0, 10)).toBe(T0 - 7);
    expect(alignDown(T0, 15 * SECOND)).toBe(Date.UTC(2025, 8, 18, 16, 24, 30));
  });

  it('puts hour and day steps on the local clock (a half-hour zone)', () => {
    inZone('Asia/Kolkata');
    expect(new Date(T0).getTimezoneOffset()).toBe(-330);
    const hour = alignDown(T0, HOUR);
    expect(new Date(hour).getMinutes()).toBe(0);
    expect(new Date(hour).getSeconds()).toBe(0);
    expect(T0 - hour).toBeLessThan(HOUR);
    const day = alignDown(T0, DAY);
    expect([new Date(day).getHours(), new Date(day).getMinutes()]).toEqual([0, 0]);
  });

  it('gives the largest multiple at or before t, and keeps a time already on a step', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 4e12 }), fc.constantFrom(1, 5, 200, SECOND, 15 * SECOND), (t, step) => {
        const a = alignDown(t, step);
        return a <= t && t - a < step && alignDown(a, step) === a && ((a % step) + step) % step === 0;
      }),
    );
  });
});

describe('binRequest', () => {
  it('covers the window with whole, clock-aligned bins', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4e12 }),
        fc.integer({ min: 1, max: 400 * DAY }),
        fc.integer({ min: 1, max: 10_000 }),
        (from, span, width) => {
          const view = { from, to: from + span };
          const r = binRequest(view, width);
          const step = (r.to - r.from) / r.bins;
          return (
            r.from <= view.from &&
            r.to >= view.to &&
            Number.isInteger(step) &&
            step === niceStep(step) &&
            r.bins >= 1 &&
            r.bins <= 2000 &&
            // Only the first bin starts before the window.
            r.from + step > view.from
          );
        },
      ),
    );
  });

  it('gives a bin at least BIN_PX wide at the target count, and one bin for a zero width', () => {
    const view = { from: T0, to: T0 + HOUR };
    const r = binRequest(view, 1200);
    expect(r.bins).toBeLessThanOrEqual(1200 / BIN_PX + 1);
    expect(binRequest(view, 0).bins).toBeLessThanOrEqual(2);
  });

  it('asks at most the engine limit on a huge screen', () => {
    const r = binRequest({ from: 0, to: 10 * 365 * DAY }, 1e6);
    expect(r.bins).toBeLessThanOrEqual(2000);
  });
});

describe('formatRange', () => {
  it('writes the date once when both ends share it', () => {
    inZone('UTC');
    expect(formatRange(T0, T0 + HOUR, false)).toBe('2025-09-18 16:24:31 → 17:24:31');
    expect(formatRange(T0, T0 + 10 * HOUR, true)).toBe('2025-09-18 16:24:31.217 → 2025-09-19 02:24:31.217');
  });
});

describe('zoomAround, pan and clampTo', () => {
  const extent = { from: 0, to: 1_000_000 };

  it('keeps the time under the pointer where it was', () => {
    const view = { from: 100_000, to: 300_000 };
    const next = zoomAround(view, 150_000, 0.5, extent);
    expect(next).toEqual({ from: 125_000, to: 225_000 });
  });

  it('stops at the narrowest window and at the whole extent', () => {
    expect(zoomAround({ from: 500, to: 520 }, 510, 0.01, extent)).toEqual({ from: 505, to: 505 + MIN_SPAN_MS });
    expect(zoomAround({ from: 100, to: 200_000 }, 0, 100, extent)).toEqual(extent);
    // A case shorter than the minimum: the whole case.
    expect(zoomAround({ from: 0, to: 4 }, 2, 0.5, { from: 0, to: 4 })).toEqual({ from: 0, to: 4 });
  });

  it('stays within the extent and keeps its width (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 900_000 }),
        fc.integer({ min: MIN_SPAN_MS, max: 100_000 }),
        fc.double({ min: 0.05, max: 20, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (from, span, factor, where) => {
          const view = { from, to: from + span };
          const next = zoomAround(view, from + where * span, factor, extent);
          const width = next.to - next.from;
          return (
            next.from >= extent.from - 1e-6 &&
            next.to <= extent.to + 1e-6 &&
            width >= MIN_SPAN_MS - 1e-6 &&
            Math.abs(width - Math.min(extent.to, Math.max(MIN_SPAN_MS, span * factor))) < 1e-6
          );
        },
      ),
    );
  });

  it('pans to the edge and no further', () => {
    expect(pan({ from: 10, to: 110 }, -50, extent)).toEqual({ from: 0, to: 100 });
    expect(pan({ from: 999_800, to: 999_900 }, 500, extent)).toEqual({ from: 999_900, to: 1_000_000 });
    expect(pan({ from: 10, to: 110 }, 40, extent)).toEqual({ from: 50, to: 150 });
  });

  it('shrinks only a window wider than the extent', () => {
    expect(clampTo({ from: -10, to: 2_000_000 }, extent)).toEqual(extent);
    expect(isWhole(clampTo({ from: -10, to: 2_000_000 }, extent), extent)).toBe(true);
    expect(isWhole({ from: 1, to: 1_000_000 }, extent)).toBe(false);
  });
});

describe('durationUnit', () => {
  it('picks the largest unit that is at least one, to a tenth below ten', () => {
    expect(durationUnit(999)).toEqual({ value: 999, unit: 'ms' });
    expect(durationUnit(1000)).toEqual({ value: 1, unit: 'second' });
    expect(durationUnit(1500)).toEqual({ value: 1.5, unit: 'second' });
    expect(durationUnit(9.96 * SECOND)).toEqual({ value: 10, unit: 'second' });
    expect(durationUnit(59 * SECOND)).toEqual({ value: 59, unit: 'second' });
    expect(durationUnit(MINUTE)).toEqual({ value: 1, unit: 'minute' });
    expect(durationUnit(90 * MINUTE)).toEqual({ value: 1.5, unit: 'hour' });
    expect(durationUnit(2 * DAY)).toEqual({ value: 2, unit: 'day' });
    expect(durationUnit(30 * DAY)).toEqual({ value: 30, unit: 'day' });
    expect(durationUnit(90 * DAY)).toEqual({ value: 3, unit: 'month' });
    expect(durationUnit(365 * DAY)).toEqual({ value: 1, unit: 'year' });
    expect(durationUnit(2 * 365 * DAY)).toEqual({ value: 2, unit: 'year' });
  });
});
