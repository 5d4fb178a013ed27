import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../../../shared/search/queryLanguage.ts';
import { defaultRanges, fromLocalInput, toLocalInput, withinRange } from './compareRanges.ts';

const MIN = 60_000;

describe('defaultRanges', () => {
  it('offers the two halves of the case span, B starting where A ends', () => {
    expect(defaultRanges({ from: 0, to: 60 * MIN }, null)).toEqual({
      a: { from: 0, to: 30 * MIN - 1 },
      b: { from: 30 * MIN, to: 60 * MIN },
    });
  });

  it('offers the timeline selection and the same length of time after it', () => {
    expect(defaultRanges({ from: 0, to: 60 * MIN }, { from: 10 * MIN, to: 20 * MIN })).toEqual({
      a: { from: 10 * MIN, to: 20 * MIN },
      b: { from: 20 * MIN + 1, to: 30 * MIN + 1 },
    });
  });

  it('offers nothing for a case without a span of time', () => {
    expect(defaultRanges(null, null)).toBeNull();
    expect(defaultRanges({ from: 5, to: 5 }, null)).toBeNull();
  });
});

describe('datetime-local values', () => {
  it('reads back what it writes, to the millisecond', () => {
    for (const at of [Date.UTC(2025, 8, 18, 0, 30), Date.UTC(2025, 8, 18, 0, 29, 59, 999)])
      expect(fromLocalInput(toLocalInput(at))).toBe(at);
    expect(toLocalInput(new Date(2025, 8, 18, 8, 30).getTime())).toBe('2025-09-18T08:30:00');
  });

  it('takes a value without seconds and refuses what is not a time', () => {
    expect(fromLocalInput('2025-09-18T08:30')).toBe(new Date(2025, 8, 18, 8, 30).getTime());
    expect(fromLocalInput('')).toBeNull();
    expect(fromLocalInput('2025-02-30T08:00')).toBeNull();
    expect(fromLocalInput('noon')).toBeNull();
  });
});

describe('withinRange', () => {
  it('adds both bounds as query times that parse', () => {
    const query = withinRange('template:7', { from: Date.UTC(2025, 8, 18, 0, 30), to: Date.UTC(2025, 8, 18, 1) });
    expect(query).toBe('template:7 after:2025-09-18T00:30:00.000Z before:2025-09-18T01:00:00.000Z');
    expect(parseQuery(query).ok).toBe(true);
    expect(withinRange('', { from: 0, to: 1 })).toBe('after:1970-01-01T00:00:00.000Z before:1970-01-01T00:00:00.001Z');
    expect(withinRange('level:error', null)).toBe('level:error');
  });
});
