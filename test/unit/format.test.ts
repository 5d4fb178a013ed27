/** Sizes, durations and the time-left guess shown while a bundle is read. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { estimateRemainingMs, formatBytes, formatDuration } from '../../src/shared/format.ts';

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
