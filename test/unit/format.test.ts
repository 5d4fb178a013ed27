/** Sizes, durations and the time-left guess shown while a bundle is read. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DURATION_UNITS_ZH, estimateRemainingMs, formatBytes, formatDuration } from '../../src/shared/format.ts';

describe('estimateRemainingMs', () => {
  it('extrapolates the rate so far', () => {
    expect(estimateRemainingMs(25, 100, 4000)).toBe(12_000);
    expect(estimateRemainingMs(50, 100, 3000)).toBe(3000);
  });

  it('gives no guess while too little is known', () => {
    expect(estimateRemainingMs(0, 100, 5000)).toBeNull();
    expect(estimateRemainingMs(1, 100, 5000)).toBeNull();
    expect(estimateRemainingMs(50, 100, 500)).toBeNull();
    expect(estimateRemainingMs(10, 0, 5000)).toBeNull();
  });

  it('is zero when done and never negative', () => {
    expect(estimateRemainingMs(100, 100, 5000)).toBe(0);
    expect(estimateRemainingMs(120, 100, 5000)).toBe(0);
    fc.assert(
      fc.property(fc.nat(1e9), fc.nat(1e9), fc.nat(1e8), (done, total, elapsed) => {
        const left = estimateRemainingMs(done, total, elapsed);
        return left === null || (left >= 0 && Number.isFinite(left));
      }),
    );
  });
});

describe('formatBytes and formatDuration', () => {
  it('reads as a person would say it', () => {
    expect(formatBytes(0)).toMatch(/^0\s?B$/);
    expect(formatBytes(1536)).toMatch(/1\.5\s?KB/);
    expect(formatDuration(12_000)).toMatch(/12(\.0)?\s?s/);
  });
});

describe('formatDuration from milliseconds to years', () => {
  const S = 1000;
  const MIN = 60 * S;
  const H = 60 * MIN;
  const D = 24 * H;
  const Y = 365.2425 * D;
  it.each([
    [0, '0 ms'],
    [0.4, '0.4 ms'],
    [350, '350 ms'],
    [999.4, '999 ms'],
    [999.6, '1 s'],
    [4_200, '4.2 s'],
    [12_000, '12 s'],
    [59_400, '59 s'],
    [59_600, '1 min'],
    [2 * MIN + 5 * S, '2 min 5 s'],
    [13 * MIN + 200, '13 min'],
    [H - 400, '1 h'],
    [3 * H + 20 * MIN, '3 h 20 min'],
    [23 * H + 59 * MIN + 40 * S, '1 d'],
    [4 * D + 2 * H, '4 d 2 h'],
    [180 * D, '5 mo 28 d'],
    [Y, '1 y'],
    // The span of issue 17: 96381 hours read '96381h 0m'.
    [96_381 * H, '11 y'],
    [11 * Y + 2 * (Y / 12), '11 y 2 mo'],
    [-(3 * H + 20 * MIN), '-3 h 20 min'],
  ])('%d ms → %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it('never shows a zero or a full smaller unit, and the first unit grows with the duration', () => {
    let previous = -1;
    const order = ['ms', 's', 'min', 'h', 'd', 'mo', 'y'];
    for (let ms = 1; ms < 40 * Y; ms *= 1.37) {
      const text = formatDuration(ms);
      expect(text).not.toMatch(/ 0 [a-z]+$/);
      expect(text).not.toMatch(/ (60 s|60 min|24 h|12 mo)$/);
      const unit = order.indexOf(text.split(' ')[1]);
      expect(unit).toBeGreaterThanOrEqual(previous);
      previous = unit;
    }
  });

  it('speaks Chinese when given its units', () => {
    expect(formatDuration(3 * H + 20 * MIN, DURATION_UNITS_ZH)).toBe('3 小时 20 分钟');
    expect(formatDuration(11 * Y + 2 * (Y / 12), DURATION_UNITS_ZH)).toBe('11 年 2 个月');
  });
});
