import { describe, expect, it } from 'vitest';
import type { PatternSummary } from '../../../../shared/patterns/patternViews.ts';
import { filterPatterns, sortPatterns, sparkPath } from './patternTable.ts';

const p = (id: number, over: Partial<PatternSummary>): PatternSummary => ({
  id,
  text: `t${id}`,
  count: 1,
  firstTime: null,
  lastTime: null,
  errors: 0,
  warnings: 0,
  sparkline: [],
  query: `template:${id}`,
  ...over,
});

const list = [
  p(0, { count: 5, firstTime: 300, errors: 0, warnings: 4, text: 'Connection <*> reset' }),
  p(1, { count: 50, firstTime: 100, errors: 1, text: 'GET <*> 200' }),
  p(2, { count: 5, firstTime: null, errors: 3, text: 'disk <*> failed' }),
  p(3, { count: 2, firstTime: 200, errors: 1, warnings: 1, text: 'Connection refused by <*>' }),
];

describe('sortPatterns', () => {
  it('sorts by count, ties by id', () => {
    expect(sortPatterns(list, 'count').map((x) => x.id)).toEqual([1, 0, 2, 3]);
  });
  it('sorts by errors, then warnings', () => {
    expect(sortPatterns(list, 'errors').map((x) => x.id)).toEqual([2, 3, 1, 0]);
  });
  it('sorts by first seen, untimed last', () => {
    expect(sortPatterns(list, 'first').map((x) => x.id)).toEqual([1, 3, 0, 2]);
  });
  it('does not change its input', () => {
    sortPatterns(list, 'count');
    expect(list.map((x) => x.id)).toEqual([0, 1, 2, 3]);
  });
});

describe('filterPatterns', () => {
  it('keeps the patterns holding every word, ignoring case', () => {
    expect(filterPatterns(list, 'connection').map((x) => x.id)).toEqual([0, 3]);
    expect(filterPatterns(list, 'CONNECTION refused').map((x) => x.id)).toEqual([3]);
    expect(filterPatterns(list, '  ')).toHaveLength(4);
  });
});

describe('sparkPath', () => {
  it('scales the largest count to the top and zero to the bottom', () => {
    expect(sparkPath([0, 2, 1], 100, 20)).toBe('M0,20 L50,0 L100,10');
  });
  it('draws all-zero counts on the bottom line and nothing for no buckets', () => {
    expect(sparkPath([0, 0], 10, 8)).toBe('M0,8 L10,8');
    expect(sparkPath([], 10, 8)).toBe('');
  });
});
