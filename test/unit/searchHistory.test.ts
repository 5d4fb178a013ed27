import { describe, expect, it } from 'vitest';
import { combined, remember, step, type Recall } from '../../src/renderer/src/lib/searchHistory.ts';

describe('search history', () => {
  it('keeps the newest first, once each, without blanks', () => {
    let list: string[] = [];
    for (const q of ['a', 'b', ' a ', '', '  ', 'c']) list = remember(list, q);
    expect(list).toEqual(['c', 'a', 'b']);
  });

  it('keeps at most 50 (or the given number)', () => {
    let list: string[] = [];
    for (let i = 0; i < 60; i++) list = remember(list, `q${i}`);
    expect(list).toHaveLength(50);
    expect(list[0]).toBe('q59');
    expect(list[49]).toBe('q10');
    expect(remember(['x', 'y'], 'z', 2)).toEqual(['z', 'x']);
  });

  it('lists this case first, then the other cases', () => {
    expect(combined(['b', 'a'], ['c', 'a', 'd'])).toEqual(['b', 'a', 'c', 'd']);
  });

  it('walks like a shell: ↑ older, ↓ newer, then the draft again', () => {
    const list = ['level:error', 'nova', 'timeout'];
    let recall: Recall = { at: -1, draft: 'tim' };
    const seen: string[] = [];
    for (;;) {
      const next = step(list, recall, true);
      if (!next) break;
      recall = next.recall;
      seen.push(next.text);
    }
    expect(seen).toEqual(['level:error', 'nova', 'timeout']);
    const down: string[] = [];
    for (;;) {
      const next = step(list, recall, false);
      if (!next) break;
      recall = next.recall;
      down.push(next.text);
    }
    expect(down).toEqual(['nova', 'level:error', 'tim']);
    expect(step([], { at: -1, draft: '' }, true)).toBeNull();
  });

  it('skips the search already in the box on the first ↑', () => {
    expect(step(['nova', 'glance'], { at: -1, draft: 'nova' }, true)?.text).toBe('glance');
    expect(step(['nova'], { at: -1, draft: 'nova' }, true)?.text).toBe('nova');
  });
});
