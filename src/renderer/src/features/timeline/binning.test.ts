import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Histogram } from '../../../../shared/caseViews.ts';
import { epochMs, type Level } from '../../../../shared/model.ts';
import {
  GROUPS,
  compareLanes,
  emptyHistogram,
  errorsOf,
  fold,
  groupOf,
  laneOrder,
  splitKey,
  totalOf,
  levelMix,
} from './binning.ts';

const histogram = (rows: Histogram['rows'], bins = 3): Histogram => ({
  from: epochMs(0),
  to: epochMs(bins * 1000),
  bins,
  binMs: 1000,
  rows,
});

describe('groupOf', () => {
  it('puts the five groups in severity order and every other level in "other"', () => {
    expect(GROUPS.map((g) => groupOf(g as Level))).toEqual([0, 1, 2, 3, 4]);
    expect(groupOf('debug' as Level)).toBe(GROUPS.length - 1);
    expect(groupOf('trace' as Level)).toBe(GROUPS.length - 1);
  });
});

describe('fold', () => {
  const h = histogram([
    { component: 'nova/nova-api', level: 'error' as Level, counts: [0, 2, 0] },
    { component: 'nova/nova-api', level: 'info' as Level, counts: [5, 0, 1] },
    { component: 'glance', level: 'warning' as Level, counts: [1, 1, 1] },
    { component: 'glance', level: 'debug' as Level, counts: [0, 0, 4] },
  ]);

  it('adds every row to its lane and to the whole-case series', () => {
    const { all, lanes } = fold(h, null);
    expect(all.total).toEqual([6, 3, 6]);
    expect(all.max).toBe(6);
    expect(all.sums).toEqual([0, 2, 3, 6, 4]);
    const nova = lanes.find((l) => l.key === 'nova/nova-api');
    expect(nova).toMatchObject({ module: 'nova', component: 'nova-api', max: 5, total: [5, 2, 1] });
    expect(lanes.find((l) => l.key === 'glance')).toMatchObject({ module: '', component: 'glance', max: 5 });
  });

  it('puts the lanes with most errors first, or in the order given', () => {
    expect(fold(h, null).lanes.map((l) => l.key)).toEqual(['nova/nova-api', 'glance']);
    const order = new Map([['glance', 0]]);
    // A lane missing from the order goes after the ones in it.
    expect(fold(h, order).lanes.map((l) => l.key)).toEqual(['glance', 'nova/nova-api']);
  });

  it('keeps every count: lanes sum to the whole case (property)', () => {
    const row = fc.record({
      component: fc.constantFrom('a/x', 'a/y', 'b', 'c/z'),
      level: fc.constantFrom(...(['critical', 'error', 'warning', 'info', 'debug'] as Level[])),
      counts: fc.array(fc.nat(50), { minLength: 4, maxLength: 4 }),
    });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 12 }), (rows) => {
        const { all, lanes } = fold(histogram(rows, 4), null);
        const laneTotals = [0, 1, 2, 3].map((i) => lanes.reduce((n, l) => n + l.total[i], 0));
        const input = rows.reduce((n, r) => n + r.counts.reduce((a, b) => a + b, 0), 0);
        return (
          laneTotals.every((n, i) => n === all.total[i]) &&
          totalOf(all) === input &&
          all.max === Math.max(0, ...all.total) &&
          lanes.every((l, i) => i === 0 || compareLanes(lanes[i - 1], l) <= 0)
        );
      }),
    );
  });

  it('gives an empty histogram empty series', () => {
    const { all, lanes } = fold(emptyHistogram({ from: 0, to: 60_000, bins: 6 }), null);
    expect(lanes).toEqual([]);
    expect(all.total).toEqual([0, 0, 0, 0, 0, 0]);
    expect(all.max).toBe(0);
  });
});

