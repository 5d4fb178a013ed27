import { describe, expect, it } from 'vitest';
import {
  canStep,
  emptyHistory,
  pushEntry,
  replaceEntry,
  stepHistory,
} from '../../src/renderer/src/views/viewHistory.ts';

describe('view history', () => {
  it('goes back and forward like a browser', () => {
    let h = pushEntry(pushEntry(pushEntry(emptyHistory<string>(), 'events?q=a'), 'viewer:3:10'), 'trace:req-1');
    expect(canStep(h, 1)).toBe(false);
    const back = stepHistory(h, -1)!;
    expect(back.entry).toBe('viewer:3:10');
    h = stepHistory(back.history, -1)!.history;
    expect(h.entries[h.at]).toBe('events?q=a');
    expect(stepHistory(h, -1)).toBeNull();
    expect(stepHistory(h, 1)!.entry).toBe('viewer:3:10');
  });

  it('drops the forward entries on a new jump', () => {
    let h = pushEntry(pushEntry(emptyHistory<string>(), 'a'), 'b');
    h = stepHistory(h, -1)!.history;
    h = pushEntry(h, 'c');
    expect(h.entries).toEqual(['a', 'c']);
    expect(canStep(h, 1)).toBe(false);
  });

  it('replaces the current entry in place (typing, selecting)', () => {
    let h = pushEntry(pushEntry(emptyHistory<string>(), 'a'), 'b');
    h = stepHistory(h, -1)!.history;
    h = replaceEntry(h, 'a2');
    expect(h.entries).toEqual(['a2', 'b']);
    expect(replaceEntry(emptyHistory<string>(), 'x')).toEqual({ entries: ['x'], at: 0 });
  });

  it('keeps at most the given number of entries, the newest', () => {
    let h = emptyHistory<number>();
    for (let i = 0; i < 10; i++) h = pushEntry(h, i, 4);
    expect(h.entries).toEqual([6, 7, 8, 9]);
    expect(h.at).toBe(3);
  });
});
