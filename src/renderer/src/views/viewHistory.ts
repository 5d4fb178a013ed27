/**
 * Back and forward between the views of a case, like a browser's: each jump (a tab, a file opened,
 * a trace, a search sent from another view) is an entry; what changes within a view (typing a
 * query, moving the selection) updates the current entry. No React: unit tested in
 * test/unit/viewHistory.test.ts.
 */

/** At most this many entries are kept (the oldest go first). */
export const MAX_ENTRIES = 100;

export interface ViewHistory<T> {
  entries: readonly T[];
  /** The current entry's index (−1 when empty). */
  at: number;
}

export const emptyHistory = <T>(): ViewHistory<T> => ({ entries: [], at: -1 });

/** A new current entry after the current one; the entries forward of it are dropped. */
export function pushEntry<T>(history: ViewHistory<T>, entry: T, max = MAX_ENTRIES): ViewHistory<T> {
  const entries = [...history.entries.slice(0, history.at + 1), entry];
  const drop = Math.max(0, entries.length - max);
  return { entries: entries.slice(drop), at: entries.length - 1 - drop };
}

/** The current entry replaced (or the first one, when empty). */
export function replaceEntry<T>(history: ViewHistory<T>, entry: T): ViewHistory<T> {
  if (history.at < 0) return { entries: [entry], at: 0 };
  const entries = [...history.entries];
  entries[history.at] = entry;
  return { entries, at: history.at };
}

/** One step back (−1) or forward (+1): the history and the entry to show, or null at an end. */
export function stepHistory<T>(history: ViewHistory<T>, delta: -1 | 1): { history: ViewHistory<T>; entry: T } | null {
  const at = history.at + delta;
  if (at < 0 || at >= history.entries.length) return null;
  return { history: { entries: history.entries, at }, entry: history.entries[at] };
}

export const canStep = <T>(history: ViewHistory<T>, delta: -1 | 1): boolean =>
  history.at + delta >= 0 && history.at + delta < history.entries.length;