describe('compareLanes', () => {
  const lane = (key: string, sums: number[]) => ({ key, sums });
  it('orders by errors (critical counts as error), then warnings, then events, then name', () => {
    expect(compareLanes(lane('a', [1, 0, 0, 0, 0]), lane('b', [0, 1, 0, 0, 0]))).toBeLessThan(0);
    expect(compareLanes(lane('a', [0, 1, 0, 0, 0]), lane('b', [0, 2, 0, 0, 0]))).toBeGreaterThan(0);
    expect(compareLanes(lane('a', [0, 1, 5, 0, 0]), lane('b', [0, 1, 0, 9, 9]))).toBeLessThan(0);
    expect(compareLanes(lane('a', [0, 0, 0, 1, 0]), lane('b', [0, 0, 0, 0, 2]))).toBeGreaterThan(0);
    expect(compareLanes(lane('b', [0, 0, 0, 1, 0]), lane('a', [0, 0, 0, 1, 0]))).toBeGreaterThan(0);
    expect(errorsOf(lane('x', [2, 3, 4, 5, 6]))).toBe(5);
  });
});

describe('levelMix', () => {
  const sum = (list: number[]): number => list.reduce((a, b) => a + b, 0);

  it('splits a lane bar by each level’s share instead of painting it the worst level', () => {
    // critical, error, warning, info, other: a bar with 10% warnings is 90% info.
    const heights = levelMix([0, 0, 10, 90, 0], 20);
    expect(heights[2]).toBeCloseTo(2);
    expect(heights[3]).toBeCloseTo(18);
    expect(sum(heights)).toBeCloseTo(20);
    expect(levelMix([0, 5, 5, 0, 0], 10)).toEqual([0, 5, 5, 0, 0]);
  });

  it('keeps one error visible next to a flood of info lines, taken from the largest segment', () => {
    const heights = levelMix([0, 1, 0, 9999, 0], 18);
    expect(heights[1]).toBeCloseTo(1.5);
    expect(heights[3]).toBeCloseTo(16.5);
    expect(sum(heights)).toBeCloseTo(18);
  });

  it('gives nothing to an empty bar', () => {
    expect(levelMix([0, 0, 0, 0, 0], 18)).toEqual([0, 0, 0, 0, 0]);
  });

  it('sums to the height, leaves empty groups empty and keeps the order of shares (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat({ max: 100_000 }), { minLength: 5, maxLength: 5 }),
        fc.double({ min: 3, max: 40, noNaN: true }),
        (counts, height) => {
          const heights = levelMix(counts, height);
          if (sum(counts) === 0) return heights.every((h) => h === 0);
          return (
            Math.abs(sum(heights) - height) < 1e-6 &&
            heights.every((h, g) => h >= 0 && (counts[g] === 0) === (h === 0)) &&
            // Where the bar has room, a severe group with events gets its floor.
            (height < 15 || heights.every((h, g) => g > 2 || counts[g] === 0 || h >= 1.5 - 1e-9))
          );
        },
      ),
    );
  });
});

describe('laneOrder and splitKey', () => {
  it('ranks the lanes of the one-bin request', () => {
    const order = laneOrder(
      histogram(
        [
          { component: 'quiet', level: 'info' as Level, counts: [9] },
          { component: 'loud', level: 'critical' as Level, counts: [1] },
        ],
        1,
      ),
    );
    expect([...order]).toEqual([
      ['loud', 0],
      ['quiet', 1],
    ]);
  });

  it('cuts a key at its first slash', () => {
    expect(splitKey('nova/nova-api')).toEqual({ module: 'nova', component: 'nova-api' });
    expect(splitKey('a/b/c')).toEqual({ module: 'a', component: 'b/c' });
    expect(splitKey('solo')).toEqual({ module: '', component: 'solo' });
  });
});

describe('emptyHistogram', () => {
  it('spreads the window over the bins asked', () => {
    expect(emptyHistogram({ from: 1000, to: 4000, bins: 3 })).toEqual({
      from: 1000,
      to: 4000,
      bins: 3,
      binMs: 1000,
      rows: [],
    });
  });
});
