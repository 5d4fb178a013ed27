/**
 * The decisions of the events list, kept out of React so that they are unit tested: what a
 * submitted query leads to, where the list lands when a run's first page arrives, where n / N
 * and e / E go, and which summary and empty state are shown. useEventSearch.ts and
 * useEventJumps.ts hold the state these decide on.
 */
import type { EventView, SearchPage } from '../../../../shared/caseViews.ts';
import type { QueryError, QueryNode } from '../../../../shared/search/queryLanguage.ts';
import type { StringKey } from '../../i18n/strings.ts';
import type { TimeRange } from '../../views/caseNavigation.ts';
import { prepareQuery, withRange } from './queryText.ts';

/** A short message next to the summary: a dictionary key, or the engine's own words. */
export type Notice = { key: StringKey } | { raw: string };

/** One submitted query: the text as typed, what was sent, and where to land. */
export interface Run {
  text: string;
  query: string;
  node: QueryNode | null;
  token: number;
  /** Timeline position to select when the timeline shows (after "Show in timeline" / clearing a search). */
  focus: number | null;
}

/** The list a run shows: its first page and what the summary says about it. */
export interface ListState {
  run: Run;
  total: number;
  /** False while the total is a lower bound (still being counted). */
  totalExact: boolean;
  seed: EventView[];
  byComponent: { component: string; count: number }[];
  tookMs: number;
  indexed: boolean;
}

/** What submitting a query's text leads to. */
export type Submission =
  | { kind: 'syntax'; error: QueryError }
  | { kind: 'needsReference' }
  /** Enter on the query already shown: the list stays as it is. */
  | { kind: 'unchanged' }
  | { kind: 'run'; query: string; node: QueryNode; focus: number | null };

export interface SubmissionContext {
  /** The selected event: relative times are measured from it, and leaving a search keeps it in view. */
  selected: Pick<EventView, 'time' | 'position'> | null;
  range: TimeRange | null;
  /** The run shown now, if any. */
  shown: Run | null;
  /** Whether the shown run failed (Enter then tries again). */
  failed: boolean;
  /** Timeline position to land on, when the caller chose one. */
  focus: number | null;
}

export function planSubmission(text: string, context: SubmissionContext): Submission {
  const { selected, range, shown, failed, focus } = context;
  const prepared = prepareQuery(text, selected?.time ?? null);
  if (prepared.kind !== 'ok') return prepared;
  const query = withRange(prepared.query, range);
  if (focus === null && shown && shown.query === query && !failed) return { kind: 'unchanged' };
  // Leaving a search keeps the selected hit in view on the timeline.
  const keep = focus ?? (query === '' && selected ? selected.position : null);
  return { kind: 'run', query, node: prepared.node, focus: keep };
}

/** Where the list goes when a run's first page arrives. */
export type Landing = { kind: 'stay' } | { kind: 'focus'; index: number } | { kind: 'clear' };

export function landingOf(previous: ListState | null, run: Run): Landing {
  // The same query again (the index attached): stay where the user was.
  if (previous && previous.run.token === run.token) return { kind: 'stay' };
  if (run.focus !== null && run.query === '') return { kind: 'focus', index: run.focus };
  return { kind: 'clear' };
}

/** The list of the timeline (the empty query): every event, counted exactly. */
export function timelineList(run: Run, total: number, rows: EventView[]): ListState {
  return { run, total, totalExact: true, seed: rows, byComponent: [], tookMs: 0, indexed: true };
}

export function hitsList(run: Run, page: SearchPage): ListState {
  return {
    run,
    total: page.total,
    totalExact: page.totalExact,
    seed: page.hits,
    byComponent: page.byComponent,
    tookMs: page.tookMs,
    indexed: page.indexed,
  };
}

/** Where the list stands: the selected row, or else the first one on screen. */
export interface ListPlace {
  selected: number | null;
  firstVisible: number;
  total: number;
}

export type Step = { kind: 'jump'; index: number } | { kind: 'notice'; key: StringKey };

/** n / N: the next or previous hit, from the selection (without one, from the top of the screen). */
export function hitStep(searchMode: boolean, place: ListPlace, forward: boolean): Step {
  if (!searchMode) return { kind: 'notice', key: 'evNoSearch' };
  const from = place.selected ?? (forward ? place.firstVisible - 1 : place.firstVisible);
  const to = from + (forward ? 1 : -1);
  if (to < 0) return { kind: 'notice', key: 'evNoPrevHit' };
  if (to >= place.total) return { kind: 'notice', key: 'evNoNextHit' };
  return { kind: 'jump', index: to };
}

/**
 * e / E: the position to search from, given the one of the row the search starts at. Without a
 * selection, forward starts just before the top row so that an error there is found.
 */
export const errorSearchFrom = (base: number, hasSelection: boolean, forward: boolean): number =>
  !hasSelection && forward ? base - 1 : base;

/** A dictionary key and the numbers it takes. */
export interface Message {
  key: StringKey;
  n?: number;
  ms?: number;
}

const isSearch = (run: Run | null): boolean => run !== null && run.query !== '';

/** The line above the list: loading, the hits and how long they took, or the events in order. */
export function summaryOf(list: ListState | null, run: Run | null, range: TimeRange | null): Message {
  if (list === null) return { key: isSearch(run) ? 'evSearching' : 'evLoading' };
  const n = list.total;
  if (!isSearch(list.run)) return { key: n === 1 ? 'evSummaryTimelineOne' : 'evSummaryTimeline', n };
  if (range !== null && list.run.text.trim() === '')
    return { key: n === 1 ? 'evSummaryRangeOne' : 'evSummaryRange', n };
  if (!list.totalExact) return { key: 'evSummaryCounting', n };
  return { key: n === 1 ? 'evSummaryHitsOne' : 'evSummaryHits', n, ms: list.tookMs };
}

/** What an empty list says, what to do next, and whether it offers to clear the search. */
export interface EmptyState {
  title: StringKey;
  /** The searched text, for `evNoHits`. */
  query: string;
  next: StringKey;
  canClear: boolean;
  testId: 'no-hits' | 'no-events';
}

export function emptyStateOf(list: ListState, range: TimeRange | null): EmptyState {
  const searchMode = isSearch(list.run);
  const text = list.run.text.trim();
  return {
    title: range !== null && text === '' ? 'evNoEventsInRange' : searchMode ? 'evNoHits' : 'evNoEvents',
    query: text,
    next: range !== null ? 'evNoHitsInRangeNext' : searchMode ? 'evNoHitsNext' : 'evNoEventsNext',
    canClear: searchMode && text !== '',
    testId: searchMode ? 'no-hits' : 'no-events',
  };
}
