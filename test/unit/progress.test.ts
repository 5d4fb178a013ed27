/** The progress of a case's phases: the time left from the measured rate, and a fraction that never goes back. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ETA_MIN_FRACTION, ETA_MIN_MS, estimateEta, PhaseMeter } from '../../src/shared/progress.ts';

describe('estimateEta', () => {
  it('extrapolates the rate measured so far', () => {
    // 25 of 100 in 4 s: 75 more at 6.25/s is 12 s.
    expect(estimateEta(25, 100, 4000)).toBe(12_000);
    expect(estimateEta(50, 100, 3000)).toBe(3000);
  });

  it('says nothing before 2 s or 5 % are measured', () => {
    expect(estimateEta(50, 100, ETA_MIN_MS - 1)).toBeNull();
    expect(estimateEta(4, 100, 60_000)).toBeNull();
    expect(estimateEta(ETA_MIN_FRACTION * 100, 100, ETA_MIN_MS)).not.toBeNull();
    expect(estimateEta(0, 100, 60_000)).toBeNull();
    expect(estimateEta(10, 0, 60_000)).toBeNull();
  });

  it('is zero once done', () => {
    expect(estimateEta(100, 100, 10)).toBe(0);
  });
});

describe('PhaseMeter', () => {
  it('gives phase, unit, fraction and elapsed time', () => {
    const meter = new PhaseMeter('indexing', 'bytes', 200, 1000);
    expect(meter.update(50, 1500)).toEqual({
      phase: 'indexing',
      unit: 'bytes',
      done: 50,
      total: 200,
      fraction: 0.25,
      elapsedMs: 500,
      etaMs: null,
    });
    const later = meter.update(100, 5000);
    expect(later.fraction).toBe(0.5);
    expect(later.etaMs).toBe(4000);
  });

  it('never goes back nor past the total', () => {
    const meter = new PhaseMeter('reading', 'bytes', 100, 0);
    expect(meter.update(60, 10).done).toBe(60);
    expect(meter.update(40, 20).done).toBe(60);
    expect(meter.update(500, 30)).toMatchObject({ done: 100, fraction: 1 });
  });

  it('takes a total that grows or becomes known', () => {
    const meter = new PhaseMeter('indexing', 'bytes', 0, 0);
    expect(meter.update(10, 1)).toMatchObject({ done: 0, total: 0, fraction: 0, etaMs: null });
    expect(meter.update(10, 2, 40)).toMatchObject({ done: 10, total: 40, fraction: 0.25 });
    expect(meter.update(20, 3, 80)).toMatchObject({ done: 20, total: 80, fraction: 0.25 });
  });

  it('ends at done == total', () => {
    const meter = new PhaseMeter('sealing', 'steps', 4, 0);
    meter.update(1, 5);
    expect(meter.finish(9)).toMatchObject({ done: 4, total: 4, fraction: 1, etaMs: 0 });
    expect(new PhaseMeter('saving', 'bytes', 0, 0).finish(1)).toMatchObject({ done: 1, total: 1, fraction: 1 });
  });

  it('keeps the fraction of a fixed total monotonic and within [0, 1] whatever it is told', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), fc.array(fc.nat(2000), { maxLength: 30 }), (total, dones) => {
        const meter = new PhaseMeter('reading', 'bytes', total, 0);
        let before = 0;
        dones.forEach((done, i) => {
          const p = meter.update(done, i);
          expect(p.done).toBeLessThanOrEqual(p.total);
          expect(p.fraction).toBeGreaterThanOrEqual(before);
          expect(p.fraction).toBeLessThanOrEqual(1);
          before = p.fraction;
        });
      }),
    );
  });
});
