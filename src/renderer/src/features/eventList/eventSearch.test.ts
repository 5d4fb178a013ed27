import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SearchPage } from '../../../../shared/caseViews.ts';
import { epochMs } from '../../../../shared/model.ts';
import {
  emptyStateOf,
  errorSearchFrom,
  hitStep,
  hitsList,
  landingOf,
  planSubmission,
  summaryOf,
  timelineList,
  type ListState,
  type Run,
  type SubmissionContext,
} from './eventSearch.ts';

const T = epochMs(Date.UTC(2025, 8, 18, 16, 24, 31));
const run = (query: string, token = 1, focus: number | null = null, text = query): Run => ({
  text,
  query,
  node: null,
  token,
  focus,
});
const none: SubmissionContext = { selected: null, range: null, shown: null, failed: false, focus: null };
const page = (patch: Partial<SearchPage> = {}): SearchPage => ({
  query: 'q',
  syntaxError: null,
  total: 12,
  totalExact: true,
  byComponent: [{ component: 'nova/api', count: 12 }],
  offset: 0,
  hits: [],
  indexed: true,
  tookMs: 7,
  ...patch,
});

describe('planSubmission', () => {
  it('runs new text, and reports what stops it', () => {
    expect(planSubmission('timeout', none)).toMatchObject({ kind: 'run', query: 'timeout', focus: null });
    expect(planSubmission('(timeout', none)).toMatchObject({ kind: 'syntax' });
    expect(planSubmission('after:-1m', none)).toEqual({ kind: 'needsReference' });
    expect(planSubmission('after:-1m', { ...none, selected: { time: T, position: 3 } })).toMatchObject({
      kind: 'run',
      query: 'after:2025-09-18T16:24:31Z-1m',
    });
  });

  it('keeps the list on Enter with the query shown, unless it failed or a place is asked', () => {
    const shown = run('timeout');
    expect(planSubmission('timeout ', { ...none, shown })).toEqual({ kind: 'unchanged' });
    expect(planSubmission('timeout', { ...none, shown, failed: true })).toMatchObject({ kind: 'run' });
    expect(planSubmission('timeout', { ...none, shown, focus: 9 })).toMatchObject({ kind: 'run', focus: 9 });
  });

  it('limits the query to the time range', () => {
    const range = { from: T, to: T + 1000 };
    const plan = planSubmission('a OR b', { ...none, range });
    expect(plan).toMatchObject({
      kind: 'run',
      query: `(a OR b) after:${new Date(T).toISOString()} before:${new Date(T + 1000).toISOString()}`,
    });
    // The same text in another range is another query.
    expect(
      planSubmission('a OR b', {
        ...none,
        range: { from: T, to: T + 2000 },
        shown: run(plan.kind === 'run' ? plan.query : ''),
      }),
    ).toMatchObject({ kind: 'run' });
  });

  it('keeps the selected hit in view when leaving a search for the timeline', () => {
    const selected = { time: T, position: 41 };
    expect(planSubmission('', { ...none, selected, shown: run('timeout') })).toMatchObject({
      kind: 'run',
      query: '',
      focus: 41,
    });
    // Within a range the list is still a search: nothing to keep.
    expect(planSubmission('', { ...none, selected, range: { from: 0, to: 1 } })).toMatchObject({ focus: null });
  });
});

describe('landingOf', () => {
  const list = (r: Run): ListState => timelineList(r, 10, []);
  it('stays where the user was when the same run answers again', () => {
    expect(landingOf(list(run('a', 4)), run('a', 4))).toEqual({ kind: 'stay' });
  });
  it('centres the asked position on the timeline only', () => {
    expect(landingOf(list(run('a', 4)), run('', 5, 77))).toEqual({ kind: 'focus', index: 77 });
    expect(landingOf(null, run('a', 5, 77))).toEqual({ kind: 'clear' });
    expect(landingOf(null, run('', 5))).toEqual({ kind: 'clear' });
  });
});

