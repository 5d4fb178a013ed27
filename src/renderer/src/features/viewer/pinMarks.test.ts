import { describe, expect, it } from 'vitest';
import type { Pin } from '../../../../shared/caseNotes.ts';
import { holdsPin, nextAfter, pinLines } from './pinMarks.ts';

const pin = (path: string, line: number): Pin => ({
  path,
  line,
  file: 0,
  text: '',
  time: null,
  level: 'unknown',
  component: '',
  note: '',
  pinnedAt: 0,
});

describe('pinLines', () => {
  it('groups pinned lines by path, ascending, once each', () => {
    const marks = pinLines([pin('b.log', 9), pin('a.log', 30), pin('a.log', 4), pin('a.log', 30)]);
    expect(marks.get('a.log')).toEqual([4, 30]);
    expect(marks.get('b.log')).toEqual([9]);
  });
});

describe('holdsPin', () => {
  const marks = pinLines([pin('a.log', 12)]);
  it('is true for the event whose head or continuation line is pinned', () => {
    expect(holdsPin(marks, 'a.log', 12, 1)).toBe(true);
    expect(holdsPin(marks, 'a.log', 10, 5)).toBe(true);
  });
  it('is false for an event ending before the pin, starting after it, or another file', () => {
    expect(holdsPin(marks, 'a.log', 10, 2)).toBe(false);
    expect(holdsPin(marks, 'a.log', 13, 4)).toBe(false);
    expect(holdsPin(marks, 'b.log', 12, 1)).toBe(false);
  });
});

describe('nextAfter', () => {
  const lines = [4, 30, 77];
  it('finds the next and the previous, never the one it starts on', () => {
    expect(nextAfter(lines, 4, true)).toBe(30);
    expect(nextAfter(lines, 30, false)).toBe(4);
    expect(nextAfter(lines, 0, true)).toBe(4);
  });
  it('is null past the last or before the first', () => {
    expect(nextAfter(lines, 77, true)).toBeNull();
    expect(nextAfter(lines, 4, false)).toBeNull();
    expect(nextAfter([], 1, true)).toBeNull();
  });
});
