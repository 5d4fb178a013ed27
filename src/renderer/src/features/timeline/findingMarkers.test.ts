import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { epochMs } from '../../../../shared/model.ts';
import type { Finding } from '../../../../shared/rules/finding.ts';
import { ROW_H, axisHeight, placeMarkers } from './findingMarkers.ts';

const finding = (rule: string, first: number | null, last: number | null = first): Finding =>
  ({
    rule,
    firstTime: first === null ? null : epochMs(first),
    lastTime: last === null ? null : epochMs(last),
  }) as Finding;

const view = { from: 0, to: 1000 };

describe('placeMarkers', () => {
  it('shows the findings that overlap the window, in time order, and none without a time', () => {
    const { markers, rows } = placeMarkers(
      [
        finding('late', 900),
        finding('early', 100),
        finding('before', -50, -10),
        finding('timeless', null),
        finding('spans', -100, 50),
      ],
      view,
      1000,
    );
    expect(markers.map((m) => m.finding.rule)).toEqual(['spans', 'early', 'late']);
    expect(markers[0].x).toBe(-100);
    expect(markers[0].x1).toBe(50);
    expect(rows).toBe(1);
  });

  it('puts markers closer than their triangles on another row', () => {
    const { markers, rows } = placeMarkers([finding('a', 100), finding('b', 105), finding('c', 120)], view, 1000);
    expect(markers.map((m) => m.row)).toEqual([0, 1, 0]);
    expect(rows).toBe(2);
    expect(axisHeight(rows)).toBe(2 * ROW_H + 26);
  });

  it('cuts a marker’s span at the right edge and uses at most six rows', () => {
    const many = Array.from({ length: 20 }, (_, i) => finding(`f${i}`, 500 + i, 5000));
    const { markers, rows } = placeMarkers(many, view, 1000);
    expect(rows).toBe(6);
    expect(markers.every((m) => m.x1 === 1000 && m.row < 6)).toBe(true);
  });

  it('keeps markers on one row apart while rows remain (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1000 }), { maxLength: 40 }), (times) => {
        const { markers, rows } = placeMarkers(
          times.map((t, i) => finding(`f${i}`, t)),
          view,
          500,
        );
        if (markers.length !== times.length || rows < 1 || rows > 6) return false;
        if (!markers.every((m, i) => i === 0 || markers[i - 1].x <= m.x)) return false;
        // Without crowding beyond six rows, neighbours on a row are at least 13 px apart.
        const crowded = markers.some((m, i) => {
          const near = markers.filter((o) => Math.abs(o.x - m.x) < 13).length;
          return near > 6 && i >= 0;
        });
        if (crowded) return true;
        for (let row = 0; row < rows; row++) {
          const xs = markers.filter((m) => m.row === row).map((m) => m.x);
          if (xs.some((x, i) => i > 0 && x - xs[i - 1] < 13)) return false;
        }
        return true;
      }),
    );
  });
});
