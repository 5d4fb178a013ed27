/**
 * The pages of an open case's index the UI (and the report) ask for — search pages, timeline
 * pages, file pages. Pure functions of the index; the CaseManager owns the case.
 */
import type { EventsPage, FileLinesPage, SearchPage } from '../../../shared/caseViews.ts';
import { LEVELS } from '../../../shared/model.ts';
import { parseQuery } from '../../../shared/search/queryLanguage.ts';
import type { CaseIndex } from './caseIndex.ts';
import { searchEvents } from './searchIndex.ts';

/**
 * One page of hits; a query that does not parse comes back with `syntaxError` set. With
 * `countBudgetMs` the total is counted for at most that long after the page is filled.
 */
export function searchPage(
  index: CaseIndex,
  query: string,
  offset: number,
  limit: number,
  countBudgetMs?: number,
): SearchPage {
  const started = performance.now();
  const empty = { query, total: 0, totalExact: true, byComponent: [], offset, hits: [], indexed: index.indexed };
  const parsed = parseQuery(query);
  if (!parsed.ok) return { ...empty, syntaxError: parsed.error, tookMs: 0 };
  const result = searchEvents(index, parsed.query, { offset, limit, countBudgetMs });
  return {
    query,
    syntaxError: null,
    total: result.total,
    totalExact: result.totalExact,
    byComponent: result.byComponent,
    offset,
    hits: result.hits,
    indexed: result.indexed,
    tookMs: Math.round(performance.now() - started),
  };
}

/** One page of the merged timeline, from `offset` or from the first event at or after `at`. */
export function eventsPage(index: CaseIndex, offset: number, limit: number, at?: number): EventsPage {
  const start = at === undefined ? offset : index.positionAt(at);
  return { total: index.size, offset: start, rows: index.window(start, limit) };
}

/**
 * The event whose lines hold `line` of file `file`: the last event starting on or before it,
 * when the line is within its head and continuation lines. Null when the file is unknown or no
 * event holds the line (before the first event, past the last one's lines).
 */
export function eventAtLine(index: CaseIndex, file: number, line: number): number | null {
  const f = index.files[file];
  if (!f || f.count === 0) return null;
  const starts = index.events.line;
  // Events of a file are in line order: the last one starting on or before `line`.
  let lo = f.first;
  let hi = f.first + f.count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (starts[mid] <= line) lo = mid + 1;
    else hi = mid;
  }
  const e = lo - 1;
  if (e < f.first) return null;
  return line < starts[e] + index.events.lineCount[e] ? e : null;
}

/** Lines of one file with the events that start on them; null when the file index is unknown. */
export function fileLinesPage(index: CaseIndex, file: number, from: number, count: number): FileLinesPage | null {
  const f = index.files[file];
  if (!f) return null;
  const total = f.record.lines;
  const start = Math.min(Math.max(1, from), Math.max(1, total));
  const n = Math.max(0, Math.min(count, total - start + 1));
  const lines = f.store >= 0 && n > 0 ? index.store.readLines(f.store, start, n) : [];
  // Events of a file are in line order: find the first one on or after `start`.
  const line = index.events.line;
  let lo = f.first;
  let hi = f.first + f.count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (line[mid] < start) lo = mid + 1;
    else hi = mid;
  }
  const heads: FileLinesPage['heads'] = [];
  for (let e = lo; e < f.first + f.count && line[e] < start + n; e++)
    heads.push({ line: line[e], level: LEVELS[index.events.level[e]], event: e });
  return {
    file,
    path: f.record.path,
    module: f.record.module,
    component: f.record.component,
    total,
    from: start,
    lines,
    heads,
  };
}
