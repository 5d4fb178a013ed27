import { describe, expect, it } from 'vitest';
import { orderedMarks, segmentsOf, setMark, trimSpan } from './formatMarks.ts';

const line = '2025-12-07 01:02:03 WARN  queue full';

describe('formatMarks', () => {
  it('trims white space off a span and refuses an empty one', () => {
    expect(trimSpan(line, { start: 19, end: 26 })).toEqual({ start: 20, end: 24 });
    expect(trimSpan(line, { start: 24, end: 26 })).toBeNull();
    expect(trimSpan(line, { start: -5, end: 999 })).toEqual({ start: 0, end: line.length });
  });

  it('marks a part, dropping the marks it overlaps, and clears a mark with null', () => {
    let marks = setMark(line, {}, 'ts', { start: 0, end: 19 });
    marks = setMark(line, marks, 'level', { start: 20, end: 24 });
    marks = setMark(line, marks, 'msg', { start: 26, end: line.length });
    expect(Object.keys(marks).sort()).toEqual(['level', 'msg', 'ts']);
    // The message taken over the level: the level mark goes.
    const wider = setMark(line, marks, 'msg', { start: 20, end: line.length });
    expect(wider).toEqual({ ts: { start: 0, end: 19 }, msg: { start: 20, end: line.length } });
    expect(setMark(line, marks, 'level', null)).toEqual({ ts: marks.ts, msg: marks.msg });
  });

  it('orders the marks and cuts the line at them', () => {
    const marks = { msg: { start: 26, end: line.length }, ts: { start: 0, end: 19 } };
    expect(orderedMarks(marks).map((m) => m.kind)).toEqual(['ts', 'msg']);
    expect(segmentsOf(line, marks)).toEqual([
      { text: '2025-12-07 01:02:03', kind: 'ts' },
      { text: ' WARN  ', kind: null },
      { text: 'queue full', kind: 'msg' },
    ]);
    expect(segmentsOf('abc', {})).toEqual([{ text: 'abc', kind: null }]);
  });
});