describe('hitStep', () => {
  const place = { selected: null, firstVisible: 10, total: 50 };
  it('goes from the selection, or from the top of the screen without one', () => {
    expect(hitStep(true, { ...place, selected: 20 }, true)).toEqual({ kind: 'jump', index: 21 });
    expect(hitStep(true, { ...place, selected: 20 }, false)).toEqual({ kind: 'jump', index: 19 });
    expect(hitStep(true, place, true)).toEqual({ kind: 'jump', index: 10 });
    expect(hitStep(true, place, false)).toEqual({ kind: 'jump', index: 9 });
  });

  it('says when there is no search or no hit that way', () => {
    expect(hitStep(false, place, true)).toEqual({ kind: 'notice', key: 'evNoSearch' });
    expect(hitStep(true, { ...place, selected: 0 }, false)).toEqual({ kind: 'notice', key: 'evNoPrevHit' });
    expect(hitStep(true, { ...place, selected: 49 }, true)).toEqual({ kind: 'notice', key: 'evNoNextHit' });
    expect(hitStep(true, { selected: null, firstVisible: 0, total: 0 }, true)).toEqual({
      kind: 'notice',
      key: 'evNoNextHit',
    });
  });

  it('always lands inside the list (property)', () => {
    fc.assert(
      fc.property(
        fc.nat(1000),
        fc.option(fc.nat(1000), { nil: null }),
        fc.nat(1000),
        fc.boolean(),
        (total, selected, firstVisible, forward) => {
          const inList = (i: number | null) => i === null || i < total;
          fc.pre(inList(selected) && (total === 0 || firstVisible < total));
          const step = hitStep(true, { selected, firstVisible, total }, forward);
          return step.kind === 'notice' || (step.index >= 0 && step.index < total);
        },
      ),
    );
  });
});

describe('errorSearchFrom', () => {
  it('includes the top row going forward without a selection', () => {
    expect(errorSearchFrom(100, false, true)).toBe(99);
    expect(errorSearchFrom(100, true, true)).toBe(100);
    expect(errorSearchFrom(100, false, false)).toBe(100);
  });
});

describe('summaryOf', () => {
  const range = { from: T, to: T + 1 };
  it('says what is loading before the first page', () => {
    expect(summaryOf(null, null, null)).toEqual({ key: 'evLoading' });
    expect(summaryOf(null, run(''), null)).toEqual({ key: 'evLoading' });
    expect(summaryOf(null, run('x'), null)).toEqual({ key: 'evSearching' });
  });

  it('counts events, hits (exact or not yet) and events in a range', () => {
    expect(summaryOf(timelineList(run(''), 1, []), null, null)).toEqual({ key: 'evSummaryTimelineOne', n: 1 });
    expect(summaryOf(timelineList(run(''), 5, []), null, null)).toEqual({ key: 'evSummaryTimeline', n: 5 });
    expect(summaryOf(hitsList(run('x'), page()), null, null)).toEqual({ key: 'evSummaryHits', n: 12, ms: 7 });
    expect(summaryOf(hitsList(run('x'), page({ total: 1 })), null, null)).toMatchObject({ key: 'evSummaryHitsOne' });
    expect(summaryOf(hitsList(run('x'), page({ totalExact: false })), null, null)).toEqual({
      key: 'evSummaryCounting',
      n: 12,
    });
    const inRange = hitsList(run('after:… before:…', 1, null, ' '), page({ total: 3 }));
    expect(summaryOf(inRange, null, range)).toEqual({ key: 'evSummaryRange', n: 3 });
  });
});

describe('emptyStateOf', () => {
  it('tells an empty case, no hits and an empty range apart, and offers to clear a search', () => {
    expect(emptyStateOf(timelineList(run(''), 0, []), null)).toMatchObject({
      title: 'evNoEvents',
      next: 'evNoEventsNext',
      canClear: false,
      testId: 'no-events',
    });
    expect(emptyStateOf(hitsList(run('zzz', 1, null, ' zzz '), page({ total: 0 })), null)).toMatchObject({
      title: 'evNoHits',
      query: 'zzz',
      next: 'evNoHitsNext',
      canClear: true,
      testId: 'no-hits',
    });
    const range = { from: T, to: T + 1 };
    expect(emptyStateOf(hitsList(run('after:…', 1, null, ''), page({ total: 0 })), range)).toMatchObject({
      title: 'evNoEventsInRange',
      next: 'evNoHitsInRangeNext',
      canClear: false,
    });
  });
});

describe('hitsList', () => {
  it('takes the first page as the seed and its counts for the chips', () => {
    const list = hitsList(run('x'), page({ hits: [], indexed: false }));
    expect(list).toMatchObject({ total: 12, totalExact: true, seed: [], indexed: false, tookMs: 7 });
    expect(list.byComponent).toEqual([{ component: 'nova/api', count: 12 }]);
  });
});
