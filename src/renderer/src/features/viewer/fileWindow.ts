/**
 * The file viewer's arithmetic, kept out of React: which lines of a file are fetched (a window
 * around the target, never the whole file), which of them are shown (all, or ±N around the
 * target), and which id sits under the cursor.
 */
import type { FileLinesPage } from '../../../../shared/caseViews.ts';
import { extractIds, normalizeIdQuery } from '../../../../shared/ids/extractIds.ts';
import { MAX_PAGE_LINES } from '../../../../shared/api.ts';
import type { PinInput } from '../../views/caseNavigation.ts';

/** Lines fetched before and after the line a window is centred on. */
export const WINDOW_HALF = Math.min(2000, Math.floor((MAX_PAGE_LINES - 1) / 2));
/** Lines in one window (at most one page). */
export const WINDOW_LINES = 2 * WINDOW_HALF + 1;
/** The context choices (0 = the whole window); the seed's `grep -C 50` is one of them. */
export const CONTEXT_CHOICES = [0, 10, 50, 200] as const;

/** An inclusive range of 1-based file lines. */
export interface LineRange {
  from: number;
  to: number;
}

export const clamp = (n: number, low: number, high: number): number => Math.min(Math.max(n, low), high);

/** The first line of the window centred on `line`. */
export const windowStart = (line: number): number => Math.max(1, line - WINDOW_HALF);

/** The lines a page holds (empty range when it holds none). */
export function pageRange(page: FileLinesPage): LineRange {
  return { from: page.from, to: page.from + page.lines.length - 1 };
}

/** The target as the file allows it (a line past the end means the last line). */
export const targetIn = (page: FileLinesPage | null, target: number): number =>
  page ? clamp(target, 1, Math.max(1, page.total)) : target;

/** The lines that must be on screen: ±`context` around `target`, or just the target (whole-window mode). */
export function wantedRange(page: FileLinesPage, target: number, context: number): LineRange {
  const n = Math.max(0, context);
  return { from: Math.max(1, target - n), to: Math.min(Math.max(1, page.total), target + n) };
}

/** Whether the page holds every line of `range`. */
export function covers(page: FileLinesPage, range: LineRange): boolean {
  const held = pageRange(page);
  return range.from >= held.from && range.to <= held.to;
}

/** The shown range: ±`context` around `target` cut to what the page holds, or the whole page. */
export function shownRange(page: FileLinesPage, target: number, context: number): LineRange {
  const held = pageRange(page);
  if (context <= 0) return held;
  const wanted = wantedRange(page, target, context);
  return { from: Math.max(wanted.from, held.from), to: Math.min(wanted.to, held.to) };
}

/** The text of the shown lines, for the editor's model. */
export function shownText(page: FileLinesPage, range: LineRange): string {
  if (range.to < range.from) return '';
  return page.lines.slice(range.from - page.from, range.to - page.from + 1).join('\n');
}

/**
 * The id to trace from what the cursor touches: the selection if it is an id, else an id the
 * line's text carries at the cursor (as the index extracts them), else the word there when it
 * reads as a request id, uuid or IP. `column` is 0-based.
 */
export function idAt(lineText: string, column: number, selected: string, word: string | null): string | null {
  const sel = selected.trim();
  if (sel !== '' && sel.length <= 200 && !sel.includes('\n')) return normalizeIdQuery(sel) ? sel : null;
  for (const found of extractIds(lineText)) if (column >= found.start && column <= found.end) return found.value;
  if (word) {
    const normalized = normalizeIdQuery(word);
    if (normalized && normalized.kind !== 'host') return word;
  }
  return null;
}

/**
 * Where to fetch instead when a window centred past the end of the file came back short of its
 * last lines: the file's last window; null when the page is fine as it is.
 */
export function lastWindowStart(page: FileLinesPage, centre: number): number | null {
  return page.total > 0 && centre > page.total && page.from > windowStart(page.total) ? windowStart(page.total) : null;
}

/** What pinning `line` of the page records: its text and the level of the event it belongs to. */
export function pinOfLine(page: FileLinesPage, line: number): PinInput {
  const head = [...page.heads].reverse().find((h) => h.line <= line);
  return {
    path: page.path,
    line,
    file: page.file,
    text: page.lines[line - page.from] ?? '',
    time: null,
    level: head?.level ?? 'unknown',
    component: `${page.module}/${page.component}`,
  };
}
