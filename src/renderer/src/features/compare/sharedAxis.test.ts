import { describe, expect, it } from 'vitest';
import type { Histogram } from '../../../../shared/caseViews.ts';
import { epochMs } from '../../../../shared/model.ts';
import { levelBins, sharedAxis } from './sharedAxis.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const side = (from: number | null, to: number | null) => ({
  name: 'x',
  from: from === null ? null : epochMs(from),
  to: to === null ? null : epochMs(to),
  firstError: null,
  templates: 0,
  findings: 0,
});
const alignment = (offsetMs: number) => ({
  kind: 'wall' as const,
  offsetMs,
  anchorA: null,
  anchorB: null,
  fallback: null,
});

describe('sharedAxis', () => {
  it('spans both cases by wall time: B a day later widens the axis to two days', () => {
    const axis = sharedAxis({ a: side(0, HOUR), b: side(DAY, DAY + HOUR), alignment: alignment(0) });
    expect(axis).toEqual({ from: 0, to: DAY + HOUR, bFrom: 0, bTo: DAY + HOUR });
  });

  it('moves B by the offset: aligned a day back, the two hours overlap and B is read a day later', () => {
    const axis = sharedAxis({ a: side(0, HOUR), b: side(DAY + HOUR / 2, DAY + 2 * HOUR), alignment: alignment(-DAY) });
    expect(axis).toEqual({ from: 0, to: 2 * HOUR, bFrom: DAY, bTo: DAY + 2 * HOUR });
  });

  it('uses the one case that has times, widens an instant, and is null without times', () => {
    expect(sharedAxis({ a: side(null, null), b: side(5 * HOUR, 5 * HOUR), alignment: alignment(0) })).toEqual({
      from: 5 * HOUR - 30_000,
      to: 5 * HOUR + 30_000,
      bFrom: 5 * HOUR - 30_000,
      bTo: 5 * HOUR + 30_000,
    });
    expect(sharedAxis({ a: side(null, null), b: side(null, null), alignment: alignment(0) })).toBeNull();
  });
});

describe('levelBins', () => {
  it('adds every component up per level group and finds the tallest bin', () => {
    const h: Histogram = {
      from: epochMs(0),
      to: epochMs(3),
      binMs: 1,
      bins: 3,
      rows: [
        { component: 'a/x', level: 'error', counts: [1, 0, 2] },
        { component: 'b/y', level: 'critical', counts: [0, 1, 0] },
        { component: 'a/x', level: 'warning', counts: [0, 3, 0] },
        { component: 'a/x', level: 'info', counts: [5, 1, 0] },
        { component: 'b/y', level: 'unknown', counts: [1, 0, 0] },
      ],
    };
    expect(levelBins(h, 3)).toEqual({ error: [1, 1, 2], warning: [0, 3, 0], other: [6, 1, 0], max: 7 });
    expect(levelBins(null, 2)).toEqual({ error: [0, 0], warning: [0, 0], other: [0, 0], max: 1 });
  });
});
